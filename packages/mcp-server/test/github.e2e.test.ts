import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createOrchestrator, listOperations, type Orchestrator } from '@mosaic/orchestrator-core';
import { createGitHub } from '@mosaic/provider-github';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInMemory, errorBodyOf } from './helpers.js';

// The real GitHub provider behind the MCP server, answering from a session recorded against
// api.github.com by @octokit/fixtures (get-repository), replayed through msw.
const require = createRequire(import.meta.url);
const recorded = JSON.parse(
  readFileSync(join(dirname(require.resolve('@octokit/fixtures/package.json')), 'scenarios', 'api.github.com', 'get-repository', 'normalized-fixture.json'), 'utf8'),
) as Array<{ path: string; status: number; response: Record<string, unknown>; headers: Record<string, string | number> }>;
const TOKEN = 'ghp_mcpcanary0000000000000000000000000000';

const server = setupServer(
  http.get('https://api.github.com/repos/:owner/:repo', ({ request }) => {
    const exchange = recorded.find((x) => new URL(request.url).pathname === x.path);
    if (!exchange) {
      // GitHub's documented 404 body
      return HttpResponse.json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' }, { status: 404 });
    }
    const headers = Object.fromEntries(Object.entries(exchange.headers).filter(([k]) => !['content-length', 'connection', 'transfer-encoding'].includes(k)).map(([k, v]) => [k, String(v)]));
    return HttpResponse.json(exchange.response, { status: exchange.status, headers });
  }),
);

describe('with the GitHub provider (recorded responses)', () => {
  let orchestrator: Orchestrator;
  beforeAll(async () => {
    server.listen({ onUnhandledFrame: 'error' });
    orchestrator = await createOrchestrator({ providers: [createGitHub({ id: 'github', token: TOKEN })], healthCheck: { intervalMs: 0 }, resilience: { defaults: { retry: { maxAttempts: 1 } } } });
  });
  afterAll(async () => {
    await orchestrator.close();
    server.close();
  });

  it('lists every git operation GitHub declares as a tool, plus the two extras', async () => {
    const { client, close } = await connectInMemory(orchestrator);
    const names = (await client.listTools()).tools.map((t) => t.name);
    const declared = orchestrator.getProvider('github').capabilities.operations as readonly string[];
    expect(names.length).toBe(declared.length + 2);
    expect(declared.length).toBe(listOperations('git').length);
    await close();
  });

  it('git_get_repository returns the unified repository as structured content the SDK client validated', async () => {
    const { client, close } = await connectInMemory(orchestrator);
    const repo = recorded[0]!.response as { id: number; full_name: string; default_branch: string; html_url: string };
    const result = await client.callTool({ name: 'git_get_repository', arguments: { owner: 'octokit-fixture-org', repo: 'hello-world' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      provider: 'github',
      id: String(repo.id),
      fullName: repo.full_name,
      defaultBranch: repo.default_branch,
      htmlUrl: repo.html_url,
    });
    expect(result.structuredContent).not.toHaveProperty('raw');
    await close();
  });

  it('a 404 is a not-found tool error without the token', async () => {
    const { client, close } = await connectInMemory(orchestrator);
    const result = await client.callTool({ name: 'git_get_repository', arguments: { owner: 'octokit-fixture-org', repo: 'missing' } });
    expect(result.isError).toBe(true);
    expect(errorBodyOf(result).error).toMatchObject({ name: 'ProviderCallError', category: 'not-found', status: 404, provider: 'github' });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    await close();
  });
});
