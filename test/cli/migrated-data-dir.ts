// A data dir whose embedded database is already migrated, for tests that run `hub` (in-process or
// as a real bin/hub) and do not test the first start itself: a fresh data dir costs an initdb and
// every migration (3-6 s, far more on a loaded machine); a copy of the closed data dir that
// global-setup migrated once costs a fraction of a second.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';

/**
 * Makes `<dataDir>/pglite` (HUB_DATA_DIR's embedded database) a copy of the migrated template, on
 * PGlite and PostgreSQL runs alike. `dataDir` must not hold a database yet.
 */
export async function prepareMigratedDataDir(dataDir: string): Promise<void> {
  await cp(inject('pgliteTemplateDataDir'), path.join(dataDir, 'pglite'), {
    recursive: true,
    errorOnExist: true,
    force: false,
  });
}
