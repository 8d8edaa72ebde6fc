import { aiProviderSettingsFields, baseUrlSchema, forbidBothTokens, parseProviderSettings } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const settingsSchema = forbidBothTokens(
  z.strictObject({
    id: z.string().trim().min(1).default('ollama'),
    baseUrl: baseUrlSchema('http://127.0.0.1:11434'),
    ...aiProviderSettingsFields,
    defaultEmbeddingModel: z.string().min(1).optional(),
    keepAlive: z.union([z.string().min(1), z.number()]).optional(),
  }),
);

/**
 * Settings of {@link createOllama} (validated strictly: unknown keys are errors).
 *
 * - `id`: provider id, default `ollama`.
 * - `token` / `getToken`: optional bearer token for an Ollama behind an authenticating proxy
 *   (read lazily; sent as `Authorization: Bearer` to `baseUrl`'s origin only).
 * - `baseUrl`: Ollama server, default `http://127.0.0.1:11434` (the `OLLAMA_HOST` variable is
 *   not read implicitly: pass it). Trusted config only.
 * - `headers`: extra headers. `timeoutMs`: per-request budget in ms, default 600000.
 * - `models`: model table entries merged over {@link OLLAMA_DEFAULT_MODELS} (every model is
 *   local; `includeDefaultModels: false` uses only `models`).
 * - `defaultModel` (default `llama3.2`), `defaultEmbeddingModel` (default `nomic-embed-text`).
 * - `keepAlive`: Ollama `keep_alive` (how long the model stays loaded, e.g. `5m`).
 * - `logger`: a logger (the core's `initialize` context logger is used when absent).
 */
export type OllamaProviderSettings = z.input<typeof settingsSchema>;
/** Settings after defaults. */
export type ResolvedOllamaSettings = z.output<typeof settingsSchema>;

/**
 * Validates settings.
 * @throws ConfigError naming each invalid path (never echoing a token)
 */
export function parseSettings(settings: OllamaProviderSettings): ResolvedOllamaSettings {
  return parseProviderSettings(settingsSchema, settings ?? {}, '@mosaic/provider-ollama settings');
}
