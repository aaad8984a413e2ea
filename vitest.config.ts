import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Runner tests spawn real processes and the browser tests start Chromium: two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
