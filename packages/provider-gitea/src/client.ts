import {
  ProviderCallError,
  fetchFollowingRedirects,
  providerErrorFromResponse,
  registerSecret,
  type FieldError,
} from '@mosaic/orchestrator-core';

/** A query value: arrays are sent as repeated parameters; `undefined` values are left out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** One request to the Gitea API v1. */
export interface GiteaRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below `/api/v1`, starting with `/` and already encoded (use {@link path}). */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Unified operation name, for error messages (`git.getRepository`). */
  operation?: string;
  /** `path` is relative to the server base URL instead of `/api/v1` (Git LFS endpoints). */
  outsideApi?: boolean;
  /** `Accept` header; default `application/json`. */
  accept?: string;
  /** `Content-Type` of the JSON body; default `application/json`. */
  contentType?: string;
}

/** A successful response: status, headers and the parsed JSON body (`undefined` when empty). */
export interface GiteaResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  /** The final URL (after same-origin redirects). */
  url: string;
}

/** Options of {@link GiteaClient}. */
export interface GiteaClientOptions {
  /** Server base URL (`https://gitea.internal`); the API is at `${baseUrl}/api/v1`. */
  baseUrl: string;
  /** Returns the API token; called for every request (tokens may rotate). */
  getToken: () => string | Promise<string>;
  /** Provider id used in error messages. */
  providerId: string;
  /** `fetch` implementation; default the global `fetch`. */
  fetch?: typeof fetch;
  /** `User-Agent` header value. */
  userAgent?: string;
  /** Redirects followed at most, default 5. */
  maxRedirects?: number;
  /** Called with every response's headers (rate-limit and pagination bookkeeping). */
  onResponse?: (headers: Headers) => void;
}

/** Percent-encodes each interpolated value as one path segment: path`/repos/${owner}/${repo}`. */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodeURIComponent(String(value)) + (strings[i + 1] ?? '');
  });
  return out;
}

/**
 * A small typed client for the Gitea REST API v1 over `fetch` (Gitea has no maintained official
 * JS SDK). It sends `Authorization: token <t>` and JSON, honours the caller's `AbortSignal`,
 * maps error responses (`{ message, url }`, see the `APIError` response of the Gitea 1.22
 * swagger) to the core error family, and sends the token only to the configured origin:
 * redirects are followed by hand (`redirect: 'manual'`), and a redirect to another origin is
 * followed without the `Authorization` header (and without a body).
 *
 * Errors: {@link ProviderCallError} (and subclasses) for HTTP errors and network failures.
 */
export class GiteaClient {
  /** `${baseUrl}/api/v1`, without a trailing slash. */
  readonly apiBase: string;
  /** The only origin credentials are sent to. */
  readonly origin: string;
  private readonly options: GiteaClientOptions;

  constructor(options: GiteaClientOptions) {
    this.options = options;
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.apiBase = `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/v1`;
  }

  /** Builds the absolute URL of an API path with its query. */
  url(apiPath: string, query?: Record<string, QueryValue>, outsideApi = false): string {
    const url = new URL((outsideApi ? this.apiBase.slice(0, -'/api/v1'.length) : this.apiBase) + apiPath);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /**
   * Sends one request (no retries: the orchestrator owns retrying) and returns the parsed body.
   * @throws ProviderCallError on HTTP errors (category from the status) and network failures
   */
  async request<T>(req: GiteaRequest): Promise<GiteaResponse<T>> {
    const token = await this.options.getToken();
    registerSecret(token);
    const headers: Record<string, string> = { accept: req.accept ?? 'application/json', authorization: `token ${token}` };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    const { response, url, method } = await fetchFollowingRedirects({
      provider: this.options.providerId,
      operation: req.operation,
      url: this.url(req.path, req.query, req.outsideApi),
      method: req.method,
      headers,
      body,
      origin: this.origin,
      credentialHeaders: ['authorization'],
      fetch: this.options.fetch,
      signal: req.signal,
      maxRedirects: this.options.maxRedirects,
      onResponse: (r) => this.options.onResponse?.(r.headers),
    });
    if (!response.ok) throw await this.toError(response, req, method, url);

    let data: unknown;
    const text = await readText(response, req.signal);
    if (text.length > 0) {
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new ProviderCallError({
          provider: this.options.providerId,
          category: 'unknown',
          status: response.status,
          message: `${this.options.providerId}${req.operation ? ` ${req.operation}` : ''}: response is not JSON`,
          request: { method, url },
          cause: error,
          ...op(req),
        });
      }
    }
    return { status: response.status, headers: response.headers, data: data as T, url };
  }

  private async toError(response: Response, req: GiteaRequest, method: string, url: string): Promise<ProviderCallError> {
    let vendorMessage: string | undefined;
    let fieldErrors: FieldError[] | undefined;
    try {
      const text = await response.text();
      if (text) {
        try {
          const parsed = JSON.parse(text) as { message?: unknown; errors?: unknown };
          if (typeof parsed.message === 'string') vendorMessage = parsed.message;
          if (Array.isArray(parsed.errors)) {
            fieldErrors = parsed.errors.filter((e): e is string => typeof e === 'string').map((message) => ({ message }));
          }
        } catch {
          vendorMessage = text.slice(0, 200);
        }
      }
    } catch {
      // body unreadable: the status is enough
    }
    return providerErrorFromResponse({
      provider: this.options.providerId,
      status: response.status,
      headers: response.headers,
      method,
      url,
      ...(vendorMessage !== undefined ? { vendorMessage } : {}),
      ...(fieldErrors?.length ? { fieldErrors } : {}),
      ...op(req),
    });
  }
}

function op(req: GiteaRequest): { operation?: string } {
  return req.operation !== undefined ? { operation: req.operation } : {};
}

async function readText(response: Response, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal, error);
    throw error;
  }
}

/** The abort reason the caller gave (an `AbortError` `DOMException` by default). */
function abortReason(signal: AbortSignal, fallback: unknown): unknown {
  return signal.reason ?? fallback;
}
