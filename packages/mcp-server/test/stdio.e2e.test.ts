import { writeFile, readFile } from 'node:fs/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { binEnv, binPath, copyOfFixtureConfig, fixtureConfig, packageDir, requireBuiltBin } from './bin-helpers.js';
import { errorBodyOf } from './helpers.js';

/** The official SDK client over stdio against the built `mosaic-mcp` bin. */
describe('mosaic-mcp over stdio (SDK client)', () => {
  beforeAll(() => requireBuiltBin());
  let client: Client | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  async function connect(args: string[]): Promise<{ client: Client; transport: StdioClientTransport }> {
    const transport = new StdioClientTransport({ command: process.execPath, args: [binPath, ...args], cwd: packageDir, env: binEnv, stderr: 'pipe' });
    client = new Client({ name: 'e2e', version: '0.0.0' });
    await client.connect(transport);
    return { client, transport };
  }

  it('lists the tenant’s tools, creates a repository, explains a call', async () => {
    const { client } = await connect(['--config', fixtureConfig, '--tenant', 'acme']);
    expect(client.getServerVersion()).toMatchObject({ name: 'mosaic' });
    const names = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(['git_create_repository', 'git_delete_repository', 'git_get_repository', 'git_list_repositories', 'mosaic_explain', 'mosaic_health']);

    const created = await client.callTool({ name: 'git_create_repository', arguments: { owner: 'acme', name: 'svc', description: 'A service' } });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ provider: 'memory-a', fullName: 'acme/svc', description: 'A service' });

    const explained = await client.callTool({ name: 'mosaic_explain', arguments: { tool: 'git_get_repository', arguments: { owner: 'acme', repo: 'svc' } } });
    expect(explained.structuredContent).toMatchObject({ tenant: 'acme', candidates: ['memory-a'], source: 'tenant-default' });

    const invalid = await client.callTool({ name: 'git_get_repository', arguments: { owner: 'acme', repo: 5 } });
    expect(invalid.isError).toBe(true);
    expect(errorBodyOf(invalid).error.issues).toEqual([expect.objectContaining({ path: 'repo' })]);
  });

  it('follows a config reload (SIGHUP): tools/list_changed, then the new tools', async () => {
    const config = await copyOfFixtureConfig();
    const { client, transport } = await connect(['--config', config, '--tenant', 'acme']);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('git_create_branch');
    const changed = new Promise<void>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()));
    const text = await readFile(config, 'utf8');
    await writeFile(config, text.replace('git.deleteRepository]', 'git.deleteRepository, git.createBranch, git.listBranches]'));
    process.kill(transport.pid!, 'SIGHUP');
    await changed;
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('git_create_branch');
    expect(names).toContain('git_list_branches');
  });
});
