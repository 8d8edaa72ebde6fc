import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequesterFn, type FormattedResponse, type RequesterType, type ResourceOptions } from '@gitbeaker/requester-utils';
import {
  ProviderCallError,
  fetchFollowingRedirects,
  providerErrorFromNetwork,
  providerErrorFromResponse,
  type FieldError,
} from '@mosaic/orchestrator-core';

/** Per-call context carried into gitbeaker's request handler (gitbeaker has no per-call signal). */
export interface CallContext {
  /** Unified operation name, for error messages. */
  operation: string;
  signal?: AbortSignal | undefined;
  /** Headers of the last response of this call (pagination reads them). */
  lastHeaders?: Headers;
  lastStatus?: number;
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
  providerId: string;
  /** Origin credentials may be sent to (the configured GitLab's). */
  origin: string;
  fetch?: typeof fetch;
  userAgent?: string;
  maxRedirects?: number;
  onResponse?: (headers: Headers) => void;
}

const CREDENTIAL_HEADERS = ['private-token', 'authorization', 'job-token', 'sudo'];

/** The transport: an AsyncLocalStorage for call context and a gitbeaker `requesterFn` that uses it. */
export interface Transport {
  /** Run gitbeaker calls inside `context.run({ operation, signal }, fn)`. */
  context: AsyncLocalStorage<CallContext>;
  /** Pass as gitbeaker's `requesterFn` resource option. */
  requesterFn: (resourceOptions: ResourceOptions) => RequesterType;
}

/**
 * Builds the `requesterFn` handed to gitbeaker. gitbeaker's own request handler
 * (`@gitbeaker/rest`) retries 429 and 502 up to 10 times with exponential back-off and throttles
 * through `rate-limiter-flexible`, with no option to turn either off; Mosaic owns retrying (one
 * retry layer), so this handler replaces it: exactly one `fetch` per request, the caller's
 * `AbortSignal` (from the call context), `redirect: 'manual'` with same-origin redirects
 * followed here and credentials (`PRIVATE-TOKEN`, `Authorization`, `JOB-TOKEN`, `Sudo`) dropped
 * on a redirect to another origin, and HTTP/network failures mapped to the core error family.
 */
export function createTransport(options: TransportOptions): Transport {
  const context = new AsyncLocalStorage<CallContext>();

  const handler = async (endpoint: string, raw?: Record<string, unknown>): Promise<FormattedResponse> => {
    const ctx = context.getStore();
    const operation = ctx?.operation;
    const signal = ctx?.signal;
    const opts = (raw ?? {}) as { method?: string; headers?: Record<string, string>; body?: RequestInit['body']; prefixUrl?: string; searchParams?: string };
    const base = opts.prefixUrl ? (opts.prefixUrl.endsWith('/') ? opts.prefixUrl : `${opts.prefixUrl}/`) : undefined;
    const first = new URL(endpoint, base);
    if (opts.searchParams) first.search = opts.searchParams;
    const firstUrl = first.toString();
    const firstMethod = (opts.method ?? 'GET').toUpperCase();
    let body = opts.body;
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
    // gitbeaker serializes "no parameters" as `{}` (DELETE, POST .../approve, .../archive); send no body instead.
    if (body === '{}') {
      body = undefined;
      for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-type') delete headers[key];
    }
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    const op = operation !== undefined ? { operation } : {};

    const followed = await fetchFollowingRedirects({
      provider: options.providerId,
      operation,
      url: firstUrl,
      method: firstMethod,
      headers,
      body,
      origin: options.origin,
      credentialHeaders: CREDENTIAL_HEADERS,
      fetch: options.fetch,
      signal,
      maxRedirects: options.maxRedirects,
      onResponse: (response) => {
        options.onResponse?.(response.headers);
        if (ctx) {
          ctx.lastHeaders = response.headers;
          ctx.lastStatus = response.status;
        }
      },
    });
    const { response, url, method } = followed;
    if (!response.ok) throw await toError(options.providerId, response, method, url, operation);

    const flat = Object.fromEntries(response.headers.entries());
    if (response.status === 204) return { body: null, headers: flat, status: response.status };
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      throw providerErrorFromNetwork({ provider: options.providerId, error, method, url, ...op });
    }
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (text.length === 0) return { body: contentType === 'application/json' ? {} : '', headers: flat, status: response.status };
    if (contentType === 'application/json' || /^[[{]/.test(text.trimStart())) {
      try {
        return { body: JSON.parse(text) as FormattedResponse['body'], headers: flat, status: response.status };
      } catch (error) {
        throw new ProviderCallError({
          provider: options.providerId,
          category: 'unknown',
          status: response.status,
          message: `${options.providerId}${operation ? ` ${operation}` : ''}: response is not JSON`,
          request: { method, url },
          cause: error,
          ...op,
        });
      }
    }
    return { body: text, headers: flat, status: response.status };
  };

  return { context, requesterFn: createRequesterFn(async (_service, requestOptions) => requestOptions, handler) };
}

async function toError(provider: string, response: Response, method: string, url: string, operation: string | undefined): Promise<ProviderCallError> {
  let vendorMessage: string | undefined;
  let fieldErrors: FieldError[] | undefined;
  try {
    const text = await response.text();
    if (text) {
      try {
        const parsed = JSON.parse(text) as { message?: unknown; error?: unknown; error_description?: unknown };
        const message = parsed.message ?? parsed.error_description ?? parsed.error;
        if (typeof message === 'string') vendorMessage = message;
        else if (Array.isArray(message)) vendorMessage = message.map(String).join('; ');
        else if (message && typeof message === 'object') {
          // GitLab validation errors: { message: { field: ["is too short"] } }
          fieldErrors = [];
          for (const [field, value] of Object.entries(message as Record<string, unknown>)) {
            for (const m of Array.isArray(value) ? value : [value]) fieldErrors.push({ field, message: String(m) });
          }
          vendorMessage = fieldErrors.map((f) => `${f.field} ${f.message}`).join('; ');
        }
      } catch {
        vendorMessage = text.slice(0, 200);
      }
    }
  } catch {
    // unreadable body: the status is enough
  }
  return providerErrorFromResponse({
    provider,
    status: response.status,
    headers: response.headers,
    method,
    url,
    ...(operation !== undefined ? { operation } : {}),
    ...(vendorMessage !== undefined ? { vendorMessage } : {}),
    ...(fieldErrors?.length ? { fieldErrors } : {}),
  });
}
