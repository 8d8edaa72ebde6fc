import { aiProviderSettingsFields, baseUrlSchema, forbidBothTokens, parseProviderSettings } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const settingsSchema = forbidBothTokens(
  z.strictObject({
    id: z.string().trim().min(1).default('anthropic'),
    baseUrl: baseUrlSchema('https://api.anthropic.com'),
    anthropicVersion: z.string().min(1).optional(),
    ...aiProviderSettingsFields,
    defaultMaxTokens: z.number().int().positive().optional(),
  }),
);

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
  return parseProviderSettings(settingsSchema, settings ?? {}, '@mosaic/provider-anthropic settings');
}
