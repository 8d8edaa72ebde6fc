import { aiProviderSettingsFields, baseUrlSchema, forbidBothTokens, parseProviderSettings } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const settingsSchema = forbidBothTokens(
  z.strictObject({
    id: z.string().trim().min(1).default('openai'),
    baseUrl: baseUrlSchema('https://api.openai.com/v1'),
    organization: z.string().min(1).optional(),
    project: z.string().min(1).optional(),
    query: z.record(z.string(), z.string()).optional(),
    ...aiProviderSettingsFields,
    defaultEmbeddingModel: z.string().min(1).optional(),
    defaultCompletionModel: z.string().min(1).optional(),
    local: z.boolean().default(false),
  }),
);

/**
 * Settings of {@link createOpenAI} (validated strictly: unknown keys are errors).
 *
 * - `id`: provider id, default `openai`.
 * - `token` or `getToken` (at most one): the API key, or a function returning it, read lazily
 *   before each request (so a rotated key is picked up). Sent as `Authorization: Bearer` to
 *   `baseUrl`'s origin only. Neither: requests carry no usable key (for local
 *   OpenAI-compatible servers that need none). The `OPENAI_API_KEY` variable is never read
 *   implicitly.
 * - `baseUrl`: API root, default `https://api.openai.com/v1`. OpenAI-compatible servers: vLLM
 *   `http://host:8000/v1`, LM Studio `http://localhost:1234/v1`, gateways. Trusted config only.
 * - `organization`, `project`: OpenAI org/project headers. `headers`: extra headers (gateways;
 *   Azure-style `api-key`). `query`: query parameters added to every request (Azure-style
 *   `api-version`).
 * - `timeoutMs`: per-request time budget in ms, default 600000 (the core's timeout usually ends
 *   the call earlier through its signal).
 * - `models`: model table entries (`id → { contextWindow, maxOutputTokens, vision, tools, json,
 *   embeddings, completion, pricing: { inputPerMillionUsd, outputPerMillionUsd } }`) merged
 *   over {@link OPENAI_DEFAULT_MODELS}; `includeDefaultModels: false` uses only `models`.
 * - `defaultModel` (default `gpt-4.1-mini`, else the first chat model of the table),
 *   `defaultEmbeddingModel` (default `text-embedding-3-small`), `defaultCompletionModel`
 *   (default `gpt-3.5-turbo-instruct`).
 * - `local`: every model runs on infrastructure the host controls (a self-hosted vLLM), making
 *   the provider eligible for `privacy: 'local'`. Default false.
 * - `logger`: a logger (the core's `initialize` context logger is used when absent).
 */
export type OpenAIProviderSettings = z.input<typeof settingsSchema>;
/** Settings after defaults. */
export type ResolvedOpenAISettings = z.output<typeof settingsSchema>;

/**
 * Validates settings.
 * @throws ConfigError naming each invalid path (never echoing a token)
 */
export function parseSettings(settings: OpenAIProviderSettings): ResolvedOpenAISettings {
  return parseProviderSettings(settingsSchema, settings ?? {}, '@mosaic/provider-openai settings');
}
