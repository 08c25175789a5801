// A forwarded `hub backup` archives the server's open embedded database. PGlite's `dumpDataDir`
// built the whole tar in one synchronous call: on a 104 MB backup the server's event loop sent
// no keep-alive for 30 s and the CLI gave up. The archive is now read file by file with async
// reads: the loop turns between the files, and the archive restores as PGlite's own did.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { dataDirTar } from '../../src/services/backup/data-dir-tar.ts';
import { backupOpenDatabase, restoreEmbedded } from '../../src/services/backup/embedded-backup.ts';
import { prepareMigratedDataDir } from './migrated-data-dir.ts';

let workDir = '';
let pgliteDir = '';
let database: Database | undefined;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-backup-open-'));
  // A copy of the migrated template, emptied: an initdb of its own would cost seconds.
  await prepareMigratedDataDir(path.join(workDir, 'data'));
  pgliteDir = path.join(workDir, 'data', 'pglite');
  database = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
  await database.withScriptConnection((run) =>
    run(
      [
        'drop schema public cascade',
        'create schema public',
        'create table schema_migrations (name text primary key)',
        // Names this release has: a restore refuses migrations it does not know (a newer release's).
        "insert into schema_migrations values ('0001_foundation.sql'), ('0002_imports.sql')",
        'create table people (id int primary key, name text not null)',
        "insert into people select n, 'person ' || n from generate_series(1, 5000) as n",
      ].join(';\n'),
    ),
  );
}, 300_000);

afterAll(async () => {
  await database?.close();
  await rm(workDir, { recursive: true, force: true });
});

it('lets the event loop turn between the files of the archive', { timeout: 300_000 }, async () => {
  let turned = false;
  let spinning = true;
  const spin = () => {
    turned = true;
    if (spinning) setImmediate(spin);
  };
  setImmediate(spin);
  let files = 0;
  let filesWithoutTurn = 0;
  try {
    for await (const chunk of dataDirTar(pgliteDir)) {
      // A header block: "ustar" at offset 257.
      if (chunk.length === 512 && chunk.toString('latin1', 257, 262) === 'ustar') {
        files += 1;
        if (!turned) filesWithoutTurn += 1;
        turned = false;
      }
    }
  } finally {
    spinning = false;
  }
  expect(files).toBeGreaterThan(100);
  // The first header comes before any read could give the loop a turn.
  expect(filesWithoutTurn).toBeLessThanOrEqual(1);
});

it('writes a backup of the open database that restores with its rows', { timeout: 300_000 }, async () => {
  if (!database) throw new Error('no database');
  const out = path.join(workDir, 'hub-backup.tar.gz');
  const backup = await backupOpenDatabase(database, pgliteDir, out, { force: false });
  expect(backup.file).toBe(out);
  expect(backup.bytes).toBeGreaterThan(0);
  expect((await readdir(workDir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  // The server goes on using its database after the backup.
  await database.withScriptConnection((run) => run("insert into people values (5001, 'after')"));

  const restoredDir = path.join(workDir, 'restored');
  const restored = await restoreEmbedded(out, restoredDir, { force: false });
  expect(restored.migrations).toBe(2);
  const pglite = await PGlite.create({ dataDir: restoredDir });
  try {
    const people = await pglite.query<{ count: number; last: string }>(
      'select count(*)::int as count, max(name) as last from people',
    );
    expect(people.rows[0]).toEqual({ count: 5000, last: 'person 999' });
  } finally {
    await pglite.close();
  }
});
