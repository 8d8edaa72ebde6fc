import { gitOperations } from '@mosaic/orchestrator-core';
import { describe, expect, it } from 'vitest';
import { createGitea } from './index.js';

/**
 * Live tests against a real Gitea. Opt-in: set GITEA_URL and GITEA_TOKEN. Read checks use
 * GITEA_TEST_REPO (`owner/repo`) when set; GITEA_LIVE_WRITE=1 with GITEA_OWNER (a user or
 * organization the token may create repositories in) also runs a create → branch → delete round trip.
 */
const url = process.env.GITEA_URL;
const token = process.env.GITEA_TOKEN;

describe.skipIf(!url || !token)('Gitea live', () => {
  const gitea = createGitea({ baseUrl: url ?? 'http://unset', token: token ?? 'unset' });

  it('health check', async () => {
    const result = await gitea.healthCheck(AbortSignal.timeout(10_000));
    expect(result.status).toBe('healthy');
  });

  it.skipIf(!process.env.GITEA_TEST_REPO)('reads a repository, its branches and commits', async () => {
    const [owner, repo] = (process.env.GITEA_TEST_REPO ?? '/').split('/') as [string, string];
    const repository = await gitea.getRepository({ owner, repo });
    gitOperations['git.getRepository'].output.parse(repository);
    const branches = await gitea.listBranches({ owner, repo, limit: 5 });
    gitOperations['git.listBranches'].output.parse(branches);
    const commits = await gitea.listCommits({ owner, repo, limit: 3 });
    expect(commits.items.length).toBeLessThanOrEqual(3);
  });

  it.skipIf(process.env.GITEA_LIVE_WRITE !== '1' || !process.env.GITEA_OWNER)('creates, branches and deletes a repository', async () => {
    const owner = process.env.GITEA_OWNER ?? '';
    const name = `mosaic-live-${Date.now()}`;
    const ownerType = process.env.GITEA_OWNER_TYPE === 'user' ? 'user' : 'organization';
    const created = await gitea.createRepository({ owner, name, ownerType, autoInit: true, private: true });
    try {
      expect(created.name).toBe(name);
      const branch = await gitea.createBranch({ owner, repo: name, branch: 'live', from: created.defaultBranch ?? 'main' });
      expect(branch.name).toBe('live');
    } finally {
      await gitea.deleteRepository({ owner, repo: name });
    }
  });
});
