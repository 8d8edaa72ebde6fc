import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseHttpAddress, readMcpTokens, tokensFromEnv } from './cli.js';

describe('mosaic-mcp arguments', () => {
  it('parses --config, --http, --tenant and --include-raw', () => {
    expect(parseCliArgs(['--config', 'o.yaml', '--http', ':3456', '--sessions', '--tenant', 'acme', '--include-raw'])).toEqual({
      config: 'o.yaml',
      http: { host: '127.0.0.1', port: 3456 },
      tenant: 'acme',
      includeRaw: true,
      sessions: true,
    });
    expect(parseCliArgs([], { MOSAIC_CONFIG: 'env.yaml' })).toMatchObject({ config: 'env.yaml', tenant: 'default', includeRaw: false, sessions: false });
    expect(parseCliArgs(['--help'])).toBe('help');
    expect(parseCliArgs(['-v'])).toBe('version');
  });

  it('names what is wrong', () => {
    expect(() => parseCliArgs([])).toThrow(/--config <file> is required/);
    expect(() => parseCliArgs(['--config', 'x', '--port', '1'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--config', 'x', '--http', 'nope'])).toThrow(/--http expects \[host\]:port/);
  });

  it.each([
    [':3456', { host: '127.0.0.1', port: 3456 }],
    ['3456', { host: '127.0.0.1', port: 3456 }],
    ['0.0.0.0:80', { host: '0.0.0.0', port: 80 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    ['[::1]:3456', { host: '::1', port: 3456 }],
  ])('reads the HTTP address %s', (value, expected) => {
    expect(parseHttpAddress(value)).toEqual(expected);
  });

  it('reads MOSAIC_MCP_TOKENS as tenant=token pairs', () => {
    expect(tokensFromEnv('acme=aaaaaaaaaaaaaaaa==, globex=bbbbbbbbbbbbbbbb')).toEqual([
      { tenant: 'acme', token: 'aaaaaaaaaaaaaaaa==' },
      { tenant: 'globex', token: 'bbbbbbbbbbbbbbbb' },
    ]);
    expect(tokensFromEnv(undefined)).toEqual([]);
    expect(() => tokensFromEnv('acme')).toThrow(/entry 1 must be tenant=token/);
  });

  it('reads mcp.tokens from the config file with ${VAR} interpolation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mosaic-mcp-'));
    const file = join(dir, 'o.yaml');
    await writeFile(file, 'orchestration: {}\nmcp:\n  tokens:\n    - { tenant: acme, token: "${ACME}" }\n    - { tenant: b, token: "${NONE:-fallback-token-123456}" }\n');
    expect(await readMcpTokens(file, { ACME: 'from-env-0123456789' })).toEqual([
      { tenant: 'acme', token: 'from-env-0123456789' },
      { tenant: 'b', token: 'fallback-token-123456' },
    ]);
    await expect(readMcpTokens(file, {})).rejects.toThrow(/mcp.tokens\[0\].token: environment variable ACME is not set/);
    await writeFile(file, 'orchestration: {}\n');
    expect(await readMcpTokens(file, {})).toEqual([]);
  });
});
