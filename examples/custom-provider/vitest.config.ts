import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-custom-provider',
    include: ['src/**/*.test.ts', 'host/**/*.test.ts'],
    exclude: ['**/*.live.test.ts', '**/node_modules/**'],
  },
});
