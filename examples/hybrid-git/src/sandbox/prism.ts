import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is examples/hybrid-git/src/sandbox/prism.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/**
 * Node 24 binary shipped with the repo (npm package `node24`, installed as an optional
 * dependency of the workspace root). Prism 5.x needs Node >= 24.18; the example itself runs on
 * Node 22.
 */
export function node24Binary(): string {
  const bin = join(REPO_ROOT, 'node_modules', 'node24', 'bin', 'node');
  if (!existsSync(bin)) {
    throw new Error(`Node 24 not found at ${bin}: run "npx -y pnpm@10.34.8 install" at the repository root first.`);
  }
  return bin;
}

/** The Prism CLI entry script (`@stoplight/prism-cli`'s `bin.prism`). */
export function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.prism!;
  return join(dirname(pkgPath), bin);
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A running Prism mock server. */
export interface PrismServer {
  /** Label used in logs (`github`, `gitea`). */
  readonly name: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** True while the process runs. */
  readonly running: boolean;
  /** The last lines Prism printed (for diagnostics). */
  logTail(lines?: number): string;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
  /** Starts Prism again on the same port with the same spec. */
  restart(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every Prism child still running (synchronous; safe in an `exit` handler). */
export function killAllPrism(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Whatever ends the process (normal end, uncaught error, process.exit), no Prism survives it.
  process.on('exit', killAllPrism);
}

/** Options of {@link startPrism}. */
export interface StartPrismOptions {
  name: string;
  /** OpenAPI document to serve (a file). */
  specFile: string;
  /** Port; default a free one. */
  port?: number;
  /** How long to wait for "Prism is listening", ms. Default 90000. */
  startTimeoutMs?: number;
}

/**
 * Starts `prism mock -h 127.0.0.1 -p <port> --errors <spec>` under Node 24 (static mode: answers
 * come from the spec's examples; requests that violate the spec get a Prism problem+json error)
 * and resolves once it listens.
 */
export async function startPrism(options: StartPrismOptions): Promise<PrismServer> {
  installExitHook();
  const port = options.port ?? (await freePort());
  const node = node24Binary();
  const entry = prismEntry();
  let child: ChildProcess | undefined;
  let log: string[] = [];

  const launch = async (): Promise<void> => {
    log = [];
    const proc = spawn(node, [entry, 'mock', '-h', '127.0.0.1', '-p', String(port), '--errors', options.specFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        SCARF_ANALYTICS: 'false',
        DO_NOT_TRACK: '1',
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        // Node's on-disk bytecode cache roughly halves Prism's start-up after the first run.
        NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(REPO_ROOT, 'node_modules', '.cache', 'mosaic-hybrid-git', 'node-compile-cache'),
      },
    });
    child = proc;
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        fail(new Error(`Prism (${options.name}) did not start within ${options.startTimeoutMs ?? 90_000} ms:\n${tail(log, 20)}`));
      }, options.startTimeoutMs ?? 90_000);
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          log.push(line);
          if (log.length > 400) log = log.slice(-200);
          if (line.includes('Prism is listening')) {
            clearTimeout(timer);
            ready();
          }
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`Prism (${options.name}) exited (code ${code}, signal ${signal}) before listening:\n${tail(log, 20)}`));
      });
      proc.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
    });
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((done) => {
      const force = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(force);
        done();
      });
      proc.kill('SIGTERM');
    });
  };

  await launch();
  return {
    name: options.name,
    port,
    origin: `http://127.0.0.1:${port}`,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    logTail: (lines = 20) => tail(log, lines),
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}

function tail(lines: string[], n: number): string {
  return lines.slice(-n).join('\n');
}
