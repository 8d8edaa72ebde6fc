/** One check before the suite gives it an id and group (internal). */
export interface CheckSpec {
  /** Kebab-case id within its group. */
  slug: string;
  name: string;
  run(): Promise<void>;
}
