import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mcp-server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
    // The e2e suites spawn the bin and the Inspector CLI (a Node process each): generous on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
