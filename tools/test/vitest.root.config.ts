import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Root test configuration: every package, example and tool with a vitest.config.ts is a project.
 * (This file is not named vitest.config.ts so that the projects glob does not pick it up too.)
 */
export default defineConfig({
  root,
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
    // Live tests need real credentials: `pnpm test:live` (tools/test/vitest.live.config.ts).
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.live.test.ts'],
  },
});
