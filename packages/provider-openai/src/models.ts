import type { AiModelEntry } from '@mosaic/orchestrator-core';

/**
 * Default model table of {@link createOpenAI}: context windows, output limits, capabilities and
 * list prices (US dollars per million tokens; `cachedInputPerMillionUsd` for prompt-cache
 * reads) from OpenAI's model pages and pricing page as of 2025. Hosts override or extend it
 * with the `models` setting (prices change; check https://platform.openai.com/docs/pricing),
 * and drop it with `includeDefaultModels: false` (OpenAI-compatible servers). Newer models
 * (the `gpt-5` family, …) are not in this table because their limits and prices are not
 * confirmed here: add them with `models`.
 */
export const OPENAI_DEFAULT_MODELS: Readonly<Record<string, AiModelEntry>> = Object.freeze({
  'gpt-4.1': { contextWindow: 1_047_576, maxOutputTokens: 32_768, vision: true, tools: true, json: true, pricing: { inputPerMillionUsd: 2, outputPerMillionUsd: 8, cachedInputPerMillionUsd: 0.5 } },
  'gpt-4.1-mini': { contextWindow: 1_047_576, maxOutputTokens: 32_768, vision: true, tools: true, json: true, pricing: { inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.6, cachedInputPerMillionUsd: 0.1 } },
  'gpt-4.1-nano': { contextWindow: 1_047_576, maxOutputTokens: 32_768, vision: true, tools: true, json: true, pricing: { inputPerMillionUsd: 0.1, outputPerMillionUsd: 0.4, cachedInputPerMillionUsd: 0.025 } },
  'gpt-4o': { contextWindow: 128_000, maxOutputTokens: 16_384, vision: true, tools: true, json: true, pricing: { inputPerMillionUsd: 2.5, outputPerMillionUsd: 10, cachedInputPerMillionUsd: 1.25 } },
  'gpt-4o-mini': { contextWindow: 128_000, maxOutputTokens: 16_384, vision: true, tools: true, json: true, pricing: { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6, cachedInputPerMillionUsd: 0.075 } },
  'o4-mini': { contextWindow: 200_000, maxOutputTokens: 100_000, vision: true, tools: true, json: true, pricing: { inputPerMillionUsd: 1.1, outputPerMillionUsd: 4.4, cachedInputPerMillionUsd: 0.275 } },
  'gpt-3.5-turbo-instruct': { contextWindow: 4_096, maxOutputTokens: 4_096, chat: false, completion: true, pricing: { inputPerMillionUsd: 1.5, outputPerMillionUsd: 2 } },
  'text-embedding-3-small': { contextWindow: 8_191, embeddings: true, pricing: { inputPerMillionUsd: 0.02, outputPerMillionUsd: 0 } },
  'text-embedding-3-large': { contextWindow: 8_191, embeddings: true, pricing: { inputPerMillionUsd: 0.13, outputPerMillionUsd: 0 } },
});
