import { httpUrlSchema, parseProviderSettings, providerSettingsFields, requireOneToken } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const settingsSchema = requireOneToken(
  z.strictObject({
    id: z.string().trim().min(1).default('gitea'),
    baseUrl: httpUrlSchema,
    ...providerSettingsFields,
    pageSize: z.number().int().min(1).max(100).default(50),
  }),
);

/**
 * Settings of {@link createGitea}.
 *
 * - `baseUrl` (required): the Gitea server (`https://gitea.internal`); the API is at `${baseUrl}/api/v1`.
 *   Credentials are only ever sent to this origin.
 * - `token` or `getToken` (exactly one): a Gitea access token, or a function returning one
 *   (called for every request, so rotated tokens are picked up). Sent as `Authorization: token <t>`.
 * - `id`: provider id, default `gitea`.
 * - `fetch`: a `fetch` implementation (default the global one).
 * - `logger`, `userAgent`.
 * - `pageSize`: items per page asked of Gitea, default 50 (Gitea's default `MAX_RESPONSE_ITEMS`).
 * - `maxPages`: pages one list call may fetch before failing, default 1000.
 * - `healthTimeoutMs`: budget of `healthCheck`, in milliseconds, default 5000.
 */
export type GiteaProviderSettings = z.input<typeof settingsSchema>;
/** Settings after defaults. */
export type ResolvedGiteaSettings = z.output<typeof settingsSchema>;

/**
 * Validates settings (strict: unknown keys are errors).
 * @throws ConfigError naming each invalid path (never echoing a token)
 */
export function parseSettings(settings: GiteaProviderSettings): ResolvedGiteaSettings {
  return parseProviderSettings(settingsSchema, settings, '@mosaic/provider-gitea settings');
}
