/**
 * `@mosaic/provider-gitlab`: the Mosaic git provider for GitLab (REST API v4 via `@gitbeaker/rest`).
 * @packageDocumentation
 */
export {
  GitLabProvider,
  createGitLab,
  GITLAB_OPERATIONS,
  type GitLabApprovalRuleInput,
  type GitLabApprovalRule,
} from './gitlab-provider.js';
export type { GitLabProviderSettings } from './settings.js';
export { VERSION } from './version.js';
