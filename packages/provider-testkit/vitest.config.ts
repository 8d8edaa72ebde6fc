import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'provider-testkit',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
  },
});
