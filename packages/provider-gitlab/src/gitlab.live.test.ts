import { gitOperations } from '@mosaic/orchestrator-core';
import { describe, expect, it } from 'vitest';
import { createGitLab } from './index.js';

/**
 * Live tests against a real GitLab. Opt-in: set GITLAB_TOKEN (and GITLAB_URL for a self-hosted
 * instance). GITLAB_TEST_PROJECT (`group/project`) enables read checks.
 */
const token = process.env.GITLAB_TOKEN;

describe.skipIf(!token)('GitLab live', () => {
  const gitlab = createGitLab({ token: token ?? 'unset', ...(process.env.GITLAB_URL ? { baseUrl: process.env.GITLAB_URL } : {}) });

  it('health check', async () => {
    expect((await gitlab.healthCheck(AbortSignal.timeout(10_000))).status).toBe('healthy');
  });

  it.skipIf(!process.env.GITLAB_TEST_PROJECT)('reads a project, its branches, merge requests and commits', async () => {
    const path = process.env.GITLAB_TEST_PROJECT ?? '/';
    const slash = path.lastIndexOf('/');
    const ref = { owner: path.slice(0, slash), repo: path.slice(slash + 1) };
    gitOperations['git.getRepository'].output.parse(await gitlab.getRepository(ref));
    gitOperations['git.listBranches'].output.parse(await gitlab.listBranches({ ...ref, limit: 5 }));
    gitOperations['git.listPullRequests'].output.parse(await gitlab.listPullRequests({ ...ref, state: 'all', limit: 5 }));
    const commits = await gitlab.listCommits({ ...ref, limit: 3 });
    expect(commits.items.length).toBeLessThanOrEqual(3);
  });
});
