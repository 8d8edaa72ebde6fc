/**
 * Mosaic hybrid-git example: `pnpm start` (sandbox mode, Prism mocks of the official specs) or,
 * with GITHUB_TOKEN, GITEA_URL and GITEA_TOKEN set, live mode. Flags: `--sandbox`, `--live`.
 * Exit code 0 only when every step went as scripted and no request broke a spec.
 */
import { runDemo } from './demo.js';
import { killAllPrism } from './sandbox/prism.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    controller.abort(new Error(`interrupted by ${signal}`));
    killAllPrism();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

const args = process.argv.slice(2);
const mode = args.includes('--live') ? 'live' : args.includes('--sandbox') ? 'sandbox' : undefined;
try {
  const summary = await runDemo({ ...(mode ? { mode } : {}), print: (line) => console.log(line), signal: controller.signal });
  process.exitCode = summary.ok ? 0 : 1;
} catch (error) {
  console.error('hybrid-git example failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  killAllPrism();
}
