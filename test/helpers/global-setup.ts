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
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
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
    return async () => {
      await dropDatabase(admin, template);
      await admin.close();
    };
  }
  const workDir = await mkdtemp(path.join(tmpdir(), 'hub-test-template-'));
  const dataDir = path.join(workDir, 'pglite');
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await migrate(database);
  await database.close();
  const dumpFile = path.join(workDir, 'template.tar');
  await writeFile(dumpFile, Buffer.from(await (await dumpPGlite(dataDir)).arrayBuffer()));
  project.provide('testDatabase', { kind: 'pglite', dumpFile });
  return async () => {
    await rm(workDir, { recursive: true, force: true });
  };
}
