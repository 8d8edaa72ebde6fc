#!/usr/bin/env node
// The whole test run: Redis, build, package checks (publint + attw), type checks, then every
// vitest project on Node 22 and on Node 24. Prints "N passed, N failed" at the end.
// Under CI=true a missing Redis is an error, not a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRedis, findRedisServer } from './redis.mjs';
import { envWithNode } from './with-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const isCI = process.env.CI === 'true' || process.env.CI === '1';
const majors = (process.env.MOSAIC_TEST_NODE ?? '22,24').split(',').map((s) => s.trim()).filter(Boolean);
const extra = process.argv.slice(2);

function run(label, major, cmd, args, env = {}) {
  console.log(`\n=== ${label} (Node ${major}) ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...envWithNode(major), ...env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const redis = await ensureRedis();
const testEnv = {};
if (redis.url) {
  testEnv.MOSAIC_TEST_REDIS_URL = redis.url;
  console.log(`Redis for tests: ${redis.url}${redis.started ? ' (started by the test runner)' : ''}`);
} else if (isCI) {
  console.error(`CI=true and no Redis: ${redis.skippedReason}. Redis-backed suites must not be skipped in CI.`);
  process.exit(1);
} else {
  console.warn('\n' + '!'.repeat(78));
  console.warn(`!! Redis unavailable: ${redis.skippedReason}`);
  console.warn('!! Redis-backed suites (L2 cache, pub/sub invalidation, budgets, outage) will be SKIPPED.');
  console.warn('!'.repeat(78) + '\n');
}
const serverBin = findRedisServer();
if (serverBin) testEnv.MOSAIC_REDIS_SERVER_BIN = serverBin;

let failed = false;
if (run('build', majors[0], 'nx', ['run-many', '-t', 'build', '--outputStyle=static']) !== 0) process.exit(1);
if (run('package checks and type checks', majors[0], 'nx', ['run-many', '-t', 'test:build', 'typecheck', '--outputStyle=static']) !== 0) failed = true;

const totals = { passed: 0, failed: 0, skipped: 0 };
const reportDir = join(root, 'node_modules', '.cache', 'mosaic-test');
mkdirSync(reportDir, { recursive: true });
for (const major of majors) {
  const report = join(reportDir, `vitest-node${major}.json`);
  rmSync(report, { force: true });
  const status = run(`tests`, major, 'node', [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--config', 'tools/test/vitest.root.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ], testEnv);
  if (status !== 0) failed = true;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests ?? 0;
    totals.failed += json.numFailedTests ?? 0;
    totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    console.log(`Node ${major}: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`);
  } else {
    failed = true;
  }
}
if (!redis.url) console.warn(`\nRedis-backed suites were SKIPPED: ${redis.skippedReason}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed || totals.failed > 0 ? 1 : 0);
