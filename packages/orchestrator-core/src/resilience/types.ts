import type { Attempt } from '../errors/attempt.js';
import type { BreakerState, MosaicEventName, MosaicEvents } from '../events/types.js';
import type { AnyOperation } from '../registry/define.js';

/** Source of the current time, in epoch milliseconds. Injected in tests (virtual time). */
export interface ResilienceClock {
  now(): number;
}

/**
 * Waits `ms` milliseconds. Must reject at once with `signal.reason` when `signal` aborts (also
 * when it is already aborted). Injected in tests to run backoff in virtual time.
 */
export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Receives the resilience layer's events (`attempt`, `retry`, `failover`, `breaker:state`). */
export interface ResilienceEventSink {
  emit<K extends MosaicEventName>(name: K, payload: MosaicEvents[K]): void;
}

/** Backoff curve between retries on one provider. */
export type BackoffKind = 'exponential' | 'linear' | 'constant';

/** Retry settings for one provider. Every field is optional. */
export interface RetryOptions {
  /** Total tries on one provider, the first included. Default 3; clamped to 1..10 (a missing or infinite value never means "forever"). */
  maxAttempts?: number;
  /** Base delay in ms. Default 100. */
  initialDelayMs?: number;
  /** Largest backoff delay in ms. Default 5000. */
  maxDelayMs?: number;
  /**
   * Longest vendor-requested wait (`Retry-After`, reset headers) honoured, in ms. Default 30000.
   * A longer request is not waited for: the call fails over to the next candidate instead.
   */
  maxRetryAfterMs?: number;
  /** Default `exponential` (`initial * 2^(n-1)`, capped at `maxDelayMs`). */
  backoff?: BackoffKind;
  /** Full jitter (a uniform delay in `[0, backoff)`). Default true. */
  jitter?: boolean;
}

/**
 * Circuit breaker settings for one provider. A breaker exists per provider × operation kind
 * (read/write) × credential fingerprint.
 *
 * - `consecutive` (default): opens after `threshold` consecutive counted failures; a success
 *   resets the count, and so does a gap of more than `windowMs` since the last failure (old
 *   failures never add up with new ones after an idle period).
 * - `count`: counts outcomes in a sliding window of `windowMs` made of 10 time buckets. Without
 *   `failureRate` it opens when the window holds `threshold` counted failures; with
 *   `failureRate` (0..1) it opens when the window holds at least `minimumRequests` calls and
 *   the share of failures reaches `failureRate`.
 */
export interface BreakerOptions {
  mode?: 'consecutive' | 'count';
  /** Default 5. */
  threshold?: number;
  /** 0..1; only for `count` mode. */
  failureRate?: number;
  /** Default 10; only with `failureRate`. */
  minimumRequests?: number;
  /** Window (count mode) / idle reset (consecutive mode) in ms. Default 60000. */
  windowMs?: number;
  /** Time an open breaker waits before admitting one probe, in ms. Default 10000. */
  halfOpenAfterMs?: number;
}

/** Concurrency limit per provider (bulkhead: a full one skips the provider). */
export interface BulkheadOptions {
  /** Calls in flight on one provider at once. Default 50. */
  maxConcurrent?: number;
  /** Calls waiting for a slot; beyond it a call is not sent and fails over. Default 0. */
  maxQueue?: number;
}

/** Resilience settings, globally (`defaults`) or for one provider (`perProvider`). */
export interface ResilienceOptions {
  /** Time budget of one attempt in ms (the vendor call is aborted through its signal). Default 10000. */
  timeoutMs?: number;
  retry?: RetryOptions;
  breaker?: BreakerOptions;
  bulkhead?: BulkheadOptions;
}

/** Options of {@link createResilience}. */
export interface CreateResilienceOptions {
  /** Settings for every provider. */
  defaults?: ResilienceOptions;
  /** Settings of one provider, by provider id, merged over `defaults` section by section. */
  perProvider?: Record<string, ResilienceOptions>;
  /** Default: `Date.now`. Used for breaker timing and attempt timestamps. */
  clock?: ResilienceClock;
  /** Default: an abortable `setTimeout`. Used for retry backoff. */
  sleep?: SleepFunction;
  /** Default `Math.random`; jitter source. */
  random?: () => number;
  events?: ResilienceEventSink;
}

/** A provider the router chose for a call, in the router's order. */
export interface ExecuteCandidate {
  id: string;
  /** Credential fingerprint (a hash, never the secret); scopes the breaker. Default `default`. */
  credential?: string;
  /** The provider honours `idempotencyKey` on writes (capabilities.features.idempotencyKeys). */
  idempotencyKeys?: boolean;
  /** Refreshes the credential after a 401; resolves true when it changed it. Called at most once per call. */
  refreshCredentials?: () => Promise<boolean>;
}

/** One call through {@link Resilience.execute}. */
export interface ExecuteCall<T> {
  callId: string;
  operation: AnyOperation;
  tenant: string;
  candidates: ExecuteCandidate[];
  /** The caller's signal. Its abort ends the call at once with `signal.reason`. */
  signal?: AbortSignal;
  /** Idempotency key of a write; makes same-provider retries of ambiguous failures safe on providers that honour it. */
  idempotencyKey?: string;
  /**
   * The vendor call. Must pass `signal` on (it aborts on timeout and on the caller's abort).
   * `attempt` is the 1-based attempt number across the call.
   */
  invoke(providerId: string, signal: AbortSignal, attempt: number): Promise<T>;
  /** Called when an attempt is sent (feeds the router's in-flight counts). */
  onAttemptStart?(providerId: string): void;
  /** Called when a sent attempt ends (feeds the router's latency and error statistics). */
  onAttemptEnd?(providerId: string, result: { latencyMs: number; ok: boolean }): void;
}

/** What {@link Resilience.execute} resolves to. */
export interface ExecuteResult<T> {
  value: T;
  /** Id of the provider that served the call. */
  provider: string;
  /** Every attempt, the successful one last. */
  attempts: Attempt[];
}

/** Answer of {@link Resilience.breakerAllows}. */
export interface BreakerDecision {
  allowed: boolean;
  state: BreakerState;
  /** Why not allowed (or `half-open: probe available`). */
  reason?: string;
  /** When not allowed: ms until a probe may be admitted, when known. */
  retryAfterMs?: number;
}

/** One breaker in {@link Resilience.snapshot}. */
export interface BreakerSnapshot {
  provider: string;
  kind: 'read' | 'write';
  credential: string;
  state: BreakerState;
  /** Counted failures: consecutive (consecutive mode) or in the window (count mode). */
  failures: number;
  /** Epoch ms when the breaker last opened, while open or half-open. */
  openedAt?: number;
}

/** The resilience layer: breakers, bulkheads, timeouts, retries and failover. */
export interface Resilience {
  /**
   * Whether a call of `kind` may be sent to `providerId` now (no side effect, never takes the
   * half-open probe). Routers filter candidates with it.
   */
  breakerAllows(providerId: string, kind: 'read' | 'write', credential?: string): BreakerDecision;
  /** Current state of one breaker (`closed` when it never saw a call). */
  breakerState(providerId: string, kind: 'read' | 'write', credential?: string): BreakerState;
  /** Every breaker created so far. */
  snapshot(): BreakerSnapshot[];
  /**
   * Runs a call over its candidates: per attempt bulkhead → timeout → invoke; retries on the
   * same provider; failover to the next candidate.
   * @throws the caller's abort reason when `call.signal` aborts;
   *   {@link OutcomeUnknownError} for a write that may have been applied and cannot be repeated safely;
   *   the provider's own {@link ProviderCallError} for definitive rejections (4xx other than 401/403/408/409/429),
   *   with the attempts readable through {@link attemptsOf};
   *   {@link NoProviderAvailableError} when every candidate failed or was skipped (`cause` = last error).
   */
  execute<T>(call: ExecuteCall<T>): Promise<ExecuteResult<T>>;
}
