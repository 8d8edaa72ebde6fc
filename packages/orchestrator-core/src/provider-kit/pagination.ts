import { InvalidArgumentError, ProviderCallError } from '../errors/index.js';
import { DEFAULT_LIST_LIMIT, type Page, type Warning } from '../spec/v1/models/common.js';

/**
 * Position in a page-numbered list: the vendor's 1-based page number, the page size the walk
 * started with, and how many items of that page were already returned.
 */
export interface PageCursor {
  /** 1-based page number. */
  page: number;
  /** Items per page (kept so that a resumed walk asks for the same pages). */
  perPage: number;
  /** Items at the start of `page` already returned to the caller. */
  skip: number;
}

/** Encodes a {@link PageCursor} as an opaque base64url string (versioned JSON inside). */
export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, p: cursor.page, n: cursor.perPage, s: cursor.skip })).toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodePageCursor}.
 * @param operation - unified operation name, named in the error
 * @throws InvalidArgumentError (path `cursor`) when the string is not such a cursor
 */
export function decodePageCursor(cursor: string, operation: string): PageCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { v, p, n, s } = parsed;
    if (v === 1 && isPositiveInt(p) && isPositiveInt(n) && Number.isInteger(s) && (s as number) >= 0) {
      return { page: p as number, perPage: n as number, skip: s as number };
    }
  } catch {
    // fall through
  }
  throw new InvalidArgumentError({ argument: operation, issues: [{ path: 'cursor', message: 'not a cursor returned by this provider' }] });
}

function isPositiveInt(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1;
}

/** What one page fetch returns to {@link collectPages}. */
export interface FetchedPage<V> {
  /** The page's vendor items, in list order. */
  items: V[];
  /**
   * Page number the server says comes next (e.g. from Link `rel="next"`, see
   * {@link nextPageFromLink}); `null` when it says there is none; `undefined` when it says
   * nothing (then a full page is taken to mean more may follow).
   */
  nextPage: number | null | undefined;
  /** Total item count when the server reports it (e.g. `X-Total-Count`, `X-Total`). */
  totalCount?: number | undefined;
}

/** Options of {@link collectPages}. `V` is the vendor item, `T` the unified model. */
export interface CollectPagesOptions<V, T> {
  /** Provider id, set on the page and named in errors. */
  provider: string;
  /** Unified operation name, named in errors. */
  operation: string;
  /** Opaque cursor from an earlier page's `nextCursor`; absent for the first page. */
  cursor?: string | undefined;
  /** Items wanted; default {@link DEFAULT_LIST_LIMIT}. */
  limit?: number | undefined;
  /** Page size asked of the vendor (the first page asks for `min(pageSize, limit)`). */
  pageSize: number;
  /** Pages fetched at most in one call before failing (guards endless pagination). */
  maxPages: number;
  /** Fetches one page; should pass the caller's `AbortSignal` on. */
  fetchPage: (page: number, perPage: number) => Promise<FetchedPage<V>>;
  /** Maps a vendor item to the unified model; return `undefined` to drop it (client-side filter). */
  map: (item: V) => T | undefined;
  /** Identity of a vendor item, used to detect a server that serves the same page twice. */
  key?: (item: V) => string;
  /** True when `map` filters items: the vendor's total then counts other things and is not reported. */
  filtered?: boolean;
  /** Ends the list at this item (not included) with no further pages, e.g. the first commit older than `since`. */
  stopAt?: (item: V) => boolean;
  /** Warnings to attach to the returned page (left out when empty). */
  warnings?: Warning[];
}

/** Consecutive empty pages that still announce a next page before {@link collectPages} gives up. */
export const MAX_EMPTY_PAGES = 3;

/**
 * Walks page-numbered pagination (`?page=N&per_page=M`, as Gitea, GitLab and many REST APIs
 * have) until `limit` items are collected or the list ends, and returns them with an opaque
 * `nextCursor` when more remain (it may point into the middle of a page). `totalCount` is
 * reported when the server gave one and `filtered` is not set.
 *
 * Ends with an error, never a loop, when the server's pagination is malformed: a next page
 * already visited or not after the current one, the same page content served twice (with
 * `key`), more than {@link MAX_EMPTY_PAGES} empty pages in a row that claim a successor, or
 * more than `maxPages` pages in one call.
 *
 * @throws InvalidArgumentError when `cursor` is not one of ours
 * @throws ProviderCallError (`category: 'unknown'`, not retryable) on malformed pagination
 * @throws whatever `fetchPage` throws
 */
export async function collectPages<V, T>(options: CollectPagesOptions<V, T>): Promise<Page<T>> {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const start = options.cursor ? decodePageCursor(options.cursor, options.operation) : { page: 1, perPage: Math.min(options.pageSize, limit), skip: 0 };
  const perPage = start.perPage;
  const items: T[] = [];
  const visited = new Set<number>();
  let page = start.page;
  let skip = start.skip;
  let emptyRun = 0;
  let previousKeys: string | undefined;
  let totalCount: number | undefined;
  let fetched = 0;

  const fail = (message: string): never => {
    throw new ProviderCallError({
      provider: options.provider,
      operation: options.operation,
      category: 'unknown',
      isRetryable: false,
      message: `${options.provider} ${options.operation}: malformed pagination: ${message}`,
    });
  };

  for (;;) {
    if (visited.has(page)) fail(`page ${page} was already visited`);
    if (fetched >= options.maxPages) fail(`more than ${options.maxPages} pages in one call`);
    visited.add(page);
    fetched++;
    const result = await options.fetchPage(page, perPage);
    if (result.totalCount !== undefined) totalCount = result.totalCount;

    if (options.key && result.items.length > 0) {
      const keys = result.items.map(options.key).join('\u0000');
      if (keys === previousKeys) fail(`page ${page} repeats the previous page`);
      previousKeys = keys;
    }
    emptyRun = result.items.length === 0 ? emptyRun + 1 : 0;

    // Is there a page after this one?
    let next: number | null = null;
    if (result.nextPage !== undefined && result.nextPage !== null) {
      if (!(result.nextPage > page)) fail(`next page ${result.nextPage} does not follow page ${page}`);
      next = result.nextPage;
    } else if (result.nextPage === undefined && result.items.length >= perPage) {
      next = page + 1; // the server says nothing: a full page suggests more
    }
    if (next !== null && totalCount !== undefined && (next - 1) * perPage >= totalCount) next = null;
    if (next !== null && emptyRun > MAX_EMPTY_PAGES) fail(`${emptyRun} empty pages in a row announce more pages`);

    const pageItems = result.items.slice(skip);
    for (let i = 0; i < pageItems.length; i++) {
      if (options.stopAt?.(pageItems[i] as V)) return finish(undefined);
      const mapped = options.map(pageItems[i] as V);
      if (mapped === undefined) continue;
      items.push(mapped);
      if (items.length >= limit) {
        const consumed = skip + i + 1;
        const more = consumed < result.items.length || next !== null;
        return finish(more ? (consumed < result.items.length ? { page, perPage, skip: consumed } : { page: next as number, perPage, skip: 0 }) : undefined);
      }
    }
    skip = 0;
    if (next === null) return finish(undefined);
    page = next;
  }

  function finish(cursor: PageCursor | undefined): Page<T> {
    return {
      items,
      provider: options.provider,
      nextCursor: cursor ? encodePageCursor(cursor) : null,
      ...(totalCount !== undefined && !options.filtered ? { totalCount } : {}),
      ...(options.warnings?.length ? { warnings: options.warnings } : {}),
    };
  }
}

/**
 * The `page` query parameter of the `rel="next"` link of an RFC 8288 `Link` header.
 * @param link - the header value, `null` when the response has none
 * @returns the page number; `null` when the header has no `next` link; `undefined` without a
 *   header; `NaN` when the `next` link has no usable `page` (which {@link collectPages} reports
 *   as malformed pagination)
 */
export function nextPageFromLink(link: string | null): number | null | undefined {
  if (link === null) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match || !/rel="?([^";]*\s)?next(\s[^";]*)?"?/.test(match[2] ?? '')) continue;
    try {
      const value = new URL(match[1] ?? '', 'http://x').searchParams.get('page');
      const n = value === null ? NaN : Number(value);
      return Number.isInteger(n) && n >= 1 ? n : Number.NaN;
    } catch {
      return Number.NaN;
    }
  }
  return null;
}
