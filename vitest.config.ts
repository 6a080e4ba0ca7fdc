import { defineConfig } from 'vitest/config';

const slow = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    ...slow,
    projects: [
      { test: { name: 'server', include: ['server/src/**/*.test.ts'], environment: 'node', pool: 'forks', ...slow } },
      {
        // End-to-end: the built server (and the built studio) in real processes, one file at a time.
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          globalSetup: ['e2e/support/global-build.ts'],
          ...slow,
          testTimeout: 180_000,
        },
      },
      'web/vite.config.ts',
    ],
  },
});
