import { GITLAB_SPEC, loadSpec, sharedSpecPath, type ApiDocument, sampleDefinition } from '@mosaic/tools-contract';

/** Path of GitLab's official REST v4 spec beside the checkout (undefined, loudly, when absent). */
export const gitlabSpecPath = sharedSpecPath(GITLAB_SPEC);

let cached: ApiDocument | undefined;
/** The loaded openapi_v2.yaml. */
export function gitlabSpec(): ApiDocument {
  cached ??= loadSpec(gitlabSpecPath ?? '');
  return cached;
}

/** An `API_Entities_Project` body built from the spec (its examples), with overrides. */
export const projectBody = (over: Record<string, unknown> = {}) => sampleDefinition(gitlabSpec(), 'API_Entities_Project', over);
/** An `API_Entities_Branch` body. */
export const branchBody = (over: Record<string, unknown> = {}) => sampleDefinition(gitlabSpec(), 'API_Entities_Branch', over);
/** An `API_Entities_MergeRequest` body. */
export const mergeRequestBody = (over: Record<string, unknown> = {}) => sampleDefinition(gitlabSpec(), 'API_Entities_MergeRequest', over);
/** An `API_Entities_Member` body. */
export const memberBody = (over: Record<string, unknown> = {}) => sampleDefinition(gitlabSpec(), 'API_Entities_Member', over);
/** An `API_Entities_Issue` body (GitLab returns `assignees` as an array; the spec says one user). */
export const issueBody = (over: Record<string, unknown> = {}) => sampleDefinition(gitlabSpec(), 'API_Entities_Issue', over);
/** An `API_Entities_ProjectHook` body. */
export const hookBody = (over: Record<string, unknown> = {}) => sampleDefinition(gitlabSpec(), 'API_Entities_ProjectHook', over);
