import { createOrchestrator, ProviderCallError } from '@mosaic/orchestrator-core';
import { createContractValidator, loadGitHubSpec } from '@mosaic/tools-contract';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../test/fixtures.js';
import { API } from '../test/support.js';
import { createGitHub } from './index.js';

// The provider driven by the real orchestrator (validation, routing, resilience, rate-limit reporting).
const recorded = fixture('get-repository')[0]!;
const rate = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4321', 'x-ratelimit-reset': '1767225600', 'x-ratelimit-resource': 'core' };

const rateLimitBody = createContractValidator(loadGitHubSpec()).responseExample('rate-limit/get');

// health() runs the provider's healthCheck (GET /rate_limit).
const server = setupServer(http.get(`${API}/rate_limit`, () => HttpResponse.json(rateLimitBody as never, { headers: rate })));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function orchestrator() {
  return createOrchestrator({ providers: [createGitHub({ token: 'ghp_orchestrated00000000000000000000000000' })], healthCheck: { intervalMs: 0 } });
}

describe('through createOrchestrator', () => {
  it('serves git.getRepository and feeds the reported rate limit into health()', async () => {
    server.use(http.get(`${API}/repos/octokit-fixture-org/hello-world`, () => HttpResponse.json(recorded.response as never, { headers: rate })));
    const o = await orchestrator();
    try {
      const repo = await o.git.getRepository({ owner: 'octokit-fixture-org', repo: 'hello-world' });
      expect(repo).toMatchObject({ provider: 'github', fullName: 'octokit-fixture-org/hello-world' });
      const health = await o.health();
      expect(health.providers.find((p) => p.id === 'github')?.rateLimit).toMatchObject({ limit: 5000, remaining: 4321, resource: 'core' });
    } finally {
      await o.close();
    }
  });

  it('a 404 is not retried and reaches the caller classified', async () => {
    let calls = 0;
    server.use(http.get(`${API}/repos/o/missing`, () => {
      calls++;
      return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    }));
    const o = await orchestrator();
    try {
      const error = await o.git.getRepository({ owner: 'o', repo: 'missing' }).catch((e: unknown) => e);
      expect(calls).toBe(1);
      expect(ProviderCallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ provider: 'github', operation: 'git.getRepository', category: 'not-found', status: 404 });
      expect(JSON.stringify(error)).not.toContain('ghp_orchestrated');
    } finally {
      await o.close();
    }
  });

  it('a 502 on a read is retried by the core (the provider itself never retries)', async () => {
    let calls = 0;
    server.use(http.get(`${API}/repos/o/flaky`, () => {
      calls++;
      return calls === 1 ? HttpResponse.json({ message: 'Server Error' }, { status: 502 }) : HttpResponse.json(recorded.response as never);
    }));
    const o = await orchestrator();
    try {
      const repo = await o.git.getRepository({ owner: 'o', repo: 'flaky' });
      expect(repo.provider).toBe('github');
      expect(calls).toBe(2);
    } finally {
      await o.close();
    }
  });
});
