import { ConfigError, type Logger } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const httpUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' });

const settingsSchema = z
  .strictObject({
    id: z.string().trim().min(1).default('gitea'),
    baseUrl: httpUrl,
    token: z.string().min(1).optional(),
    getToken: z.custom<() => string | Promise<string>>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    fetch: z.custom<typeof fetch>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'must be a logger object' }).optional(),
    userAgent: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(100).default(50),
    maxPages: z.number().int().min(1).max(100_000).default(1000),
    healthTimeoutMs: z.number().int().min(1).default(5000),
  })
  .refine((s) => (s.token === undefined) !== (s.getToken === undefined), {
    message: 'give exactly one of token or getToken',
    path: ['token'],
  });

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
  const result = settingsSchema.safeParse(settings);
  if (!result.success) {
    throw new ConfigError({
      source: '@mosaic/provider-gitea settings',
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}
