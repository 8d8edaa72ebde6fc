/**
 * `@mosaic/provider-github`: GitHub and GitHub Enterprise Server as a Mosaic git provider
 * (over `@octokit/rest`).
 * @packageDocumentation
 */
export { createGitHub, GitHubProvider, GITHUB_GIT_OPERATIONS, type EnablePagesOptions, type CreateReleaseOptions } from './github-provider.js';
export type { GitHubProviderSettings } from './settings.js';
export { githubRateLimitReason, SECONDARY_RATE_LIMIT_WAIT_MS } from './errors.js';
export { VERSION } from './version.js';
