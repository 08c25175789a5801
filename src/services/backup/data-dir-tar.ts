// The embedded database's data dir as a tar stream, read from disk file by file with async reads.
// PGlite's own `dumpDataDir` reads every file and builds the whole tar in one synchronous call
// (WASM FS reads, then a JS tar of the full data dir in memory) before it compresses: on a 104 MB
// backup that held the event loop past 30 s, so a server running a forwarded `hub backup` sent no
// keep-alive and the CLI gave up ("stopped answering"). Here each file, and each chunk of it, is
// an await: the loop turns between them, keep-alives and other requests go on, and the archive
// never sits in memory whole. The format is what PGlite writes and reads back (`loadDataDir`):
// ustar, names relative to the data dir with a leading "/", regular files and directories only.
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

const BLOCK = 512;
const REGULAR_FILE = '0';
const DIRECTORY = '5';

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value.slice(0, length), offset, length, 'latin1');
}

/** Octal, zero-padded to `length - 1` digits and ended by NUL, as ustar (and tinytar) write it. */
function octal(value: number, length: number): string {
  return `${Math.floor(value)
    .toString(8)
    .padStart(length - 1, '0')}\0`;
}

export function tarHeader(entry: {
  name: string;
  mode: number;
  size: number;
  mtimeMs: number;
  directory: boolean;
}): Buffer {
  if (Buffer.byteLength(entry.name, 'latin1') > 99)
    throw new Error(`Cannot archive ${entry.name}: the name is longer than a tar header holds.`);
  const header = Buffer.alloc(BLOCK);
  field(header, 0, 100, `${entry.name}\0`);
  field(header, 100, 8, octal(entry.mode & 0o777, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  field(header, 124, 12, octal(entry.size, 12));
  field(header, 136, 12, octal(entry.mtimeMs / 1000, 12));
  field(header, 148, 8, ' '.repeat(8));
  field(header, 156, 1, entry.directory ? DIRECTORY : REGULAR_FILE);
  field(header, 257, 8, 'ustar\u000000');
  let checksum = 0;
  for (const byte of header) checksum += byte;
  field(header, 148, 8, octal(checksum, 8));
  return header;
}

/** The tar of `root`, in the order PGlite lists it: each directory, then what it holds. */
export async function* dataDirTar(root: string): AsyncGenerator<Buffer> {
  async function* walk(relative: string): AsyncGenerator<Buffer> {
    for (const name of await readdir(path.join(root, relative))) {
      const entryPath = `${relative}/${name}`;
      const full = path.join(root, entryPath);
      const stats = await lstat(full);
      const directory = stats.isDirectory();
      if (!directory && !stats.isFile()) continue;
      const size = directory ? 0 : stats.size;
      yield tarHeader({ name: entryPath, mode: stats.mode, size, mtimeMs: stats.mtimeMs, directory });
      if (directory) {
        yield* walk(entryPath);
        continue;
      }
      let read = 0;
      for await (const chunk of createReadStream(full) as AsyncIterable<Buffer>) {
        // Nothing writes while the archive is taken (the caller holds the only connection); a
        // file that still changed size would shift every header after it.
        read += chunk.length;
        if (read > size) throw new Error(`${entryPath} grew while it was archived.`);
        yield chunk;
      }
      if (read !== size) throw new Error(`${entryPath} shrank while it was archived.`);
      if (size % BLOCK !== 0) yield Buffer.alloc(BLOCK - (size % BLOCK));
    }
  }
  yield* walk('');
  // The end of the archive: two empty blocks.
  yield Buffer.alloc(BLOCK * 2);
}
