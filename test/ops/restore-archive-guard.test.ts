// `hub restore` checks a backup as a stream before PGlite reads it whole into memory (CWE-409):
// an archive that unpacks past RESTORE_MAX_UNPACKED_MB, holds too many entries, links, or names
// outside the data dir is refused with exit 2 and the reason, and the data dir is left as it was.
// The bombs here are small (20 MB of zeros under a cap of 8 MB); the 2 GiB one is measured by hand
// (the commit says the figures), not asserted: no timed or memory assertions in tests.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarHeader } from '../../src/services/backup/data-dir-tar.ts';
import {
  ArchiveRefusal,
  checkBackupArchive,
  type ArchiveLimits,
} from '../../src/services/backup/restore-archive-guard.ts';
import type { RestoreResult } from '../../src/services/backup/embedded-backup.ts';
import { runHubWithEnv } from '../cli/cli-harness.ts';
import { prepareMigratedDataDir } from '../cli/migrated-data-dir.ts';

const MB = 1024 * 1024;

interface Entry {
  readonly name: string;
  /** Bytes of zeros (a file); omitted: a folder. */
  readonly size?: number;
  /** A tar type other than what tarHeader writes ('2': a symlink, 'x': a pax header). */
  readonly type?: string;
  /** The size the header claims, when it is not the data written (a header-only bomb). */
  readonly declaredSize?: number;
}

/** A header as tarHeader writes it, with its type byte replaced and the checksum made again. */
function header(entry: Entry): Buffer {
  const block = tarHeader({
    name: entry.name,
    mode: 0o600,
    size: entry.declaredSize ?? entry.size ?? 0,
    mtimeMs: Date.now(),
    directory: entry.size === undefined && entry.declaredSize === undefined,
  });
  if (entry.type === undefined) return block;
  block.write(entry.type, 156, 1, 'latin1');
  block.write('        ', 148, 8, 'latin1');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(7, '0')}\0`, 148, 8, 'latin1');
  return block;
}

/** A gzip tar of `entries` (data streamed, never held whole), then `trailing` bytes of zeros. */
async function writeArchive(file: string, entries: readonly Entry[], trailing = 0): Promise<void> {
  async function* tar(): AsyncGenerator<Buffer> {
    const chunk = Buffer.alloc(MB);
    for (const entry of entries) {
      yield header(entry);
      const size = entry.size ?? 0;
      for (let left = size; left > 0; left -= chunk.length)
        yield chunk.subarray(0, Math.min(left, chunk.length));
      if (size % 512 !== 0) yield Buffer.alloc(512 - (size % 512));
    }
    yield Buffer.alloc(1024);
    for (let left = trailing; left > 0; left -= chunk.length)
      yield chunk.subarray(0, Math.min(left, chunk.length));
  }
  await pipeline(Readable.from(tar()), createGzip(), createWriteStream(file));
}

let workDir = '';
const hubWithCap = async (dataDir: string, capMb: string | undefined, ...argv: string[]) => {
  const saved = process.env.RESTORE_MAX_UNPACKED_MB;
  if (capMb === undefined) delete process.env.RESTORE_MAX_UNPACKED_MB;
  else process.env.RESTORE_MAX_UNPACKED_MB = capMb;
  try {
    return await runHubWithEnv({ HUB_DATA_DIR: dataDir }, workDir, argv);
  } finally {
    if (saved === undefined) delete process.env.RESTORE_MAX_UNPACKED_MB;
    else process.env.RESTORE_MAX_UNPACKED_MB = saved;
  }
};

/** Every path under `dir` with its size and mtime: what "left as it was" compares. */
async function snapshot(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir, { recursive: true })) {
    const info = await stat(path.join(dir, name));
    found.push(`${name} ${info.size} ${info.mtimeMs}`);
  }
  return found.sort();
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-restore-guard-'));
}, 60_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('checkBackupArchive: refused before PGlite reads the file', () => {
  const limits: ArchiveLimits = { maxUnpackedBytes: 8 * MB, maxEntries: 50, maxEntryBytes: 4 * MB };
  const folders = (count: number): Entry[] => Array.from({ length: count }, (_, i) => ({ name: `/d${i}` }));

  it.each<[string, readonly Entry[], number, string, RegExp]>([
    [
      'one entry past the cap',
      [{ name: '/base/1/bomb', size: 20 * MB }],
      0,
      'entry_too_large',
      /"\/base\/1\/bomb" is 20 MB, more than the 4 MB/,
    ],
    [
      'entries that add up past the cap',
      Array.from({ length: 5 }, (_, i) => ({ name: `/base/1/${i}`, size: 3 * MB })),
      0,
      'unpacked_too_large',
      /more than 8 MB.*RESTORE_MAX_UNPACKED_MB=8/,
    ],
    [
      'zeros after the end of the archive',
      [{ name: '/PG_VERSION', size: 3 }],
      20 * MB,
      'unpacked_too_large',
      /more than 8 MB/,
    ],
    [
      'a header that claims 2 GiB',
      [{ name: '/base/1/bomb', declaredSize: 2048 * MB }],
      0,
      'entry_too_large',
      /2048 MB/,
    ],
    ['too many entries', folders(51), 0, 'too_many_entries', /more than 50 entries/],
    [
      'a symbolic link',
      [{ name: '/base' }, { name: '/base/1', type: '2' }],
      0,
      'entry_type_refused',
      /"\/base\/1" is a symbolic link/,
    ],
    ['a hard link', [{ name: '/PG_VERSION', type: '1' }], 0, 'entry_type_refused', /is a hard link/],
    ['a pax header', [{ name: '/pax', size: 10, type: 'x' }], 0, 'entry_type_refused', /pax extended header/],
    [
      'a path with ..',
      [{ name: '/../../etc/cron.d/x', size: 10 }],
      0,
      'entry_path_refused',
      /outside the data dir/,
    ],
    [
      'an absolute path',
      [{ name: '//etc/passwd', size: 10 }],
      0,
      'entry_path_refused',
      /outside the data dir/,
    ],
  ])('%s', async (label, entries, trailing, code, reason) => {
    const file = path.join(workDir, `${label.replace(/\W+/g, '-')}.tar.gz`);
    await writeArchive(file, entries, trailing);
    const refusal = await checkBackupArchive(file, limits).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ArchiveRefusal);
    expect(refusal).toMatchObject({ code });
    expect((refusal as ArchiveRefusal).reason).toMatch(reason);
  });

  it('refuses a gzip cut short, and answers the unpacked size of a whole one', async () => {
    const whole = path.join(workDir, 'small.tar.gz');
    await writeArchive(whole, [{ name: '/base' }, { name: '/base/PG_VERSION', size: 3 }]);
    expect(await checkBackupArchive(whole, limits)).toEqual({ unpackedBytes: 512 * 3 + 1024, entries: 2 });
    const bytes = gzipSync(Buffer.alloc(MB, 1));
    const cut = path.join(workDir, 'cut.tar.gz');
    await writeFile(cut, bytes.subarray(0, bytes.length - 20));
    await expect(checkBackupArchive(cut, limits)).rejects.toMatchObject({ code: 'not_a_backup' });
  });
});

describe('hub restore with the guard', { timeout: 300_000 }, () => {
  let liveDir = '';
  let realBackup = '';

  beforeAll(async () => {
    // A deployment with a database, backed up by hub backup: the data dir refused restores target.
    liveDir = path.join(workDir, 'live');
    await prepareMigratedDataDir(liveDir);
    realBackup = path.join(workDir, 'real.tar.gz');
    const backup = await hubWithCap(liveDir, undefined, 'backup', '--out', realBackup);
    expect(backup.stderr).toBe('');
    expect(backup.exitCode).toBe(0);
  }, 300_000);

  it('refuses a gzip bomb (20 MB of zeros, cap 8 MB) with exit 2 and the limit; the data dir is left as it was', async () => {
    const bomb = path.join(workDir, 'bomb.tar.gz');
    await writeArchive(bomb, [{ name: '/base/1/bomb', size: 20 * MB }]);
    const before = await snapshot(liveDir);
    const refused = await hubWithCap(liveDir, '8', 'restore', bomb, '--force');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      'more than 8 MB, the most a restore accepts (RESTORE_MAX_UNPACKED_MB=8); nothing was restored',
    );
    expect(refused.stderr).not.toContain('undefined');
    expect(await snapshot(liveDir)).toEqual(before);
    // No staging or replaced copy beside it.
    expect(await readdir(workDir)).not.toContainEqual(expect.stringMatching(/^live\.|pglite\./));
    expect(await readdir(liveDir)).toEqual(['pglite']);
  });

  it('refuses a symbolic link entry with exit 2 and leaves a new data dir unmade', async () => {
    const linked = path.join(workDir, 'linked.tar.gz');
    await writeArchive(linked, [
      { name: '/PG_VERSION', size: 3 },
      { name: '/base', type: '2' },
    ]);
    const fresh = path.join(workDir, 'fresh-link');
    const refused = await hubWithCap(fresh, undefined, 'restore', linked);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      'the entry "/base" is a symbolic link; a hub backup holds only files and folders',
    );
    await expect(stat(fresh)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a real backup when the cap is below what it unpacks to', async () => {
    const refused = await hubWithCap(path.join(workDir, 'fresh-small-cap'), '1', 'restore', realBackup);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('RESTORE_MAX_UNPACKED_MB=1');
  });

  it('still restores a real backup under the default cap', async () => {
    const fresh = path.join(workDir, 'fresh-real');
    const restored = await hubWithCap(fresh, undefined, 'restore', realBackup, '--json');
    expect(restored.stderr).toBe('');
    expect(restored.exitCode).toBe(0);
    expect(restored.json<RestoreResult>()).toMatchObject({
      dataDir: path.join(fresh, 'pglite'),
      replacedDataDir: null,
    });
    expect(restored.json<RestoreResult>().migrations).toBeGreaterThanOrEqual(4);
  });

  it('refuses RESTORE_MAX_UNPACKED_MB outside 1–4096 as a configuration error', async () => {
    const refused = await hubWithCap(path.join(workDir, 'fresh-bad-cap'), '5000', 'restore', realBackup);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('RESTORE_MAX_UNPACKED_MB="5000" is not valid');
  });
});
