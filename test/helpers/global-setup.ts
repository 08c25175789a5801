// Runs once per `vitest run` (for all projects): migrates one template database, which every test file then
// clones (PGlite: a data-dir dump loaded in memory; PostgreSQL: CREATE DATABASE … TEMPLATE).
// A fresh initdb per file would cost seconds; a clone costs well under one.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpPGlite, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { UNREACHABLE_DATABASE_URL } from '../../vitest.config.ts';
import { adminUrl, dropDatabase, withDatabaseName } from './postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase:
      { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; serverUrl: string; template: string };
    /**
     * The migrated PGlite template's data dir (closed), made whatever DATABASE_URL is: tests that
     * run `hub` on an embedded data dir copy it (../cli/migrated-data-dir.ts) instead of an initdb.
     */
    pgliteTemplateDataDir: string;
  }
}

/**
 * Migrates an embedded database once in workDir/pglite and (for in-process tests on PGlite) dumps
 * it (tar) into workDir.
 */
async function makePGliteTemplate(workDir: string, dump: boolean): Promise<string> {
  const dataDir = path.join(workDir, 'pglite');
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await migrate(database);
  await database.close();
  if (!dump) return dataDir;
  const dumpFile = path.join(workDir, 'template.tar');
  await writeFile(dumpFile, Buffer.from(await (await dumpPGlite(dataDir)).arrayBuffer()));
  return dumpFile;
}

interface Templates {
  readonly testDatabase:
    { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; serverUrl: string; template: string };
  readonly pgliteTemplateDataDir: string;
  teardown(): Promise<void>;
}

async function makeTemplates(): Promise<Templates> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'hub-test-template-'));
  const serverUrl = process.env.DATABASE_URL;
  const pgliteTemplate = makePGliteTemplate(workDir, !serverUrl);
  // Awaited below; this only keeps a failure of the PostgreSQL set-up from leaving it unhandled.
  pgliteTemplate.catch(() => undefined);
  const pgliteTemplateDataDir = path.join(workDir, 'pglite');
  if (serverUrl) {
    const template = `hub_tpl_${randomBytes(4).toString('hex')}`;
    const admin = await openDatabase({ kind: 'postgres', url: adminUrl(serverUrl), poolSize: 1 });
    await admin.withScriptConnection((run) => run(`create database ${template}`));
    const database = await openDatabase({
      kind: 'postgres',
      url: withDatabaseName(serverUrl, template),
      poolSize: 1,
    });
    await migrate(database);
    await database.close();
    await pgliteTemplate;
    return {
      testDatabase: { kind: 'postgres', serverUrl, template },
      pgliteTemplateDataDir,
      async teardown() {
        await dropDatabase(admin, template);
        await admin.close();
        await rm(workDir, { recursive: true, force: true });
      },
    };
  }
  const dumpFile = await pgliteTemplate;
  return {
    testDatabase: { kind: 'pglite', dumpFile },
    pgliteTemplateDataDir,
    teardown: () => rm(workDir, { recursive: true, force: true }),
  };
}

/**
 * The templates of this `vitest run`, made once for all projects that name this file (ADR 0095):
 * each project loads its global set-up as a module of its own, so the one copy lives on the
 * process. The last project to finish removes them.
 */
const SHARED_TEMPLATES = Symbol.for('wholesale-hub.test-templates');
type SharedTemplates = { made: Promise<Templates>; users: number };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const holder = globalThis as { [SHARED_TEMPLATES]?: SharedTemplates };
  const shared = (holder[SHARED_TEMPLATES] ??= { made: makeTemplates(), users: 0 });
  shared.users += 1;
  const templates = await shared.made;
  // The files that run `hub` on data dirs of their own get a test database nothing answers on: one
  // that does use it fails instead of passing unseen, since CI's PostgreSQL pass skips them (ADR 0096).
  project.provide(
    'testDatabase',
    project.name === 'server-own-data-dir'
      ? { kind: 'postgres', serverUrl: UNREACHABLE_DATABASE_URL, template: 'must_not_use_the_test_database' }
      : templates.testDatabase,
  );
  project.provide('pgliteTemplateDataDir', templates.pgliteTemplateDataDir);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete holder[SHARED_TEMPLATES];
    await templates.teardown();
  };
}
