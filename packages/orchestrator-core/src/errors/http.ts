import { ProviderCallError, type ErrorCategory, type FieldError } from './provider-call-error.js';
import { RateLimitedError, type RateLimitReason } from './rate-limited-error.js';
import { TimeoutError } from './timeout-error.js';

/** Header bag accepted by the helpers: a `Headers`, or a plain record (any case). */
export type HeaderInput = Headers | Record<string, string | number | string[] | undefined | null> | undefined | null;

/** Reads a header case-insensitively from a `Headers` or a plain record. */
export function getHeader(headers: HeaderInput, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === lower && v != null) return Array.isArray(v) ? String(v[0]) : String(v);
  }
  return undefined;
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) into milliseconds
 * from `nowMs`. Returns `undefined` when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Milliseconds to wait according to the vendor's headers, in this order: `retry-after-ms`
 * (OpenAI), `Retry-After` (seconds or HTTP-date), then a reset header when the remaining
 * budget is 0: `x-ratelimit-reset` / `ratelimit-reset` (epoch seconds when larger than 10^9,
 * else seconds from now).
 */
export function retryAfterFromHeaders(headers: HeaderInput, nowMs: number = Date.now()): number | undefined {
  const ms = getHeader(headers, 'retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const ra = parseRetryAfter(getHeader(headers, 'retry-after'), nowMs);
  if (ra !== undefined) return ra;
  const remaining = getHeader(headers, 'x-ratelimit-remaining') ?? getHeader(headers, 'ratelimit-remaining');
  if (remaining !== undefined && Number(remaining) === 0) {
    const reset = getHeader(headers, 'x-ratelimit-reset') ?? getHeader(headers, 'ratelimit-reset');
    if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset.trim())) {
      const n = Number(reset);
      return n > 1e9 ? Math.max(0, Math.round(n * 1000 - nowMs)) : Math.round(n * 1000);
    }
  }
  return undefined;
}

/** Maps an HTTP status to the error family. 403 is `auth` unless the caller proves a rate limit. */
export function categoryForStatus(status: number): ErrorCategory {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'validation';
  if (status === 429) return 'rate-limited';
  if (status === 501) return 'unsupported';
  if (status >= 500) return 'unavailable';
  return 'unknown';
}

/** Input of {@link providerErrorFromResponse}. */
export interface HttpErrorInput {
  provider: string;
  operation?: string;
  status: number;
  headers?: HeaderInput;
  method?: string;
  url?: string;
  /** Vendor's message, if the body had one. */
  vendorMessage?: string;
  vendorCode?: string;
  fieldErrors?: FieldError[];
  /**
   * Set by the provider when the vendor's documented rules make this response a rate limit
   * even though the status is not 429 (GitHub 403 with `x-ratelimit-remaining: 0` or a
   * secondary-limit message), or to name quota exhaustion / overload.
   */
  rateLimitReason?: RateLimitReason;
  cause?: unknown;
  nowMs?: number;
}

/**
 * Builds the classified error for an HTTP error response: a {@link RateLimitedError} for 429,
 * 529 and provider-flagged rate limits (with `retryAfterMs` from the headers), a
 * {@link TimeoutError}-category error for 408, else a {@link ProviderCallError} whose category
 * comes from {@link categoryForStatus}.
 */
export function providerErrorFromResponse(input: HttpErrorInput): ProviderCallError {
  const retryAfterMs = retryAfterFromHeaders(input.headers, input.nowMs);
  const base = {
    provider: input.provider,
    status: input.status,
    message: `${input.provider}${input.operation ? ` ${input.operation}` : ''} failed with HTTP ${input.status}${input.vendorMessage ? `: ${input.vendorMessage}` : ''}`,
    ...(input.operation !== undefined ? { operation: input.operation } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(input.method && input.url ? { request: { method: input.method.toUpperCase(), url: input.url } } : {}),
    ...(input.fieldErrors ? { fieldErrors: input.fieldErrors } : {}),
    ...(input.vendorCode !== undefined ? { vendorCode: input.vendorCode } : {}),
    cause: input.cause,
  };
  const reason = input.rateLimitReason ?? (input.status === 429 ? 'rate-limit' : input.status === 529 ? 'overloaded' : undefined);
  if (reason) return new RateLimitedError({ ...base, reason });
  return new ProviderCallError({ ...base, category: categoryForStatus(input.status) });
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** Finds a Node/undici error code (`ECONNREFUSED`, …) anywhere in an error's `cause` chain. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current != null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|CERT_[A-Z_]+|[A-Z_]+_CERT[A-Z_]*)$/.test(code)) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) {
      const inner = networkErrorCode(errors[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Builds the classified error for a failure without an HTTP response. Connection refused, DNS
 * and TLS failures before sending are `not-applied`; resets and anything else are `unknown`.
 * An abort caused by a timeout becomes a {@link TimeoutError}.
 */
export function providerErrorFromNetwork(input: {
  provider: string;
  operation?: string;
  error: unknown;
  method?: string;
  url?: string;
  timeoutMs?: number;
}): ProviderCallError {
  const code = networkErrorCode(input.error);
  const name = (input.error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return new TimeoutError({
      provider: input.provider,
      timeoutMs: input.timeoutMs ?? 0,
      cause: input.error,
      ...(input.operation !== undefined ? { operation: input.operation } : {}),
    });
  }
  const message = input.error instanceof Error ? input.error.message : String(input.error);
  return new ProviderCallError({
    provider: input.provider,
    category: 'network',
    outcome: code && NOT_SENT_CODES.has(code) ? 'not-applied' : 'unknown',
    message: `${input.provider}${input.operation ? ` ${input.operation}` : ''} network error${code ? ` (${code})` : ''}: ${message}`,
    ...(input.operation !== undefined ? { operation: input.operation } : {}),
    ...(input.method && input.url ? { request: { method: input.method.toUpperCase(), url: input.url } } : {}),
    ...(code !== undefined ? { vendorCode: code } : {}),
    cause: input.error,
  });
}
