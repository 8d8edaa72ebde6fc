import type { AiRouteExplanation } from '../ai/routing.js';
import type { BreakerState } from '../events/types.js';
import type { AnyOperation } from '../registry/define.js';
import type { RequestContext, ServiceType } from '../spec/v1/provider.js';
import type { StructuredCondition } from './conditions.js';

/** Load-balancing strategies (see DESIGN §4). */
export type StrategyName = 'round-robin' | 'weighted' | 'least-connections' | 'response-time' | 'adaptive' | 'cost';

/** Every {@link StrategyName}, in a stable order. */
export const STRATEGY_NAMES: readonly StrategyName[] = ['round-robin', 'weighted', 'least-connections', 'response-time', 'adaptive', 'cost'];

/** What the router knows about one provider instance. */
export interface RoutableProvider {
  /** Provider instance id, unique in the orchestrator (`github`, `gitea-internal`). */
  id: string;
  serviceType: ServiceType;
  vendor: string;
  /** Operation names the provider declares in its capabilities. */
  operations: ReadonlySet<string>;
  /** Weight for the `weighted` strategy; default 1 (overridden by `loadBalancing.weights`). */
  weight?: number;
}

/** Live views the orchestrator supplies; read on every decision, never cached by the router. */
export interface RouterState {
  /** False when the provider's last health check failed. */
  isHealthy(providerId: string): boolean;
  /**
   * Whether the provider's breaker for this kind of operation lets a call through: false while
   * open, or half-open with its probe in flight. Must have no side effects (`explain` calls it).
   */
  breakerAllows(providerId: string, kind: 'read' | 'write'): { allowed: boolean; state: BreakerState; reason?: string };
  /** True when the vendor's rate-limit headers say the budget is spent. */
  quotaExhausted?(providerId: string): boolean;
  /** The providers a tenant may use; `undefined` = all. */
  tenantProviders?(tenant: string): ReadonlySet<string> | undefined;
}

/** One routing request: the validated input of one operation call. */
export interface RouteRequest {
  operation: AnyOperation;
  /** The validated input. */
  input: unknown;
  /** `operation.resource(input)`, e.g. `git:org/acme/repo/svc`. */
  resourceId: string;
  context: RequestContext & { tenant: string };
}

/** A routing rule, as in the config's `routing.rules[]`. */
export interface RouteRule {
  /** See {@link classifyPattern}: `org:<glob>`, `repo:<glob>`, `user:<glob>`, `tenant:<glob>`, `op:<glob>`, `<inputField>:<glob>`, or a resource-id glob. */
  pattern: string;
  /** One provider id (same as `providers: [provider]`). */
  provider?: string;
  /** Provider ids sharing the load. Merged after `provider` when both are given. */
  providers?: string[];
  /** Higher wins. Default 0. Equal priorities share the load. */
  priority?: number;
  /** Extra condition (string grammar or structured form); the rule matches only when it holds. */
  conditions?: string | StructuredCondition;
  /** Strategy for this rule's priority group (the first rule of the group that names one wins). */
  strategy?: StrategyName;
}

/**
 * Extra candidate filter (AI model requirements, …): returns a reason to exclude the provider,
 * or `undefined` to keep it. Must be pure; it is called by `explain` too.
 */
export type CandidateFilter = (req: RouteRequest, provider: RoutableProvider) => string | undefined;

/** Tuning of the `adaptive` strategy. */
export interface AdaptiveOptions {
  /** `k` in `(peakEwmaMs + errorRate × worstPeakEwmaMs) × (inFlight + 1) × (1 + k × errorRate)`. Default 10. */
  errorRateWeight?: number;
  /** Only providers whose score is at most `spread` × the best score are drawn. Default 3. */
  spread?: number;
  /** A provider with no call ended for this long (ms) is explored again as unknown. Default 30 000. */
  exploreAfterMs?: number;
}

/** The router's configuration; mirrors the config file's `routing` section. */
export interface RouterOptions {
  rules: RouteRule[];
  /** Provider id(s) used when no rule matches. */
  default?: string | string[];
  /** Provider ids appended (deduplicated, in order) after the chosen ones. */
  fallbacks?: string[];
  loadBalancing?: {
    /** Default `round-robin`. */
    strategy?: StrategyName;
    /** Weights of the `weighted` strategy by provider id (default: the provider's `weight`, else 1). */
    weights?: Record<string, number>;
  };
  /** Cost per call by provider id, then by operation name or `*`; a provider without an entry costs 0. */
  costs?: Record<string, Record<string, number>>;
  /**
   * Per-tenant rules and default. A tenant's matching rules win over global rules; its
   * `default` wins over the global default. Global `fallbacks` apply to every tenant.
   */
  tenants?: Record<string, { rules?: RouteRule[]; default?: string | string[] }>;
  /** Extra filters applied after the built-in ones. */
  filters?: CandidateFilter[];
  /** Random source in [0, 1) for `adaptive`; default `Math.random`. Inject for determinism. */
  random?: () => number;
  adaptive?: AdaptiveOptions;
}

/** A rule that matched, in the trace. */
export interface RouteTraceRule {
  /** Index in `rules` (global or the tenant's). */
  index: number;
  scope: 'global' | 'tenant';
  pattern: string;
  priority: number;
  providers: readonly string[];
  /** True for the rules of the winning priority group. */
  selected: boolean;
}

/** Why a provider was excluded. `filter` names the check. */
export interface RouteTraceFiltered {
  provider: string;
  filter: 'capability' | 'health' | 'breaker' | 'quota' | 'tenant' | 'custom';
  reason: string;
}

/** The full account of one routing decision; JSON-serializable. */
export interface RouteTrace {
  operation: string;
  kind: 'read' | 'write';
  resourceId: string;
  tenant: string;
  /** Where the chosen providers came from. */
  source: 'tenant-rule' | 'rule' | 'tenant-default' | 'default' | 'none';
  /** Rules whose pattern and conditions matched (pattern candidates from the index). */
  rulesMatched: RouteTraceRule[];
  /** Rules the index returned and that were checked (≤ total rule count). */
  rulesConsidered: number;
  /** Chosen providers then fallbacks, deduplicated, before filtering. */
  before: string[];
  filtered: RouteTraceFiltered[];
  strategy: StrategyName;
  /** Strategy scores by provider (lower is better; round-robin/weighted: position or current weight). */
  scores: Record<string, number>;
  /** Final order: primary first, then the rest of its group, then fallbacks. */
  candidates: string[];
  /** Time spent deciding, µs. */
  durationUs: number;
  /** AI calls: requirements, the model chosen per candidate and why (see `AiRouteExplanation`). */
  ai?: AiRouteExplanation;
}

/** A routing decision. `candidates` is empty when nothing can serve the call. */
export interface RouteDecision {
  /** Ordered provider ids: primary first, then failover candidates. */
  candidates: string[];
  trace: RouteTrace;
}

/** A compiled routing table. */
export interface Router {
  /** Decides; advances round-robin/weighted counters. Never throws for a valid request. */
  route(req: RouteRequest): RouteDecision;
  /** The same decision's trace without side effects (counters are not advanced). */
  explain(req: RouteRequest): RouteTrace;
}
