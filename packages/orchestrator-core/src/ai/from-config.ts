import type { AiConfig } from '../config/schema.js';
import { createRedisBudgetStore, type BudgetLimits } from './budget.js';
import type { AiOrchestratorOptions } from './routing.js';

/**
 * Maps the configuration's `orchestration.ai` section onto {@link AiOrchestratorOptions}
 * (`window` durations are already milliseconds; a `redis` budget store connects lazily).
 * Returns `undefined` without the section.
 */
export function aiOptionsFromConfig(ai: AiConfig | undefined): AiOrchestratorOptions | undefined {
  if (!ai) return undefined;
  const limits = (record: Record<string, { maxCostUsd?: number | undefined; maxTokens?: number | undefined; window?: number | undefined }>) =>
    Object.fromEntries(
      Object.entries(record).map(([k, l]): [string, BudgetLimits] => [
        k,
        {
          ...(l.maxCostUsd !== undefined ? { maxCostUsd: l.maxCostUsd } : {}),
          ...(l.maxTokens !== undefined ? { maxTokens: l.maxTokens } : {}),
          ...(l.window !== undefined ? { windowMs: l.window } : {}),
        },
      ]),
    );
  const b = ai.budgets;
  return {
    ...(ai.prices ? { prices: Object.fromEntries(Object.entries(ai.prices).map(([k, p]) => [k, { inputPerMillionUsd: p.inputPerMillionUsd, outputPerMillionUsd: p.outputPerMillionUsd, ...(p.cachedInputPerMillionUsd !== undefined ? { cachedInputPerMillionUsd: p.cachedInputPerMillionUsd } : {}) }])) } : {}),
    ...(b
      ? {
          budgets: {
            ...(b.store === 'redis' && b.url ? { store: createRedisBudgetStore({ url: b.url }) } : {}),
            tenants: limits(b.tenants),
            users: limits(b.users),
            tags: limits(b.tags),
            onStoreError: b.onStoreError,
          },
        }
      : {}),
    ...(ai.streamFailover ? { streamFailover: { continueOnFallback: ai.streamFailover.continueOnFallback } } : {}),
    cache: ai.cache,
  };
}
