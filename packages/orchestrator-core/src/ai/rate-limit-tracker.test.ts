import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimitedError } from '../errors/index.js';
import type { RateLimitState } from '../spec/v1/provider.js';
import { AiRateLimitTracker } from './rate-limit-tracker.js';

const read = (h: Headers): RateLimitState | undefined => {
  const remaining = h.get('x-remaining');
  return remaining === null ? undefined : { resource: 'requests', remaining: Number(remaining) };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('AiRateLimitTracker', () => {
  it('keeps and reports (a copy of) the state read from headers; ignores responses without them', () => {
    const reports: RateLimitState[] = [];
    const t = new AiRateLimitTracker({ provider: 'p', read });
    t.setReporter((s) => reports.push(s));
    t.observe(new Headers({ 'x-remaining': '7' }));
    t.observe(new Headers());
    expect(t.state).toEqual({ resource: 'requests', remaining: 7 });
    expect(reports).toEqual([{ resource: 'requests', remaining: 7 }]);
    expect(reports[0]).not.toBe(t.state);
    expect(t.metrics()).toEqual({ rateLimit: { resource: 'requests', remaining: 7 } });
  });

  it('has no metrics before any state', () => {
    expect(new AiRateLimitTracker({ provider: 'p', read }).metrics()).toEqual({});
  });

  it('cools down on a RateLimitedError with retryAfterMs, never shortening a later cooldown', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const reports: RateLimitState[] = [];
    const t = new AiRateLimitTracker({ provider: 'p', read });
    t.setReporter((s) => reports.push(s));
    t.coolDown(new RateLimitedError({ provider: 'p', operation: 'ai.chat', message: 'slow down', retryAfterMs: 30_000, reason: 'overloaded' }));
    expect(t.state).toEqual({ remaining: 0, resetAt: 1_030_000, resource: 'overloaded' });
    t.coolDown(new RateLimitedError({ provider: 'p', operation: 'ai.chat', message: 'slow down', retryAfterMs: 10_000 }));
    expect(t.state?.resetAt).toBe(1_030_000);
    expect(reports).toHaveLength(1);
  });

  it('ignores other errors and refusals without a positive retryAfterMs', () => {
    const t = new AiRateLimitTracker({ provider: 'p', read });
    t.coolDown(new Error('boom'));
    t.coolDown(new RateLimitedError({ provider: 'p', operation: 'ai.chat', message: 'x' }));
    t.coolDown(new RateLimitedError({ provider: 'p', operation: 'ai.chat', message: 'x', retryAfterMs: 0 }));
    expect(t.state).toBeUndefined();
  });

  it('logs a throwing reporter at warn through the current logger and keeps going; setReporter(undefined) stops reports', () => {
    const warn = vi.fn();
    let logger: { warn: typeof warn } | undefined;
    const t = new AiRateLimitTracker({ provider: 'p', read, logger: () => logger });
    t.setReporter(() => {
      throw new Error('reporter broke');
    });
    logger = { warn };
    expect(() => t.observe(new Headers({ 'x-remaining': '1' }))).not.toThrow();
    expect(warn).toHaveBeenCalledWith('reportRateLimit callback threw', { provider: 'p', error: 'reporter broke' });
    const report = vi.fn();
    t.setReporter(report);
    t.setReporter(undefined);
    t.observe(new Headers({ 'x-remaining': '2' }));
    expect(report).not.toHaveBeenCalled();
    expect(t.state?.remaining).toBe(2);
  });

  it('track observes the headers of a response and of a thrown SDK error, maps the error and cools down from it', async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const t = new AiRateLimitTracker({ provider: 'p', read });
    const ok = await t.track(async () => ({ data: 1, response: new Response(null, { headers: { 'x-remaining': '5' } }) }), (e) => e);
    expect(ok.data).toBe(1);
    expect(t.state?.remaining).toBe(5);
    const sdkError = Object.assign(new Error('429'), { headers: new Headers({ 'x-remaining': '3' }) });
    const mapped = new RateLimitedError({ provider: 'p', operation: 'ai.chat', message: 'slow down', retryAfterMs: 5000 });
    const seen: unknown[] = [];
    await expect(
      t.track(
        () => Promise.reject(sdkError),
        (e) => {
          seen.push(e);
          return mapped;
        },
      ),
    ).rejects.toBe(mapped);
    expect(seen).toEqual([sdkError]);
    expect(t.state).toEqual({ resource: 'requests', remaining: 0, resetAt: 2_005_000 });
  });
});
