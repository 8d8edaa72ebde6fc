import { aiModelEntrySchema, ConfigError, type Logger } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const httpUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' });

const settingsSchema = z
  .strictObject({
    id: z.string().trim().min(1).default('openai'),
    token: z.string().min(1).optional(),
    getToken: z.custom<() => string | Promise<string>>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    baseUrl: httpUrl.default('https://api.openai.com/v1').transform((v) => v.replace(/\/+$/, '')),
    organization: z.string().min(1).optional(),
    project: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    query: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.number().int().min(1).default(600_000),
    models: z.record(z.string().min(1), aiModelEntrySchema).optional(),
    includeDefaultModels: z.boolean().default(true),
    defaultModel: z.string().min(1).optional(),
    defaultEmbeddingModel: z.string().min(1).optional(),
    defaultCompletionModel: z.string().min(1).optional(),
    local: z.boolean().default(false),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'must be a logger object' }).optional(),
  })
  .refine((s) => !(s.token !== undefined && s.getToken !== undefined), { message: 'give token or getToken, not both', path: ['token'] });

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
  const result = settingsSchema.safeParse(settings ?? {});
  if (!result.success) {
    throw new ConfigError({
      source: '@mosaic/provider-openai settings',
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}
