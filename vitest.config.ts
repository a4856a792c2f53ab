import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['schema/**/*.test.ts', 'electron/**/*.test.ts', 'e2e/host/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
