import { MosaicError } from './mosaic-error.js';
import { ProviderCallError, type ProviderCallErrorOptions } from './provider-call-error.js';

const marker = 'mosaic.error.rate_limited';
const symbol = Symbol.for(marker);

/**
 * Why the vendor refused: a short-window `rate-limit` (429, `x-ratelimit-remaining: 0`),
 * a GitHub `secondary-rate-limit` (403/429 with `retry-after` or the documented message),
 * `quota-exhausted` (billing quota, e.g. OpenAI `insufficient_quota`: retrying will not help),
 * or `overloaded` (Anthropic 529).
 */
export type RateLimitReason = 'rate-limit' | 'secondary-rate-limit' | 'quota-exhausted' | 'overloaded';

/**
 * The vendor rate-limited the call. `retryAfterMs` is set when the vendor said how long to wait.
 * Nothing was applied. Retryable unless the quota is exhausted.
 */
export class RateLimitedError extends ProviderCallError {
  private readonly [symbol] = true;
  override readonly code = 'rate_limited';
  readonly reason: RateLimitReason;

  constructor(options: Omit<ProviderCallErrorOptions, 'category'> & { reason?: RateLimitReason }) {
    const reason = options.reason ?? 'rate-limit';
    super({
      ...options,
      category: reason === 'overloaded' ? 'unavailable' : 'rate-limited',
      outcome: 'not-applied',
      isRetryable: options.isRetryable ?? reason !== 'quota-exhausted',
    });
    this.name = 'RateLimitedError';
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is RateLimitedError {
    return MosaicError.hasMarker(error, marker);
  }
}
