import { defineConfig } from 'vitest/config';

const slow = { testTimeout: 60_000, hookTimeout: 120_000 };

const server = { include: ['server/src/**/*.test.ts', 'cli/src/**/*.test.ts'], environment: 'node', pool: 'forks', ...slow } as const;

// Workspace packages (engines/*) are imported from their TypeScript source in tests, from dist/ once built.
const source = { resolve: { conditions: ['atelier-source'] }, ssr: { resolve: { conditions: ['atelier-source'] } } };

// The server tests run again on PostgreSQL when a server is given (postgres://user@host:port/db of a role that may
// create databases): each test app gets a database cloned from a template migrated once per run.
// The classic edits' and the media tests open no database: they run once, in the first project (and the built-in
// renderer's tests run once, in their own project).
const postgresProjects = process.env.ATELIER_TEST_DATABASE_URL
  ? [{
    ...source,
    test: {
      ...server, name: 'server-pg', exclude: ['server/src/modules/edits/**', 'server/src/media/**'],
      globalSetup: ['server/src/test-support/postgres-template.global.ts'],
    },
  }]
  : [];

export default defineConfig({
  test: {
    ...slow,
    projects: [
      { ...source, test: { ...server, name: 'server' } },
      { ...source, test: { ...server, name: 'engine-builtin', include: ['engines/builtin/src/**/*.test.ts'] } },
      ...postgresProjects,
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
