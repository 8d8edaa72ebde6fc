import { aiModelEntrySchema, ConfigError, type Logger } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const httpUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' });

const settingsSchema = z
  .strictObject({
    id: z.string().trim().min(1).default('ollama'),
    token: z.string().min(1).optional(),
    getToken: z.custom<() => string | Promise<string>>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    baseUrl: httpUrl.default('http://127.0.0.1:11434').transform((v) => v.replace(/\/+$/, '')),
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.number().int().min(1).default(600_000),
    models: z.record(z.string().min(1), aiModelEntrySchema).optional(),
    includeDefaultModels: z.boolean().default(true),
    defaultModel: z.string().min(1).optional(),
    defaultEmbeddingModel: z.string().min(1).optional(),
    keepAlive: z.union([z.string().min(1), z.number()]).optional(),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'must be a logger object' }).optional(),
  })
  .refine((s) => !(s.token !== undefined && s.getToken !== undefined), { message: 'give token or getToken, not both', path: ['token'] });

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
  const result = settingsSchema.safeParse(settings ?? {});
  if (!result.success) {
    throw new ConfigError({
      source: '@mosaic/provider-ollama settings',
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}
