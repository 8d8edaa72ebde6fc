import type { ModelPricing, TokenUsage } from '../spec/v1/models/ai.js';
import type { AiModelEntry, AiProviderDetails } from './models.js';
import { isLocalModel } from './models.js';

/**
 * Price overrides by model: keys are `<providerId>:<model>` (one provider's model) or
 * `<model>` (that model on every provider). Values are US dollars per million tokens.
 * Overrides win over the prices providers declare in their model tables.
 */
export type AiPriceTable = Record<string, ModelPricing>;

/**
 * The price of `model` on `providerId`: the `<provider>:<model>` override, the `<model>`
 * override, the provider's model table, zero for a local model, else `undefined` (unknown).
 */
export function resolvePricing(
  providerId: string,
  model: string,
  entry: AiModelEntry | undefined,
  details: AiProviderDetails | undefined,
  prices: AiPriceTable | undefined,
): ModelPricing | undefined {
  const override = prices?.[`${providerId}:${model}`] ?? prices?.[model];
  if (override) return override;
  if (entry?.pricing) return entry.pricing;
  if (entry && details && isLocalModel(details, entry)) return { inputPerMillionUsd: 0, outputPerMillionUsd: 0 };
  return undefined;
}

/**
 * Cost in US dollars of `usage` at `pricing`: uncached input at the input price, cached input
 * at the cached price (the input price when none is given), output (reasoning included) at the
 * output price.
 */
export function costOfUsage(pricing: ModelPricing, usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'> & { cachedInputTokens?: number | null | undefined }): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cost =
    ((usage.inputTokens - cached) * pricing.inputPerMillionUsd +
      cached * (pricing.cachedInputPerMillionUsd ?? pricing.inputPerMillionUsd) +
      usage.outputTokens * pricing.outputPerMillionUsd) /
    1_000_000;
  return Math.max(0, cost);
}
