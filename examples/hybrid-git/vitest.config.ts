import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-hybrid-git',
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
    // The end-to-end test starts two Prism servers (and restarts one): seconds each on a busy machine.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
