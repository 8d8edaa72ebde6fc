import type { ProviderStats } from './stats.js';
import type { AdaptiveOptions, StrategyName } from './types.js';

/** What a strategy returns: the order (best first) and the score of each provider. */
export interface StrategyResult {
  order: string[];
  scores: Record<string, number>;
}

/** Inputs shared by every strategy call. */
export interface StrategyInput {
  /** Providers left after filtering, in rule order. */
  ids: readonly string[];
  /** Identifies the priority group whose counters are used (`g:0,3`, `default`). */
  groupKey: string;
  operation: string;
  /** False for `explain`: read counters but do not advance them, and draw no random numbers. */
  commit: boolean;
}

/** Mutable state and inputs a {@link StrategyRunner} needs. */
export interface StrategyDeps {
  stats: ProviderStats;
  random: () => number;
  weightOf: (id: string) => number;
  costOf: (id: string, operation: string) => number;
  adaptive?: AdaptiveOptions;
}

/** Runs any strategy; holds the per-group round-robin counters and weighted-round-robin state. */
export interface StrategyRunner {
  run(name: StrategyName, input: StrategyInput): StrategyResult;
}

function rotate(ids: readonly string[], start: number): string[] {
  const n = ids.length;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = ids[(start + i) % n]!;
  return out;
}

function finite(n: number): number {
  return Number.isFinite(n) ? n : Number.MAX_VALUE;
}

/**
 * Creates the strategy runner.
 * - `round-robin`: rotates the group's providers by a per-group counter.
 * - `weighted`: smooth weighted round-robin (nginx): each pick adds every weight to its current
 *   value, takes the highest (ties: rule order) and subtracts the total from it. Deterministic.
 * - `least-connections`: fewest in-flight calls first.
 * - `response-time`: lowest latency EWMA first; providers with no data score 0 (explored first).
 * - `cost`: cheapest first by the costs table (see {@link StrategyDeps.costOf}).
 * - `adaptive`: power of two choices over
 *   `(peakEwmaMs + errorRate × worstPeakEwmaMs) × (inFlight + 1) × (1 + k·errorRate)` — the
 *   group's slowest peak EWMA stands for the cost of the failover a failure causes, so a
 *   provider that fails fast never looks cheap — drawn among the providers within `spread`× of
 *   the best score.
 *   Unknown or long-idle providers score 0 (explored once, then measured). The rest follow by
 *   score, so failover goes to the next best.
 * Ties in the scored strategies are broken by the group's rotation, so equal providers share
 * the load.
 */
export function createStrategyRunner(deps: StrategyDeps): StrategyRunner {
  const counters = new Map<string, number>();
  const swrr = new Map<string, Map<string, number>>();
  const k = deps.adaptive?.errorRateWeight ?? 10;
  const spread = deps.adaptive?.spread ?? 3;
  const exploreAfter = deps.adaptive?.exploreAfterMs ?? 30_000;

  const tick = (input: StrategyInput): number => {
    const c = counters.get(input.groupKey) ?? 0;
    if (input.commit) counters.set(input.groupKey, c + 1 >= Number.MAX_SAFE_INTEGER ? 0 : c + 1);
    return c;
  };

  const byScore = (input: StrategyInput, score: (id: string) => number): StrategyResult => {
    const scores: Record<string, number> = {};
    for (const id of input.ids) scores[id] = finite(score(id));
    const start = tick(input) % input.ids.length;
    const order = rotate(input.ids, start).sort((a, b) => scores[a]! - scores[b]!);
    return { order, scores };
  };

  const draw = (n: number): number => {
    const r = deps.random();
    const i = Math.floor((Number.isFinite(r) ? Math.min(Math.max(r, 0), 0.999999999) : 0) * n);
    return i;
  };

  return {
    run(name, input) {
      const ids = input.ids;
      if (ids.length === 0) return { order: [], scores: {} };
      switch (name) {
        case 'round-robin': {
          const start = tick(input) % ids.length;
          const order = rotate(ids, start);
          const scores: Record<string, number> = {};
          for (let i = 0; i < order.length; i++) scores[order[i]!] = i;
          return { order, scores };
        }
        case 'weighted': {
          let state = swrr.get(input.groupKey);
          if (!state) {
            state = new Map();
            if (input.commit) swrr.set(input.groupKey, state);
          }
          const current = input.commit ? state : new Map(state);
          let total = 0;
          let best: string | undefined;
          let bestValue = -Infinity;
          for (const id of ids) {
            const w = Math.max(0, deps.weightOf(id));
            total += w;
            const v = (current.get(id) ?? 0) + w;
            current.set(id, v);
            if (v > bestValue) {
              bestValue = v;
              best = id;
            }
          }
          current.set(best!, bestValue - total);
          const scores: Record<string, number> = {};
          for (const id of ids) scores[id] = current.get(id)!;
          const rest = ids.filter((id) => id !== best).sort((a, b) => deps.weightOf(b) - deps.weightOf(a));
          return { order: [best!, ...rest], scores };
        }
        case 'least-connections':
          return byScore(input, (id) => deps.stats.snapshot(id).inFlight);
        case 'response-time':
          return byScore(input, (id) => deps.stats.snapshot(id).ewmaMs);
        case 'cost':
          return byScore(input, (id) => deps.costOf(id, input.operation));
        case 'adaptive': {
          const scores: Record<string, number> = {};
          const snaps = ids.map((id) => deps.stats.snapshot(id));
          const known = snaps.map((s) => s.count > 0 && s.idleMs <= exploreAfter);
          // A failure costs about a failover: each unit of error rate adds the group's slowest
          // peak EWMA to the latency, so a provider that fails fast never looks cheap.
          let worst = 0;
          let minKnown = Infinity;
          snaps.forEach((s, i) => {
            if (known[i] && s.peakEwmaMs > worst) worst = s.peakEwmaMs;
          });
          snaps.forEach((s, i) => {
            if (!known[i]) return;
            const score = (s.peakEwmaMs + s.errorRate * worst) * (s.inFlight + 1) * (1 + k * s.errorRate);
            scores[ids[i]!] = finite(score);
            if (score < minKnown) minKnown = score;
          });
          snaps.forEach((s, i) => {
            if (known[i]) return;
            // Unknown/idle: explore it, unless a probe is already in flight.
            scores[ids[i]!] = s.inFlight === 0 ? 0 : finite((Number.isFinite(minKnown) ? minKnown : 1) * (s.inFlight + 1));
          });
          const start = tick(input) % ids.length;
          const ranked = rotate(ids, start).sort((a, b) => scores[a]! - scores[b]!);
          const best = scores[ranked[0]!]!;
          const pool = ranked.filter((id) => scores[id]! <= best * spread);
          if (!input.commit || pool.length < 2) return { order: ranked, scores };
          const i = draw(pool.length);
          let j = draw(pool.length - 1);
          if (j >= i) j++;
          const a = pool[i]!;
          const b = pool[j]!;
          const pick = scores[b]! < scores[a]! ? b : a;
          return { order: [pick, ...ranked.filter((id) => id !== pick)], scores };
        }
      }
    },
  };
}
