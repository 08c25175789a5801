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
    // Two files at a time (ADR 0096): each has its own server, port, data dir and browser profile,
    // and mostly waits on them. The 15 files took 877 s summed and 195 CPU-seconds (workers,
    // servers and browsers together): one file at a time left the two cores mostly idle.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
