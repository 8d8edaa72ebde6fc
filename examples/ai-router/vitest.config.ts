import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-ai-router',
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
