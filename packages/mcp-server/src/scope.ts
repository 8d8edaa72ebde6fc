import type { OrchestratorHealth, RouteTrace } from '@mosaic/orchestrator-core';

/**
 * A routing trace with every mention of providers outside `allowed` removed (a tenant must not
 * learn which providers other tenants have). `undefined` = nothing to hide.
 */
export function scopeTrace(trace: RouteTrace, allowed: ReadonlySet<string> | undefined): RouteTrace {
  if (!allowed) return trace;
  const keep = (id: string) => allowed.has(id);
  const scoped: RouteTrace = {
    ...trace,
    rulesMatched: trace.rulesMatched.map((r) => ({ ...r, providers: r.providers.filter(keep) })),
    before: trace.before.filter(keep),
    filtered: trace.filtered.filter((f) => keep(f.provider)),
    scores: Object.fromEntries(Object.entries(trace.scores).filter(([id]) => keep(id))),
    candidates: trace.candidates.filter(keep),
  };
  if (trace.ai) scoped.ai = scopeDeep(trace.ai, allowed) as RouteTrace['ai'];
  return scoped;
}

/** Drops array entries and record keys that name providers outside `allowed`, at any depth. */
function scopeDeep(value: unknown, allowed: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) {
    return value
      .filter((v) => !(typeof v === 'object' && v !== null && typeof (v as { provider?: unknown }).provider === 'string' && !allowed.has((v as { provider: string }).provider)))
      .map((v) => scopeDeep(v, allowed));
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scopeDeep(v, allowed);
  return out;
}

/** What `mosaic_health` reports: the allowed providers and their breakers, and cache statistics. */
export interface ScopedHealth {
  providers: OrchestratorHealth['providers'];
  breakers: Array<Omit<OrchestratorHealth['breakers'][number], 'credential'>>;
  /** Process-wide counters of the shared cache (entries are scoped per tenant; the counters are totals). */
  cache?: OrchestratorHealth['cache'];
}

/** The health report restricted to `allowed` providers; breaker credential fingerprints are left out. */
export function scopeHealth(health: OrchestratorHealth, allowed: ReadonlySet<string>): ScopedHealth {
  return {
    providers: health.providers.filter((p) => allowed.has(p.id)),
    breakers: health.breakers.filter((b) => allowed.has(b.provider)).map(({ credential: _credential, ...b }) => b),
    ...(health.cache ? { cache: health.cache } : {}),
  };
}
