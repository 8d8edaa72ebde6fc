/** Position in a paginated listing: the page URL and how many of its items were already returned. */
export interface CursorState {
  /** Absolute URL of the page to fetch (a GitHub `Link` URL or the first page's URL). */
  u: string;
  /** Items of that page to skip. */
  s: number;
}

/** Encodes a cursor (opaque base64url JSON). */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; `undefined` when it is not one. */
export function decodeCursor(cursor: string): CursorState | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!value || typeof value !== 'object') return undefined;
    const { u, s } = value as { u?: unknown; s?: unknown };
    if (typeof u !== 'string' || typeof s !== 'number' || !Number.isInteger(s) || s < 0) return undefined;
    new URL(u);
    return { u, s };
  } catch {
    return undefined;
  }
}

/** Result of {@link parseLinkHeader}. */
export type LinkParse = { ok: true; links: Record<string, string> } | { ok: false; reason: string };

/**
 * Parses an RFC 8288 `Link` header as GitHub sends it
 * (`<https://api.github.com/…&page=2>; rel="next", <…>; rel="last"`). Any entry that is not
 * `<absolute-url>; params` with a `rel`, makes the whole header malformed.
 */
export function parseLinkHeader(header: string): LinkParse {
  const links: Record<string, string> = {};
  const entries = header.split(/,(?=\s*<)/);
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const m = /^<([^<>]*)>\s*((?:;\s*[\w!#$&+.^`|~-]+\s*(?:=\s*(?:"[^"]*"|[^;,\s"]+))?\s*)+)$/.exec(entry);
    if (!m) return { ok: false, reason: `malformed Link entry ${JSON.stringify(entry.slice(0, 200))}` };
    const url = m[1]!;
    try {
      new URL(url);
    } catch {
      return { ok: false, reason: `Link entry has an invalid URL ${JSON.stringify(url.slice(0, 200))}` };
    }
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2]!);
    if (!rel) return { ok: false, reason: `Link entry without rel ${JSON.stringify(entry.slice(0, 200))}` };
    for (const r of rel[1]!.trim().split(/\s+/)) links[r.toLowerCase()] = url;
  }
  return { ok: true, links };
}
