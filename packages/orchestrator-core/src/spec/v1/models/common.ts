import { z } from 'zod';

/**
 * A warning attached to a result when the provider served the call only in part:
 * `unsupported` (a requested feature was ignored), `partial` (some items could not be
 * returned), `deprecated`.
 */
export const warningSchema = z.object({
  type: z.enum(['unsupported', 'partial', 'deprecated', 'other']),
  feature: z.string(),
  message: z.string().optional(),
});
/** See {@link warningSchema}. */
export type Warning = z.infer<typeof warningSchema>;

/** Fields every unified model carries: the serving provider's id and the vendor's own object. */
export const modelBase = {
  /** Id of the provider that produced this object. */
  provider: z.string(),
  /** The vendor's own object, unmodified (escape hatch for vendor-only fields). */
  raw: z.unknown().optional(),
  warnings: z.array(warningSchema).optional(),
};

/** A person or bot account as the vendor shows it. */
export const actorSchema = z.object({
  id: z.string().optional(),
  login: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  avatarUrl: z.string().nullish(),
});
/** See {@link actorSchema}. */
export type Actor = z.infer<typeof actorSchema>;

/** ISO-8601 timestamp string as the vendor returned it. */
export const timestamp = z.string();

/**
 * Input fields of every list operation: `cursor` from a previous page's `nextCursor`, and
 * `limit`, the maximum number of items to return (1–10,000; default: all, up to 1,000).
 */
export const listInputFields = {
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
};

/** Default `limit` of list operations when the caller gives none. */
export const DEFAULT_LIST_LIMIT = 1000;

/**
 * A page of results: `items`, and `nextCursor` when more items exist (pass it back as
 * `cursor`). `totalCount` when the vendor reports it.
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullish(),
    totalCount: z.number().int().nonnegative().nullish(),
    provider: z.string(),
    warnings: z.array(warningSchema).optional(),
  });
}
/** A page of `T` (see {@link pageOf}). */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
  totalCount?: number | null;
  provider: string;
  warnings?: Warning[];
}

/** Result of a delete or other operation without a body. */
export const ackSchema = z.object({
  ...modelBase,
  /** True when the vendor confirmed the change. */
  ok: z.boolean(),
  /** Id of the affected resource, when known. */
  id: z.string().optional(),
});
/** See {@link ackSchema}. */
export type Ack = z.infer<typeof ackSchema>;

/** A non-empty trimmed name. */
export const nameString = z.string().trim().min(1);
