import type { AiModelEntry } from '@mosaic/orchestrator-core';

/**
 * Default model table of {@link createAnthropic}: context windows, output limits and list prices
 * (US dollars per million tokens; `cachedInputPerMillionUsd` = prompt-cache reads) from
 * Anthropic's models overview and pricing pages as of 2025 (https://docs.anthropic.com/en/docs/about-claude/models).
 * `json: false`: the Messages API has no JSON mode, so JSON output is requested in the prompt
 * (with a warning) and routing prefers models that declare it. Override with `models`.
 *
 * `claude-sonnet-4-5` reaches end-of-life on 2026-11-30 (the SDK warns on every call that
 * names it); newer models the SDK knows (`claude-sonnet-4-6`, `claude-opus-4-6`, …) are not in
 * this table because their limits and prices are not confirmed here: add them with `models`.
 */
export const ANTHROPIC_DEFAULT_MODELS: Readonly<Record<string, AiModelEntry>> = Object.freeze({
  'claude-sonnet-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000, vision: true, tools: true, json: false, pricing: { inputPerMillionUsd: 3, outputPerMillionUsd: 15, cachedInputPerMillionUsd: 0.3 } },
  'claude-haiku-4-5': { contextWindow: 200_000, maxOutputTokens: 64_000, vision: true, tools: true, json: false, pricing: { inputPerMillionUsd: 1, outputPerMillionUsd: 5, cachedInputPerMillionUsd: 0.1 } },
  'claude-opus-4-1': { contextWindow: 200_000, maxOutputTokens: 32_000, vision: true, tools: true, json: false, pricing: { inputPerMillionUsd: 15, outputPerMillionUsd: 75, cachedInputPerMillionUsd: 1.5 } },
});
