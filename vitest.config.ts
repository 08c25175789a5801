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

/**
 * Server test files that run `hub` (or open a database) only on data dirs of their own: embedded
 * ones, or a PostgreSQL database the file names itself. Neither DATABASE_URL nor the test database
 * reaches them, so they run the same in CI's PostgreSQL pass as in the first, and that pass skips
 * them (ADR 0096). Their project hands them an unreachable DATABASE_URL and test database: a file
 * listed here that does use either fails in `npm test` (test/contract/own-data-dir-tests.test.ts
 * shows it).
 */
export const OWN_DATA_DIR_TESTS = [
  'test/cli/backup-open-database.test.ts',
  'test/cli/backup-restore.test.ts',
  'test/cli/bundle.test.ts',
  'test/cli/cli-interrupt.test.ts',
  'test/cli/cli-paused.test.ts',
  'test/cli/cli-timeout.test.ts',
  'test/cli/customers-wait-interrupt.test.ts',
  'test/cli/discovery-file-replaced-whole.test.ts',
  'test/cli/discovery-removed-at-shutdown.test.ts',
  'test/cli/forward-reader-gone.test.ts',
  'test/cli/forwarded-backpressure.test.ts',
  'test/cli/forwarded-cli-loopback.test.ts',
  'test/cli/forwarded-reader-gone.test.ts',
  'test/cli/import-interrupt-direct.test.ts',
  'test/cli/import-wait-paced.test.ts',
  'test/cli/launcher-flags.test.ts',
  'test/cli/migrate-to.test.ts',
  'test/cli/new-data-dir-notice-service.test.ts',
  'test/cli/new-data-dir-notice.test.ts',
  'test/cli/restore-from-newer-release.test.ts',
  'test/cli/serve-discovery-unwritable.test.ts',
  'test/cli/serve-forwarding.test.ts',
  'test/cli/serve-port-taken.test.ts',
  'test/cli/start-up-configuration-errors.test.ts',
  'test/cli/worker-beside-server.test.ts',
  'test/contract/own-data-dir-tests.test.ts',
  'test/db/import-row-batches-migration.test.ts',
  'test/ops/embedded-restart-takes-over-jobs.test.ts',
  'test/ops/migrate-to-non-empty-target.test.ts',
  'test/ops/restore-archive-guard.test.ts',
  'test/ops/start-up-errors.test.ts',
  'test/ops/worker-probe-port-taken.test.ts',
  'src/cli/startup-imports.test.ts',
];

/**
 * What a file of OWN_DATA_DIR_TESTS gets for DATABASE_URL and, from global-setup.ts, for the test
 * database: a server nothing listens on (port 1), so using either fails at once, naming this.
 */
export const UNREACHABLE_DATABASE_URL = 'postgres://own-data-dir-test@127.0.0.1:1/must_not_use_database_url';

// Four projects (ADR 0095, 0096). The server's test files share each worker's modules: importing the
// app's module graph anew for every file was a third of the suite's time. Files that mock a module
// keep a registry of their own, and so do the web app's component tests (jsdom, fetch stubbed):
// they never reach a database, so CI's PostgreSQL pass runs `server` and `server-isolated` only,
// as it skips `server-own-data-dir`, whose files run the same on any DATABASE_URL.
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
          exclude: [...NOT_UNIT_TESTS, ...MODULE_MOCKING_TESTS, ...OWN_DATA_DIR_TESTS],
          globalSetup: ['test/helpers/global-setup.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-own-data-dir',
          include: OWN_DATA_DIR_TESTS,
          globalSetup: ['test/helpers/global-setup.ts'],
          isolate: false,
          env: { DATABASE_URL: UNREACHABLE_DATABASE_URL },
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
