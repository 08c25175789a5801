// Runs once per `vitest run`: migrates one template database, which every test file then
// clones (PGlite: a data-dir dump loaded in memory; PostgreSQL: CREATE DATABASE … TEMPLATE).
// A fresh initdb per file would cost seconds; a clone costs well under one.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpPGlite, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'hub-test-template-'));
  const serverUrl = process.env.DATABASE_URL;
  const pgliteTemplate = makePGliteTemplate(workDir, !serverUrl);
  // Awaited below; this only keeps a failure of the PostgreSQL set-up from leaving it unhandled.
  pgliteTemplate.catch(() => undefined);
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
    project.provide('testDatabase', { kind: 'postgres', serverUrl, template });
    await pgliteTemplate;
    project.provide('pgliteTemplateDataDir', path.join(workDir, 'pglite'));
    return async () => {
      await dropDatabase(admin, template);
      await admin.close();
      await rm(workDir, { recursive: true, force: true });
    };
  }
  const dumpFile = await pgliteTemplate;
  project.provide('testDatabase', { kind: 'pglite', dumpFile });
  project.provide('pgliteTemplateDataDir', path.join(workDir, 'pglite'));
  return async () => {
    await rm(workDir, { recursive: true, force: true });
  };
}
