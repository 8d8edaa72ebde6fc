import type { AiModelEntry } from '@mosaic/orchestrator-core';

/**
 * Default model table of {@link createOllama} for common models of the Ollama library
 * (https://ollama.com/library): context windows as the model cards state them (Ollama serves
 * `num_ctx` tokens of it; the provider raises `num_ctx` to fit the request), capabilities as
 * `/api/show` reports them. Every model is `local` and free (no price). Override with `models`
 * (ids are Ollama model names, `name:tag`).
 */
export const OLLAMA_DEFAULT_MODELS: Readonly<Record<string, AiModelEntry>> = Object.freeze({
  'llama3.2': { contextWindow: 131_072, maxOutputTokens: 8192, tools: true, json: true, completion: true, local: true },
  'llama3.2-vision': { contextWindow: 131_072, maxOutputTokens: 8192, vision: true, json: true, completion: true, local: true },
  'qwen2.5': { contextWindow: 32_768, maxOutputTokens: 8192, tools: true, json: true, completion: true, local: true },
  'nomic-embed-text': { contextWindow: 8192, embeddings: true, local: true },
});
