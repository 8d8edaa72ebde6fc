/**
 * Provider kit: vendor-neutral helpers for provider authors (page-number pagination, settings
 * fields, health checks, rate-limit headers, credential fingerprints, redirect following that keeps credentials on one origin).
 * @packageDocumentation
 */
export {
  collectPages,
  nextPageFromLink,
  encodePageCursor,
  decodePageCursor,
  MAX_EMPTY_PAGES,
  type PageCursor,
  type FetchedPage,
  type CollectPagesOptions,
} from './pagination.js';
export { runHealthCheck, type RunHealthCheckOptions } from './health.js';
export { credentialFingerprintOf, resolveToken, type ResolveTokenOptions } from './credentials.js';
export { rateLimitFromHeaders } from './rate-limit.js';
export { httpUrlSchema, baseUrlSchema, providerSettingsFields, requireOneToken, forbidBothTokens, parseProviderSettings } from './settings.js';
export { fetchFollowingRedirects, type FetchFollowingRedirectsOptions, type FollowedResponse } from './redirects.js';
export { RateLimitMeter, type RateLimitMeterOptions } from './rate-limit-meter.js';
export { parseOperationInput, type ParsedOperationInput } from './operation-input.js';
export { TokenTracker } from './token-tracker.js';
