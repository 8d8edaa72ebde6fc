import {
  ProviderCallError,
  getHeader,
  providerErrorFromNetwork,
  providerErrorFromResponse,
  retryAfterFromHeaders,
  type Logger,
  type RateLimitState,
} from '@mosaic/orchestrator-core';

/** Query values; `undefined` entries are left out. */
export type Query = Record<string, string | number | undefined>;

/** One request to the Quill API (path relative to `/api/v1`). */
export interface QuillRequest {
  /** Registry operation name (or `healthCheck`), for errors. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A successful answer: status, headers and parsed JSON body (`undefined` for 204). */
export interface QuillResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

/** Quill's error body (openapi.yaml `Error`). */
interface QuillErrorBody {
  error?: { code?: string; message?: string };
}

const MAX_REDIRECTS = 5;

/** Options of {@link QuillClient}. */
export interface QuillClientOptions {
  provider: string;
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  logger?: () => Logger | undefined;
  onRateLimit?: (state: RateLimitState) => void;
}

/**
 * A minimal Quill REST client over `fetch`: one attempt per call (the Mosaic core owns retries),
 * the caller's `AbortSignal` on every request, redirects followed only within the configured
 * origin (so the token never leaves it), every failure classified with the core's helpers.
 */
export class QuillClient {
  private readonly api: string;
  private readonly origin: string;

  constructor(private readonly options: QuillClientOptions) {
    this.api = `${options.baseUrl}/api/v1`;
    this.origin = new URL(options.baseUrl).origin;
  }

  /**
   * Sends one request.
   * @throws the signal's reason when aborted; `ProviderCallError` (or `RateLimitedError`) for
   *   HTTP errors, network failures and refused cross-origin redirects.
   */
  async request<T>(req: QuillRequest): Promise<QuillResponse<T>> {
    req.signal?.throwIfAborted();
    let url = this.url(req.path, req.query);
    const doFetch = this.options.fetch ?? fetch;
    let res: Response;
    try {
      for (let hop = 0; ; hop++) {
        res = await doFetch(url, {
          method: req.method,
          redirect: 'manual',
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${this.options.token}`,
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...req.headers,
          },
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
          ...(req.signal ? { signal: req.signal } : {}),
        });
        const location = res.headers.get('location');
        if (res.status < 300 || res.status >= 400 || !location) break;
        const next = new URL(location, url);
        if (next.origin !== this.origin) {
          throw new ProviderCallError({
            provider: this.options.provider,
            operation: req.operation,
            category: 'unknown',
            status: res.status,
            outcome: req.method === 'GET' ? 'not-applied' : 'unknown',
            message: `quill ${req.operation}: refusing a redirect to another origin (${next.origin})`,
          });
        }
        if (hop >= MAX_REDIRECTS) {
          throw new ProviderCallError({ provider: this.options.provider, operation: req.operation, category: 'unknown', status: res.status, message: `quill ${req.operation}: too many redirects` });
        }
        url = next.toString();
      }
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (ProviderCallError.isInstance(error)) throw error;
      throw providerErrorFromNetwork({ provider: this.options.provider, operation: req.operation, error, method: req.method, url });
    }
    this.reportRateLimit(res.headers);
    const text = await res.text().catch((error: unknown) => {
      if (req.signal?.aborted) throw req.signal.reason;
      throw providerErrorFromNetwork({ provider: this.options.provider, operation: req.operation, error, method: req.method, url });
    });
    if (!res.ok) {
      let body: QuillErrorBody | undefined;
      try {
        body = text ? (JSON.parse(text) as QuillErrorBody) : undefined;
      } catch {
        body = undefined;
      }
      throw providerErrorFromResponse({
        provider: this.options.provider,
        operation: req.operation,
        status: res.status,
        headers: res.headers,
        method: req.method,
        url,
        ...(body?.error?.message ? { vendorMessage: body.error.message } : {}),
        ...(body?.error?.code ? { vendorCode: body.error.code } : {}),
      });
    }
    let data: T;
    try {
      data = (text ? JSON.parse(text) : undefined) as T;
    } catch (error) {
      throw new ProviderCallError({ provider: this.options.provider, operation: req.operation, category: 'unknown', status: res.status, message: `quill ${req.operation}: the answer is not JSON`, cause: error });
    }
    return { status: res.status, headers: res.headers, data };
  }

  private url(path: string, query: Query = {}): string {
    const u = new URL(`${this.api}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  /** Quill sends `X-RateLimit-Limit/Remaining/Reset` (epoch seconds) on every answer. */
  private reportRateLimit(headers: Headers): void {
    const remaining = getHeader(headers, 'x-ratelimit-remaining');
    if (remaining === undefined) return;
    const limit = getHeader(headers, 'x-ratelimit-limit');
    const reset = getHeader(headers, 'x-ratelimit-reset');
    const state: RateLimitState = { remaining: Number(remaining), resource: 'requests' };
    if (limit !== undefined) state.limit = Number(limit);
    if (reset !== undefined && /^\d+$/.test(reset)) state.resetAt = Number(reset) * 1000;
    else {
      const wait = retryAfterFromHeaders(headers);
      if (wait !== undefined) state.resetAt = Date.now() + wait;
    }
    this.options.onRateLimit?.(state);
  }
}
