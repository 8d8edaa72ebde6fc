import { BulkheadRejectedError } from 'cockatiel';
import type { Attempt } from '../errors/attempt.js';
import { CircuitOpenError } from '../errors/circuit-open-error.js';
import { providerErrorFromNetwork } from '../errors/http.js';
import { MosaicError } from '../errors/mosaic-error.js';
import { NoProviderAvailableError } from '../errors/no-provider-available-error.js';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.js';
import { ProviderCallError } from '../errors/provider-call-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { BreakerState, CallEventBase, MosaicEventName, MosaicEvents } from '../events/types.js';
import { CircuitBreaker, resolveBreakerOptions, type BreakerResult, type ResolvedBreakerOptions } from './breaker.js';
import { Bulkhead, type BulkheadTask } from './bulkhead.js';
import {
  abortableSleep,
  attachAttempts,
  backoffDelay,
  isBreakerFailure,
  isDefinitiveRejection,
  resolveRetryOptions,
  summarizeError,
  type ResolvedRetryOptions,
} from './policy.js';
import type {
  BreakerDecision,
  BreakerSnapshot,
  CreateResilienceOptions,
  ExecuteCall,
  ExecuteCandidate,
  ExecuteResult,
  Resilience,
  ResilienceOptions,
} from './types.js';

const DEFAULT_CREDENTIAL = 'default';

interface ProviderPolicies {
  timeoutMs: number;
  retry: ResolvedRetryOptions;
  breaker: ResolvedBreakerOptions;
  bulkhead: Bulkhead;
}

/** How one attempt ended, before the retry/failover decision. */
type AttemptEnd<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'error'; error: unknown; timedOut: boolean }
  | { kind: 'bulkhead'; error: unknown };

/**
 * One attempt on one provider: bulkhead slot → per-attempt signal (linked to the caller's,
 * aborted after `timeoutMs` by one timer) → `invoke`. The attempt ends at once on timeout or
 * caller abort, even when the vendor call ignores its signal; it keeps its bulkhead slot (and
 * its timer is cleared) only when the vendor call settles. The caller's abort listener is the
 * run itself (`handleEvent`), so a call without a caller signal registers no listener.
 */
class AttemptRun<T> implements BulkheadTask {
  /** The attempt has ended (the promise of {@link begin} resolved). */
  private settled = false;
  /** The bulkhead admitted the attempt and `invoke` was called. */
  started = false;
  private resolve!: (end: AttemptEnd<T>) => void;
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly call: ExecuteCall<T>,
    private readonly providerId: string,
    private readonly p: ProviderPolicies,
    private readonly attemptNo: number,
  ) {}

  /** A queued attempt whose caller gave up is dropped by the bulkhead. */
  get cancelled(): boolean {
    return this.settled;
  }

  begin(): Promise<AttemptEnd<T>> {
    return new Promise<AttemptEnd<T>>((resolve) => {
      this.resolve = resolve;
      const callerSignal = this.call.signal;
      if (callerSignal) {
        if (callerSignal.aborted) return this.finish({ kind: 'error', error: callerSignal.reason, timedOut: false });
        // The caller's abort ends the attempt at once, even while queued in the bulkhead.
        callerSignal.addEventListener('abort', this, { once: true });
      }
      const bulkhead = this.p.bulkhead;
      if (bulkhead.tryAcquire()) this.start();
      else if (!bulkhead.enqueue(this)) {
        this.finish({ kind: 'bulkhead', error: new BulkheadRejectedError(bulkhead.capacity, bulkhead.queueCapacity) });
      }
    });
  }

  /** Runs with a bulkhead slot held (released when the vendor call settles). */
  start(): void {
    this.started = true;
    try {
      this.call.onAttemptStart?.(this.providerId);
    } catch {
      // router statistics hooks must not fail the call
    }
    const controller = new AbortController();
    this.controller = controller;
    const callerSignal = this.call.signal;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    this.timer = setTimeout(onAttemptTimeout, this.p.timeoutMs, this);
    let pending: Promise<T>;
    try {
      pending = this.call.invoke(this.providerId, controller.signal, this.attemptNo);
    } catch (error) {
      pending = Promise.reject(error);
    }
    if (pending !== null && typeof pending === 'object' && typeof (pending as { then?: unknown }).then === 'function') {
      pending.then(
        (value) => {
          this.release();
          this.finish({ kind: 'ok', value });
        },
        (error: unknown) => {
          const timedOut = controller.signal.aborted && !this.call.signal?.aborted;
          this.release();
          this.finish({ kind: 'error', error, timedOut });
        },
      );
    } else {
      this.release();
      this.finish({ kind: 'ok', value: pending as T });
    }
  }

  /** The attempt's deadline passed: abort its signal and end it with the abort reason. */
  timeout(): void {
    this.timer = undefined;
    const controller = this.controller!;
    controller.abort();
    if (!this.call.signal?.aborted) this.finish({ kind: 'error', error: controller.signal.reason, timedOut: true });
  }

  /** The caller's signal aborted (this run is its listener). */
  handleEvent(): void {
    const reason = this.call.signal!.reason;
    this.finish({ kind: 'error', error: reason, timedOut: false });
    this.controller?.abort(reason);
  }

  private release(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.p.bulkhead.release();
  }

  private finish(end: AttemptEnd<T>): void {
    if (this.settled) return;
    this.settled = true;
    this.call.signal?.removeEventListener('abort', this);
    this.resolve(end);
  }
}

function onAttemptTimeout(run: { timeout(): void }): void {
  run.timeout();
}

/**
 * Creates the resilience layer (DESIGN §3 "policy" and "failover").
 *
 * Per attempt: circuit breaker admission (never waits; an open breaker or a taken half-open
 * probe skips the provider) → bulkhead (`maxConcurrent`/`maxQueue` per provider, FIFO queue; a
 * full bulkhead skips the provider) → cooperative timeout (the per-attempt signal handed to
 * `invoke` is linked to the caller's and aborted after `timeoutMs`; the attempt then
 * ends at once with a `TimeoutError` even if the vendor call ignores the signal, and keeps its
 * bulkhead slot until the vendor call settles) → `invoke`.
 *
 * Decisions after a failed attempt, in order:
 * 1. caller aborted → its `signal.reason` is thrown at once (no retry, no failover, no breaker penalty);
 * 2. definitive rejection (4xx other than 401/403/408/409/429, or a non-provider Mosaic error) →
 *    thrown as is, attempts readable with `attemptsOf(error)`;
 * 3. a write whose outcome is not proven `not-applied` → `OutcomeUnknownError`, unless the
 *    candidate honours idempotency keys and the call has one: then only same-provider retries
 *    are allowed, never failover (another provider cannot deduplicate);
 * 4. auth (401/403): a 401 calls the candidate's `refreshCredentials` once per call and retries
 *    once when it returns true; otherwise the call fails over (nothing was applied, and another
 *    provider has its own credential) — for reads and writes alike;
 * 5. retryable (`isRetryable`) and fewer than `maxAttempts` tries on this provider → wait
 *    (the vendor's `retryAfterMs` when ≤ `maxRetryAfterMs`, else fail over without waiting;
 *    otherwise backoff with full jitter) and retry;
 * 6. otherwise fail over to the next candidate; after the last one, `NoProviderAvailableError`
 *    with every attempt and `cause` = the last error.
 *
 * Breakers count `network`, `timeout`, `unavailable` and `rate-limited` errors; other answers
 * from the provider count as successes; aborts and bulkhead rejections do not count.
 */
export function createResilience(options: CreateResilienceOptions = {}): Resilience {
  const clock = options.clock ?? { now: () => Date.now() };
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const sink = options.events;
  const policies = new Map<string, ProviderPolicies>();
  const breakers = new Map<string, CircuitBreaker>();

  const emit = <K extends MosaicEventName>(name: K, payload: MosaicEvents[K]): void => {
    if (!sink) return;
    try {
      sink.emit(name, payload);
    } catch {
      // a failing listener must not fail the call
    }
  };

  const settingsFor = (providerId: string): ResilienceOptions => {
    const d = options.defaults ?? {};
    const p = options.perProvider?.[providerId] ?? {};
    return {
      timeoutMs: p.timeoutMs ?? d.timeoutMs ?? 10_000,
      retry: { ...d.retry, ...p.retry },
      breaker: { ...d.breaker, ...p.breaker },
      bulkhead: { ...d.bulkhead, ...p.bulkhead },
    };
  };

  const policiesFor = (providerId: string): ProviderPolicies => {
    let found = policies.get(providerId);
    if (!found) {
      const s = settingsFor(providerId);
      const timeoutMs = Math.max(1, s.timeoutMs ?? 10_000);
      found = {
        timeoutMs,
        retry: resolveRetryOptions(s.retry),
        breaker: resolveBreakerOptions(s.breaker),
        bulkhead: new Bulkhead(Math.max(1, s.bulkhead?.maxConcurrent ?? 50), Math.max(0, s.bulkhead?.maxQueue ?? 0)),
      };
      policies.set(providerId, found);
    }
    return found;
  };

  /** Breakers by provider, then kind, then credential (no composite key built per lookup). */
  const breakerIndex = new Map<string, { read: Map<string, CircuitBreaker>; write: Map<string, CircuitBreaker> }>();

  const breakerFor = (providerId: string, kind: 'read' | 'write', credential: string | undefined): CircuitBreaker => {
    const cred = credential ?? DEFAULT_CREDENTIAL;
    let byKind = breakerIndex.get(providerId);
    if (!byKind) {
      byKind = { read: new Map(), write: new Map() };
      breakerIndex.set(providerId, byKind);
    }
    const byCredential = kind === 'write' ? byKind.write : byKind.read;
    let breaker = byCredential.get(cred);
    if (!breaker) {
      breaker = new CircuitBreaker({
        provider: providerId,
        kind,
        credential: cred,
        options: policiesFor(providerId).breaker,
        clock,
        onTransition: (from: BreakerState, to: BreakerState) =>
          emit('breaker:state', { provider: providerId, operationKind: kind, credential: cred, from, to }),
      });
      byCredential.set(cred, breaker);
      breakers.set(`${providerId}\u0000${kind}\u0000${cred}`, breaker);
    }
    return breaker;
  };

  function classify(error: unknown, timedOut: boolean, providerId: string, operation: string, timeoutMs: number): unknown {
    if (timedOut && !TimeoutError.isInstance(error)) {
      return new TimeoutError({ provider: providerId, operation, timeoutMs, cause: error });
    }
    if (MosaicError.isInstance(error)) return error;
    return providerErrorFromNetwork({ provider: providerId, operation, error, timeoutMs });
  }

  async function execute<T>(call: ExecuteCall<T>): Promise<ExecuteResult<T>> {
    const op = call.operation;
    const kind = op.kind;
    const base: CallEventBase = { callId: call.callId, operation: op.name, service: op.service, tenant: call.tenant };
    const attempts: Attempt[] = [];
    let lastError: unknown;
    /** Provider on which a write may have been applied (ambiguous failure with an idempotency key). */
    let ambiguousOn: string | undefined;

    const throwIfAborted = (): void => {
      if (call.signal?.aborted) throw call.signal.reason;
    };
    const record = (a: Attempt): void => {
      attempts.push(a);
      emit('attempt', { callId: base.callId, operation: base.operation, service: base.service, tenant: base.tenant, attempt: a });
    };

    throwIfAborted();
    const candidates = call.candidates;
    for (let ci = 0; ci < candidates.length; ci++) {
      const candidate = candidates[ci]!;
      const p = policiesFor(candidate.id);
      const breaker = breakerFor(candidate.id, kind, candidate.credential);
      let triesHere = 0;
      let refreshed = false;
      let failoverReason = 'failed';

      for (;;) {
        throwIfAborted();
        const permit = breaker.acquire();
        if (CircuitOpenError.isInstance(permit)) {
          lastError = permit;
          record({
            provider: candidate.id, operation: op.name, attempt: attempts.length + 1, startedAt: clock.now(), durationMs: 0,
            status: 'skipped', outcome: 'not-applied', error: summarizeError(permit),
          });
          failoverReason = `circuit ${permit.state}`;
          break;
        }

        triesHere++;
        const attemptNo = attempts.length + 1;
        const startedAt = clock.now();
        const run = new AttemptRun(call, candidate.id, p, attemptNo);
        const end = await run.begin();
        const durationMs = Math.max(0, clock.now() - startedAt);
        if (run.started && call.onAttemptEnd) {
          try {
            call.onAttemptEnd(candidate.id, { latencyMs: durationMs, ok: end.kind === 'ok' });
          } catch {
            // router statistics hooks must not fail the call
          }
        }

        if (end.kind === 'ok') {
          breaker.record(permit, 'success');
          record({ provider: candidate.id, operation: op.name, attempt: attemptNo, startedAt, durationMs, status: 'success', outcome: 'applied' });
          return { value: end.value, provider: candidate.id, attempts };
        }

        if (end.kind === 'bulkhead') {
          breaker.record(permit, 'ignore');
          const error = new ProviderCallError({
            provider: candidate.id, operation: op.name, category: 'unavailable', outcome: 'not-applied', isRetryable: false,
            message: `${candidate.id} ${op.name} not sent: bulkhead full (${p.bulkhead.executionSlots} free slots)`, cause: end.error,
          });
          lastError = error;
          record({ provider: candidate.id, operation: op.name, attempt: attemptNo, startedAt, durationMs, status: 'skipped', outcome: 'not-applied', error: summarizeError(error) });
          failoverReason = 'bulkhead full';
          break;
        }

        if (call.signal?.aborted) {
          breaker.record(permit, 'ignore');
          record({
            provider: candidate.id, operation: op.name, attempt: attemptNo, startedAt, durationMs, status: 'error',
            outcome: kind === 'read' ? 'not-applied' : 'unknown', error: summarizeError(call.signal.reason),
          });
          throw call.signal.reason;
        }

        const error = classify(end.error, end.timedOut, candidate.id, op.name, p.timeoutMs);
        lastError = error;
        const pce = ProviderCallError.isInstance(error) ? error : undefined;
        const result: BreakerResult = pce ? (isBreakerFailure(pce) ? 'failure' : 'success') : 'ignore';
        breaker.record(permit, result);
        const outcome = pce ? pce.outcome : CircuitOpenError.isInstance(error) ? 'not-applied' : 'unknown';
        record({
          provider: candidate.id, operation: op.name, attempt: attemptNo, startedAt, durationMs,
          status: 'error', outcome, error: summarizeError(error),
        });

        if (CircuitOpenError.isInstance(error)) {
          failoverReason = `circuit ${error.state}`;
          break;
        }
        if (!pce || isDefinitiveRejection(pce)) {
          // A write that may already be applied by an earlier attempt never hides that outcome.
          if (kind === 'write' && ambiguousOn !== undefined) {
            throw new OutcomeUnknownError({ operation: op.name, provider: ambiguousOn, attempts, cause: error });
          }
          throw attachAttempts(error, attempts);
        }

        if (kind === 'write' && pce.outcome !== 'not-applied') {
          if (!(candidate.idempotencyKeys && call.idempotencyKey)) {
            throw new OutcomeUnknownError({ operation: op.name, provider: candidate.id, attempts, cause: pce });
          }
          ambiguousOn = candidate.id;
        }

        if (pce.category === 'auth') {
          if (pce.status === 401 && candidate.refreshCredentials && !refreshed) {
            refreshed = true;
            let changed = false;
            try {
              changed = await candidate.refreshCredentials();
            } catch {
              changed = false;
            }
            throwIfAborted();
            if (changed) {
              emit('retry', { ...base, provider: candidate.id, attempt: attemptNo, delayMs: 0, reason: 'auth: credentials refreshed' });
              continue;
            }
          }
          failoverReason = `auth${pce.status !== undefined ? ` (${pce.status})` : ''}`;
          break;
        }

        if (pce.isRetryable && triesHere < p.retry.maxAttempts) {
          // The breaker opened meanwhile (this or concurrent calls): skip it now, do not wait first.
          if (!breaker.peek().allowed) continue;
          let delayMs: number;
          if (pce.retryAfterMs !== undefined) {
            if (pce.retryAfterMs > p.retry.maxRetryAfterMs) {
              failoverReason = `retry-after ${pce.retryAfterMs} ms exceeds ${p.retry.maxRetryAfterMs} ms`;
              break;
            }
            delayMs = pce.retryAfterMs;
          } else {
            delayMs = backoffDelay(p.retry, triesHere, random);
          }
          emit('retry', { ...base, provider: candidate.id, attempt: attemptNo, delayMs, reason: pce.code === 'provider_call' ? pce.category : pce.code });
          if (delayMs > 0) await sleep(delayMs, call.signal);
          continue;
        }
        failoverReason = pce.isRetryable ? `${pce.category}: ${triesHere} attempt${triesHere === 1 ? '' : 's'} exhausted` : `${pce.category}: not retryable`;
        break;
      }

      if (kind === 'write' && ambiguousOn !== undefined) {
        throw new OutcomeUnknownError({ operation: op.name, provider: ambiguousOn, attempts, cause: lastError });
      }
      const next = candidates[ci + 1];
      if (next) emit('failover', { ...base, from: candidate.id, to: next.id, reason: failoverReason });
    }

    throwIfAborted();
    throw new NoProviderAvailableError({
      operation: op.name,
      attempts,
      cause: lastError,
      isRetryable: MosaicError.isInstance(lastError) ? lastError.isRetryable : false,
      ...(candidates.length === 0 ? { reasons: { '(none)': 'no candidates' } } : {}),
    });
  }

  return {
    breakerAllows(providerId, kind, credential): BreakerDecision {
      return breakerFor(providerId, kind, credential).peek();
    },
    breakerState(providerId, kind, credential): BreakerState {
      const existing = breakerIndex.get(providerId)?.[kind === 'write' ? 'write' : 'read'].get(credential ?? DEFAULT_CREDENTIAL);
      return existing ? existing.state : 'closed';
    },
    snapshot(): BreakerSnapshot[] {
      return [...breakers.values()].map((b) => b.snapshot());
    },
    execute,
  };
}

