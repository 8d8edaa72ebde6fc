import { describe, expect, it, vi } from 'vitest';
import { providerErrorFromNetwork, providerErrorFromResponse } from '../errors/http.js';
import { NoProviderAvailableError } from '../errors/no-provider-available-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { abortableSleep, attachAttempts, attemptsOf, backoffDelay, isBreakerFailure, isDefinitiveRejection, resolveRetryOptions } from './policy.js';

describe('resolveRetryOptions', () => {
  it('defaults and caps maxAttempts to 1..10', () => {
    expect(resolveRetryOptions(undefined)).toEqual({ maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5000, maxRetryAfterMs: 30_000, backoff: 'exponential', jitter: true });
    expect(resolveRetryOptions({ maxAttempts: 50 }).maxAttempts).toBe(10);
    expect(resolveRetryOptions({ maxAttempts: Number.POSITIVE_INFINITY }).maxAttempts).toBe(10);
    expect(resolveRetryOptions({ maxAttempts: Number.NaN }).maxAttempts).toBe(10);
    expect(resolveRetryOptions({ maxAttempts: 0 }).maxAttempts).toBe(1);
  });
});

describe('backoffDelay', () => {
  const base = resolveRetryOptions({ initialDelayMs: 100, maxDelayMs: 1000, jitter: false });
  it('exponential, capped', () => {
    expect([1, 2, 3, 4, 5, 40].map((n) => backoffDelay(base, n, Math.random))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('linear and constant', () => {
    expect([1, 2, 3].map((n) => backoffDelay({ ...base, backoff: 'linear' }, n, Math.random))).toEqual([100, 200, 300]);
    expect([1, 2, 3].map((n) => backoffDelay({ ...base, backoff: 'constant' }, n, Math.random))).toEqual([100, 100, 100]);
  });
  it('full jitter stays in [0, delay)', () => {
    const jittered = { ...base, jitter: true };
    expect(backoffDelay(jittered, 3, () => 0)).toBe(0);
    expect(backoffDelay(jittered, 3, () => 0.999)).toBe(399);
  });
});

describe('classification helpers', () => {
  const http = (status: number, extra: object = {}) => providerErrorFromResponse({ provider: 'p', status, ...extra });
  it('definitive rejections: 4xx other than 401/403/408/409/429', () => {
    expect([400, 404, 410, 422].map((s) => isDefinitiveRejection(http(s)))).toEqual([true, true, true, true]);
    expect([401, 403, 408, 409, 429, 500, 503].map((s) => isDefinitiveRejection(http(s)))).toEqual([false, false, false, false, false, false, false]);
    expect(isDefinitiveRejection(http(403, { rateLimitReason: 'secondary-rate-limit' }))).toBe(false);
  });
  it('breaker failures: network, timeout, unavailable, rate-limited', () => {
    expect(isBreakerFailure(http(503))).toBe(true);
    expect(isBreakerFailure(http(429))).toBe(true);
    expect(isBreakerFailure(new TimeoutError({ provider: 'p', timeoutMs: 1 }))).toBe(true);
    expect(isBreakerFailure(providerErrorFromNetwork({ provider: 'p', error: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    expect([400, 401, 403, 404, 409, 422].map((s) => isBreakerFailure(http(s)))).toEqual([false, false, false, false, false, false]);
  });
  it('attemptsOf reads attached attempts and the error classes’ own lists', () => {
    const a = [{ provider: 'p', operation: 'o', attempt: 1, startedAt: 0, durationMs: 0, status: 'error' as const, outcome: 'not-applied' as const }];
    const err = attachAttempts(http(422), a);
    expect(attemptsOf(err)).toBe(a);
    expect(Object.keys(err)).not.toContain('attempts');
    expect(attemptsOf(new NoProviderAvailableError({ operation: 'o', attempts: a }))).toBe(a);
    expect(attemptsOf(new Error('x'))).toBeUndefined();
  });
});

describe('abortableSleep', () => {
  it('resolves after ms and rejects at once with the abort reason', async () => {
    vi.useFakeTimers();
    try {
      const done = vi.fn();
      void abortableSleep(1000).then(done);
      await vi.advanceTimersByTimeAsync(999);
      expect(done).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toHaveBeenCalled();
      const c = new AbortController();
      const p = abortableSleep(60_000, c.signal).catch((e: unknown) => e);
      c.abort('stop');
      expect(await p).toBe('stop');
      await expect(abortableSleep(1, AbortSignal.abort('pre'))).rejects.toBe('pre');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
