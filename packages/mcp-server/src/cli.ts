import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { registerSecret } from '@mosaic/orchestrator-core';
import { parse as parseYaml } from 'yaml';
import type { McpToken } from './auth.js';

/** What the `mosaic-mcp` command line asks for. */
export interface CliOptions {
  /** Path of the orchestration config (YAML or JSON). */
  config: string;
  /** Serve Streamable HTTP on this address instead of stdio. */
  http?: { host: string; port: number };
  /** Tenant of the stdio server's calls. Default `default`. */
  tenant: string;
  includeRaw: boolean;
  /** HTTP session mode (tools/list_changed over the GET stream). */
  sessions: boolean;
}

/** Usage text of `mosaic-mcp`. */
export const USAGE = `Usage: mosaic-mcp --config <orchestration.yaml> [--http [host]:port [--sessions]] [--tenant <id>] [--include-raw]

Serves every operation of the configured Mosaic orchestrator as MCP tools.

  --config, -c   orchestration config file (YAML or JSON); also MOSAIC_CONFIG
  --http         serve Streamable HTTP at host:port (default host 127.0.0.1), e.g. --http :3456;
                 without it, serve stdio
  --tenant       tenant of stdio calls (default "default"); HTTP takes the tenant from the token
  --sessions     HTTP session mode: clients get tools/list_changed (default: stateless)
  --include-raw  keep the vendors' own objects ("raw") in results
  --help, --version

HTTP bearer tokens: MOSAIC_MCP_TOKENS="tenant=token,other=token2" and/or the config file's
  mcp.tokens: [{ tenant: acme, token: "\${ACME_MCP_TOKEN}" }]
Send SIGHUP to reload the config file (tool lists follow; stdio clients get tools/list_changed).`;

/** Parses `mosaic-mcp` arguments; `help`/`version` when asked for. @throws TypeError naming the bad argument. */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CliOptions | 'help' | 'version' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', short: 'c' },
      http: { type: 'string' },
      tenant: { type: 'string' },
      'include-raw': { type: 'boolean' },
      sessions: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const config = values.config ?? env.MOSAIC_CONFIG;
  if (!config) throw new TypeError('--config <file> is required (or set MOSAIC_CONFIG)');
  return {
    config,
    ...(values.http !== undefined ? { http: parseHttpAddress(values.http) } : {}),
    tenant: values.tenant ?? 'default',
    includeRaw: values['include-raw'] ?? false,
    sessions: values.sessions ?? false,
  };
}

/** `:3456`, `3456`, `0.0.0.0:3456`, `[::1]:3456` → host and port (host default `127.0.0.1`). @throws TypeError */
export function parseHttpAddress(value: string): { host: string; port: number } {
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[^:[\]]+)?:)?(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`--http expects [host]:port, e.g. :3456 (got "${value}")`);
  const host = m[1] ? m[1].replace(/^\[|\]$/g, '') : '127.0.0.1';
  return { host, port };
}

/** `tenant=token,other=token2` (the `MOSAIC_MCP_TOKENS` format) → tokens. @throws TypeError naming the entry (never the token). */
export function tokensFromEnv(value: string | undefined): McpToken[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, index) => {
      const eq = entry.indexOf('=');
      if (eq <= 0 || eq === entry.length - 1) throw new TypeError(`MOSAIC_MCP_TOKENS entry ${index + 1} must be tenant=token`);
      const token = entry.slice(eq + 1);
      registerSecret(token);
      return { tenant: entry.slice(0, eq), token };
    });
}

/**
 * Reads the optional `mcp` section of the config file: `tokens`, a list of `{ tenant, token }`
 * where a token may be `${VAR}` or `${VAR:-default}` (read from `env`). The rest of the file is
 * the orchestrator's (`loadConfigFile`).
 *
 * @throws TypeError naming the path of a bad entry or the missing variable (never a token).
 */
export async function readMcpTokens(file: string, env: Readonly<Record<string, string | undefined>>): Promise<McpToken[]> {
  const text = await readFile(file, 'utf8');
  const doc = (file.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as { mcp?: unknown } | null;
  const section = doc?.mcp as { tokens?: unknown } | undefined;
  if (section === undefined || section === null) return [];
  if (typeof section !== 'object') throw new TypeError('mcp: expected an object with tokens');
  const tokens: McpToken[] = [];
  if (section.tokens !== undefined) {
    if (!Array.isArray(section.tokens)) throw new TypeError('mcp.tokens: expected a list of { tenant, token }');
    section.tokens.forEach((t: unknown, i: number) => {
      const entry = t as { tenant?: unknown; token?: unknown };
      if (typeof entry?.tenant !== 'string' || typeof entry.token !== 'string') throw new TypeError(`mcp.tokens[${i}]: expected { tenant, token } strings`);
      const token = interpolate(entry.token, env, `mcp.tokens[${i}].token`);
      registerSecret(token);
      tokens.push({ tenant: entry.tenant, token });
    });
  }
  return tokens;
}

function interpolate(value: string, env: Readonly<Record<string, string | undefined>>, path: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const v = env[name];
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined) return fallback;
    throw new TypeError(`${path}: environment variable ${name} is not set`);
  });
}
