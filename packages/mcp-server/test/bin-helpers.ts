import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder (cwd of spawned bins: provider packages resolve from its node_modules). */
export const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** The built bin; `pnpm build` (the test command builds first) makes it. */
export const binPath = join(packageDir, 'dist', 'bin.js');
export const fixtureConfig = join(packageDir, 'test', 'fixtures', 'orchestration.yaml');
export const ACME_TOKEN = 'acme-mcp-token-3f9a1c7e5b2d4f60';
export const GLOBEX_TOKEN = 'globex-mcp-token-8e1d2c3b4a5f6e70';
export const binEnv: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  ACME_MCP_TOKEN: ACME_TOKEN,
  GLOBEX_MCP_TOKEN: GLOBEX_TOKEN,
};

/** Fails with a clear message when the bin has not been built. */
export function requireBuiltBin(): void {
  if (!existsSync(binPath)) throw new Error(`${binPath} is missing: build the package first (pnpm --filter @mosaic/mcp-server build)`);
}

/** A copy of the fixture config in a temporary folder (for tests that change it). */
export async function copyOfFixtureConfig(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mosaic-mcp-bin-'));
  const file = join(dir, 'orchestration.yaml');
  await writeFile(file, await readFile(fixtureConfig, 'utf8'));
  return file;
}

/** Starts `mosaic-mcp --http 127.0.0.1:0` and resolves with its URL once it listens. */
export async function startHttpBin(config = fixtureConfig): Promise<{ url: string; child: ChildProcess; stderr: () => string; stop(): Promise<void> }> {
  requireBuiltBin();
  const child = spawn(process.execPath, [binPath, '--config', config, '--http', '127.0.0.1:0'], { cwd: packageDir, env: binEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mosaic-mcp did not start:\n${err}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mosaic-mcp exited with ${code}:\n${err}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
