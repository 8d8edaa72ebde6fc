import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import type { Logger } from '../spec/v1/provider.js';

/** A zod schema of an absolute `http:` or `https:` URL (for a provider's `baseUrl`). */
export const httpUrlSchema = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' });

/**
 * zod fields most HTTP providers' settings share; spread them into a `z.strictObject({...})`
 * next to the vendor's own (`id`, `baseUrl`, `pageSize`, …), then wrap it in
 * {@link requireOneToken}:
 *
 * - `token` (non-empty string) or `getToken` (function returning a string or a promise of one,
 *   called for every request so rotated tokens are picked up);
 * - `fetch` (a `fetch` implementation), `logger` ({@link Logger}), `userAgent`;
 * - `maxPages`: pages one list call may fetch before failing, 1–100000, default 1000;
 * - `healthTimeoutMs`: budget of `healthCheck` in milliseconds, at least 1, default 5000.
 */
export const providerSettingsFields = {
  token: z.string().min(1).optional(),
  getToken: z.custom<() => string | Promise<string>>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
  fetch: z.custom<typeof fetch>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
  logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'must be a logger object' }).optional(),
  userAgent: z.string().min(1).optional(),
  maxPages: z.number().int().min(1).max(100_000).default(1000),
  healthTimeoutMs: z.number().int().min(1).default(5000),
};

/**
 * Adds the rule "give exactly one of `token` or `getToken`" (issue at path `token`) to a
 * settings schema built with {@link providerSettingsFields}.
 */
export function requireOneToken<S extends z.ZodType<{ token?: string | undefined; getToken?: unknown }>>(schema: S) {
  return schema.refine((s) => (s.token === undefined) !== (s.getToken === undefined), {
    message: 'give exactly one of token or getToken',
    path: ['token'],
  });
}

/**
 * Validates provider settings against `schema` and returns them with defaults applied.
 * @param source - names the settings in the error, e.g. `@mosaic/provider-gitea settings`
 * @throws ConfigError naming each invalid path; messages come from the schema, never from the
 *   values, so a token is never echoed
 */
export function parseProviderSettings<S extends z.ZodType>(schema: S, settings: unknown, source: string): z.output<S> {
  const result = schema.safeParse(settings);
  if (!result.success) {
    throw new ConfigError({
      source,
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}

/**
 * A zod schema of a provider's API root: an http(s) URL ({@link httpUrlSchema}) defaulting to
 * `defaultUrl`, with trailing slashes removed (so `${baseUrl}/path` never doubles a slash).
 * @param defaultUrl - used when the setting is absent, e.g. `https://api.openai.com/v1`
 */
export function baseUrlSchema(defaultUrl: string) {
  return httpUrlSchema.default(defaultUrl).transform((v) => v.replace(/\/+$/, ''));
}

/**
 * Adds the rule "give at most one of `token` or `getToken`" (issue at path `token`, message
 * `give token or getToken, not both`) to a settings schema; for providers that also work
 * without a credential (unauthenticated APIs, local servers). Compare {@link requireOneToken}.
 */
export function forbidBothTokens<S extends z.ZodType<{ token?: string | undefined; getToken?: unknown }>>(schema: S) {
  return schema.refine((s) => !(s.token !== undefined && s.getToken !== undefined), {
    message: 'give token or getToken, not both',
    path: ['token'],
  });
}
