// What `hub restore` checks in a backup before PGlite sees it (CWE-409, decompression bombs).
// PGlite's `loadDataDir` reads the whole file, gunzips it into one buffer and untars it in memory,
// outside Node's heap limit: a 2 MB gzip of 2 GiB of zeros took 6.4 GB of RSS before it failed.
// Here the archive is gunzipped as a stream and only its 512-byte tar headers are read, so memory
// stays flat whatever the file unpacks to, and the restore is refused at the first of: more
// unpacked bytes than the cap, more entries than a data dir has, one entry larger than any
// PostgreSQL file, an entry that is no plain file or folder (links, devices, GNU/pax extensions),
// or a name outside the data dir. The reader is hand-written, not the `tar` or `tar-stream`
// package (neither is a dependency): it has to read names, types and sizes exactly as PGlite's
// tinytar does, and our backups (data-dir-tar.ts, PGlite's own dump) use only plain ustar.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const BLOCK = 512;
const MB = 1024 * 1024;

export interface ArchiveLimits {
  /** All the bytes the gzip unpacks to (tar headers and padding included), as PGlite holds them. */
  readonly maxUnpackedBytes: number;
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
}

/**
 * A data dir of 100,000 users and as many numbers (the import benchmark) holds ~1,200 entries;
 * 100,000 leaves room for far larger deployments while tinytar's list of entries stays small.
 */
export const MAX_ARCHIVE_ENTRIES = 100_000;
/** PostgreSQL splits every table and index into 1 GB segment files: no data dir file is larger. */
export const MAX_ARCHIVE_ENTRY_BYTES = 1024 * MB;

export type ArchiveRefusalCode =
  | 'unpacked_too_large'
  | 'too_many_entries'
  | 'entry_too_large'
  | 'entry_type_refused'
  | 'entry_path_refused'
  | 'not_a_backup';

/** Why an archive is refused: `reason` names the entry or limit, for the operator. */
export class ArchiveRefusal extends Error {
  constructor(
    readonly code: ArchiveRefusalCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ArchiveRefusal';
  }
}

export interface ArchiveSummary {
  readonly unpackedBytes: number;
  readonly entries: number;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  '1': 'a hard link',
  '2': 'a symbolic link',
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
  '7': 'a contiguous file',
  L: 'a GNU long-name record',
  K: 'a GNU long-link record',
  x: 'a pax extended header',
  g: 'a pax global header',
};

function formatMb(bytes: number): string {
  return `${Math.ceil(bytes / MB)} MB`;
}

/** A NUL-ended header string, as tinytar reads it (latin1: one character a byte). */
function headerString(header: Buffer, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('latin1');
}

/** An octal header number; base-256 (GNU, for sizes above 8 GB) and garbage are refused. */
function headerOctal(header: Buffer, offset: number, length: number): number | null {
  const text = headerString(header, offset, length).trim();
  return /^[0-7]{1,12}$/.test(text) ? Number.parseInt(text, 8) : null;
}

function checksumMatches(header: Buffer): boolean {
  const stored = headerOctal(header, 148, 8);
  let sum = 0;
  for (let index = 0; index < BLOCK; index++) sum += index >= 148 && index < 156 ? 0x20 : header[index]!;
  return stored === sum;
}

/**
 * A name as our backups write it: relative to the data dir, with one leading "/" (PGlite's dump and
 * data-dir-tar.ts), made of non-empty segments none of which is "." or "..". PGlite joins it to the
 * data dir as `${dataDir}/${name}`, so "..", "//" or a backslash could reach outside it.
 */
export function isDataDirPath(name: string): boolean {
  const relative = name.startsWith('/') ? name.slice(1) : name;
  if (relative === '' || relative.includes('\\')) return false;
  return relative.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Reads tar headers out of unpacked chunks and skips entry data without keeping it. */
class TarHeaderWalk {
  private pendingHeader = Buffer.alloc(0);
  /** Data and padding bytes of the current entry still to skip. */
  private skip = 0;
  private ended = false;
  /** Bytes of unpacked data that reached this walk. */
  unpackedBytes = 0;
  entries = 0;
  /** Sum of the sizes the headers declare, checked against the cap before the data arrives. */
  private declaredBytes = 0;

  constructor(private readonly limits: ArchiveLimits) {}

  push(chunk: Buffer): void {
    this.unpackedBytes += chunk.length;
    if (this.unpackedBytes > this.limits.maxUnpackedBytes) this.refuseUnpackedSize();
    let offset = 0;
    while (offset < chunk.length && !this.ended) {
      if (this.skip > 0) {
        const skipped = Math.min(this.skip, chunk.length - offset);
        this.skip -= skipped;
        offset += skipped;
        continue;
      }
      const needed = BLOCK - this.pendingHeader.length;
      const piece = chunk.subarray(offset, offset + needed);
      offset += piece.length;
      this.pendingHeader =
        this.pendingHeader.length === 0 ? Buffer.from(piece) : Buffer.concat([this.pendingHeader, piece]);
      if (this.pendingHeader.length === BLOCK) {
        const header = this.pendingHeader;
        this.pendingHeader = Buffer.alloc(0);
        this.readHeader(header);
      }
    }
    // After the end-of-archive block the rest is only counted: PGlite gunzips it all the same.
  }

  finish(): ArchiveSummary {
    if (this.skip > 0 || this.pendingHeader.length > 0)
      throw new ArchiveRefusal('not_a_backup', 'the tar archive is cut short');
    if (this.entries === 0) throw new ArchiveRefusal('not_a_backup', 'the archive holds no files');
    return { unpackedBytes: this.unpackedBytes, entries: this.entries };
  }

  private refuseUnpackedSize(): never {
    const cap = this.limits.maxUnpackedBytes;
    throw new ArchiveRefusal(
      'unpacked_too_large',
      `it unpacks to more than ${formatMb(cap)}, the most a restore accepts (RESTORE_MAX_UNPACKED_MB=${Math.floor(cap / MB)}); nothing was restored. A backup of 100,000 users unpacks to about 300 MB: if this file is a genuine backup, raise RESTORE_MAX_UNPACKED_MB`,
    );
  }

  private readHeader(header: Buffer): void {
    if (header.every((byte) => byte === 0)) {
      this.ended = true;
      return;
    }
    const name = headerString(header, 0, 100);
    const shown = JSON.stringify(name);
    if (headerString(header, 257, 5) !== 'ustar' || !checksumMatches(header))
      throw new ArchiveRefusal(
        'not_a_backup',
        `a damaged tar header after ${this.entries} entries (no ustar mark, or a wrong checksum)`,
      );
    this.entries += 1;
    if (this.entries > this.limits.maxEntries)
      throw new ArchiveRefusal(
        'too_many_entries',
        `it holds more than ${this.limits.maxEntries} entries, the most a restore accepts (a data dir of 100,000 users has about 1,200); nothing was restored`,
      );
    const type = String.fromCharCode(header[156]!);
    if (type !== '0' && type !== '5')
      throw new ArchiveRefusal(
        'entry_type_refused',
        `the entry ${shown} is ${TYPE_NAMES[type] ?? `of tar type ${JSON.stringify(type)}`}; a hub backup holds only files and folders; nothing was restored`,
      );
    // tinytar (PGlite) reads the name alone, never the ustar prefix: a prefix would make the two
    // readers see different paths. Our backups leave it empty (names are under 100 characters).
    if (!isDataDirPath(name) || headerString(header, 345, 155) !== '')
      throw new ArchiveRefusal(
        'entry_path_refused',
        `the entry ${shown} has a path outside the data dir (absolute, with "..", empty or in the ustar prefix); nothing was restored`,
      );
    const size = headerOctal(header, 124, 12);
    if (size === null) throw new ArchiveRefusal('not_a_backup', `the entry ${shown} has no readable size`);
    // tinytar takes a folder's size as 0 whatever the header says: a folder with data would be
    // read one way here and another way by PGlite.
    if (type === '5' && size !== 0)
      throw new ArchiveRefusal('not_a_backup', `the folder entry ${shown} declares ${size} bytes of data`);
    if (size > this.limits.maxEntryBytes)
      throw new ArchiveRefusal(
        'entry_too_large',
        `the entry ${shown} is ${formatMb(size)}, more than the ${formatMb(this.limits.maxEntryBytes)} of PostgreSQL's largest file; nothing was restored`,
      );
    this.declaredBytes += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    // Refused on the header's word, before its data is unpacked.
    if (this.declaredBytes > this.limits.maxUnpackedBytes) this.refuseUnpackedSize();
    this.skip = Math.ceil(size / BLOCK) * BLOCK;
  }
}

/**
 * Streams `file` through gunzip and the header walk, holding one chunk at a time; answers what it
 * unpacks to, or throws an ArchiveRefusal at the first limit it passes (the stream is destroyed
 * there, so a bomb is never unpacked past the cap).
 */
export async function checkBackupArchive(file: string, limits: ArchiveLimits): Promise<ArchiveSummary> {
  const walk = new TarHeaderWalk(limits);
  // Kept aside: when the last step of a pipeline throws, the streams before it are destroyed and
  // pipeline may reject with their AbortError instead of the refusal.
  let refusal: ArchiveRefusal | null = null;
  try {
    await pipeline(createReadStream(file), createGunzip(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        try {
          walk.push(chunk);
        } catch (error) {
          if (error instanceof ArchiveRefusal) refusal = error;
          throw error;
        }
      }
    });
  } catch (error) {
    if (refusal) throw refusal;
    if (error instanceof ArchiveRefusal) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new ArchiveRefusal('not_a_backup', `not a readable gzip file (${(error as Error).message})`);
    throw error;
  }
  return walk.finish();
}
