// Runs every tools/bench/src/*.bench.ts script in sequence (each in its own Node process, through
// tsx). Each script prints its table and records its figures with recordResults().
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const failed: string[] = [];
for (const script of scripts) {
  process.stdout.write(`\n=== ${script} ===\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `${dir}${script}`], { stdio: 'inherit' });
  if (r.status !== 0) failed.push(`${script} (exit ${r.status ?? r.signal})`);
}
if (failed.length) {
  process.stderr.write(`\nbenchmarks failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`\n${scripts.length} benchmark script(s) done; figures in tools/bench/results.json\n`);
}
