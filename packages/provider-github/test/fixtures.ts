import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { http, HttpResponse, type HttpHandler } from 'msw';

/** One recorded request/response of `@octokit/fixtures` (normalized form). */
export interface RecordedExchange {
  scope: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
  response?: unknown;
  headers?: Record<string, string | number>;
  reqheaders?: Record<string, string | number>;
}

const require = createRequire(import.meta.url);

/**
 * Reads a scenario of `@octokit/fixtures` (sessions recorded against the real api.github.com).
 * The package's own `mock()` uses nock, which is not used here: the JSON is read directly and
 * replayed through msw by {@link replay}.
 */
export function fixture(name: string): RecordedExchange[] {
  const root = dirname(require.resolve('@octokit/fixtures/package.json'));
  return JSON.parse(readFileSync(join(root, 'scenarios', 'api.github.com', name, 'normalized-fixture.json'), 'utf8')) as RecordedExchange[];
}

/** The recorded response as a fetch `Response` (status, headers incl. Link/ETag/x-ratelimit-*, body). */
export function recordedResponse(x: RecordedExchange): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(x.headers ?? {})) {
    if (['content-length', 'connection', 'transfer-encoding'].includes(k.toLowerCase())) continue;
    headers.set(k, String(v));
  }
  if (x.status === 204 || x.status === 304 || x.response === undefined || x.response === '') return new HttpResponse(null, { status: x.status, headers });
  const body = typeof x.response === 'string' ? x.response : JSON.stringify(x.response);
  return new HttpResponse(body, { status: x.status, headers });
}

function key(pathAndQuery: string): { path: string; page: string } {
  const url = new URL(pathAndQuery, 'https://api.github.com');
  return { path: decodeURIComponent(url.pathname).replace(/\/+$/, ''), page: url.searchParams.get('page') ?? '1' };
}

/** What a {@link replay} saw. */
export interface ReplayLog {
  /** Each request the provider sent, with the recorded exchange that answered it. */
  served: Array<{ method: string; url: string; body: unknown; recorded: RecordedExchange }>;
  /** Requests no recorded exchange matched (answered 501). */
  unmatched: string[];
}

/**
 * An msw handler that answers requests from recorded exchanges: the first not yet used with
 * the same method, decoded path and `page` query parameter (other query parameters such as
 * `per_page` are the client's choice); a GET may reuse its last match. Unmatched requests are
 * logged and answered 501.
 */
export function replay(exchanges: RecordedExchange[]): { handler: HttpHandler; log: ReplayLog } {
  const used = new Set<number>();
  const log: ReplayLog = { served: [], unmatched: [] };
  const handler = http.all('https://api.github.com/*', async ({ request }) => {
    const k = key(request.url);
    const method = request.method.toLowerCase();
    const candidates = exchanges
      .map((x, i) => ({ x, i }))
      .filter(({ x }) => x.method.toLowerCase() === method && key(x.path).path === k.path && key(x.path).page === k.page);
    const pick = candidates.find(({ i }) => !used.has(i)) ?? (method === 'get' ? candidates.at(-1) : undefined);
    const text = await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    if (!pick) {
      log.unmatched.push(`${request.method} ${request.url}`);
      return new HttpResponse('no recorded exchange', { status: 501 });
    }
    used.add(pick.i);
    log.served.push({ method: request.method, url: request.url, body, recorded: pick.x });
    return recordedResponse(pick.x);
  });
  return { handler, log };
}
