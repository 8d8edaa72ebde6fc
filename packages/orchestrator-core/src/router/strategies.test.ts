import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';
import { createProviderStats, type ProviderStats, type ProviderStatsSnapshot } from './stats.js';
import { createStrategyRunner } from './strategies.js';
import { fakeState, provider, request } from './test-fixtures.js';
import type { StrategyName } from './types.js';

function fakeStats(snaps: Record<string, Partial<ProviderStatsSnapshot>>): ProviderStats {
  return {
    onStart: () => undefined,
    onEnd: () => undefined,
    snapshot: (id) => ({ inFlight: 0, ewmaMs: 0, peakEwmaMs: 0, errorRate: 0, count: 0, idleMs: Infinity, ...snaps[id] }),
  };
}

function runner(stats: ProviderStats, extra: { weights?: Record<string, number>; costs?: Record<string, Record<string, number>>; random?: () => number } = {}) {
  return createStrategyRunner({
    stats,
    random: extra.random ?? (() => 0),
    weightOf: (id) => extra.weights?.[id] ?? 1,
    costOf: (id, op) => extra.costs?.[id]?.[op] ?? extra.costs?.[id]?.['*'] ?? 0,
  });
}

const run = (r: ReturnType<typeof runner>, name: StrategyName, ids: string[], commit = true) =>
  r.run(name, { ids, groupKey: 'g', operation: 'git.getRepository', commit });

describe('strategies', () => {
  it('round-robin rotates per group and keeps the others as failover', () => {
    const r = runner(fakeStats({}));
    expect(run(r, 'round-robin', ['a', 'b', 'c']).order).toEqual(['a', 'b', 'c']);
    expect(run(r, 'round-robin', ['a', 'b', 'c']).order).toEqual(['b', 'c', 'a']);
    expect(run(r, 'round-robin', ['a', 'b', 'c']).order).toEqual(['c', 'a', 'b']);
    expect(r.run('round-robin', { ids: ['a', 'b'], groupKey: 'other', operation: 'x', commit: true }).order).toEqual(['a', 'b']);
  });

  it('weighted is smooth weighted round-robin (5:1:1 → a a b a c a a)', () => {
    const r = runner(fakeStats({}), { weights: { a: 5, b: 1, c: 1 } });
    const picks = Array.from({ length: 14 }, () => run(r, 'weighted', ['a', 'b', 'c']).order[0]);
    expect(picks.join('')).toBe('aabacaaaabacaa');
    const d = run(r, 'weighted', ['a', 'b', 'c']);
    expect(d.order.slice(1).sort()).toEqual(d.order.filter((x) => x !== d.order[0]).sort());
  });

  it('weighted never picks a zero weight while others remain', () => {
    const r = runner(fakeStats({}), { weights: { a: 0, b: 1 } });
    const picks = Array.from({ length: 5 }, () => run(r, 'weighted', ['a', 'b']).order);
    expect(picks.every((o) => o[0] === 'b' && o[1] === 'a')).toBe(true);
  });

  it('least-connections orders by in-flight calls, ties rotating', () => {
    const r = runner(fakeStats({ a: { inFlight: 5 }, b: { inFlight: 1 }, c: { inFlight: 1 } }));
    expect(run(r, 'least-connections', ['a', 'b', 'c']).order).toEqual(['b', 'c', 'a']);
    expect(run(r, 'least-connections', ['a', 'b', 'c']).order).toEqual(['b', 'c', 'a']);
    expect(run(r, 'least-connections', ['a', 'b', 'c']).order).toEqual(['c', 'b', 'a']);
  });

  it('response-time orders by latency EWMA, unknown providers first', () => {
    const r = runner(fakeStats({ a: { ewmaMs: 50, count: 3 }, b: { ewmaMs: 10, count: 3 } }));
    const res = run(r, 'response-time', ['a', 'b', 'c']);
    expect(res.order).toEqual(['c', 'b', 'a']);
    expect(res.scores).toEqual({ a: 50, b: 10, c: 0 });
  });

  it('cost orders by the costs table: operation, then *, unknown = 0', () => {
    const r = runner(fakeStats({}), { costs: { a: { 'git.getRepository': 3, '*': 1 }, b: { '*': 2 } } });
    const res = run(r, 'cost', ['a', 'b', 'c']);
    expect(res.scores).toEqual({ a: 3, b: 2, c: 0 });
    expect(res.order).toEqual(['c', 'b', 'a']);
  });

  it('adaptive picks the better of two random choices and lists the rest by score', () => {
    const stats = fakeStats({
      a: { count: 10, idleMs: 0, peakEwmaMs: 20 },
      b: { count: 10, idleMs: 0, peakEwmaMs: 30 },
      c: { count: 10, idleMs: 0, peakEwmaMs: 25 },
    });
    // draws: i = floor(0.9*3)=2 → c (in rank order a,c,b: index 2 = b); j = floor(0.6*2)=1 → c
    const seq = [0.9, 0.6];
    let k = 0;
    const r = runner(stats, { random: () => seq[k++ % seq.length]! });
    const res = run(r, 'adaptive', ['a', 'b', 'c']);
    expect(res.order).toEqual(['c', 'a', 'b']);
    expect(res.scores).toEqual({ a: 20, b: 30, c: 25 });
  });

  it('adaptive: a fast-failing provider scores worse than a slow healthy one', () => {
    const stats = fakeStats({
      fast: { count: 100, idleMs: 0, peakEwmaMs: 1, errorRate: 0.5 },
      slow: { count: 100, idleMs: 0, peakEwmaMs: 200, errorRate: 0 },
    });
    const r = runner(stats, { random: () => 0.3 });
    for (let i = 0; i < 10; i++) expect(run(r, 'adaptive', ['fast', 'slow']).order).toEqual(['slow', 'fast']);
  });

  it('adaptive explores unknown and long-idle providers, once at a time', () => {
    const r = runner(
      fakeStats({
        a: { count: 10, idleMs: 0, peakEwmaMs: 20 },
        idle: { count: 10, idleMs: 60_000, peakEwmaMs: 500 },
        busy: { count: 0, inFlight: 1 },
      }),
    );
    const res = run(r, 'adaptive', ['a', 'idle', 'busy']);
    expect(res.order[0]).toBe('idle');
    expect(res.scores.busy).toBe(40); // best known (20) × (inFlight + 1)
  });

  it('adaptive draws no random number and changes no state on explain', () => {
    let calls = 0;
    const r = runner(fakeStats({ a: { count: 1, idleMs: 0, peakEwmaMs: 5 }, b: { count: 1, idleMs: 0, peakEwmaMs: 6 } }), {
      random: () => {
        calls++;
        return 0.99;
      },
    });
    expect(run(r, 'adaptive', ['a', 'b'], false).order).toEqual(['a', 'b']);
    expect(calls).toBe(0);
  });
});

describe('adaptive vs round-robin (virtual-time simulation)', () => {
  /** 3 providers: `ok` 20 ms, `slow` 200 ms, `flaky` fails half its calls in 2 ms. Callers fail over to the next candidate. */
  function simulate(strategy: StrategyName, seed: number) {
    let now = 0;
    const stats = createProviderStats({ clock: () => now, halfLifeMs: 5_000 });
    const rng = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed, numRuns: 20_000 });
    let k = 0;
    const random = () => rng[k++ % rng.length]!;
    const router = createRouter(
      { rules: [{ pattern: '**', providers: ['ok', 'slow', 'flaky'], strategy }], random },
      ['ok', 'slow', 'flaky'].map((id) => provider(id)),
      fakeState(),
      stats,
    );
    const primary: Record<string, number> = { ok: 0, slow: 0, flaky: 0 };
    let failures = 0;
    for (let n = 0; n < 3000; n++) {
      now += 10;
      const { candidates } = router.route(request('git.getRepository', { owner: 'acme', repo: 'svc' }));
      primary[candidates[0]!]!++;
      let ok = false;
      for (const id of candidates.slice(0, 2)) {
        stats.onStart(id);
        const fail = id === 'flaky' && random() < 0.5;
        const latency = id === 'slow' ? 200 : fail ? 2 : 20;
        now += latency;
        stats.onEnd(id, { latencyMs: latency, ok: !fail });
        if (!fail) {
          ok = true;
          break;
        }
      }
      if (!ok) failures++;
    }
    return { primary, failures };
  }

  it('sends almost nothing to the fast-failing or the slow provider', () => {
    for (const seed of [1, 2, 3]) {
      const a = simulate('adaptive', seed);
      const rr = simulate('round-robin', seed);
      expect(a.primary.flaky).toBeLessThan(3000 * 0.02);
      expect(a.primary.slow).toBeLessThan(3000 * 0.02);
      expect(rr.primary.flaky).toBe(1000);
      expect(a.failures).toBeLessThanOrEqual(rr.failures);
    }
  });
});
