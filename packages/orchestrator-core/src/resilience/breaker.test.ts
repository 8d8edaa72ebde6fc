import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../errors/circuit-open-error.js';
import { CircuitBreaker, resolveBreakerOptions, type BreakerPermit } from './breaker.js';
import type { BreakerOptions } from './types.js';

function make(options: BreakerOptions) {
  const time = { now: 0 };
  const transitions: string[] = [];
  const breaker = new CircuitBreaker({
    provider: 'p', kind: 'read', credential: 'fp', options: resolveBreakerOptions(options), clock: { now: () => time.now },
    onTransition: (from, to) => transitions.push(`${from}>${to}`),
  });
  const permit = (): BreakerPermit => {
    const p = breaker.acquire();
    if (CircuitOpenError.isInstance(p)) throw p;
    return p;
  };
  return { time, transitions, breaker, permit };
}

describe('resolveBreakerOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveBreakerOptions(undefined)).toEqual({ mode: 'consecutive', threshold: 5, failureRate: undefined, minimumRequests: 10, windowMs: 60_000, halfOpenAfterMs: 10_000 });
  });
});

describe('CircuitBreaker', () => {
  it('consecutive mode: a success resets the count', () => {
    const b = make({ threshold: 3 });
    b.breaker.record(b.permit(), 'failure');
    b.breaker.record(b.permit(), 'failure');
    b.breaker.record(b.permit(), 'success');
    b.breaker.record(b.permit(), 'failure');
    b.breaker.record(b.permit(), 'failure');
    expect(b.breaker.state).toBe('closed');
    b.breaker.record(b.permit(), 'failure');
    expect(b.breaker.state).toBe('open');
  });

  it('count mode with failureRate: opens only with minimumRequests and the rate reached', () => {
    const b = make({ mode: 'count', failureRate: 0.5, minimumRequests: 6, windowMs: 10_000 });
    for (let i = 0; i < 4; i++) b.breaker.record(b.permit(), 'success');
    b.breaker.record(b.permit(), 'failure');
    b.breaker.record(b.permit(), 'failure');
    b.breaker.record(b.permit(), 'failure');
    expect(b.breaker.state).toBe('closed'); // 3/7
    b.breaker.record(b.permit(), 'failure'); // 4/8
    expect(b.breaker.state).toBe('open');
    expect(b.transitions).toEqual(['closed>open']);
  });

  it('count mode: successes that left the window no longer dilute the rate', () => {
    const b = make({ mode: 'count', failureRate: 0.5, minimumRequests: 4, windowMs: 10_000 });
    for (let i = 0; i < 20; i++) b.breaker.record(b.permit(), 'success');
    b.time.now += 20_000;
    for (let i = 0; i < 4; i++) b.breaker.record(b.permit(), 'failure');
    expect(b.breaker.state).toBe('open');
  });

  it('peek never takes the half-open probe; acquire does; the second acquire is refused at once', () => {
    const b = make({ threshold: 1, halfOpenAfterMs: 100 });
    b.breaker.record(b.permit(), 'failure');
    expect(b.breaker.peek()).toMatchObject({ allowed: false, state: 'open', retryAfterMs: 100 });
    b.time.now = 100;
    expect(b.breaker.peek().allowed).toBe(true);
    expect(b.breaker.peek().allowed).toBe(true);
    const probe = b.permit();
    expect(probe.probe).toBe(true);
    const second = b.breaker.acquire();
    expect(CircuitOpenError.isInstance(second) && second.state).toBe('half-open');
    b.breaker.record(probe, 'ignore');
    expect(b.breaker.state).toBe('half-open');
    expect(b.permit().probe).toBe(true);
  });

  it('results of calls admitted before the breaker opened do not close it', () => {
    const b = make({ threshold: 1, halfOpenAfterMs: 100 });
    const early = b.permit();
    b.breaker.record(b.permit(), 'failure');
    b.breaker.record(early, 'success');
    expect(b.breaker.state).toBe('open');
    b.time.now = 100;
    const probe = b.permit();
    b.breaker.record(early, 'success');
    expect(b.breaker.peek()).toMatchObject({ allowed: false, reason: 'half-open: probe in flight' });
    b.breaker.record(probe, 'success');
    expect(b.breaker.state).toBe('closed');
    expect(b.transitions).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
  });

  it('snapshot reports failures and openedAt', () => {
    const b = make({ threshold: 2 });
    b.time.now = 5;
    b.breaker.record(b.permit(), 'failure');
    expect(b.breaker.snapshot()).toEqual({ provider: 'p', kind: 'read', credential: 'fp', state: 'closed', failures: 1 });
    b.breaker.record(b.permit(), 'failure');
    expect(b.breaker.snapshot()).toMatchObject({ state: 'open', openedAt: 5 });
  });
});
