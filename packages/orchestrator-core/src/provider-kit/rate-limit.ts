import type { RateLimitState } from '../spec/v1/provider.js';

/**
 * Reads a `<prefix>Limit` / `<prefix>Remaining` / `<prefix>Reset` header triple, as sent by
 * GitHub and Gitea proxies (`X-RateLimit-`) or GitLab (`RateLimit-`). A reset above 1e9 is
 * taken as epoch seconds, a smaller one as seconds from now; the result's `resetAt` is epoch
 * milliseconds and `resource` is `requests`. Values that are not numbers are left out.
 * @param prefix - header name prefix, case-insensitive, default `x-ratelimit-`
 * @returns `undefined` when neither `Limit` nor `Remaining` is present
 */
export function rateLimitFromHeaders(headers: Headers, prefix = 'x-ratelimit-'): RateLimitState | undefined {
  const p = prefix.toLowerCase();
  const remaining = headers.get(`${p}remaining`);
  const limit = headers.get(`${p}limit`);
  const reset = headers.get(`${p}reset`);
  if (remaining === null && limit === null) return undefined;
  const state: RateLimitState = { resource: 'requests' };
  if (remaining !== null && Number.isFinite(Number(remaining))) state.remaining = Number(remaining);
  if (limit !== null && Number.isFinite(Number(limit))) state.limit = Number(limit);
  if (reset !== null && Number.isFinite(Number(reset))) {
    const n = Number(reset);
    state.resetAt = n > 1e9 ? n * 1000 : Date.now() + n * 1000;
  }
  return state;
}
