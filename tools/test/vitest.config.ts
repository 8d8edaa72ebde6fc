import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Root test configuration: every package and example with a vitest.config.ts is a project. */
export default defineConfig({
  root,
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
    // Live tests need real credentials and run only through `pnpm test:live`.
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.live.test.ts'],
  },
});
