import type { Logger, ProviderInitContext, ProviderMetrics, RateLimitState } from '../spec/v1/provider.js';
import { rateLimitFromHeaders } from './rate-limit.js';

/** Options of {@link RateLimitMeter}. */
export interface RateLimitMeterOptions {
  /** Provider id, logged when the reporter throws. */
  provider: string;
  /** Logger from the provider's settings; one given to `initialize` replaces it. */
  logger?: Logger | undefined;
  /** Reads the vendor's rate-limit headers; default {@link rateLimitFromHeaders} (`X-RateLimit-*`). */
  read?: ((headers: Headers) => RateLimitState | undefined) | undefined;
}

/**
 * The bookkeeping every HTTP provider does with response headers: counts responses, keeps the
 * last rate-limit state read from them and forwards it to the core's `reportRateLimit` (from
 * `ProviderInitContext`), which feeds routing and retry. A throwing reporter is logged at
 * `warn` and never breaks the call. Wire {@link RateLimitMeter.record} to every response
 * (redirects included) and delegate `initialize`, `dispose` and `metrics` to it.
 */
export class RateLimitMeter {
  private readonly provider: string;
  private readonly read: (headers: Headers) => RateLimitState | undefined;
  private logger: Logger | undefined;
  private reportRateLimit: ((state: RateLimitState) => void) | undefined;
  private last: RateLimitState | undefined;
  private requests = 0;

  constructor(options: RateLimitMeterOptions) {
    this.provider = options.provider;
    this.logger = options.logger;
    this.read = options.read ?? ((headers) => rateLimitFromHeaders(headers));
  }

  /** Takes the core's logger (when given) and rate-limit reporter. */
  initialize(context: ProviderInitContext): void {
    if (context.logger) this.logger = context.logger;
    this.reportRateLimit = context.reportRateLimit;
  }

  /** Stops reporting to the core. Idempotent. */
  dispose(): void {
    this.reportRateLimit = undefined;
  }

  /** Counts one response and reads, keeps and reports its rate-limit headers (when present). */
  record(headers: Headers): void {
    this.requests++;
    const state = this.read(headers);
    if (!state) return;
    this.last = state;
    try {
      this.reportRateLimit?.(state);
    } catch (error) {
      this.logger?.warn?.('reportRateLimit threw', { provider: this.provider, error: String(error) });
    }
  }

  /** `{ rateLimit?: <copy of the last state>, requests: <responses counted> }`. */
  metrics(): ProviderMetrics {
    return { ...(this.last ? { rateLimit: { ...this.last } } : {}), requests: this.requests };
  }
}
