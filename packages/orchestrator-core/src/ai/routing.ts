import type { AnyOperation } from '../registry/define.js';
import type { CandidateFilter, RouteDecision, RouteRequest, RouteTrace } from '../router/types.js';
import type { ModelPricing, TokenUsage } from '../spec/v1/models/ai.js';
import type { CapabilitiesV1, Logger } from '../spec/v1/provider.js';
import { createBudgetManager, type BudgetManager, type BudgetOptions, type BudgetReservation, type BudgetScope } from './budget.js';
import { costOfUsage, resolvePricing, type AiPriceTable } from './cost.js';
import { readAiDetails, type AiProviderDetails } from './models.js';
import { aiRequirements, chooseModel, type AiModelChoice, type AiRequirements } from './requirements.js';
import type { StreamFailoverOptions } from './stream.js';

/**
 * AI routing options of `createOrchestrator` (`ai`).
 * - `prices`: price overrides (see {@link AiPriceTable}); otherwise providers' model tables.
 * - `budgets`: spend/token budgets (options of {@link createBudgetManager}, or a manager).
 * - `streamFailover`: mid-stream behaviour (see {@link StreamFailoverOptions}).
 * - `cache`: which AI results the read cache may serve: `deterministic` (default: `ai.chat` /
 *   `ai.complete` with `temperature: 0` or a `cacheKey`, `ai.embed`, model lists) or `off`.
 */
export interface AiOrchestratorOptions {
  prices?: AiPriceTable;
  budgets?: BudgetOptions | BudgetManager;
  streamFailover?: StreamFailoverOptions;
  cache?: 'deterministic' | 'off';
}

/** The AI part of a routing trace (`RouteTrace.ai`): requirements, per-provider model choices and order. */
export interface AiRouteExplanation {
  requirements: AiRequirements;
  /** The model each remaining candidate would use, and why. */
  choices: Record<string, Omit<AiModelChoice, 'rejected' | 'pricing'> & { rejected?: Array<{ model: string; reason: string }> }>;
  /** How the candidates were ordered: `router` (the strategy's order) or `estimated-cost` (cost strategy, per-request estimate). */
  order: 'router' | 'estimated-cost';
  /** Final candidate order. */
  candidates: string[];
  /**
   * What a budgeted call reserves before any provider is called: the largest estimated maximum
   * (input estimate + `maxTokens`, else the model's maximum output) over the candidates, since
   * failover may end on any of them. US dollars and tokens.
   */
  reservation: { costUsd: number; tokens: number };
}

/** The AI plan of one call: the chosen model per candidate, reservations and cost accounting. */
export interface AiCallPlan {
  readonly requirements: AiRequirements;
  readonly candidates: string[];
  readonly explanation: AiRouteExplanation;
  /** The input to send to `providerId` (with the chosen `model` when the call named none). */
  inputFor(providerId: string, input: unknown): unknown;
  /** Reserves the estimated maximum (max over candidates) on the budgets; `undefined` without budgets. @throws BudgetExceededError */
  reserve(scope: BudgetScope): Promise<BudgetReservation | undefined>;
  /** Cost in US dollars of `usage` on `providerId` with `model` (price overrides first); `undefined` when unknown. */
  costOf(providerId: string, model: string | undefined, usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'> & { cachedInputTokens?: number | null }): number | undefined;
  /** Fills `costUsd` of a result (overrides win over the provider's figure) and returns it. */
  priceResult<T>(providerId: string, value: T): { value: T; costUsd?: number };
  /** Prices a result and settles `reservation` with its actual cost and tokens. */
  finish<T>(providerId: string, value: T, reservation: BudgetReservation | undefined): Promise<{ value: T; costUsd?: number }>;
}

/** See {@link createAiRouting}. */
export interface AiRouting {
  /** Router filter: excludes AI providers without a model that meets the call's requirements. */
  readonly filter: CandidateFilter;
  readonly budgets?: BudgetManager;
  readonly streamFailover: StreamFailoverOptions;
  /** Plans an AI call after routing; `undefined` for operations without model requirements. */
  plan(request: RouteRequest, decision: RouteDecision): AiCallPlan | undefined;
  /** `explain()` for AI operations: the router's trace with `ai` added (no side effects). */
  explain(request: RouteRequest, trace: RouteTrace): RouteTrace;
  /** Whether the read cache may serve this AI call (see {@link AiOrchestratorOptions.cache}). */
  cacheable(operation: AnyOperation, input: unknown): boolean;
  close(): Promise<void>;
}

/**
 * Builds the AI routing pieces the orchestrator uses: the requirement filter (vision, tools,
 * JSON, context window, `privacy: 'local'` against each provider's model table, read from
 * `capabilities.details` via `capabilitiesOf`), the model choice per provider (cheapest
 * capable under the `cost` strategy, else the default model), the per-request cost order,
 * budget reservations and result pricing.
 */
export function createAiRouting(options: AiOrchestratorOptions & { capabilitiesOf: (providerId: string) => CapabilitiesV1 | undefined; logger?: Logger }): AiRouting {
  const prices = options.prices;
  const budgets = options.budgets === undefined ? undefined : 'reserve' in options.budgets ? (options.budgets as BudgetManager) : createBudgetManager(options.budgets as BudgetOptions);
  const reqCache = new WeakMap<RouteRequest, AiRequirements | null>();
  const requirementsOf = (req: RouteRequest): AiRequirements | undefined => {
    let r = reqCache.get(req);
    if (r === undefined) {
      r = aiRequirements(req.operation.name, req.input) ?? null;
      reqCache.set(req, r);
    }
    return r ?? undefined;
  };
  // Parsed once per capabilities object (providers' capabilities are fixed; a replaced plugin brings a new object).
  const parsed = new WeakMap<CapabilitiesV1, AiProviderDetails | null>();
  const detailsOf = (id: string): AiProviderDetails | undefined => {
    const caps = options.capabilitiesOf(id);
    if (!caps) return undefined;
    let d = parsed.get(caps);
    if (d === undefined) {
      d = readAiDetails(caps) ?? null;
      parsed.set(caps, d);
    }
    return d ?? undefined;
  };

  const filter: CandidateFilter = (req, provider) => {
    if (req.operation.service !== 'ai' || provider.serviceType !== 'ai') return undefined;
    const r = requirementsOf(req);
    if (!r) return undefined;
    const c = chooseModel(r, provider.id, detailsOf(provider.id), { prefer: 'default', prices });
    return c.ok ? undefined : c.reason;
  };

  const build = (request: RouteRequest, candidates: string[], trace: RouteTrace): { plan: AiCallPlan; trace: RouteTrace } | undefined => {
    const r = requirementsOf(request);
    if (!r) return undefined;
    const prefer = trace.strategy === 'cost' ? 'cheapest' : 'default';
    const choices = new Map<string, AiModelChoice>();
    for (const id of candidates) {
      const c = chooseModel(r, id, detailsOf(id), { prefer, prices });
      if (c.ok) choices.set(id, c.choice);
    }
    let order = candidates.slice();
    if (prefer === 'cheapest') {
      // Sort the chosen group by estimated cost (unknown last); fallbacks keep their place after it.
      const group = new Set(trace.source === 'rule' || trace.source === 'tenant-rule' ? trace.rulesMatched.filter((m) => m.selected).flatMap((m) => m.providers) : trace.before);
      const head = order.filter((id) => group.has(id));
      const tail = order.filter((id) => !group.has(id));
      const cost = (id: string) => choices.get(id)?.estimatedCostUsd ?? Number.POSITIVE_INFINITY;
      head.sort((a, b) => cost(a) - cost(b));
      order = [...head, ...tail];
    }
    let reserveCost = 0;
    let reserveTokens = 0;
    for (const id of order) {
      const c = choices.get(id);
      if (!c) continue;
      reserveCost = Math.max(reserveCost, c.reserveCostUsd);
      reserveTokens = Math.max(reserveTokens, c.reserveTokens);
    }
    const explanation: AiRouteExplanation = {
      requirements: r,
      choices: Object.fromEntries(
        order.filter((id) => choices.has(id)).map((id) => {
          const { rejected, pricing: _p, ...rest } = choices.get(id)!;
          return [id, { ...rest, ...(rejected.length ? { rejected } : {}) }];
        }),
      ),
      order: prefer === 'cheapest' ? 'estimated-cost' : 'router',
      candidates: order,
      reservation: { costUsd: reserveCost, tokens: reserveTokens },
    };
    const costOf: AiCallPlan['costOf'] = (providerId, model, usage) => {
      const details = detailsOf(providerId);
      const m = model ?? choices.get(providerId)?.model;
      if (m === undefined) return undefined;
      const pricing: ModelPricing | undefined = resolvePricing(providerId, m, details?.models[m], details, prices);
      return pricing ? costOfUsage(pricing, usage) : undefined;
    };
    const plan: AiCallPlan = {
      requirements: r,
      candidates: order,
      explanation,
      inputFor: (providerId, input) => {
        const model = choices.get(providerId)?.model;
        if (r.model !== undefined || model === undefined) return input;
        return { ...(input as Record<string, unknown>), model };
      },
      reserve: async (scope) => {
        if (!budgets) return undefined;
        return budgets.reserve(scope, explanation.reservation, request.operation.name);
      },
      costOf,
      priceResult: <V,>(providerId: string, value: V) => {
        const v = value as { model?: string; usage?: TokenUsage; costUsd?: number | null } | null;
        if (!v || typeof v !== 'object' || !v.usage) return { value };
        const model = v.model ?? choices.get(providerId)?.model;
        const override = model !== undefined && prices !== undefined && (prices[`${providerId}:${model}`] ?? prices[model]) !== undefined;
        let costUsd = typeof v.costUsd === 'number' && !override ? v.costUsd : undefined;
        costUsd ??= costOf(providerId, model, { inputTokens: v.usage.inputTokens, outputTokens: v.usage.outputTokens ?? 0, cachedInputTokens: v.usage.cachedInputTokens ?? null });
        if (costUsd === undefined) return { value };
        return { value: { ...v, costUsd } as V, costUsd };
      },
      finish: async (providerId, value, reservation) => {
        const priced = plan.priceResult(providerId, value);
        const usage = (value as { usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number | null } } | null)?.usage;
        const tokens = usage ? (usage.totalTokens ?? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0)) : 0;
        await reservation?.settle({ costUsd: priced.costUsd ?? 0, tokens }).catch((error: unknown) => {
          options.logger?.warn?.('mosaic: budget settle failed', { error: String(error) });
        });
        return priced;
      },
    };
    return { plan, trace: { ...trace, candidates: order, ai: explanation } };
  };

  return {
    filter,
    ...(budgets ? { budgets } : {}),
    streamFailover: options.streamFailover ?? {},
    plan: (request, decision) => {
      const built = build(request, decision.candidates, decision.trace);
      if (!built) return undefined;
      decision.candidates.splice(0, decision.candidates.length, ...built.plan.candidates);
      Object.assign(decision.trace, { candidates: built.trace.candidates, ai: built.trace.ai });
      return built.plan;
    },
    explain: (request, trace) => build(request, trace.candidates, trace)?.trace ?? trace,
    cacheable: (operation, input) => {
      if (operation.service !== 'ai') return true;
      if (options.cache === 'off') return false;
      const i = (input ?? {}) as { temperature?: number; cacheKey?: string };
      if (operation.name === 'ai.chat' || operation.name === 'ai.complete') return i.temperature === 0 || typeof i.cacheKey === 'string';
      return !operation.streaming;
    },
    close: async () => {
      if (budgets && !(options.budgets && 'reserve' in options.budgets)) await budgets.close();
    },
  };
}
