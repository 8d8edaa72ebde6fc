import { operations } from '@mosaic/orchestrator-core';
import { describe, expect, it } from 'vitest';
import { createGitHub } from './index.js';

// Opt-in: runs only with GITHUB_TOKEN set (read-only calls against the real api.github.com,
// or GITHUB_API_URL for GitHub Enterprise Server).
const token = process.env.GITHUB_TOKEN;
const target = { owner: process.env.GITHUB_LIVE_OWNER ?? 'octocat', repo: process.env.GITHUB_LIVE_REPO ?? 'Hello-World' };

describe.skipIf(!token)('GitHub live (read-only)', () => {
  const provider = createGitHub({ token: token!, ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}) });

  it('healthCheck is healthy and reports the rate limit', async () => {
    await provider.initialize({});
    const health = await provider.healthCheck(AbortSignal.timeout(10_000));
    expect(health.status).not.toBe('unhealthy');
    expect(provider.metrics().rateLimit?.limit).toBeGreaterThan(0);
  });

  it('getRepository twice: the second is a 304 served from the ETag cache', async () => {
    const first = operations['git.getRepository'].output.parse(await provider.getRepository(target, {}));
    const second = await provider.getRepository(target, {});
    expect(second.fullName).toBe(first.fullName);
    expect((provider.metrics().etag as { hits: number }).hits).toBeGreaterThanOrEqual(1);
  });

  it('lists branches, commits and tags with valid unified models', async () => {
    const branches = operations['git.listBranches'].output.parse(await provider.listBranches({ ...target, limit: 5 }, {}));
    expect(branches.items.length).toBeGreaterThan(0);
    const commits = operations['git.listCommits'].output.parse(await provider.listCommits({ ...target, limit: 3 }, {}));
    expect(commits.items.length).toBeGreaterThan(0);
    const commit = operations['git.getCommit'].output.parse(await provider.getCommit({ ...target, ref: commits.items[0]!.sha }, {}));
    expect(commit.sha).toBe(commits.items[0]!.sha);
    operations['git.listTags'].output.parse(await provider.listTags({ ...target, limit: 5 }, {}));
  });
});
