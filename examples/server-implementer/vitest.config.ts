import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    // A whole suite per test: a few seconds against a local server.
    testTimeout: 120_000,
  },
});
