import { configToOptions, type Orchestrator } from '@mosaic/orchestrator-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpHttpServer, type McpHttpServer } from '../src/index.js';
import { CANARY_A, CANARY_B, errorBodyOf, memoryConfig, memoryOrchestrator } from './helpers.js';

const ACME = 'acme-http-token-0a1b2c3d4e5f6a7b';
const GLOBEX = 'globex-http-token-7b6a5f4e3d2c1b0a';

/** The official SDK client over Streamable HTTP against `startMcpHttpServer`, two tenants. */
describe('Streamable HTTP with bearer tokens per tenant', () => {
  let orchestrator: Orchestrator;
  let http: McpHttpServer;
  const started: string[] = [];

  beforeAll(async () => {
    const config = memoryConfig();
    orchestrator = await memoryOrchestrator(config, { cache: { l1: { maxEntries: 100 } } });
    orchestrator.on('request:start', (e) => void started.push(`${e.tenant}:${e.operation}`));
    http = await startMcpHttpServer(orchestrator, {
      port: 0,
      tokens: [
        { token: ACME, tenant: 'acme' },
        { token: GLOBEX, tenant: 'globex' },
      ],
      tenants: configToOptions(config).tenants,
    });
  });
  afterAll(async () => {
    await http.close();
    await orchestrator.close();
  });

  async function clientFor(token: string): Promise<Client> {
    const client = new Client({ name: 'e2e-http', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    return client;
  }

  const initialize = JSON.stringify({
    jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });
  const createCall = JSON.stringify({
    jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'git_create_repository', arguments: { owner: 'acme', name: 'sneaky' } },
  });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(http.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer acme-http-token-0a1b2c3d4e5f6a7c' }],
    ['another scheme', { authorization: `Basic ${ACME}` }],
  ])('answers 401 to %s and touches nothing', async (_label, headers) => {
    const before = started.length;
    for (const body of [initialize, createCall]) {
      const res = await post(body, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/Unauthorized/) } });
    }
    expect(started.length).toBe(before);
    const repos = (orchestrator.getProvider('memory-a') as unknown as { repositories: Map<string, unknown> }).repositories;
    expect(repos.has('acme/sneaky')).toBe(false);
  });

  it('answers 401 to GET without a token and 405 to GET with one (stateless server)', async () => {
    expect((await fetch(http.url)).status).toBe(401);
    expect((await fetch(http.url, { headers: { authorization: `Bearer ${ACME}` } })).status).toBe(405);
    expect((await fetch(new URL('/other', http.url), { headers: { authorization: `Bearer ${ACME}` } })).status).toBe(404);
  });

  it('the SDK client fails to connect with a wrong token', async () => {
    await expect(clientFor('wrong-token-wrong-token-wrong')).rejects.toThrow(/401|Unauthorized/);
  });

  it('each token sees only its tenant’s tools and providers', async () => {
    const acme = await clientFor(ACME);
    const globex = await clientFor(GLOBEX);
    const acmeTools = (await acme.listTools()).tools.map((t) => t.name);
    const globexTools = (await globex.listTools()).tools.map((t) => t.name);
    expect(acmeTools).not.toContain('git_create_branch'); // only memory-b (globex) declares branches
    expect(globexTools).toContain('git_create_branch');

    const a = await acme.callTool({ name: 'git_create_repository', arguments: { owner: 'shared', name: 'svc' } });
    expect(a.structuredContent).toMatchObject({ provider: 'memory-a' });
    const b = await globex.callTool({ name: 'git_create_repository', arguments: { owner: 'shared', name: 'only-b' } });
    expect(b.structuredContent).toMatchObject({ provider: 'memory-b' });
    // acme's calls only reach memory-a: globex's repository does not exist for acme.
    const cross = await acme.callTool({ name: 'git_get_repository', arguments: { owner: 'shared', repo: 'only-b' } });
    expect(cross.isError).toBe(true);
    expect(errorBodyOf(cross).error).toMatchObject({ category: 'not-found', provider: 'memory-a' });
    await expect(acme.callTool({ name: 'git_create_branch', arguments: { owner: 'shared', repo: 'svc', branch: 'x', from: 'main' } })).rejects.toThrow(/Unknown tool/);

    const explain = await acme.callTool({ name: 'mosaic_explain', arguments: { tool: 'git_list_repositories', arguments: { owner: 'shared' } } });
    const health = await acme.callTool({ name: 'mosaic_health', arguments: {} });
    for (const result of [explain, health, a, cross]) {
      const text = JSON.stringify(result);
      expect(text).not.toContain('memory-b');
      expect(text).not.toContain(CANARY_A);
      expect(text).not.toContain(CANARY_B);
      expect(text).not.toContain(ACME);
    }
    expect(explain.structuredContent).toMatchObject({ tenant: 'acme', candidates: ['memory-a'] });
    expect(started).toContain('acme:git.createRepository');
    expect(started).toContain('globex:git.createRepository');
    await acme.close();
    await globex.close();
  });

  it('keeps cache entries per tenant', async () => {
    const acme = await clientFor(ACME);
    const globex = await clientFor(GLOBEX);
    const list = { name: 'git_list_repositories', arguments: { owner: 'shared' } };
    const fromA = await acme.callTool(list);
    const fromB = await globex.callTool(list);
    expect(fromA.structuredContent).toMatchObject({ provider: 'memory-a' });
    expect(fromB.structuredContent).toMatchObject({ provider: 'memory-b' });
    expect((fromB.structuredContent as { items: Array<{ name: string }> }).items.map((i) => i.name)).toEqual(['only-b']);
    await acme.close();
    await globex.close();
  });
});
