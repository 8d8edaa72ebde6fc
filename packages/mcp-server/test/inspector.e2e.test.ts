import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_TOKEN, binEnv, binPath, fixtureConfig, packageDir, requireBuiltBin, startHttpBin } from './bin-helpers.js';

const run = promisify(execFile);
const inspector = join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector/package.json')), 'clients', 'launcher', 'build', 'index.js');

/** Runs the MCP Inspector CLI (`--cli`) and parses its JSON answer. */
async function inspect(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [inspector, '--cli', ...args], { cwd: packageDir, env: binEnv, timeout: 60_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The `@modelcontextprotocol/inspector` CLI against the built `mosaic-mcp` bin, over stdio and HTTP. */
describe('MCP Inspector CLI against mosaic-mcp', () => {
  beforeAll(() => requireBuiltBin());
  const stdioServer = ['--', process.execPath, binPath, '--config', fixtureConfig, '--tenant', 'acme'];

  it('tools/list over stdio', async () => {
    const result = await inspect(['--method', 'tools/list', ...stdioServer]);
    const tools = result.tools as Array<{ name: string; annotations: Record<string, unknown> }>;
    expect(tools.map((t) => t.name)).toContain('git_create_repository');
    expect(tools.find((t) => t.name === 'git_delete_repository')!.annotations).toMatchObject({ destructiveHint: true });
  }, 90_000);

  it('tools/call over stdio', async () => {
    const result = await inspect([
      '--method', 'tools/call', '--tool-name', 'git_create_repository',
      '--tool-arg', 'owner=acme', '--tool-arg', 'name=inspected', '--tool-arg', 'private=true',
      ...stdioServer,
    ]);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ fullName: 'acme/inspected', private: true, provider: 'memory-a' });
  }, 90_000);

  it('tools/list --strict with the real GitHub provider: 38 tools, no schema portability errors', async () => {
    const github = ['--', process.execPath, binPath, '--config', join(packageDir, 'test', 'fixtures', 'github.yaml')];
    const result = await inspect(['--strict', '--method', 'tools/list', ...github]); // exit 6 on error-severity problems
    expect((result.tools as unknown[]).length).toBe(38);
    // The fixture points GitHub at a closed loopback port: a retryable tool error, no token.
    const failed = await run(process.execPath, [inspector, '--cli', '--method', 'tools/call', '--tool-name', 'git_get_repository', '--tool-arg', 'owner=acme', '--tool-arg', 'repo=svc', ...github], {
      cwd: packageDir, env: binEnv, timeout: 60_000,
    }).catch((error: { stdout: string }) => error);
    const call = JSON.parse(failed.stdout) as { isError: boolean; content: Array<{ text: string }> }; // exit code 5: the tool reported an error
    expect(call.isError).toBe(true);
    expect(call.content[0]!.text).toMatch(/^NoProviderAvailableError \(no_provider_available\)/);
    expect(call.content[0]!.text).toContain('"category":"network"');
    expect(failed.stdout).not.toContain('ghp_binfixturecanary');
  }, 120_000);

  describe('over Streamable HTTP', () => {
    let server: Awaited<ReturnType<typeof startHttpBin>>;
    beforeAll(async () => {
      server = await startHttpBin();
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('tools/list and tools/call with the tenant’s bearer token', async () => {
      const headers = ['--transport', 'http', '--header', `Authorization: Bearer ${ACME_TOKEN}`];
      const list = await inspect([server.url, ...headers, '--method', 'tools/list']);
      expect((list.tools as Array<{ name: string }>).map((t) => t.name)).not.toContain('git_create_branch');
      const call = await inspect([server.url, ...headers, '--method', 'tools/call', '--tool-name', 'mosaic_health']);
      expect(call.structuredContent).toMatchObject({ tenant: 'acme', providers: [{ id: 'memory-a' }] });
    }, 90_000);

    it('fails without a token', async () => {
      await expect(inspect([server.url, '--transport', 'http', '--method', 'tools/list'])).rejects.toThrow();
    }, 90_000);
  });
});
