import { CircuitOpenError } from '../errors/circuit-open-error.js';
import type { BreakerState } from '../events/types.js';
import type { BreakerDecision, BreakerOptions, BreakerSnapshot, ResilienceClock } from './types.js';

/** Breaker settings with every default applied. */
export interface ResolvedBreakerOptions {
  mode: 'consecutive' | 'count';
  threshold: number;
  failureRate: number | undefined;
  minimumRequests: number;
  windowMs: number;
  halfOpenAfterMs: number;
}

/** Applies the defaults of {@link BreakerOptions}. */
export function resolveBreakerOptions(options: BreakerOptions | undefined): ResolvedBreakerOptions {
  const threshold = Math.max(1, Math.floor(options?.threshold ?? 5));
  const rate = options?.failureRate;
  return {
    mode: options?.mode ?? 'consecutive',
    threshold,
    failureRate: rate === undefined ? undefined : Math.min(1, Math.max(0, rate)),
    minimumRequests: Math.max(1, Math.floor(options?.minimumRequests ?? 10)),
    windowMs: Math.max(1, options?.windowMs ?? 60_000),
    halfOpenAfterMs: Math.max(0, options?.halfOpenAfterMs ?? 10_000),
  };
}

/**
 * A permission to send one attempt, from {@link CircuitBreaker.acquire}. `probe` is true for
 * the single half-open probe; `generation` ties the result to the breaker period it was
 * admitted in (results of calls admitted before the breaker opened do not close it).
 */
export interface BreakerPermit {
  readonly probe: boolean;
  readonly generation: number;
}

/** How an attempt's result counts for the breaker. */
export type BreakerResult = 'success' | 'failure' | 'ignore';

const BUCKETS = 10;

/**
 * The breaker state machine of one scope (provider × operation kind × credential).
 *
 * closed → open when the failure rule trips; open → half-open once `halfOpenAfterMs` passed
 * (checked lazily, on the next query); half-open admits exactly one probe, and while it is in
 * flight every other caller is refused at once (never queued); the probe's success closes the
 * breaker, its failure reopens it, an ignored result (caller abort, bulkhead) frees the probe.
 */
export class CircuitBreaker {
  readonly provider: string;
  readonly kind: 'read' | 'write';
  readonly credential: string;
  private readonly options: ResolvedBreakerOptions;
  private readonly clock: ResilienceClock;
  private readonly onTransition: (from: BreakerState, to: BreakerState) => void;
  private current: BreakerState = 'closed';
  private openedAt: number | undefined;
  private probeInFlight = false;
  private generation = 0;
  private consecutive = 0;
  private lastFailureAt = 0;
  private buckets: Array<{ start: number; failures: number; total: number }> = [];
  private permit: BreakerPermit | undefined;

  constructor(init: {
    provider: string;
    kind: 'read' | 'write';
    credential: string;
    options: ResolvedBreakerOptions;
    clock: ResilienceClock;
    onTransition?: (from: BreakerState, to: BreakerState) => void;
  }) {
    this.provider = init.provider;
    this.kind = init.kind;
    this.credential = init.credential;
    this.options = init.options;
    this.clock = init.clock;
    this.onTransition = init.onTransition ?? (() => {});
  }

  /** Current state (moves an expired open breaker to half-open). */
  get state(): BreakerState {
    this.refresh(this.clock.now());
    return this.current;
  }

  /** Whether an attempt would be admitted now; never takes the probe. */
  peek(): BreakerDecision {
    // Only an open breaker depends on the time: a closed one answers without reading the clock.
    if (this.current === 'closed') return { allowed: true, state: 'closed' };
    const now = this.clock.now();
    this.refresh(now);
    if (this.current === 'half-open') {
      return this.probeInFlight
        ? { allowed: false, state: 'half-open', reason: 'half-open: probe in flight' }
        : { allowed: true, state: 'half-open', reason: 'half-open: probe available' };
    }
    return { allowed: false, state: 'open', reason: 'open', retryAfterMs: this.msUntilHalfOpen(now) };
  }

  /**
   * Takes a permit for one attempt, or returns the {@link CircuitOpenError} to record when the
   * breaker is open or its half-open probe is taken. Never waits.
   */
  acquire(): BreakerPermit | CircuitOpenError {
    if (this.current === 'closed') return this.closedPermit();
    const now = this.clock.now();
    this.refresh(now);
    if (this.current === 'half-open' && !this.probeInFlight) {
      this.probeInFlight = true;
      return { probe: true, generation: this.generation };
    }
    return new CircuitOpenError({
      provider: this.provider,
      operationKind: this.kind,
      state: this.current === 'open' ? 'open' : 'half-open',
      ...(this.current === 'open' ? { retryAfterMs: this.msUntilHalfOpen(now) } : {}),
    });
  }

  /** Reports the result of an attempt admitted with `permit`. */
  record(permit: BreakerPermit, result: BreakerResult): void {
    if (permit.probe) {
      if (permit.generation !== this.generation || this.current !== 'half-open') return;
      this.probeInFlight = false;
      if (result === 'success') this.close();
      else if (result === 'failure') this.open(this.clock.now());
      return;
    }
    if (permit.generation !== this.generation || this.current !== 'closed' || result === 'ignore') return;
    if (result === 'success') {
      this.consecutive = 0;
      if (this.options.mode === 'count') this.bucket(this.clock.now()).total++;
      return;
    }
    const now = this.clock.now();
    if (this.options.mode === 'consecutive') {
      if (this.consecutive > 0 && now - this.lastFailureAt > this.options.windowMs) this.consecutive = 0;
      this.consecutive++;
      this.lastFailureAt = now;
      if (this.consecutive >= this.options.threshold) this.open(now);
      return;
    }
    const b = this.bucket(now);
    b.total++;
    b.failures++;
    const { failures, total } = this.windowCounts(now);
    const { failureRate, threshold, minimumRequests } = this.options;
    const trips = failureRate === undefined ? failures >= threshold : total >= minimumRequests && failures / total >= failureRate;
    if (trips) this.open(now);
  }

  /** Counted failures now: consecutive (consecutive mode, 0 after an idle gap) or in the window. */
  failures(): number {
    const now = this.clock.now();
    if (this.options.mode === 'consecutive') {
      return this.consecutive > 0 && now - this.lastFailureAt > this.options.windowMs ? 0 : this.consecutive;
    }
    return this.windowCounts(now).failures;
  }

  /** This breaker as a {@link BreakerSnapshot}. */
  snapshot(): BreakerSnapshot {
    const state = this.state;
    return {
      provider: this.provider,
      kind: this.kind,
      credential: this.credential,
      state,
      failures: this.failures(),
      ...(state !== 'closed' && this.openedAt !== undefined ? { openedAt: this.openedAt } : {}),
    };
  }

  /** The permit of the current closed period (permits are immutable, so one is shared). */
  private closedPermit(): BreakerPermit {
    let permit = this.permit;
    if (permit === undefined || permit.generation !== this.generation) {
      permit = Object.freeze({ probe: false, generation: this.generation });
      this.permit = permit;
    }
    return permit;
  }

  private msUntilHalfOpen(now: number): number {
    return Math.max(0, (this.openedAt ?? now) + this.options.halfOpenAfterMs - now);
  }

  private refresh(now: number): void {
    if (this.current === 'open' && this.openedAt !== undefined && now - this.openedAt >= this.options.halfOpenAfterMs) {
      this.transition('half-open');
      this.probeInFlight = false;
    }
  }

  private open(now: number): void {
    this.openedAt = now;
    this.generation++;
    this.probeInFlight = false;
    this.transition('open');
  }

  private close(): void {
    this.generation++;
    this.consecutive = 0;
    this.buckets = [];
    this.openedAt = undefined;
    this.transition('closed');
  }

  private transition(to: BreakerState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.onTransition(from, to);
  }

  private bucketMs(): number {
    return Math.max(1, Math.floor(this.options.windowMs / BUCKETS));
  }

  private prune(now: number): void {
    const horizon = now - this.options.windowMs;
    while (this.buckets.length && this.buckets[0]!.start + this.bucketMs() <= horizon) this.buckets.shift();
  }

  private bucket(now: number): { start: number; failures: number; total: number } {
    this.prune(now);
    const start = Math.floor(now / this.bucketMs()) * this.bucketMs();
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.start === start) return last;
    const fresh = { start, failures: 0, total: 0 };
    this.buckets.push(fresh);
    return fresh;
  }

  private windowCounts(now: number): { failures: number; total: number } {
    this.prune(now);
    let failures = 0;
    let total = 0;
    for (const b of this.buckets) {
      failures += b.failures;
      total += b.total;
    }
    return { failures, total };
  }
}
