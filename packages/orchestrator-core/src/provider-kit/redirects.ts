import { ProviderCallError, providerErrorFromNetwork } from '../errors/index.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Options of {@link fetchFollowingRedirects}. */
export interface FetchFollowingRedirectsOptions {
  /** Provider id, named in errors. */
  provider: string;
  /** Unified operation name, named in errors. */
  operation?: string | undefined;
  /** Absolute URL of the first request. */
  url: string;
  /** HTTP method (upper case). */
  method: string;
  /** Request headers, credentials included; the object is not modified. */
  headers: Record<string, string>;
  /** Request body (sent only while the method and origin allow it). */
  body?: RequestInit['body'] | undefined;
  /** The only origin (`https://host[:port]`) credentials and bodies may be sent to. */
  origin: string;
  /** Header names (any case) removed for good once a redirect leaves `origin` (e.g. `authorization`, `private-token`). */
  credentialHeaders: readonly string[];
  /** `fetch` implementation; default the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** The caller's signal, passed to every hop. */
  signal?: AbortSignal | undefined;
  /** Redirects followed at most; default 5. */
  maxRedirects?: number | undefined;
  /** Called with every response, redirects included (rate-limit and bookkeeping). */
  onResponse?: ((response: Response) => void) | undefined;
}

/** Result of {@link fetchFollowingRedirects}: the final (non-redirect) response and the request that got it. */
export interface FollowedResponse {
  response: Response;
  /** URL of the final request. */
  url: string;
  /** Method of the final request (`GET` after a 303, or a 301/302 of a non-GET/HEAD). */
  method: string;
}

/**
 * Sends one request with `redirect: 'manual'` and follows redirects (301, 302, 303, 307, 308)
 * by hand so that credentials only ever reach `origin`: once a `Location` leaves it, the
 * `credentialHeaders` and the body are dropped for the rest of the chain. A 303, or a 301/302
 * of a method other than GET/HEAD, continues as a GET without body (as browsers do). Error
 * responses are returned, not thrown: the caller maps them with its vendor's error body.
 *
 * @throws the signal's reason when `signal` is aborted
 * @throws ProviderCallError from `providerErrorFromNetwork` on network failures
 * @throws ProviderCallError (`category: 'unknown'`) on a redirect without `Location` or more than `maxRedirects` redirects
 */
export async function fetchFollowingRedirects(options: FetchFollowingRedirectsOptions): Promise<FollowedResponse> {
  const doFetch = options.fetch ?? fetch;
  const signal = options.signal;
  const op = options.operation !== undefined ? { operation: options.operation } : {};
  const maxRedirects = options.maxRedirects ?? 5;
  const dropped = new Set(options.credentialHeaders.map((h) => h.toLowerCase()));
  let headers = { ...options.headers };
  let url = options.url;
  let method = options.method;
  let body = options.body;
  const dropBody = () => {
    body = undefined;
    headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
  };

  for (let hop = 0; ; hop++) {
    if (signal?.aborted) throw signal.reason;
    let response: Response;
    try {
      response = await doFetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual', ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      throw providerErrorFromNetwork({ provider: options.provider, error, method, url, ...op });
    }
    options.onResponse?.(response);
    if (!REDIRECT_STATUSES.has(response.status)) return { response, url, method };

    const location = response.headers.get('location');
    await response.body?.cancel().catch(() => undefined);
    if (!location || hop >= maxRedirects) {
      throw new ProviderCallError({
        provider: options.provider,
        category: 'unknown',
        status: response.status,
        message: `${options.provider}${options.operation ? ` ${options.operation}` : ''}: ${location ? 'too many redirects' : 'redirect without Location'}`,
        request: { method, url },
        ...op,
      });
    }
    const next = new URL(location, url);
    if (next.origin !== options.origin) {
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !dropped.has(k.toLowerCase())));
      dropBody();
    }
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method !== 'GET' && method !== 'HEAD')) {
      method = 'GET';
      dropBody();
    }
    url = next.toString();
  }
}
