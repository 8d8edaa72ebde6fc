import { RateLimitedError } from '../errors/index.js';
import type { Logger, ProviderMetrics, RateLimitState } from '../spec/v1/provider.js';

/** Options of {@link AiRateLimitTracker}. */
export interface AiRateLimitTrackerOptions {
  /** Provider id, logged when the reporter throws. */
  provider: string;
  /** Reads the vendor's rate-limit headers (e.g. OpenAI `x-ratelimit-*`, Anthropic `anthropic-ratelimit-*`). */
  read: (headers: Headers) => RateLimitState | undefined;
  /** Returns the provider's current logger (read at each warning, so a logger set later is used). */
  logger?: (() => Logger | undefined) | undefined;
}

/**
 * Rate-limit bookkeeping of an AI provider: keeps the last state read from response headers,
 * forwards it (a copy) to the core's `reportRateLimit`, and turns a refusal that says how long to
 * wait ({@link RateLimitedError} with `retryAfterMs > 0`) into a cooldown: the budget is reported
 * as spent (`remaining: 0`) until `now + retryAfterMs`, so the router skips the provider across
 * calls, not only this call's retries. A throwing reporter is logged at `warn` and never breaks
 * the call. Unlike the kit's `RateLimitMeter` it counts no requests.
 */
export class AiRateLimitTracker {
  private readonly provider: string;
  private readonly read: (headers: Headers) => RateLimitState | undefined;
  private readonly logger: () => Logger | undefined;
  private report: ((state: RateLimitState) => void) | undefined;
  private last: RateLimitState | undefined;

  constructor(options: AiRateLimitTrackerOptions) {
    this.provider = options.provider;
    this.read = options.read;
    this.logger = options.logger ?? (() => undefined);
  }

  /** The last known state (headers or cooldown), or `undefined`. */
  get state(): RateLimitState | undefined {
    return this.last;
  }

  /** Sets (or clears, with `undefined`) the core's rate-limit reporter, from `ProviderInitContext.reportRateLimit`. */
  setReporter(report: ((state: RateLimitState) => void) | undefined): void {
    this.report = report;
  }

  /** Reads, keeps and reports the rate-limit headers of one response (nothing when absent). */
  observe(headers: Headers): void {
    const state = this.read(headers);
    if (!state) return;
    this.last = state;
    this.emit(state);
  }

  /**
   * Starts a cooldown when `error` is a {@link RateLimitedError} with a positive `retryAfterMs`
   * (ms): `remaining: 0`, `resetAt: Date.now() + retryAfterMs` (epoch ms), `resource` kept or the
   * error's `reason`. Ignored when an equal or later cooldown is already in force.
   */
  coolDown(error: unknown): void {
    if (!RateLimitedError.isInstance(error) || error.retryAfterMs === undefined || error.retryAfterMs <= 0) return;
    const resetAt = Date.now() + error.retryAfterMs;
    if (this.last?.remaining === 0 && (this.last.resetAt ?? 0) >= resetAt) return;
    this.last = { ...this.last, remaining: 0, resetAt, resource: this.last?.resource ?? error.reason };
    this.emit(this.last);
  }

  /**
   * Runs one SDK request that returns its raw `response`: observes the response's headers on
   * success; on failure observes the thrown error's `headers` (SDK HTTP errors carry them),
   * maps the error with `mapError`, starts a {@link AiRateLimitTracker.coolDown} from the mapped
   * error and throws it.
   * @throws what `mapError` returns
   */
  async track<R extends { response: Response }>(run: () => Promise<R>, mapError: (error: unknown) => unknown): Promise<R> {
    try {
      const result = await run();
      this.observe(result.response.headers);
      return result;
    } catch (error) {
      const headers = (error as { headers?: Headers } | null)?.headers;
      if (headers) this.observe(headers);
      const mapped = mapError(error);
      this.coolDown(mapped);
      throw mapped;
    }
  }

  /** `{ rateLimit: <copy of the last state> }`, or `{}` when none is known. */
  metrics(): ProviderMetrics {
    return this.last ? { rateLimit: { ...this.last } } : {};
  }

  private emit(state: RateLimitState): void {
    try {
      this.report?.({ ...state });
    } catch (error) {
      this.logger()?.warn?.('reportRateLimit callback threw', { provider: this.provider, error: (error as Error)?.message });
    }
  }
}
