import { httpUrlSchema, parseProviderSettings, providerSettingsFields, requireOneToken } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const settingsSchema = requireOneToken(
  z.strictObject({
    id: z.string().trim().min(1).default('gitlab'),
    baseUrl: httpUrlSchema.default('https://gitlab.com'),
    tokenType: z.enum(['private', 'oauth']).default('private'),
    ...providerSettingsFields,
    pageSize: z.number().int().min(1).max(100).default(100),
  }),
);

/**
 * Settings of {@link createGitLab}.
 *
 * - `baseUrl`: the GitLab instance, default `https://gitlab.com` (self-hosted allowed, also under
 *   a path such as `https://example.com/gitlab`); the API is at `${baseUrl}/api/v4`.
 *   Credentials are only ever sent to this origin.
 * - `token` or `getToken` (exactly one): a personal/project/group access token (sent as
 *   `PRIVATE-TOKEN`), or with `tokenType: 'oauth'` an OAuth 2 token (sent as `Authorization: Bearer`).
 *   `getToken` is called for every request, so rotated tokens are picked up.
 * - `id`: provider id, default `gitlab`.
 * - `fetch`: a `fetch` implementation (default the global one).
 * - `logger`, `userAgent`.
 * - `pageSize`: `per_page` asked of GitLab, default 100 (GitLab's maximum).
 * - `maxPages`: pages one list call may fetch before failing, default 1000.
 * - `healthTimeoutMs`: budget of `healthCheck`, in milliseconds, default 5000.
 */
export type GitLabProviderSettings = z.input<typeof settingsSchema>;
/** Settings after defaults. */
export type ResolvedGitLabSettings = z.output<typeof settingsSchema>;

/**
 * Validates settings (strict: unknown keys are errors).
 * @throws ConfigError naming each invalid path (never echoing a token)
 */
export function parseSettings(settings: GitLabProviderSettings): ResolvedGitLabSettings {
  return parseProviderSettings(settingsSchema, settings, '@mosaic/provider-gitlab settings');
}
