import { afterEach, describe, expect, it, vi } from 'vitest';
import { CircuitOpenError } from '../errors/circuit-open-error.js';
import { NoProviderAvailableError } from '../errors/no-provider-available-error.js';
import { OutcomeUnknownError } from '../errors/outcome-unknown-error.js';
import { ProviderCallError } from '../errors/provider-call-error.js';
import { registerSecret } from '../errors/redact.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { gitOperations } from '../registry/git.js';
import { createResilience } from './executor.js';
import { attemptsOf } from './policy.js';
import { createFaultInjectingProvider, type Fault, type FaultInjectingProvider, type FaultScript } from './testing/fault-injecting-provider.js';
import { createVirtualHarness } from './testing/harness.js';
import type { CreateResilienceOptions, ExecuteCandidate, ResilienceOptions } from './types.js';

const getRepo = gitOperations['git.getRepository'];
const createRepo = gitOperations['git.createRepository'];
const readInput = { owner: 'acme', repo: 'svc' };
const writeInput = { owner: 'acme', name: 'svc', ownerType: 'organization' as const, private: false, autoInit: false };

function setup(config: { faults?: Record<string, FaultScript>; keys?: Record<string, boolean>; defaults?: ResilienceOptions; extra?: Partial<CreateResilienceOptions> } = {}) {
  const h = createVirtualHarness();
  const providers: Record<string, FaultInjectingProvider> = {};
  for (const id of ['a', 'b', 'c']) {
    providers[id] = createFaultInjectingProvider({
      id,
      faults: config.faults?.[id] ?? [],
      idempotencyKeys: config.keys?.[id] ?? false,
      sleep: h.sleep,
    });
  }
  const resilience = createResilience({
    clock: h.clock,
    sleep: h.sleep,
    random: () => 0.5,
    events: h.events,
    defaults: { retry: { jitter: false }, ...config.defaults },
    ...config.extra,
  });
  const calls: string[] = [];
  let n = 0;
  const read = (candidates: Array<string | ExecuteCandidate> = ['a', 'b'], signal?: AbortSignal) =>
    resilience.execute({
      callId: `r${++n}`,
      operation: getRepo,
      tenant: 't1',
      candidates: candidates.map((c) => (typeof c === 'string' ? { id: c } : c)),
      ...(signal ? { signal } : {}),
      invoke: (id, s) => {
        calls.push(id);
        return providers[id]!.getRepository(readInput, { signal: s });
      },
    });
  const write = (candidates: Array<string | ExecuteCandidate> = ['a', 'b'], idempotencyKey?: string, signal?: AbortSignal) =>
    resilience.execute({
      callId: `w${++n}`,
      operation: createRepo,
      tenant: 't1',
      candidates: candidates.map((c) => (typeof c === 'string' ? { id: c, idempotencyKeys: config.keys?.[c] ?? false } : c)),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(signal ? { signal } : {}),
      invoke: (id, s) => {
        calls.push(id);
        return providers[id]!.createRepository(writeInput, { signal: s, ...(idempotencyKey ? { idempotencyKey } : {}) });
      },
    });
  return { h, providers, resilience, calls, read, write };
}

const status = (s: number, headers?: Record<string, string>): Fault => ({ type: 'status', status: s, ...(headers ? { headers } : {}) });
const times = <T>(n: number, f: T): T[] => Array.from({ length: n }, () => f);

afterEach(() => {
  vi.useRealTimers();
});

describe('execute: success and attempts', () => {
  it('serves from the first candidate and records a complete attempt', async () => {
    const t = setup();
    const starts: string[] = [];
    const ends: Array<{ id: string; ok: boolean }> = [];
    const result = await t.resilience.execute({
      callId: 'c1', operation: getRepo, tenant: 't1', candidates: [{ id: 'a' }],
      invoke: (id, s) => t.providers[id]!.getRepository(readInput, { signal: s }),
      onAttemptStart: (id) => starts.push(id),
      onAttemptEnd: (id, r) => ends.push({ id, ok: r.ok }),
    });
    expect(result.provider).toBe('a');
    expect(result.attempts).toEqual([
      { provider: 'a', operation: 'git.getRepository', attempt: 1, startedAt: t.h.time.now, durationMs: 0, status: 'success', outcome: 'applied' },
    ]);
    expect(starts).toEqual(['a']);
    expect(ends).toEqual([{ id: 'a', ok: true }]);
    const ev = t.h.events.named('attempt');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ callId: 'c1', operation: 'git.getRepository', service: 'git', tenant: 't1' });
  });

  it('passes a per-attempt signal linked to the caller and the 1-based attempt number', async () => {
    const t = setup({ faults: { a: [status(503)] } });
    const seen: Array<{ attempt: number; signal: AbortSignal }> = [];
    await t.resilience.execute({
      callId: 'c1', operation: getRepo, tenant: 't1', candidates: [{ id: 'a' }], signal: new AbortController().signal,
      invoke: (id, signal, attempt) => {
        seen.push({ attempt, signal });
        return t.providers[id]!.getRepository(readInput, { signal });
      },
    });
    expect(seen.map((s) => s.attempt)).toEqual([1, 2]);
    expect(seen[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('records an attempt with a redacted error summary and durations from the clock', async () => {
    const secret = 'ghp_' + 'x'.repeat(36);
    registerSecret(secret);
    const t = setup();
    let first = true;
    await t.resilience.execute({
      callId: 'c1', operation: getRepo, tenant: 't1', candidates: [{ id: 'a' }],
      invoke: async () => {
        t.h.time.now += 25;
        if (first) {
          first = false;
          throw new Error(`socket closed while sending Authorization: token ${secret}`);
        }
        return 'ok';
      },
    });
    const a = t.h.events.named('attempt')[0]!.attempt;
    expect(a.status).toBe('error');
    expect(a.durationMs).toBe(25);
    expect(a.outcome).toBe('unknown');
    expect(a.error?.category).toBe('network');
    expect(JSON.stringify(a)).not.toContain(secret);
  });
});

describe('execute: retries', () => {
  it('retries retryable errors with exponential backoff and emits retry before each wait', async () => {
    const t = setup({ faults: { a: [status(503), status(502)] } });
    const r = await t.read(['a']);
    expect(r.attempts.map((a) => a.status)).toEqual(['error', 'error', 'success']);
    expect(t.h.sleeps).toEqual([100, 200]);
    expect(t.h.events.named('retry').map((e) => e.delayMs)).toEqual([100, 200]);
    expect(t.h.events.list.map((e) => e.name)).toEqual(['attempt', 'retry', 'attempt', 'retry', 'attempt']);
  });

  it('applies full jitter from the injected random source', async () => {
    const t = setup({ faults: { a: [status(503), status(503)] }, defaults: { retry: { jitter: true } } });
    await t.read(['a']);
    expect(t.h.sleeps).toEqual([50, 100]);
  });

  it('caps maxAttempts at 10 (no retry-forever), even for Infinity', async () => {
    for (const maxAttempts of [1000, Number.POSITIVE_INFINITY]) {
      const t = setup({ faults: { a: () => status(503) }, defaults: { retry: { maxAttempts, jitter: false, maxDelayMs: 1 }, breaker: { threshold: 100 } } });
      const err = await t.read(['a']).catch((e: unknown) => e);
      expect(NoProviderAvailableError.isInstance(err)).toBe(true);
      expect(t.providers.a!.calls).toBe(10);
      expect((err as NoProviderAvailableError).attempts).toHaveLength(10);
    }
  });

  it('stops retrying on the same provider once its breaker opens mid-call', async () => {
    const t = setup({ faults: { a: () => status(503) }, defaults: { retry: { maxAttempts: 10, jitter: false }, breaker: { threshold: 2 } } });
    const r = await t.read(['a', 'b']);
    expect(r.provider).toBe('b');
    expect(r.attempts.map((a) => a.status)).toEqual(['error', 'error', 'skipped', 'success']);
    expect(t.h.events.named('failover')[0]!.reason).toBe('circuit open');
    expect(t.h.sleeps).toEqual([100]);
  });

  it('does not retry or fail over a 422 and exposes the attempts on the thrown error', async () => {
    const t = setup({ faults: { a: [status(422)] } });
    const err = await t.read(['a', 'b']).catch((e: unknown) => e);
    expect(ProviderCallError.isInstance(err)).toBe(true);
    expect((err as ProviderCallError).status).toBe(422);
    expect(t.calls).toEqual(['a']);
    expect(attemptsOf(err)).toHaveLength(1);
    expect(t.h.events.named('failover')).toHaveLength(0);
  });

  it('does not retry or fail over a 404 either, but does retry a 409 and a 408', async () => {
    const t = setup({ faults: { a: [status(404)] } });
    await expect(t.read(['a', 'b'])).rejects.toMatchObject({ status: 404 });
    expect(t.calls).toEqual(['a']);
    const u = setup({ faults: { a: [status(409), status(408)] } });
    const r = await u.read(['a', 'b']);
    expect(r.provider).toBe('a');
    expect(u.calls).toEqual(['a', 'a', 'a']);
  });

  it('honours Retry-After in seconds', async () => {
    const t = setup({ faults: { a: [{ type: 'rate-limit', retryAfter: 2 }] } });
    const r = await t.read(['a']);
    expect(r.provider).toBe('a');
    expect(t.h.sleeps).toEqual([2000]);
    expect(t.h.events.named('retry')[0]).toMatchObject({ delayMs: 2000, reason: 'rate_limited' });
  });

  it('honours Retry-After as an HTTP-date', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T03:00:00.000Z') });
    const t = setup({ faults: { a: [{ type: 'rate-limit', retryAfter: 'Sun, 22 Nov 2026 03:00:07 GMT' }] } });
    await t.read(['a']);
    expect(t.h.sleeps).toEqual([7000]);
  });

  it('does not wait for a Retry-After above maxRetryAfterMs: fails over at once', async () => {
    const t = setup({ faults: { a: [{ type: 'rate-limit', retryAfter: 120 }] } });
    const r = await t.read(['a', 'b']);
    expect(r.provider).toBe('b');
    expect(t.h.sleeps).toEqual([]);
    expect(t.h.events.named('failover')[0]).toMatchObject({ from: 'a', to: 'b' });
    expect(t.h.events.named('failover')[0]!.reason).toContain('retry-after 120000 ms');
  });

  it('caps a Retry-After with a lower maxRetryAfterMs per provider', async () => {
    const t = setup({ faults: { a: [{ type: 'rate-limit', retryAfter: 5 }] }, extra: { perProvider: { a: { retry: { maxRetryAfterMs: 1000 } } } } });
    const r = await t.read(['a', 'b']);
    expect(r.provider).toBe('b');
    expect(t.h.sleeps).toEqual([]);
  });

  it('ends the backoff sleep at once when the caller aborts, with the caller reason', async () => {
    vi.useFakeTimers();
    const providers = { a: createFaultInjectingProvider({ id: 'a', faults: () => status(503) }) };
    const resilience = createResilience({ defaults: { retry: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: false } } });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    let invoked = 0;
    const p = resilience.execute({
      callId: 'c', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }], signal: controller.signal,
      invoke: (id, s) => {
        invoked++;
        if (invoked === 1) queueMicrotask(() => setTimeout(() => controller.abort(reason), 10));
        return providers.a.getRepository(readInput, { signal: s });
      },
    });
    const settled = p.catch((e: unknown) => e);
    const before = Date.now();
    await vi.advanceTimersByTimeAsync(10);
    expect(await settled).toBe(reason);
    expect(Date.now() - before).toBe(10);
    expect(invoked).toBe(1);
  });

  it('classifies a non-Mosaic error as a network error and retries a read', async () => {
    const t = setup();
    let n = 0;
    const r = await t.resilience.execute({
      callId: 'c', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }],
      invoke: async () => {
        if (n++ === 0) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
        return 'fine';
      },
    });
    expect(r.value).toBe('fine');
    expect(r.attempts[0]!.error).toMatchObject({ category: 'network', code: 'provider_call' });
  });
});

describe('execute: timeouts and caller aborts', () => {
  it('aborts a hanging attempt after timeoutMs with TimeoutError (outcome unknown) and retries a read', async () => {
    vi.useFakeTimers();
    const a = createFaultInjectingProvider({ id: 'a', faults: [{ type: 'hang' }] });
    const resilience = createResilience({ defaults: { timeoutMs: 1000, retry: { jitter: false, initialDelayMs: 0 } } });
    const p = resilience.execute({ callId: 'c', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }], invoke: (_id, s) => a.getRepository(readInput, { signal: s }) });
    await vi.advanceTimersByTimeAsync(1000);
    const r = await p;
    expect(r.attempts).toHaveLength(2);
    expect(r.attempts[0]).toMatchObject({ status: 'error', outcome: 'unknown', error: { name: 'TimeoutError', category: 'timeout' } });
  });

  it('ends a timed-out attempt even when the vendor call ignores its signal, and fails a read over', async () => {
    vi.useFakeTimers();
    const b = createFaultInjectingProvider({ id: 'b' });
    const resilience = createResilience({ defaults: { timeoutMs: 300, retry: { maxAttempts: 1 } } });
    const p = resilience.execute({
      callId: 'c', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }, { id: 'b' }],
      invoke: (id, s) => (id === 'a' ? new Promise<never>(() => {}) : b.getRepository(readInput, { signal: s })),
    });
    await vi.advanceTimersByTimeAsync(300);
    const r = await p;
    expect(r.provider).toBe('b');
    expect(r.attempts[0]).toMatchObject({ provider: 'a', status: 'error', outcome: 'unknown', durationMs: 300, error: { name: 'TimeoutError' } });
  });

  it('turns a timed-out write into OutcomeUnknownError without failover', async () => {
    vi.useFakeTimers();
    const a = createFaultInjectingProvider({ id: 'a', faults: [{ type: 'hang' }] });
    const b = createFaultInjectingProvider({ id: 'b' });
    const resilience = createResilience({ defaults: { timeoutMs: 500 } });
    const p = resilience
      .execute({
        callId: 'c', operation: createRepo, tenant: 't', candidates: [{ id: 'a' }, { id: 'b' }],
        invoke: (id, s) => (id === 'a' ? a : b).createRepository(writeInput, { signal: s }),
      })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    const err = await p;
    expect(OutcomeUnknownError.isInstance(err)).toBe(true);
    expect(TimeoutError.isInstance((err as OutcomeUnknownError).cause)).toBe(true);
    expect(b.calls).toBe(0);
  });

  it('rethrows the caller abort reason at once: no retry, no failover, no breaker penalty', async () => {
    const t = setup({ faults: { a: [{ type: 'hang' }] }, defaults: { breaker: { threshold: 1 } } });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const p = t.read(['a', 'b'], controller.signal).catch((e: unknown) => e);
    await Promise.resolve();
    controller.abort(reason);
    expect(await p).toBe(reason);
    expect(t.calls).toEqual(['a']);
    expect(t.resilience.breakerState('a', 'read')).toBe('closed');
    expect(t.h.events.named('failover')).toHaveLength(0);
    expect(t.h.events.named('retry')).toHaveLength(0);
  });

  it('ends at once on caller abort even when the vendor call ignores its signal', async () => {
    const t = setup();
    const controller = new AbortController();
    const reason = new Error('stop');
    const p = t.resilience
      .execute({ callId: 'c', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }, { id: 'b' }], signal: controller.signal, invoke: () => new Promise<never>(() => {}) })
      .catch((e: unknown) => e);
    await Promise.resolve();
    controller.abort(reason);
    expect(await p).toBe(reason);
  });

  it('does not start when the caller signal is already aborted', async () => {
    const t = setup();
    const reason = new Error('already');
    await expect(t.read(['a'], AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(t.calls).toEqual([]);
  });
});

describe('execute: writes', () => {
  it('after a reset: OutcomeUnknownError, not retried, not failed over', async () => {
    const t = setup({ faults: { a: [{ type: 'reset' }] } });
    const err = await t.write(['a', 'b']).catch((e: unknown) => e);
    expect(OutcomeUnknownError.isInstance(err)).toBe(true);
    expect((err as OutcomeUnknownError).provider).toBe('a');
    expect((err as OutcomeUnknownError).attempts).toHaveLength(1);
    expect(t.calls).toEqual(['a']);
  });

  it('after a drop-after-commit: OutcomeUnknownError and the write is applied exactly once', async () => {
    const t = setup({ faults: { a: [{ type: 'drop-after-commit' }] } });
    await expect(t.write(['a', 'b'], 'k1')).rejects.toSatisfy(OutcomeUnknownError.isInstance);
    expect(t.providers.a!.appliedCount('k1')).toBe(1);
    expect(t.providers.b!.appliedCount('k1')).toBe(0);
  });

  it('after ECONNREFUSED: retried on the same provider, then failed over', async () => {
    const t = setup({ faults: { a: () => ({ type: 'connection-refused' }) } });
    const r = await t.write(['a', 'b'], 'k1');
    expect(r.provider).toBe('b');
    expect(t.calls).toEqual(['a', 'a', 'a', 'b']);
    expect(r.attempts.map((a) => a.outcome)).toEqual(['not-applied', 'not-applied', 'not-applied', 'applied']);
    expect(t.h.events.named('failover')).toHaveLength(1);
    expect(t.providers.b!.appliedCount('k1')).toBe(1);
  });

  it('after a 429 (not applied): retried', async () => {
    const t = setup({ faults: { a: [{ type: 'rate-limit', retryAfter: 1 }] } });
    const r = await t.write(['a', 'b']);
    expect(r.provider).toBe('a');
    expect(t.calls).toEqual(['a', 'a']);
  });

  it('with an idempotency key the provider honours: ambiguous failures are retried on the same provider, applied once', async () => {
    const t = setup({ faults: { a: [{ type: 'drop-after-commit' }, { type: 'reset' }] }, keys: { a: true } });
    const r = await t.write(['a', 'b'], 'k1');
    expect(r.provider).toBe('a');
    expect(t.calls).toEqual(['a', 'a', 'a']);
    expect(t.providers.a!.appliedCount('k1')).toBe(1);
  });

  it('with an idempotency key: never failed over to another provider after an ambiguous failure', async () => {
    const t = setup({ faults: { a: [{ type: 'reset' }, { type: 'reset' }, { type: 'connection-refused' }] }, keys: { a: true, b: true } });
    const err = await t.write(['a', 'b'], 'k1').catch((e: unknown) => e);
    expect(OutcomeUnknownError.isInstance(err)).toBe(true);
    expect(t.calls).toEqual(['a', 'a', 'a']);
    expect((err as OutcomeUnknownError).attempts).toHaveLength(3);
  });

  it('with a key: a definitive error after an ambiguous attempt still reports the unknown outcome', async () => {
    const t = setup({ faults: { a: [{ type: 'drop-after-commit' }, status(422)] }, keys: { a: true } });
    const err = await t.write(['a', 'b'], 'k1').catch((e: unknown) => e);
    expect(OutcomeUnknownError.isInstance(err)).toBe(true);
    expect((err as OutcomeUnknownError).cause).toMatchObject({ status: 422 });
    expect(t.providers.a!.appliedCount('k1')).toBe(1);
  });

  it('with a key the candidate does not declare: OutcomeUnknownError after one attempt', async () => {
    const t = setup({ faults: { a: [{ type: 'reset' }] } });
    await expect(t.write(['a', 'b'], 'k1')).rejects.toSatisfy(OutcomeUnknownError.isInstance);
    expect(t.calls).toEqual(['a']);
  });

  it('a 5xx on a write (outcome unknown) stops at once', async () => {
    const t = setup({ faults: { a: [status(500)] } });
    await expect(t.write(['a', 'b'])).rejects.toSatisfy(OutcomeUnknownError.isInstance);
    expect(t.calls).toEqual(['a']);
  });

  it('a 422 on a write is thrown as is', async () => {
    const t = setup({ faults: { a: [status(422)] } });
    await expect(t.write(['a', 'b'])).rejects.toMatchObject({ status: 422, category: 'validation' });
    expect(t.calls).toEqual(['a']);
  });

  it('when every candidate refused: NoProviderAvailableError, nothing applied', async () => {
    const t = setup({ faults: { a: () => ({ type: 'connection-refused' }), b: () => ({ type: 'connection-refused' }) }, defaults: { retry: { maxAttempts: 1 } } });
    const err = await t.write(['a', 'b'], 'k').catch((e: unknown) => e);
    expect(NoProviderAvailableError.isInstance(err)).toBe(true);
    expect((err as NoProviderAvailableError).attempts.map((a) => a.provider)).toEqual(['a', 'b']);
    expect(t.providers.a!.appliedCount('k') + t.providers.b!.appliedCount('k')).toBe(0);
  });
});

describe('execute: auth', () => {
  it('refreshes credentials once on a 401 and retries once', async () => {
    const t = setup({ faults: { a: [status(401)] } });
    const refresh = vi.fn(async () => true);
    const r = await t.read([{ id: 'a', refreshCredentials: refresh }, { id: 'b' }]);
    expect(r.provider).toBe('a');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(t.calls).toEqual(['a', 'a']);
    expect(t.h.events.named('retry')[0]!.reason).toContain('credentials refreshed');
  });

  it('refreshes at most once per call: a second 401 fails over', async () => {
    const t = setup({ faults: { a: [status(401), status(401)] } });
    const refresh = vi.fn(async () => true);
    const r = await t.read([{ id: 'a', refreshCredentials: refresh }, { id: 'b' }]);
    expect(r.provider).toBe('b');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(t.calls).toEqual(['a', 'a', 'b']);
  });

  it('fails over (reads and writes) when refresh is absent or changes nothing, and does not open the breaker', async () => {
    const t = setup({ faults: { a: () => status(401) }, defaults: { breaker: { threshold: 1 } } });
    const refresh = vi.fn(async () => false);
    expect((await t.read([{ id: 'a', refreshCredentials: refresh }, { id: 'b' }])).provider).toBe('b');
    expect((await t.write(['a', 'b'])).provider).toBe('b');
    expect(t.calls).toEqual(['a', 'b', 'a', 'b']);
    expect(t.resilience.breakerState('a', 'read')).toBe('closed');
    expect(t.h.events.named('failover')[0]!.reason).toBe('auth (401)');
  });
});

describe('execute: failover and breakers', () => {
  it('fails a read over after retries are exhausted', async () => {
    const t = setup({ faults: { a: () => status(503) } });
    const r = await t.read(['a', 'b']);
    expect(r.provider).toBe('b');
    expect(t.calls).toEqual(['a', 'a', 'a', 'b']);
    expect(t.h.events.named('failover')).toEqual([expect.objectContaining({ from: 'a', to: 'b', reason: 'unavailable: 3 attempts exhausted' })]);
  });

  it('throws NoProviderAvailableError with every attempt and the last error as cause', async () => {
    const t = setup({ faults: { a: () => status(503), b: () => ({ type: 'connection-refused' }) } });
    const err = (await t.read(['a', 'b']).catch((e: unknown) => e)) as NoProviderAvailableError;
    expect(NoProviderAvailableError.isInstance(err)).toBe(true);
    expect(err.attempts.map((a) => a.provider)).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
    expect(err.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((err.cause as ProviderCallError).category).toBe('network');
    expect(err.isRetryable).toBe(true);
  });

  it('throws NoProviderAvailableError for an empty candidate list', async () => {
    const t = setup();
    await expect(t.read([])).rejects.toSatisfy(NoProviderAvailableError.isInstance);
  });

  it('opens the breaker after threshold counted failures and then skips the provider instantly', async () => {
    const t = setup({ faults: { a: () => status(503) }, defaults: { retry: { maxAttempts: 1 }, breaker: { threshold: 3 } } });
    for (let i = 0; i < 3; i++) expect((await t.read(['a', 'b'])).provider).toBe('b');
    expect(t.resilience.breakerState('a', 'read')).toBe('open');
    expect(t.h.events.named('breaker:state')).toEqual([{ provider: 'a', operationKind: 'read', credential: 'default', from: 'closed', to: 'open' }]);
    const before = t.providers.a!.calls;
    const r = await t.read(['a', 'b']);
    expect(t.providers.a!.calls).toBe(before);
    expect(r.attempts[0]).toMatchObject({ provider: 'a', status: 'skipped', outcome: 'not-applied', durationMs: 0, error: { name: 'CircuitOpenError' } });
    expect(t.resilience.breakerAllows('a', 'read')).toMatchObject({ allowed: false, state: 'open', retryAfterMs: 10_000 });
    // other scopes are independent
    expect(t.resilience.breakerAllows('a', 'write').allowed).toBe(true);
    expect(t.resilience.breakerAllows('a', 'read', 'other-credential').allowed).toBe(true);
  });

  it('does not count validation, not-found or auth answers as breaker failures', async () => {
    const t = setup({ faults: { a: [status(422), status(404), status(403), status(400)] }, defaults: { breaker: { threshold: 1 } } });
    for (let i = 0; i < 4; i++) await t.read(['a', 'b']).catch(() => undefined);
    expect(t.resilience.breakerState('a', 'read')).toBe('closed');
    expect(t.h.events.named('breaker:state')).toHaveLength(0);
  });

  it('counts a timeout, a network error and a 429 as breaker failures', async () => {
    vi.useFakeTimers();
    let n = 0;
    const a = createFaultInjectingProvider({ id: 'a', faults: () => [{ type: 'hang' }, { type: 'reset' }, { type: 'rate-limit' }][n++ % 3] as Fault });
    const resilience = createResilience({ defaults: { timeoutMs: 100, retry: { maxAttempts: 1 }, breaker: { threshold: 3 } } });
    for (let i = 0; i < 3; i++) {
      const p = resilience.execute({ callId: `c${i}`, operation: getRepo, tenant: 't', candidates: [{ id: 'a' }], invoke: (_id, s) => a.getRepository(readInput, { signal: s }) }).catch(() => undefined);
      await vi.advanceTimersByTimeAsync(100);
      await p;
    }
    expect(resilience.breakerState('a', 'read')).toBe('open');
  });

  it('forgets stale failures after an idle period (no SamplingBreaker trap)', async () => {
    const t = setup({ faults: { a: () => status(503) }, defaults: { retry: { maxAttempts: 1 }, breaker: { threshold: 5, windowMs: 60_000 } } });
    for (let i = 0; i < 4; i++) await t.read(['a', 'b']);
    expect(t.resilience.snapshot().find((s) => s.provider === 'a')?.failures).toBe(4);
    t.h.time.now += 3_600_000;
    expect(t.resilience.snapshot().find((s) => s.provider === 'a')?.failures).toBe(0);
    await t.read(['a', 'b']);
    expect(t.resilience.breakerState('a', 'read')).toBe('closed');
  });

  it('forgets stale failures in count mode too (time-bucketed window)', async () => {
    const t = setup({ faults: { a: () => status(503) }, defaults: { retry: { maxAttempts: 1 }, breaker: { mode: 'count', threshold: 5, windowMs: 10_000 } } });
    for (let i = 0; i < 4; i++) await t.read(['a', 'b']);
    t.h.time.now += 11_000;
    await t.read(['a', 'b']);
    expect(t.resilience.breakerState('a', 'read')).toBe('closed');
    for (let i = 0; i < 4; i++) await t.read(['a', 'b']);
    expect(t.resilience.breakerState('a', 'read')).toBe('open');
  });

  it('half-open admits one probe; concurrent calls skip the provider at once; success closes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let mode: 'fail' | 'gate' = 'fail';
    const t = setup({ defaults: { retry: { maxAttempts: 1 }, breaker: { threshold: 2, halfOpenAfterMs: 5000 } } });
    t.providers.a!.setFaults(() => (mode === 'fail' ? status(503) : undefined));
    await t.read(['a', 'b']);
    await t.read(['a', 'b']);
    expect(t.resilience.breakerState('a', 'read')).toBe('open');
    t.h.time.now += 5000;
    expect(t.resilience.breakerAllows('a', 'read')).toEqual({ allowed: true, state: 'half-open', reason: 'half-open: probe available' });
    mode = 'gate';
    const probeInvoke = vi.fn(async () => {
      await gate;
      return 'probe-ok';
    });
    const probe = t.resilience.execute({ callId: 'probe', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }, { id: 'b' }], invoke: probeInvoke });
    await Promise.resolve();
    expect(probeInvoke).toHaveBeenCalledTimes(1);
    expect(t.resilience.breakerAllows('a', 'read')).toMatchObject({ allowed: false, state: 'half-open', reason: 'half-open: probe in flight' });
    // concurrent calls during the probe: skipped instantly and served by b, while the probe is still pending
    const others = await Promise.all([t.read(['a', 'b']), t.read(['a', 'b']), t.read(['a', 'b'])]);
    for (const r of others) {
      expect(r.provider).toBe('b');
      expect(r.attempts[0]).toMatchObject({ provider: 'a', status: 'skipped', error: { name: 'CircuitOpenError' } });
    }
    release();
    expect((await probe).value).toBe('probe-ok');
    expect(t.resilience.breakerState('a', 'read')).toBe('closed');
    expect(t.h.events.named('breaker:state').map((e) => `${e.from}>${e.to}`)).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
  });

  it('a failed probe reopens the breaker for another halfOpenAfterMs', async () => {
    const t = setup({ faults: { a: () => status(503) }, defaults: { retry: { maxAttempts: 1 }, breaker: { threshold: 1, halfOpenAfterMs: 1000 } } });
    await t.read(['a', 'b']);
    t.h.time.now += 1000;
    const r = await t.read(['a', 'b']);
    expect(r.attempts[0]).toMatchObject({ provider: 'a', status: 'error' });
    expect(t.resilience.breakerState('a', 'read')).toBe('open');
    expect(t.resilience.snapshot().find((s) => s.provider === 'a')).toMatchObject({ state: 'open', openedAt: t.h.time.now });
    expect(t.h.events.named('breaker:state').map((e) => `${e.from}>${e.to}`)).toEqual(['closed>open', 'open>half-open', 'half-open>open']);
  });

  it('a CircuitOpenError thrown by invoke is recorded and skipped', async () => {
    const t = setup();
    const r = await t.resilience.execute({
      callId: 'c', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }, { id: 'b' }],
      invoke: async (id) => {
        if (id === 'a') throw new CircuitOpenError({ provider: 'a', operationKind: 'read', state: 'open' });
        return 'b-value';
      },
    });
    expect(r.value).toBe('b-value');
    expect(r.attempts[0]).toMatchObject({ outcome: 'not-applied', error: { name: 'CircuitOpenError' } });
  });

  it('skips a provider whose bulkhead is full (no queue) and serves from the next', async () => {
    const t = setup({ defaults: { bulkhead: { maxConcurrent: 1, maxQueue: 0 } } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = t.resilience.execute({
      callId: 'slow', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }],
      invoke: async () => {
        await gate;
        return 'slow';
      },
    });
    await Promise.resolve();
    const r = await t.read(['a', 'b']);
    expect(r.provider).toBe('b');
    expect(r.attempts[0]).toMatchObject({ provider: 'a', status: 'skipped', outcome: 'not-applied' });
    expect(r.attempts[0]!.error?.message).toContain('bulkhead full');
    expect(t.h.events.named('failover')[0]!.reason).toBe('bulkhead full');
    release();
    expect((await slow).value).toBe('slow');
    expect(t.resilience.breakerState('a', 'read')).toBe('closed');
  });

  it('a call queued in the bulkhead ends at once when its caller aborts, and is never sent', async () => {
    const t = setup({ defaults: { bulkhead: { maxConcurrent: 1, maxQueue: 5 } } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = t.resilience.execute({ callId: 'slow', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }], invoke: () => gate.then(() => 'slow') });
    await Promise.resolve();
    const controller = new AbortController();
    const starts: string[] = [];
    const queued = t.resilience
      .execute({
        callId: 'queued', operation: getRepo, tenant: 't', candidates: [{ id: 'a' }], signal: controller.signal,
        invoke: async () => 'should not run', onAttemptStart: (id) => starts.push(id),
      })
      .catch((e: unknown) => e);
    await Promise.resolve();
    controller.abort('bye');
    expect(await queued).toBe('bye');
    release();
    await slow;
    await new Promise((r) => setTimeout(r, 0));
    expect(starts).toEqual([]);
  });

  it('uses per-provider settings over the defaults', async () => {
    const t = setup({
      faults: { a: () => status(503), b: () => status(503) },
      defaults: { retry: { maxAttempts: 1 }, breaker: { threshold: 10 } },
      extra: { perProvider: { a: { breaker: { threshold: 1 } }, b: { retry: { maxAttempts: 2 } } } },
    });
    await t.read(['a', 'b']).catch(() => undefined);
    expect(t.resilience.breakerState('a', 'read')).toBe('open');
    expect(t.resilience.breakerState('b', 'read')).toBe('closed');
    expect(t.calls).toEqual(['a', 'b', 'b']);
    expect(t.resilience.snapshot().map((x) => `${x.provider}:${x.kind}:${x.credential}:${x.state}:${x.failures}`).sort()).toEqual([
      'a:read:default:open:1',
      'b:read:default:closed:2',
    ]);
  });
});
