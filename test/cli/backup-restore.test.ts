// `hub backup` → `hub restore` of the embedded database, run in-process as bin/hub runs them (each
// command opens and closes the PGlite data dir itself), always on PGlite whatever DATABASE_URL is.
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import type { UserView } from '../../src/services/users/user-view.ts';
import type { BackupResult, RestoreResult } from '../../src/services/backup/embedded-backup.ts';
import { runHubWithEnv } from './cli-harness.ts';

let workDir = '';
let dataDir = '';

const hub = (...argv: string[]) => runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, argv);
const hubIn = (dir: string, ...argv: string[]) => runHubWithEnv({ HUB_DATA_DIR: dir }, workDir, argv);
/** Permission bits: the database's folders are the owner's alone (password and token hashes). */
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-backup-test-'));
  dataDir = path.join(workDir, 'data');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('hub backup / hub restore (embedded database)', { timeout: 300_000 }, () => {
  let annaId = '';

  it('backs up a deployment with a customer, a location, numbers and a user', async () => {
    const steps = [
      [
        'customers',
        'create',
        '--name',
        'Bakkerij De Vries',
        '--external-id',
        'DEVRIES-001',
        '--admin-email',
        'beheer@devries.example',
        '--country',
        'NL',
        '--packages',
        'webex_calling,webex_meetings',
      ],
      [
        'locations',
        'create',
        '--customer',
        'DEVRIES-001',
        '--name',
        'Amsterdam HQ',
        '--country',
        'NL',
        '--city',
        'Amsterdam',
        '--address1',
        'Damrak 1',
        '--timezone',
        'Europe/Amsterdam',
      ],
      [
        'numbers',
        'add',
        '--customer',
        'DEVRIES-001',
        '--location',
        'Amsterdam HQ',
        '+31201234500-+31201234509',
      ],
    ];
    for (const [index, argv] of steps.entries()) {
      const result = await hub(...argv);
      // The first command makes the data dir, and says so.
      expect(result.stderr).toBe(
        index === 0
          ? `Started a new embedded database in ${dataDir} (HUB_DATA_DIR, default ./data of the current folder).\n`
          : '',
      );
      expect(result.exitCode).toBe(0);
    }
    const anna = await hub(
      'users',
      'add',
      '--customer',
      'DEVRIES-001',
      '--email',
      'anna@devries.example',
      '--first-name',
      'Anna',
      '--last-name',
      'Jansen',
      '--package',
      'webex_calling',
      '--location',
      'Amsterdam HQ',
      '--extension',
      '1001',
      '--phone-number',
      '+31201234501',
      '--json',
    );
    expect(anna.exitCode).toBe(0);
    annaId = anna.json<UserView>().id;

    const backup = await hub('backup', '--out', 'hub-backup.tar.gz', '--json');
    expect(backup.stderr).toBe('');
    expect(backup.exitCode).toBe(0);
    const result = backup.json<BackupResult>();
    expect(result).toMatchObject({
      file: path.join(workDir, 'hub-backup.tar.gz'),
      database: 'embedded',
      format: 'pglite-datadir-tar-gz',
    });
    const bytes = await readFile(result.file);
    expect(bytes.length).toBe(result.bytes);
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(await modeOf(result.file)).toBe(0o600);
    expect([await modeOf(dataDir), await modeOf(path.join(dataDir, 'pglite'))]).toEqual([0o700, 0o700]);
  });

  it('closes a database folder an older version left open to other users', async () => {
    await chmod(path.join(dataDir, 'pglite'), 0o755);
    expect((await hub('customers', 'list', '--json')).exitCode).toBe(0);
    expect(await modeOf(path.join(dataDir, 'pglite'))).toBe(0o700);
  });

  it('refuses to overwrite a backup file without --force, or to write into no folder (exit 2)', async () => {
    const again = await hub('backup', '--out', 'hub-backup.tar.gz');
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('Give --force to overwrite it');
    const nowhere = await hub('backup', '--out', 'no/such/folder/backup.tar.gz');
    expect(nowhere.exitCode).toBe(2);
    expect(nowhere.stderr).toContain('is not a folder');
  });

  it('restores into an empty data dir: the same customer, user and ids', async () => {
    const fresh = path.join(workDir, 'fresh');
    const restored = await hubIn(fresh, 'restore', 'hub-backup.tar.gz', '--json');
    expect(restored.stderr).toBe('');
    expect(restored.exitCode).toBe(0);
    expect(restored.json<RestoreResult>()).toMatchObject({
      dataDir: path.join(fresh, 'pglite'),
      replacedDataDir: null,
    });
    expect(restored.json<RestoreResult>().migrations).toBeGreaterThanOrEqual(4);
    expect([await modeOf(fresh), await modeOf(path.join(fresh, 'pglite'))]).toEqual([0o700, 0o700]);
    const customers = (await hubIn(fresh, 'customers', 'list', '--json')).json<CustomerView[]>();
    expect(customers.map((customer) => customer.externalId)).toEqual(['DEVRIES-001']);
    const users = (await hubIn(fresh, 'users', 'list', '--customer', 'DEVRIES-001', '--json')).json<
      UserView[]
    >();
    expect(users).toEqual([
      expect.objectContaining({ id: annaId, phoneNumber: '+31201234501', extension: '1001' }),
    ]);
  });

  it('refuses a data dir that holds a database unless --force, which moves the old one aside', async () => {
    const later = await hub(
      'customers',
      'create',
      '--name',
      'Later BV',
      '--external-id',
      'LATER-1',
      '--admin-email',
      'it@later.example',
      '--country',
      'NL',
    );
    expect(later.exitCode).toBe(0);

    const refused = await hub('restore', 'hub-backup.tar.gz');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('already holds a database. Give --force to replace it.');

    const forced = await hub('restore', 'hub-backup.tar.gz', '--force', '--json');
    expect(forced.exitCode).toBe(0);
    const replaced = forced.json<RestoreResult>().replacedDataDir;
    expect(replaced).toMatch(/pglite\.replaced-/);
    expect((await stat(replaced as string)).isDirectory()).toBe(true);
    expect([await modeOf(replaced as string), await modeOf(path.join(dataDir, 'pglite'))]).toEqual([
      0o700, 0o700,
    ]);
    const customers = (await hub('customers', 'list', '--json')).json<CustomerView[]>();
    expect(customers.map((customer) => customer.externalId)).toEqual(['DEVRIES-001']);
  });

  it('rejects a file that is not a backup (exit 2) and leaves the data dir alone', async () => {
    await writeFile(path.join(workDir, 'notes.txt'), 'not a backup\n');
    const text = await hubIn(path.join(workDir, 'other'), 'restore', 'notes.txt');
    expect(text.exitCode).toBe(2);
    expect(text.stderr).toContain('not a backup of the embedded database');
    const missing = await hubIn(path.join(workDir, 'other'), 'restore', 'nowhere.tar.gz');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });

  it('refuses a restore while a server holds the data dir, and sends a backup to it (exit 1 when it does not answer)', async () => {
    // The parent process is alive and is not this one: as a running server would be.
    await writeFile(
      path.join(dataDir, 'server.json'),
      JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:9', cliSecret: 'x' }),
    );
    try {
      // The file is checked first: a wrong path is input to fix (exit 2), whatever runs.
      for (const file of ['nowhere.tar.gz', 'notes.txt']) {
        const wrong = await hub('restore', file, '--json');
        expect(wrong.exitCode, wrong.stderr).toBe(2);
        expect(wrong.stderr).toContain('not a backup of the embedded database');
      }
      const restore = await hub('restore', 'hub-backup.tar.gz', '--force');
      expect(restore.exitCode).toBe(1);
      expect(restore.stderr).toContain(`A server (pid ${process.ppid}`);
      expect(restore.stderr).toContain('Stop it first.');
      // A backup is sent to the server (which makes it); this one does not answer.
      const backup = await hub('backup', '--out', 'other.tar.gz');
      expect(backup.exitCode).toBe(1);
      expect(backup.stderr).toContain(`(pid ${process.ppid}) holds the embedded database`);
      expect(backup.stderr).toContain('did not answer');
    } finally {
      await rm(path.join(dataDir, 'server.json'), { force: true });
    }
  });

  it('refuses a backup or restore of a data dir another process has open, even without server.json', async () => {
    // A process that opened the data dir without being a server (or one whose server.json is gone).
    const lockFile = path.join(dataDir, 'pglite.lock');
    await writeFile(lockFile, String(process.ppid));
    try {
      for (const argv of [
        ['backup', '--out', 'locked.tar.gz'],
        ['restore', 'hub-backup.tar.gz', '--force'],
      ]) {
        const result = await hub(...argv);
        expect(result.exitCode).toBe(1);
        expect(result.stderr).toContain(`in use by another process (pid ${process.ppid})`);
      }
    } finally {
      await rm(lockFile, { force: true });
    }
  });

  it('on PostgreSQL, points restore to pg_restore (exit 2)', async () => {
    const result = await runHubWithEnv(
      { DATABASE_URL: 'postgres://hub:secret@127.0.0.1:1/hub', HUB_DATA_DIR: dataDir },
      workDir,
      ['restore', 'hub-backup.tar.gz'],
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('restore it with pg_restore');
    expect(result.stderr).toContain('pg_restore --dbname=');
  });
});
