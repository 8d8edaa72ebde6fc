import { createFaultInjectingProvider, createOrchestrator, listOperations, type Orchestrator } from '@mosaic/orchestrator-core';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { A_OPERATIONS, CANARY_A, CANARY_B, connectInMemory, errorBodyOf, memoryConfig, memoryOrchestrator, textOf } from '../test/helpers.js';
import { toolName } from './tools.js';
import { IDEMPOTENCY_KEY_META } from './server.js';

let orchestrator: Orchestrator | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await orchestrator?.close();
  orchestrator = undefined;
});

async function setup(options: Parameters<typeof connectInMemory>[1] = {}, config = memoryConfig()) {
  orchestrator = await memoryOrchestrator(config);
  const connection = await connectInMemory(orchestrator, options);
  closers.push(connection.close);
  return connection;
}

describe('tools/list', () => {
  it('lists one tool per operation a provider of the server supports, plus mosaic_explain and mosaic_health', async () => {
    const { client } = await setup({ tenant: 'acme', providers: ['memory-a'] });
    const { tools } = await client.listTools();
    const expected = listOperations().filter((o) => A_OPERATIONS.includes(o.name)).map(toolName);
    expect(tools.map((t) => t.name)).toEqual([...expected, 'mosaic_explain', 'mosaic_health']);
    expect([...expected].sort()).toEqual(['git_create_repository', 'git_delete_repository', 'git_get_repository', 'git_list_repositories']);
  });

  it('without a provider set lists the union of every provider’s operations', async () => {
    const { client } = await setup();
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('git_create_branch'); // only memory-b declares it
    expect(names).toContain('git_create_repository');
    expect(names).not.toContain('git_merge_pull_request'); // nobody declares it
  });

  it('carries the registry’s schemas and behaviour hints', async () => {
    const { client } = await setup({ providers: ['memory-a'] });
    const { tools } = await client.listTools();
    const create = tools.find((t) => t.name === 'git_create_repository')!;
    expect(create.inputSchema).toMatchObject({ type: 'object', required: ['owner', 'name'], additionalProperties: false });
    expect(create.outputSchema).toMatchObject({ type: 'object', properties: { fullName: { type: 'string' } } });
    expect(create.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(create.description).toContain('Create a repository');
    const get = tools.find((t) => t.name === 'git_get_repository')!;
    expect(get.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    const del = tools.find((t) => t.name === 'git_delete_repository')!;
    expect(del.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
  });

  it('sends tools/list_changed when a reload changes the supported operations, and lists the new tools', async () => {
    const { client } = await setup({ tenant: 'acme', providers: ['memory-a'] });
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('git_create_branch');
    const changed = new Promise<void>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()));
    await orchestrator!.reload(memoryConfig({ aOperations: [...A_OPERATIONS, 'git.createBranch', 'git.listBranches'] }));
    await changed;
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('git_create_branch');
    expect(names).toContain('git_list_branches');
  });

  it('sends no notification when a reload leaves the tool list as it was', async () => {
    const { client } = await setup({ providers: ['memory-a'] });
    await client.listTools();
    let notified = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void notified++);
    await orchestrator!.reload(memoryConfig());
    await client.listTools(); // a round trip after the reload: a notification would have arrived before its answer
    expect(notified).toBe(0);
  });
});

describe('tools/call', () => {
  it('creates a repository and returns structured content that matches the output schema (raw removed)', async () => {
    const { client } = await setup({ tenant: 'acme', providers: ['memory-a'] });
    const result = await client.callTool({ name: 'git_create_repository', arguments: { owner: 'acme', name: 'svc', private: true } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ provider: 'memory-a', fullName: 'acme/svc', visibility: 'private', fork: false });
    expect(result.structuredContent).not.toHaveProperty('raw');
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    const got = await client.callTool({ name: 'git_get_repository', arguments: { owner: 'acme', repo: 'svc' } });
    expect(got.structuredContent).toMatchObject({ fullName: 'acme/svc' });
    const list = await client.callTool({ name: 'git_list_repositories', arguments: { owner: 'acme' } });
    expect(list.structuredContent).toMatchObject({ items: [{ fullName: 'acme/svc' }], totalCount: 1 });
  });

  it('keeps raw with includeRaw', async () => {
    const { client } = await setup({ includeRaw: true });
    const result = await client.callTool({ name: 'git_create_repository', arguments: { owner: 'acme', name: 'raw' } });
    expect(result.structuredContent).toMatchObject({ raw: { vendorOnly: true } });
  });

  it.each([
    ['a wrong type', { owner: 'acme', name: 42 }, 'name', 'expected string, received number'],
    ['a missing field', { owner: 'acme' }, 'name', 'expected string, received undefined'],
    ['an unknown field (strict input)', { owner: 'acme', name: 'x', colour: 'red' }, '', 'colour'],
    ['a wrong enum value', { owner: 'acme', name: 'x', visibility: 'secret' }, 'visibility', 'public'],
  ])('rejects %s with a tool error naming the field', async (_label, args, path, fragment) => {
    const { client } = await setup();
    const result = await client.callTool({ name: 'git_create_repository', arguments: args });
    expect(result.isError).toBe(true);
    const { error } = errorBodyOf(result);
    expect(error).toMatchObject({ name: 'InvalidArgumentError', code: 'invalid_argument', isRetryable: false });
    const issues = error.issues as Array<{ path: string; message: string }>;
    expect(issues.some((i) => i.path === path && `${i.path} ${i.message}`.includes(fragment))).toBe(true);
    expect(textOf(result)).toContain(path || fragment);
  });

  it('does not call any provider for invalid arguments', async () => {
    const { client } = await setup();
    await client.callTool({ name: 'git_create_repository', arguments: { owner: 'acme', name: 7 } });
    const repos = (orchestrator!.getProvider('memory-a') as unknown as { repositories: Map<string, unknown> }).repositories;
    expect(repos.size).toBe(0);
  });

  it('returns provider errors as tool errors with class, code and category', async () => {
    const { client } = await setup();
    const result = await client.callTool({ name: 'git_get_repository', arguments: { owner: 'acme', repo: 'missing' } });
    expect(result.isError).toBe(true);
    const { error } = errorBodyOf(result);
    expect(error).toMatchObject({ name: 'ProviderCallError', category: 'not-found', provider: 'memory-a', status: 404, isRetryable: false });
    expect(textOf(result)).toMatch(/^ProviderCallError \(provider_call\): /);
  });

  it('gives the retry hint of a rate-limited call', async () => {
    const { client } = await setup({}, memoryConfig({ faults: { busy: 'rate-limit' } }));
    const result = await client.callTool({ name: 'git_get_repository', arguments: { owner: 'busy', repo: 'svc' } });
    expect(result.isError).toBe(true);
    const { error } = errorBodyOf(result);
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(textOf(result)).toContain('Retry after 7000 ms.');
  });

  it.each(['leak', 'plain-error'])('never returns a token or a stack (%s)', async (fault) => {
    const { client } = await setup({}, memoryConfig({ faults: { evil: fault } }));
    const result = await client.callTool({ name: 'git_get_repository', arguments: { owner: 'evil', repo: 'svc' } });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result);
    expect(text).not.toContain(CANARY_A);
    expect(text).not.toContain(CANARY_B);
    expect(text).not.toMatch(/\n\s+at /); // no stack frames
    expect(text).not.toContain('stack');
    expect(errorBodyOf(result).error.message).toEqual(expect.any(String));
  });

  it('names no other tenant’s provider when no provider is available', async () => {
    // Global default [memory-a, memory-b]; acme may only use memory-a, which is unhealthy.
    const { client } = await setup({ tenant: 'acme', providers: ['memory-a'] }, memoryConfig({ aUnhealthy: true, sharedDefault: true }));
    await orchestrator!.health({ refresh: true });
    const direct = await orchestrator!.call('git.listRepositories', { owner: 'acme' }, { tenant: 'acme' }).catch((e: Error) => e);
    expect((direct as Error).message).toContain('memory-b'); // the core's own message lists every excluded provider
    const result = await client.callTool({ name: 'git_list_repositories', arguments: { owner: 'acme' } });
    expect(result.isError).toBe(true);
    const { error } = errorBodyOf(result);
    expect(error).toMatchObject({ name: 'NoProviderAvailableError', code: 'no_provider_available' });
    expect(String(error.message)).toContain('memory-a: ');
    expect(JSON.stringify(result)).not.toContain('memory-b');
  });

  it('refuses a tool of an operation no provider of the server supports', async () => {
    const { client } = await setup({ providers: ['memory-a'] });
    await expect(client.callTool({ name: 'git_create_branch', arguments: { owner: 'a', repo: 'b', branch: 'c', from: 'main' } })).rejects.toThrow(/Unknown tool: git_create_branch/);
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });

  it('reports a provider result that does not match the output schema as InvalidOutputError', async () => {
    orchestrator = await createOrchestrator({ providers: [createFaultInjectingProvider({ id: 'double' })], healthCheck: { intervalMs: 0 } });
    const { client, close } = await connectInMemory(orchestrator);
    closers.push(close);
    // The fault-injecting double stores `{ ...input, provider, resourceId }`: no id/fullName/visibility.
    const result = await client.callTool({ name: 'git_create_repository', arguments: { owner: 'acme', name: 'svc' } });
    expect(result.isError).toBe(true);
    const { error } = errorBodyOf(result);
    expect(error).toMatchObject({ name: 'InvalidOutputError', code: 'invalid_output' });
    expect(String(error.message)).toMatch(/fullName/);
  });

  it('passes an idempotency key from _meta to the provider', async () => {
    const double = createFaultInjectingProvider({ id: 'double', idempotencyKeys: true });
    orchestrator = await createOrchestrator({ providers: [double], healthCheck: { intervalMs: 0 } });
    const { client, close } = await connectInMemory(orchestrator);
    closers.push(close);
    const call = { name: 'git_create_branch', arguments: { owner: 'acme', repo: 'svc', branch: 'b', from: 'main' }, _meta: { [IDEMPOTENCY_KEY_META]: 'key-1' } };
    await client.callTool(call);
    await client.callTool(call);
    expect(double.appliedWrites[0]!.idempotencyKey).toBe('key-1');
    expect(double.appliedCount('key-1')).toBe(1);
  });

  it('passes the server’s tenant on every call', async () => {
    const seen: string[] = [];
    const { client } = await setup({ tenant: 'acme', providers: ['memory-a'] });
    orchestrator!.on('request:start', (e) => void seen.push(e.tenant));
    await client.callTool({ name: 'git_list_repositories', arguments: { owner: 'acme' } });
    expect(seen).toEqual(['acme']);
  });
});

describe('mosaic_explain and mosaic_health', () => {
  it('explains a would-be call without calling the provider', async () => {
    const { client } = await setup({ tenant: 'acme', providers: ['memory-a'] });
    const result = await client.callTool({ name: 'mosaic_explain', arguments: { tool: 'git_create_repository', arguments: { owner: 'acme', name: 'svc' } } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      tool: 'git_create_repository',
      operation: 'git.createRepository',
      kind: 'write',
      tenant: 'acme',
      resourceId: 'git:org/acme/repo/svc',
      candidates: ['memory-a'],
    });
    const repos = (orchestrator!.getProvider('memory-a') as unknown as { repositories: Map<string, unknown> }).repositories;
    expect(repos.size).toBe(0);
  });

  it('accepts the registry name and names bad arguments', async () => {
    const { client } = await setup({ providers: ['memory-a'] });
    const ok = await client.callTool({ name: 'mosaic_explain', arguments: { tool: 'git.getRepository', arguments: { owner: 'a', repo: 'b' } } });
    expect(ok.structuredContent).toMatchObject({ operation: 'git.getRepository' });
    const bad = await client.callTool({ name: 'mosaic_explain', arguments: { tool: 'git_get_repository', arguments: { owner: 'a' } } });
    expect(bad.isError).toBe(true);
    expect(errorBodyOf(bad).error.issues).toEqual([expect.objectContaining({ path: 'repo' })]);
    const unknown = await client.callTool({ name: 'mosaic_explain', arguments: { tool: 'git_create_branch', arguments: {} } });
    expect(unknown.isError).toBe(true);
    expect(errorBodyOf(unknown).error.issues).toEqual([expect.objectContaining({ path: 'tool' })]);
  });

  it('hides providers outside the tenant’s set from the trace', async () => {
    const { client } = await setup({ tenant: 'acme', providers: ['memory-a'] });
    const result = await client.callTool({ name: 'mosaic_explain', arguments: { tool: 'git_list_repositories', arguments: { owner: 'acme' } } });
    expect(JSON.stringify(result)).not.toContain('memory-b');
  });

  it('reports providers, breakers and cache statistics of the server’s providers', async () => {
    const config = memoryConfig();
    orchestrator = await memoryOrchestrator(config, { cache: { l1: { maxEntries: 100 } } });
    const { client, close } = await connectInMemory(orchestrator, { tenant: 'acme', providers: ['memory-a'] });
    closers.push(close);
    await client.callTool({ name: 'git_list_repositories', arguments: { owner: 'acme' } });
    const result = await client.callTool({ name: 'mosaic_health', arguments: { refresh: true } });
    expect(result.isError).toBeFalsy();
    const report = result.structuredContent as { tenant: string; providers: Array<{ id: string; health: { status: string } }>; breakers: Array<{ provider: string }>; cache: unknown };
    expect(report.tenant).toBe('acme');
    expect(report.providers.map((p) => p.id)).toEqual(['memory-a']);
    expect(report.providers[0]!.health.status).toBe('healthy');
    expect(report.breakers.every((b) => b.provider === 'memory-a')).toBe(true);
    expect(report.cache).toMatchObject({ l1: { misses: 1 } });
    expect(JSON.stringify(report)).not.toContain('memory-b');
  });
});
