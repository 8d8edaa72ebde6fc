import { baseUrlSchema, forbidBothTokens, parseProviderSettings, providerSettingsFields } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const settingsSchema = forbidBothTokens(
  z.strictObject({
    id: z.string().trim().min(1).default('github'),
    baseUrl: baseUrlSchema('https://api.github.com'),
    ...providerSettingsFields,
    timeoutMs: z.number().int().min(1).default(30_000),
    etagCacheSize: z.number().int().min(0).default(500),
  }),
);

/**
 * Settings of {@link createGitHub} (validated strictly: unknown keys are errors).
 *
 * - `id`: provider id, default `github`.
 * - `token` or `getToken` (at most one; neither = unauthenticated, 60 requests/hour): a
 *   personal access / installation / OAuth token, or a function returning one, read lazily
 *   (first at `initialize` or the first call, again by `refreshCredentials()`). Sent as
 *   `Authorization: token <t>` to `baseUrl`'s origin only.
 * - `baseUrl`: REST API root, default `https://api.github.com`; GitHub Enterprise Server:
 *   `https://<host>/api/v3`. Must come from trusted configuration.
 * - `userAgent`: default `mosaic-provider-github/<VERSION>`.
 * - `timeoutMs`: per-request time budget in milliseconds, default 30000 (the core's own
 *   timeout usually aborts earlier through the call's `signal`).
 * - `healthTimeoutMs`: budget of `healthCheck` in milliseconds, default 5000 (on expiry it
 *   reports `unhealthy`).
 * - `etagCacheSize`: entries of the conditional-request (ETag) cache, default 500; 0 disables it.
 * - `maxPages`: pages one list call may fetch before failing, default 1000.
 * - `fetch`: a `fetch` implementation, default the global one.
 * - `logger`: a logger (the core's `initialize` context logger is used when absent).
 */
export type GitHubProviderSettings = z.input<typeof settingsSchema>;
/** Settings after defaults. */
export type ResolvedGitHubSettings = z.output<typeof settingsSchema>;

/**
 * Validates settings.
 * @throws ConfigError naming each invalid path (never echoing a token)
 */
export function parseSettings(settings: GitHubProviderSettings): ResolvedGitHubSettings {
  return parseProviderSettings(settingsSchema, settings ?? {}, '@mosaic/provider-github settings');
}
