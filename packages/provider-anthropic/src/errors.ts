import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
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
 * Rate-limit state from Anthropic's `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`
 * headers (reset: RFC 3339): the exhausted budget if any, else the scarcest. `undefined` without headers.
 * Vendor doc: https://docs.anthropic.com/en/api/rate-limits#response-headers
 */
export function anthropicRateLimit(headers: HeaderInput): RateLimitState | undefined {
  const states: RateLimitState[] = [];
  for (const resource of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
    const remaining = getHeader(headers, `anthropic-ratelimit-${resource}-remaining`);
    if (remaining === undefined || !/^\d+$/.test(remaining.trim())) continue;
    const limit = getHeader(headers, `anthropic-ratelimit-${resource}-limit`);
    const reset = Date.parse(getHeader(headers, `anthropic-ratelimit-${resource}-reset`) ?? '');
    states.push({
      resource,
      remaining: Number(remaining),
      ...(limit !== undefined && /^\d+$/.test(limit.trim()) ? { limit: Number(limit) } : {}),
      ...(Number.isNaN(reset) ? {} : { resetAt: reset }),
    });
  }
  if (states.length === 0) return undefined;
  return states.find((s) => s.remaining === 0) ?? states.sort((a, b) => (a.remaining ?? 0) / (a.limit ?? 1) - (b.remaining ?? 0) / (b.limit ?? 1))[0];
}

/**
 * Tells Anthropic's refusals apart: 429 `rate_limit_error` → `rate-limit`; 529 / `overloaded_error`
 * → `overloaded` (the API as a whole is busy: fail over); `billing_error` (credit exhausted) →
 * `quota-exhausted`. Vendor doc: https://docs.anthropic.com/en/api/errors
 */
export function anthropicRateLimitReason(status: number, type: string | undefined): RateLimitReason | undefined {
  if (status === 529 || type === 'overloaded_error') return 'overloaded';
  if (type === 'billing_error') return 'quota-exhausted';
  if (status === 429) return 'rate-limit';
  return undefined;
}

const SDK_TRANSPORT_ERRORS = { userAbort: APIUserAbortError, connectionTimeout: APIConnectionTimeoutError, connection: APIConnectionError };

/** Maps anything the Anthropic SDK throws to a Mosaic error (the caller's abort reason passes through). */
export function mapAnthropicError(error: unknown, ctx: SdkErrorContext): unknown {
  const transport = mapSdkTransportError(error, ctx, SDK_TRANSPORT_ERRORS);
  if (transport !== undefined) return transport;
  if (error instanceof APIError) {
    const body = (error.error ?? {}) as { type?: string; message?: string; error?: { type?: string; message?: string } };
    const inner = body.error ?? body;
    // An `error` event inside a stream has no HTTP status: overloaded_error there is a 529.
    const status = typeof error.status === 'number' ? error.status : inner.type === 'overloaded_error' ? 529 : 500;
    const reason = anthropicRateLimitReason(status, inner.type);
    return providerErrorFromResponse({
      provider: ctx.provider,
      operation: ctx.operation,
      status,
      headers: error.headers as Headers | undefined,
      method: 'POST',
      url: ctx.url,
      ...(inner.message ? { vendorMessage: inner.message } : {}),
      ...(inner.type ? { vendorCode: inner.type } : {}),
      ...(reason ? { rateLimitReason: reason } : {}),
      cause: error,
    });
  }
  return sdkNetworkError(error, ctx);
}
