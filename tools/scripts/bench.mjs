#!/usr/bin/env node
// `pnpm bench`: finds or starts Redis (for the L2 figures), builds the core (the startup and
// pipeline benchmarks import the built package), then runs every tools/bench script on Node 22.
// Each script prints its table; all figures are merged into tools/bench/results.json.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRedis } from './redis.mjs';
import { envWithNode } from './with-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const redis = await ensureRedis();
const env = { ...envWithNode('22'), ...(redis.url ? { MOSAIC_TEST_REDIS_URL: redis.url } : {}) };
if (!redis.url) console.warn(`Redis unavailable (${redis.skippedReason}): the L2 figures will be skipped.`);
const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd, env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('nx', ['run', '@mosaic/orchestrator-core:build', '--outputStyle=static']);
run('node', ['--import', 'tsx', 'src/run.ts', ...process.argv.slice(2)], join(root, 'tools', 'bench'));
