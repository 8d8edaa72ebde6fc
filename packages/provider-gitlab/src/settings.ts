import { ConfigError, type Logger } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const httpUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' });

const settingsSchema = z
  .strictObject({
    id: z.string().trim().min(1).default('gitlab'),
    baseUrl: httpUrl.default('https://gitlab.com'),
    tokenType: z.enum(['private', 'oauth']).default('private'),
    token: z.string().min(1).optional(),
    getToken: z.custom<() => string | Promise<string>>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    fetch: z.custom<typeof fetch>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'must be a logger object' }).optional(),
    userAgent: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(100).default(100),
    maxPages: z.number().int().min(1).max(100_000).default(1000),
    healthTimeoutMs: z.number().int().min(1).default(5000),
  })
  .refine((s) => (s.token === undefined) !== (s.getToken === undefined), {
    message: 'give exactly one of token or getToken',
    path: ['token'],
  });

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
  const result = settingsSchema.safeParse(settings);
  if (!result.success) {
    throw new ConfigError({
      source: '@mosaic/provider-gitlab settings',
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}
