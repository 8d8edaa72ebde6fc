import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Live tests (`*.live.test.ts`) against the real vendors: `pnpm test:live`. Each one skips
 * itself unless its credentials are set (GITHUB_TOKEN, GITEA_URL + GITEA_TOKEN, GITLAB_TOKEN,
 * OPENAI_API_KEY, ANTHROPIC_API_KEY, OLLAMA_HOST). Packages are built first by the script.
 */
export default defineConfig({
  root,
  test: {
    include: ['packages/*/src/**/*.live.test.ts', 'examples/*/src/**/*.live.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
  },
});
