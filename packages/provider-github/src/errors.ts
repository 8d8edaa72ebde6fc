import {
  MosaicError,
  ProviderCallError,
  getHeader,
  providerErrorFromNetwork,
  providerErrorFromResponse,
  type FieldError,
  type RateLimitReason,
} from '@mosaic/orchestrator-core';

/** The parts of an `@octokit/request-error` `RequestError` this module reads. */
interface OctokitErrorLike {
  name?: string;
  status?: number;
  message?: string;
  response?: { status: number; url?: string; headers?: Record<string, string | number | undefined>; data?: unknown };
  request?: { method?: string; url?: string };
  cause?: unknown;
}

/** Context of a failed call. */
export interface ErrorContext {
  provider: string;
  operation: string;
  /** Per-request budget, for timeout errors (ms). */
  timeoutMs: number;
  nowMs?: number;
}

/** Default wait after a secondary rate limit without `retry-after` (GitHub docs: at least one minute). */
export const SECONDARY_RATE_LIMIT_WAIT_MS = 60_000;

const SECONDARY = /secondary rate limit|abuse detection/i;

/**
 * Decides whether a 403/429 response is a rate limit and which one, following
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api :
 * primary when `x-ratelimit-remaining` is `0` (wait until `x-ratelimit-reset`, epoch seconds);
 * secondary when `retry-after` is present or the message names a secondary rate limit
 * (wait `retry-after` seconds, else at least 60 s). Returns `undefined` for a permission 403.
 */
export function githubRateLimitReason(status: number, headers: Record<string, unknown> | undefined, message: string): RateLimitReason | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const h = headers as Record<string, string> | undefined;
  if (SECONDARY.test(message)) return 'secondary-rate-limit';
  if (getHeader(h, 'retry-after') !== undefined) return 'secondary-rate-limit';
  const remaining = getHeader(h, 'x-ratelimit-remaining');
  if (remaining !== undefined && Number(remaining) === 0) return 'rate-limit';
  return status === 429 ? 'rate-limit' : undefined;
}

function fieldErrorsOf(data: unknown): FieldError[] | undefined {
  const errors = (data as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const out: FieldError[] = [];
  for (const e of errors) {
    if (typeof e === 'string') out.push({ message: e });
    else if (e && typeof e === 'object') {
      const o = e as { field?: unknown; code?: unknown; message?: unknown; resource?: unknown };
      const field = typeof o.field === 'string' ? o.field : undefined;
      const code = typeof o.code === 'string' ? o.code : undefined;
      const message =
        typeof o.message === 'string' && o.message
          ? o.message
          : [typeof o.resource === 'string' ? o.resource : undefined, field, code].filter(Boolean).join(' ') || 'invalid';
      out.push({ message, ...(field !== undefined ? { field } : {}), ...(code !== undefined ? { code } : {}) });
    }
  }
  return out.length ? out : undefined;
}

function vendorMessageOf(data: unknown): string | undefined {
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') return (data as { message: string }).message;
  if (typeof data === 'string' && data.length && data.length < 500) return data;
  return undefined;
}

/**
 * Maps anything an Octokit call threw to the core's error family (see the package README):
 * 401 → auth; 403 → {@link RateLimitedError} (`rate-limit` / `secondary-rate-limit`) by GitHub's
 * documented rules, else auth (permission); 404 not-found; 409 conflict; 422 validation with
 * GitHub's `errors[]` as `fieldErrors`; 429 rate-limited (`Retry-After` seconds or HTTP-date);
 * 5xx unavailable; no response → network (connection refused = `not-applied`) or timeout.
 * Mosaic errors pass through. Tokens never reach messages (octokit redacts the
 * `authorization` header it keeps on the cause; the core redacts registered secrets).
 */
export function toMosaicError(error: unknown, ctx: ErrorContext): MosaicError {
  if (MosaicError.isInstance(error)) return error;
  const e = error as OctokitErrorLike;
  const response = e?.response;
  if (e && typeof e === 'object' && e.name === 'HttpError' && response && typeof response.status === 'number') {
    const status = response.status;
    const data = response.data;
    const vendorMessage = vendorMessageOf(data);
    let headers: Record<string, unknown> = { ...(response.headers ?? {}) };
    const reason = githubRateLimitReason(status, headers, vendorMessage ?? '');
    if (reason === 'secondary-rate-limit' && getHeader(headers as Record<string, string>, 'retry-after') === undefined) {
      headers = { ...headers, 'retry-after': String(SECONDARY_RATE_LIMIT_WAIT_MS / 1000) };
    }
    const fieldErrors = status === 422 || status === 400 ? fieldErrorsOf(data) : undefined;
    return providerErrorFromResponse({
      provider: ctx.provider,
      operation: ctx.operation,
      status,
      headers: headers as Record<string, string>,
      ...(e.request?.method ? { method: e.request.method } : {}),
      ...(e.request?.url ? { url: e.request.url } : {}),
      ...(vendorMessage !== undefined ? { vendorMessage } : {}),
      ...(fieldErrors ? { fieldErrors } : {}),
      ...(reason ? { rateLimitReason: reason } : {}),
      cause: error,
      ...(ctx.nowMs !== undefined ? { nowMs: ctx.nowMs } : {}),
    });
  }
  // No HTTP response: octokit wraps fetch failures in a RequestError (status 500) whose cause
  // is the fetch error.
  const underlying = e && typeof e === 'object' && e.name === 'HttpError' && e.cause !== undefined ? e.cause : error;
  return providerErrorFromNetwork({
    provider: ctx.provider,
    operation: ctx.operation,
    error: underlying,
    timeoutMs: ctx.timeoutMs,
    ...(e?.request?.method ? { method: e.request.method } : {}),
    ...(e?.request?.url ? { url: e.request.url } : {}),
  });
}

/** An error of the pagination loop (malformed `Link`, cycle, too many pages): never retried. */
export function paginationError(ctx: ErrorContext, vendorCode: string, message: string): ProviderCallError {
  return new ProviderCallError({
    provider: ctx.provider,
    operation: ctx.operation,
    category: 'unknown',
    isRetryable: false,
    vendorCode,
    message: `${ctx.provider} ${ctx.operation}: ${message}`,
  });
}
