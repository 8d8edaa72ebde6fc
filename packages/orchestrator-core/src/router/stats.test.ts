import { describe, expect, it } from 'vitest';
import { createProviderStats } from './stats.js';

describe('createProviderStats', () => {
  it('counts in-flight calls and starts averages at the first observation', () => {
    let now = 0;
    const s = createProviderStats({ clock: () => now });
    expect(s.snapshot('a')).toEqual({ inFlight: 0, ewmaMs: 0, peakEwmaMs: 0, errorRate: 0, count: 0, idleMs: Infinity });
    s.onStart('a');
    s.onStart('a');
    expect(s.snapshot('a').inFlight).toBe(2);
    now = 100;
    s.onEnd('a', { latencyMs: 40, ok: false });
    expect(s.snapshot('a')).toMatchObject({ inFlight: 1, ewmaMs: 40, peakEwmaMs: 40, errorRate: 1, count: 1, idleMs: 0 });
    now = 150;
    expect(s.snapshot('a').idleMs).toBe(50);
  });

  it('weights observations by elapsed time over the half-life; peak jumps up and decays down', () => {
    let now = 0;
    const s = createProviderStats({ clock: () => now, halfLifeMs: 1000 });
    s.onEnd('a', { latencyMs: 10, ok: true });
    now = 1000; // one half-life: weight 1/2
    s.onEnd('a', { latencyMs: 30, ok: false });
    expect(s.snapshot('a')).toMatchObject({ ewmaMs: 20, peakEwmaMs: 30, errorRate: 0.5 });
    now = 2000;
    s.onEnd('a', { latencyMs: 10, ok: true });
    expect(s.snapshot('a')).toMatchObject({ ewmaMs: 15, peakEwmaMs: 20, errorRate: 0.25 });
  });

  it('moves at least 1/20 per observation even for bursts, and ignores bad latencies', () => {
    const s = createProviderStats({ clock: () => 0 });
    s.onEnd('a', { latencyMs: 100, ok: true });
    s.onEnd('a', { latencyMs: 0, ok: true });
    expect(s.snapshot('a').ewmaMs).toBeCloseTo(95);
    s.onEnd('a', { latencyMs: Number.NaN, ok: true });
    expect(Number.isFinite(s.snapshot('a').ewmaMs)).toBe(true);
    s.onEnd('b', { latencyMs: 5, ok: true });
    expect(s.snapshot('b').inFlight).toBe(0);
  });

  it('decays the error rate while idle: halved per half-life without calls', () => {
    let now = 0;
    const s = createProviderStats({ clock: () => now, halfLifeMs: 1000 });
    s.onEnd('a', { latencyMs: 5, ok: false });
    expect(s.snapshot('a').errorRate).toBe(1);
    now = 2000;
    expect(s.snapshot('a').errorRate).toBeCloseTo(0.25);
    expect(s.snapshot('a').peakEwmaMs).toBe(5);
  });
});
