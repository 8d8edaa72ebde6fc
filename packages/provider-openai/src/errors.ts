import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import {
  getHeader,
  mapSdkTransportError,
  providerErrorFromResponse,
  sdkNetworkError,
  type HeaderInput,
  type RateLimitReason,
  type RateLimitState,
  type SdkErrorContext,
} from '@mosaic/orchestrator-core';

/**
 * Parses OpenAI's reset durations (`x-ratelimit-reset-requests: 1s`, `6m0s`, `20ms`, `1h2m3.5s`)
 * into milliseconds; `undefined` when absent or unparseable.
 */
export function parseOpenAIDuration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = '';
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    matched += m[0];
  }
  return matched === value.trim() && matched !== '' ? Math.round(total) : undefined;
}

/**
 * Rate-limit state from OpenAI's headers (`x-ratelimit-{limit,remaining,reset}-{requests,tokens}`):
 * the scarcer of the request and token budgets (remaining 0 first). `undefined` without headers.
 * Vendor doc: https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function openaiRateLimit(headers: HeaderInput, nowMs: number = Date.now()): RateLimitState | undefined {
  const states: RateLimitState[] = [];
  for (const resource of ['requests', 'tokens'] as const) {
    const remaining = getHeader(headers, `x-ratelimit-remaining-${resource}`);
    if (remaining === undefined || !/^\d+$/.test(remaining.trim())) continue;
    const limit = getHeader(headers, `x-ratelimit-limit-${resource}`);
    const reset = parseOpenAIDuration(getHeader(headers, `x-ratelimit-reset-${resource}`));
    states.push({
      resource,
      remaining: Number(remaining),
      ...(limit !== undefined && /^\d+$/.test(limit.trim()) ? { limit: Number(limit) } : {}),
      ...(reset !== undefined ? { resetAt: nowMs + reset } : {}),
    });
  }
  if (states.length === 0) return undefined;
  return states.find((s) => s.remaining === 0) ?? states.sort((a, b) => (a.remaining ?? 0) / (a.limit ?? 1) - (b.remaining ?? 0) / (b.limit ?? 1))[0];
}

/**
 * Tells OpenAI's 429s apart: `insufficient_quota` (billing quota, retrying does not help) is
 * `quota-exhausted`; anything else a `rate-limit`. 503 "overloaded"/`engine_overloaded` is
 * `overloaded`. Vendor doc: https://platform.openai.com/docs/guides/error-codes
 */
export function openaiRateLimitReason(status: number, code: string | undefined, type: string | undefined): RateLimitReason | undefined {
  if (status === 429) return code === 'insufficient_quota' || type === 'insufficient_quota' ? 'quota-exhausted' : 'rate-limit';
  if (status === 503 && (code === 'engine_overloaded' || type === 'engine_overloaded' || type === 'server_overloaded')) return 'overloaded';
  return undefined;
}

const SDK_TRANSPORT_ERRORS = { userAbort: APIUserAbortError, connectionTimeout: APIConnectionTimeoutError, connection: APIConnectionError };

/** Maps anything the openai SDK throws to a Mosaic error (the caller's abort reason passes through). */
export function mapOpenAIError(error: unknown, ctx: SdkErrorContext): unknown {
  const transport = mapSdkTransportError(error, ctx, SDK_TRANSPORT_ERRORS);
  if (transport !== undefined) return transport;
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = (error.error ?? {}) as { message?: string; code?: string | null; type?: string };
    const code = body.code ?? error.code ?? undefined;
    const type = body.type ?? error.type;
    const reason = openaiRateLimitReason(error.status, code ?? undefined, type);
    return providerErrorFromResponse({
      provider: ctx.provider,
      operation: ctx.operation,
      status: error.status,
      headers: error.headers as Headers | undefined,
      method: 'POST',
      url: ctx.url,
      ...(body.message ? { vendorMessage: body.message } : {}),
      ...(code || type ? { vendorCode: (code ?? type)! } : {}),
      ...(reason ? { rateLimitReason: reason } : {}),
      cause: error,
    });
  }
  // Anything else (a stream cut mid-way: undici "terminated", a malformed SSE event).
  return sdkNetworkError(error, ctx);
}
