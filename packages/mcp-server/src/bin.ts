#!/usr/bin/env node
import { dirname, resolve } from 'node:path';
import {
  configToOptions,
  createImportModule,
  createOrchestrator,
  loadConfigFile,
  MosaicError,
  type ImportModule,
  type Logger,
  type Orchestrator,
} from '@mosaic/orchestrator-core';
import { parseCliArgs, readMcpTokens, tokensFromEnv, USAGE } from './cli.js';
import { startMcpHttpServer, type TenantProviderSets } from './http.js';
import { serveStdio } from './stdio.js';
import { VERSION } from './version.js';

const write = (line: string) => void process.stderr.write(`${line}\n`);
const logger: Logger = {
  info: (message, fields) => write(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
  warn: (message, fields) => write(`warning: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
  error: (message, fields) => write(`error: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
};

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    write(`mosaic-mcp: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') return void process.stdout.write(`${USAGE}\n`);
  if (options === 'version') return void process.stdout.write(`${VERSION}\n`);
  const cli = options;

  const configPath = resolve(cli.config);
  const load = async () => {
    const { config, warnings } = await loadConfigFile(configPath, { env: process.env });
    // The `mcp` section is this server's (tokens), not the orchestrator's.
    for (const w of warnings.filter((w) => !/^mcp\b/.test(w))) logger.warn?.(`config: ${w}`);
    return config;
  };
  const config = await load();
  const orchestrator: Orchestrator = await createOrchestrator({
    config,
    logger,
    importModule: importFrom([dirname(configPath), process.cwd()]),
  });
  let tenants: TenantProviderSets = configToOptions(config).tenants;

  let reloading = false;
  process.on('SIGHUP', () => {
    if (reloading) return;
    reloading = true;
    void (async () => {
      try {
        const next = await load();
        await orchestrator.reload(next);
        tenants = configToOptions(next).tenants;
        logger.info?.('mosaic-mcp: configuration reloaded');
      } catch (error) {
        logger.error?.(`mosaic-mcp: reload failed, keeping the previous configuration: ${describe(error)}`);
      } finally {
        reloading = false;
      }
    })();
  });

  let closeServer: () => Promise<void> = async () => undefined;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await closeServer().catch(() => undefined);
    await orchestrator.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  if (cli.http) {
    const tokens = [...tokensFromEnv(process.env.MOSAIC_MCP_TOKENS), ...(await readMcpTokens(configPath, process.env))];
    const http = await startMcpHttpServer(orchestrator, {
      host: cli.http.host,
      port: cli.http.port,
      tokens,
      tenants: () => tenants,
      sessions: cli.sessions,
      includeRaw: cli.includeRaw,
      logger,
    });
    closeServer = () => http.close();
    logger.info?.(`mosaic-mcp: listening on ${http.url} (${tokens.length} token(s), tenants: ${[...new Set(tokens.map((t) => t.tenant))].join(', ')})`);
  } else {
    const mcp = await serveStdio(orchestrator, {
      tenant: cli.tenant,
      providers: () => tenants[cli.tenant]?.providers,
      includeRaw: cli.includeRaw,
      logger,
    });
    closeServer = () => mcp.close();
    process.stdin.on('end', () => void shutdown());
    logger.info?.(`mosaic-mcp: serving ${mcp.listTools().length} tools over stdio (tenant ${cli.tenant})`);
  }
}

/** Imports provider packages installed near the config file, else in the working directory. */
function importFrom(directories: string[]): ImportModule {
  const importers = [...new Set(directories)].map((resolveFrom) => createImportModule({ resolveFrom }));
  return async (specifier) => {
    let first: unknown;
    for (const importModule of importers) {
      try {
        return await importModule(specifier);
      } catch (error) {
        first ??= error;
        if ((error as { code?: unknown })?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      }
    }
    throw first;
  };
}

function describe(error: unknown): string {
  if (MosaicError.isInstance(error)) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  write(`mosaic-mcp: ${describe(error)}`);
  process.exit(1);
});
