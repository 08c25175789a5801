import { defineConfig } from 'vitest/config';

const SERVER_TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const NOT_UNIT_TESTS = ['test/e2e/**', 'node_modules/**'];
/**
 * Server test files that replace a module with `vi.mock`: a replacement only takes when the file
 * has a module registry of its own (test/contract/module-mocks-isolated.test.ts keeps this list
 * complete).
 */
export const MODULE_MOCKING_TESTS = [
  'test/api/sign-in-account-limit.test.ts',
  'test/jobs/worker-wake.test.ts',
];

// Three projects (ADR 0095). The server's test files share each worker's modules: importing the
// app's module graph anew for every file was a third of the suite's time. Files that mock a module
// keep a registry of their own, and so do the web app's component tests (jsdom, fetch stubbed):
// they never reach a database, so CI's PostgreSQL pass runs the two server projects only.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: each test file gets its own database; more workers only thrash.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: SERVER_TESTS,
          exclude: [...NOT_UNIT_TESTS, ...MODULE_MOCKING_TESTS],
          globalSetup: ['test/helpers/global-setup.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-isolated',
          include: MODULE_MOCKING_TESTS,
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
