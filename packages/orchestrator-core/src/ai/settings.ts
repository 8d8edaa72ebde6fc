import { z } from 'zod';
import { providerSettingsFields } from '../provider-kit/settings.js';
import { aiModelEntrySchema } from './models.js';

/**
 * zod fields the settings of AI (model-table) providers share; spread them into a
 * `z.strictObject({...})` next to the vendor's own (`id`, `baseUrl`, vendor headers, default
 * models, …) and wrap it in `forbidBothTokens` (or `requireOneToken`):
 *
 * - `token` (non-empty string) or `getToken` (function returning a string or a promise of one,
 *   read lazily before each request so a rotated key is picked up);
 * - `headers`: extra request headers (`name → value`);
 * - `timeoutMs`: per-request time budget in milliseconds, at least 1, default 600000;
 * - `models`: model table entries (`id →` {@link aiModelEntrySchema}) merged over the
 *   provider's defaults; `includeDefaultModels` (default true) `false` uses only `models`;
 * - `defaultModel`: the chat model used when a call names none;
 * - `logger` (a `Logger`; the core's `initialize` context logger is used when absent).
 */
export const aiProviderSettingsFields = {
  token: providerSettingsFields.token,
  getToken: providerSettingsFields.getToken,
  headers: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().min(1).default(600_000),
  models: z.record(z.string().min(1), aiModelEntrySchema).optional(),
  includeDefaultModels: z.boolean().default(true),
  defaultModel: z.string().min(1).optional(),
  logger: providerSettingsFields.logger,
};
