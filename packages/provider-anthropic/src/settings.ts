import { aiModelEntrySchema, ConfigError, type Logger } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const httpUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' });

const settingsSchema = z
  .strictObject({
    id: z.string().trim().min(1).default('anthropic'),
    token: z.string().min(1).optional(),
    getToken: z.custom<() => string | Promise<string>>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    baseUrl: httpUrl.default('https://api.anthropic.com').transform((v) => v.replace(/\/+$/, '')),
    anthropicVersion: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeoutMs: z.number().int().min(1).default(600_000),
    models: z.record(z.string().min(1), aiModelEntrySchema).optional(),
    includeDefaultModels: z.boolean().default(true),
    defaultModel: z.string().min(1).optional(),
    defaultMaxTokens: z.number().int().positive().optional(),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'must be a logger object' }).optional(),
  })
  .refine((s) => !(s.token !== undefined && s.getToken !== undefined), { message: 'give token or getToken, not both', path: ['token'] });

/**
 * Settings of {@link createAnthropic} (validated strictly: unknown keys are errors).
 *
 * - `id`: provider id, default `anthropic`.
 * - `token` or `getToken` (at most one): the API key, or a function returning it, read lazily
 *   before each request. Sent by the SDK (`@anthropic-ai/sdk` 1.x: `Authorization: Bearer`) to `baseUrl`'s origin only. `ANTHROPIC_API_KEY`
 *   is never read implicitly.
 * - `baseUrl`: API root, default `https://api.anthropic.com` (gateways/proxies: trusted config only).
 * - `anthropicVersion`: `anthropic-version` header override (default: the SDK's).
 * - `headers`: extra headers. `timeoutMs`: per-request budget in ms, default 600000.
 * - `models`: model table entries merged over {@link ANTHROPIC_DEFAULT_MODELS};
 *   `includeDefaultModels: false` uses only `models`.
 * - `defaultModel`: default `claude-haiku-4-5` (else the table's first model).
 * - `defaultMaxTokens`: `max_tokens` when the call sets no `maxTokens` (the Messages API needs
 *   one); default the model's `maxOutputTokens`, else 4096.
 * - `logger`: a logger (the core's `initialize` context logger is used when absent).
 */
export type AnthropicProviderSettings = z.input<typeof settingsSchema>;
/** Settings after defaults. */
export type ResolvedAnthropicSettings = z.output<typeof settingsSchema>;

/**
 * Validates settings.
 * @throws ConfigError naming each invalid path (never echoing a token)
 */
export function parseSettings(settings: AnthropicProviderSettings): ResolvedAnthropicSettings {
  const result = settingsSchema.safeParse(settings ?? {});
  if (!result.success) {
    throw new ConfigError({
      source: '@mosaic/provider-anthropic settings',
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}
