import { GITEA_SPEC, loadSpec, sharedSpecPath, type ApiDocument, sampleDefinition } from '@mosaic/tools-contract';

/** Path of the official Gitea 1.22 swagger beside the checkout (undefined, loudly, when absent). */
export const giteaSpecPath = sharedSpecPath(GITEA_SPEC);

let cached: ApiDocument | undefined;
/** The loaded Gitea 1.22 swagger. */
export function giteaSpec(): ApiDocument {
  cached ??= loadSpec(giteaSpecPath ?? '');
  return cached;
}

/** A Gitea `Repository` body built from the swagger definition. */
export const repoBody = (over: Record<string, unknown> = {}) => sampleDefinition(giteaSpec(), 'Repository', over);
/** A Gitea `Branch` body. */
export const branchBody = (over: Record<string, unknown> = {}) => sampleDefinition(giteaSpec(), 'Branch', over);
/** A Gitea `PullRequest` body. */
export const pullBody = (over: Record<string, unknown> = {}) => sampleDefinition(giteaSpec(), 'PullRequest', over);
/** A Gitea `Issue` body. */
export const issueBody = (over: Record<string, unknown> = {}) => sampleDefinition(giteaSpec(), 'Issue', over);
/** A Gitea `Commit` body. */
export const commitBody = (over: Record<string, unknown> = {}) => sampleDefinition(giteaSpec(), 'Commit', over);
