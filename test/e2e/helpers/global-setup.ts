// Runs once before the browser tests, side by side (a vite, an esbuild and an initdb child process):
// - web/dist (build-web.ts);
// - what every test file's `hub serve --demo` starts from (hub-server.ts), made once instead of by
//   each server (ADR 0096):
//   - a migrated embedded database: each server starts on a copy of it. A fresh data dir cost each
//     server an initdb and every migration, most of its start; a copy of the closed data dir costs
//     a fraction of a second. Each server still seeds its demo data itself, on a database of its own;
//   - the server's bundle (dist/hub-e2e.mjs): on a clean clone the first server built it inside its
//     test file's time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBundle } from '../../../scripts/bundle.mjs';
import { openDatabase } from '../../../src/db/client.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { buildWeb } from './build-web.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A closed, migrated PGlite data dir: `hub serve` starts on a copy of it. */
    e2eMigratedDataDir: string;
  }
}

/** The bundle hub-e2e.mjs runs (the same entry and name). */
export const E2E_HUB_ENTRY = 'test/e2e/server/hub-with-fault-hook.ts';
export const E2E_HUB_BUNDLE = 'hub-e2e';

async function makeMigratedDataDir(dataDir: string): Promise<void> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'hub-e2e-template-'));
  const dataDir = path.join(workDir, 'pglite');
  await Promise.all([buildWeb(), makeMigratedDataDir(dataDir), ensureBundle(E2E_HUB_ENTRY, E2E_HUB_BUNDLE)]);
  project.provide('e2eMigratedDataDir', dataDir);
  return () => rm(workDir, { recursive: true, force: true });
}
