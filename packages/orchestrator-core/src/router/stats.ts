/** One provider's live figures, as the latency-aware strategies read them. */
export interface ProviderStatsSnapshot {
  /** Calls started and not yet ended. */
  inFlight: number;
  /** Exponentially weighted moving average of call latency, ms (0 before the first call). */
  ewmaMs: number;
  /**
   * Peak-sensitive EWMA of latency, ms: jumps to a slower observation at once, decays towards
   * faster ones with the half-life (as in Finagle/Linkerd "peak EWMA").
   */
  peakEwmaMs: number;
  /**
   * Time-weighted moving average of the failure ratio, 0..1. It also decays while the provider
   * is idle (halved every half-life without calls), so a provider shunned for its errors is
   * gradually tried again.
   */
  errorRate: number;
  /** Calls ended so far. */
  count: number;
  /** ms since the last call ended (`Infinity` before the first). */
  idleMs: number;
}

/**
 * Live per-provider call statistics. The orchestrator calls `onStart` before an attempt and
 * `onEnd` after it; the router reads `snapshot`.
 */
export interface ProviderStats {
  /** An attempt on `id` started. */
  onStart(id: string): void;
  /** An attempt on `id` ended after `latencyMs` ms; `ok` false when it failed. */
  onEnd(id: string, result: { latencyMs: number; ok: boolean }): void;
  /** The current figures of `id` (zeros for an unknown id). */
  snapshot(id: string): ProviderStatsSnapshot;
}

interface Entry {
  inFlight: number;
  ewma: number;
  peak: number;
  err: number;
  count: number;
  last: number;
}

/**
 * Creates an in-memory {@link ProviderStats}. Averages are time-weighted: an observation made
 * `Δt` ms after the previous one has weight `1 - 2^(-Δt / halfLifeMs)` (minimum 1/20, so that
 * bursts still move the average). The first observation sets the averages directly.
 * @param options.clock ms clock, default `Date.now` (inject a virtual clock in tests/simulations).
 * @param options.halfLifeMs default 10 000 ms.
 */
export function createProviderStats(options: { clock?: () => number; halfLifeMs?: number } = {}): ProviderStats {
  const clock = options.clock ?? Date.now;
  const halfLife = options.halfLifeMs ?? 10_000;
  const entries = new Map<string, Entry>();
  const get = (id: string): Entry => {
    let e = entries.get(id);
    if (!e) {
      e = { inFlight: 0, ewma: 0, peak: 0, err: 0, count: 0, last: -Infinity };
      entries.set(id, e);
    }
    return e;
  };
  return {
    onStart(id) {
      get(id).inFlight++;
    },
    onEnd(id, { latencyMs, ok }) {
      const e = get(id);
      if (e.inFlight > 0) e.inFlight--;
      const now = clock();
      const latency = Number.isFinite(latencyMs) && latencyMs > 0 ? latencyMs : 0;
      const failure = ok ? 0 : 1;
      if (e.count === 0) {
        e.ewma = latency;
        e.peak = latency;
        e.err = failure;
      } else {
        const dt = Math.max(0, now - e.last);
        const w = Math.max(1 / 20, 1 - 2 ** (-dt / halfLife));
        e.ewma += w * (latency - e.ewma);
        e.peak = latency > e.peak ? latency : e.peak + w * (latency - e.peak);
        e.err += w * (failure - e.err);
      }
      e.count++;
      e.last = now;
    },
    snapshot(id) {
      const e = entries.get(id);
      if (!e) return { inFlight: 0, ewmaMs: 0, peakEwmaMs: 0, errorRate: 0, count: 0, idleMs: Infinity };
      const idle = Math.max(0, clock() - e.last);
      return { inFlight: e.inFlight, ewmaMs: e.ewma, peakEwmaMs: e.peak, errorRate: idle > 0 ? e.err * 2 ** (-idle / halfLife) : e.err, count: e.count, idleMs: idle };
    },
  };
}
