import { defineConfig } from 'vitest/config';

// Browser tests: the real server (`hub serve --demo`) on a random port with a throw-away data dir,
// driven by playwright-core through Debian's /usr/bin/chromium. Run with `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/helpers/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
