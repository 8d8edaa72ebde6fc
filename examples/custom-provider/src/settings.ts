import { ConfigError, type Logger } from '@mosaic/orchestrator-core';
import { z } from 'zod';

const settingsSchema = z.strictObject({
  id: z.string().trim().min(1).default('quill'),
  baseUrl: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' })
    .transform((v) => v.replace(/\/+$/, '')),
  token: z.string().min(1),
  logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null, { message: 'must be a logger object' }).optional(),
  pageSize: z.number().int().min(1).max(100).default(50),
  maxPages: z.number().int().min(1).max(100_000).default(1000),
  healthTimeoutMs: z.number().int().min(1).default(5000),
  fetch: z.custom<typeof fetch>((v) => typeof v === 'function', { message: 'must be a function' }).optional(),
});

/**
 * Settings of {@link createQuill} (validated strictly: unknown keys are errors).
 *
 * - `baseUrl` (required): the Quill server (`https://wiki.example.com`); the API is at
 *   `${baseUrl}/api/v1`. Must come from trusted configuration; the token is only ever sent to
 *   this origin (redirects elsewhere are refused).
 * - `token` (required): a Quill API token, sent as `Authorization: Bearer <token>`; registered
 *   for redaction.
 * - `id`: provider id, default `quill`.
 * - `logger`: a logger (the core's `initialize` logger is used when absent).
 * - `pageSize`: items per page asked of Quill (1–100), default 50.
 * - `maxPages`: pages one list call may fetch before failing, default 1000.
 * - `healthTimeoutMs`: budget of `healthCheck`, in milliseconds, default 5000.
 * - `fetch`: a `fetch` implementation, default the global one.
 */
export type QuillProviderSettings = z.input<typeof settingsSchema>;
/** Settings after defaults. */
export type ResolvedQuillSettings = z.output<typeof settingsSchema>;

/**
 * Validates settings.
 * @throws ConfigError naming each invalid path (never echoing the token)
 */
export function parseSettings(settings: QuillProviderSettings): ResolvedQuillSettings {
  const result = settingsSchema.safeParse(settings ?? {});
  if (!result.success) {
    throw new ConfigError({
      source: '@acme/mosaic-provider-quill settings',
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}
