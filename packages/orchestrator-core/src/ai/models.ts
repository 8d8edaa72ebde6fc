import { z } from 'zod';
import type { ModelInfo, ModelPricing } from '../spec/v1/models/ai.js';
import type { CapabilitiesV1 } from '../spec/v1/provider.js';

/**
 * One entry of an AI provider's model table, as providers declare it in
 * `capabilities.details.models` (keyed by model id) and hosts configure it in provider
 * settings (`models`). Token counts are the model's own tokens; prices US dollars per
 * million tokens.
 *
 * - `contextWindow`: maximum input + output tokens.
 * - `maxOutputTokens`: maximum output tokens of one call (default: unknown, 4,096 assumed
 *   for budget reservations).
 * - `vision`, `tools`, `json`, `embeddings`: what the model can do (default false);
 *   `streaming` default true; `chat`: serves `ai.chat` (default: true unless an embedding
 *   model); `completion`: serves the legacy `ai.complete` (default false).
 * - `local`: runs on infrastructure the host controls (Ollama), eligible for
 *   `privacy: 'local'`. Default: the provider's `details.local`, else false.
 * - `pricing`: per-million-token prices; absent = unknown (free when `local`).
 */
export interface AiModelEntry {
  contextWindow: number;
  maxOutputTokens?: number | undefined;
  vision?: boolean | undefined;
  tools?: boolean | undefined;
  json?: boolean | undefined;
  embeddings?: boolean | undefined;
  streaming?: boolean | undefined;
  chat?: boolean | undefined;
  completion?: boolean | undefined;
  local?: boolean | undefined;
  displayName?: string | undefined;
  pricing?: ModelPricing | null | undefined;
}

/**
 * What an AI provider puts in `capabilities.details` so the router can check requirements
 * and prices without a network call: the model table, the model used when a call names none
 * (`defaultModel`, `defaultEmbeddingModel` for `ai.embed`, `defaultCompletionModel` for `ai.complete`), and whether every model runs
 * locally (`local`).
 */
export interface AiProviderDetails {
  models: Record<string, AiModelEntry>;
  defaultModel?: string | undefined;
  defaultEmbeddingModel?: string | undefined;
  defaultCompletionModel?: string | undefined;
  local?: boolean | undefined;
}

const pricingSchema = z.object({
  inputPerMillionUsd: z.number().nonnegative(),
  outputPerMillionUsd: z.number().nonnegative(),
  cachedInputPerMillionUsd: z.number().nonnegative().nullish(),
});

/** Zod schema of one {@link AiModelEntry} (strict: unknown keys are errors). For provider settings. */
export const aiModelEntrySchema = z.strictObject({
  contextWindow: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive().optional(),
  vision: z.boolean().optional(),
  tools: z.boolean().optional(),
  json: z.boolean().optional(),
  embeddings: z.boolean().optional(),
  streaming: z.boolean().optional(),
  chat: z.boolean().optional(),
  completion: z.boolean().optional(),
  local: z.boolean().optional(),
  displayName: z.string().optional(),
  pricing: pricingSchema.nullish(),
});

const detailsSchema = z.object({
  models: z.record(z.string(), aiModelEntrySchema.loose()),
  defaultModel: z.string().optional(),
  defaultEmbeddingModel: z.string().optional(),
  defaultCompletionModel: z.string().optional(),
  local: z.boolean().optional(),
});

/**
 * Reads the AI details of a provider's capabilities. Returns `undefined` when the provider
 * declares no (valid) model table; such providers are routed without requirement checks
 * (except `privacy: 'local'`, which they never satisfy).
 */
export function readAiDetails(capabilities: CapabilitiesV1 | undefined): AiProviderDetails | undefined {
  const parsed = detailsSchema.safeParse(capabilities?.details ?? {});
  return parsed.success ? (parsed.data as AiProviderDetails) : undefined;
}

/** Whether a model of `details` is local: its own flag, else the provider's. */
export function isLocalModel(details: AiProviderDetails, entry: AiModelEntry): boolean {
  return entry.local ?? details.local ?? false;
}

/**
 * Turns a model-table entry into the unified {@link ModelInfo} (for providers' `listModels`
 * and `getModel`).
 */
export function modelInfoFromEntry(provider: string, id: string, entry: AiModelEntry, options: { local?: boolean; raw?: unknown } = {}): ModelInfo {
  const local = entry.local ?? options.local ?? false;
  return {
    provider,
    id,
    ...(entry.displayName !== undefined ? { displayName: entry.displayName } : {}),
    contextWindow: entry.contextWindow,
    ...(entry.maxOutputTokens !== undefined ? { maxOutputTokens: entry.maxOutputTokens } : {}),
    capabilities: {
      vision: entry.vision ?? false,
      tools: entry.tools ?? false,
      json: entry.json ?? false,
      streaming: entry.streaming ?? !(entry.embeddings ?? false),
      embeddings: entry.embeddings ?? false,
    },
    pricing: entry.pricing ?? null,
    local,
    ...(options.raw !== undefined ? { raw: options.raw } : {}),
  };
}
