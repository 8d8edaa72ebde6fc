import type { Orchestrator } from '@mosaic/orchestrator-core';

/** One breaker transition as seen on the event bus. */
export interface BreakerTransition {
  /** ms since the collector started */
  atMs: number;
  provider: string;
  kind: 'read' | 'write';
  from: string;
  to: string;
}

/** One failover as seen on the event bus. */
export interface FailoverRecord {
  operation: string;
  from: string;
  to: string;
  reason: string;
}

/** Per-provider figures. */
export interface ProviderFigures {
  /** Calls the provider served (successful calls, cache hits excluded). */
  served: number;
  /** Attempts sent to the provider (retries included; skipped ones excluded). */
  attempts: number;
  /** Attempts that failed. */
  failedAttempts: number;
  /** Retries on this provider. */
  retries: number;
  /** Latency of successful attempts, ms. */
  p50Ms: number;
  p99Ms: number;
}

/** Everything the collector counted. */
export interface Figures {
  providers: Record<string, ProviderFigures>;
  calls: { total: number; succeeded: number; failed: number; servedFromCache: number };
  cache: { hits: number; misses: number; hitRate: number };
  retries: number;
  failovers: FailoverRecord[];
  breakerTransitions: BreakerTransition[];
}

/** Counts calls, attempts, cache lookups, retries, failovers and breaker transitions from the orchestrator's events. */
export interface MetricsCollector {
  figures(): Figures;
  /** Unsubscribes from the event bus. */
  stop(): void;
}

/** Subscribes to the orchestrator's events (see `MosaicEvents` in the core). */
export function collectMetrics(orchestrator: Orchestrator): MetricsCollector {
  const t0 = performance.now();
  const latencies = new Map<string, number[]>();
  const perProvider = new Map<string, { served: number; attempts: number; failedAttempts: number; retries: number }>();
  const calls = { total: 0, succeeded: 0, failed: 0, servedFromCache: 0 };
  const cache = { hits: 0, misses: 0 };
  let retries = 0;
  const failovers: FailoverRecord[] = [];
  const breakerTransitions: BreakerTransition[] = [];
  const entry = (id: string) => {
    let e = perProvider.get(id);
    if (!e) perProvider.set(id, (e = { served: 0, attempts: 0, failedAttempts: 0, retries: 0 }));
    return e;
  };

  const offs = [
    orchestrator.on('request:start', () => {
      calls.total++;
    }),
    orchestrator.on('request:success', (e) => {
      calls.succeeded++;
      if (e.cached) calls.servedFromCache++;
      else entry(e.provider).served++;
    }),
    orchestrator.on('request:error', () => {
      calls.failed++;
    }),
    orchestrator.on('attempt', (e) => {
      const a = e.attempt;
      if (a.status === 'skipped') return;
      const p = entry(a.provider);
      p.attempts++;
      if (a.status === 'error') p.failedAttempts++;
      else {
        let list = latencies.get(a.provider);
        if (!list) latencies.set(a.provider, (list = []));
        list.push(a.durationMs);
      }
    }),
    orchestrator.on('retry', (e) => {
      retries++;
      entry(e.provider).retries++;
    }),
    orchestrator.on('failover', (e) => {
      failovers.push({ operation: e.operation, from: e.from, to: e.to, reason: e.reason });
    }),
    orchestrator.on('breaker:state', (e) => {
      breakerTransitions.push({ atMs: Math.round(performance.now() - t0), provider: e.provider, kind: e.operationKind, from: e.from, to: e.to });
    }),
    orchestrator.on('cache:hit', () => {
      cache.hits++;
    }),
    orchestrator.on('cache:miss', () => {
      cache.misses++;
    }),
  ];

  return {
    figures(): Figures {
      const providers: Record<string, ProviderFigures> = {};
      for (const [id, e] of [...perProvider].sort(([a], [b]) => a.localeCompare(b))) {
        const sorted = [...(latencies.get(id) ?? [])].sort((a, b) => a - b);
        providers[id] = { ...e, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
      }
      const lookups = cache.hits + cache.misses;
      return {
        providers,
        calls: { ...calls },
        cache: { ...cache, hitRate: lookups ? cache.hits / lookups : 0 },
        retries,
        failovers: [...failovers],
        breakerTransitions: [...breakerTransitions],
      };
    },
    stop() {
      for (const off of offs) off();
    },
  };
}

/** Nearest-rank percentile of an ascending list (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
