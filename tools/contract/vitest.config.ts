import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tools-contract',
    include: ['src/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
  },
});
