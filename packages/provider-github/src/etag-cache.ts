/** A cached GET response kept for conditional requests. */
export interface CachedResponse {
  etag: string;
  status: number;
  url: string;
  headers: Record<string, string>;
  data: unknown;
}

/**
 * Bounded least-recently-used map of `credential fingerprint + accept + URL` → last response
 * with its `ETag`. Size 0 disables caching. Values are cloned on the way out so callers cannot
 * corrupt cached data.
 */
export class EtagCache {
  private readonly entries = new Map<string, CachedResponse>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, value: CachedResponse): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
