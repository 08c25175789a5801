// While a server holds the embedded database, it leaves a discovery file in the data dir so the
// CLI can send its commands to that server instead of failing to open the same PGlite data dir
// (SPEC §9). The file is readable by its owner only: it holds the secret of the CLI endpoint, which
// the server serves on a loopback listener of its own (ADR 0081), at `cliUrl`.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isProcessAlive } from './lib/process-alive.ts';

export interface ServerDiscovery {
  readonly pid: number;
  /** The server's HTTP API on this machine (messages, the SCIM tenant URL without HUB_PUBLIC_URL). */
  readonly url: string;
  /** The loopback listener that runs forwarded CLI commands; absent: `url` serves them (see below). */
  readonly cliUrl?: string | undefined;
  readonly cliSecret: string;
}

const discoverySchema = z.object({
  pid: z.number().int(),
  url: z.string(),
  cliUrl: z.string().optional(),
  cliSecret: z.string(),
});

/**
 * Where to send a forwarded CLI command. A file without `cliUrl` was written by a server from before
 * ADR 0081, whose main HTTP app still served the endpoint: a CLI updated in place before that
 * server restarted keeps working with it.
 */
export function cliEndpointUrl(server: ServerDiscovery): string {
  return server.cliUrl ?? server.url;
}

export function discoveryFile(dataDir: string): string {
  return path.join(dataDir, 'server.json');
}

/** Why a file could not be written, in words, for the errors the file system gives most. */
function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'this user may not write there (permission denied)';
    case 'EISDIR':
      return 'a directory is in the way at that path';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'its directory does not exist';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space is left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Records the running server for the CLI. A failure says which file and why, readably: the server
 * that cannot write it stops (see `serve`), as a CLI could not find it and would fail on the held
 * data dir.
 */
export async function writeDiscovery(dataDir: string, discovery: ServerDiscovery): Promise<void> {
  const file = discoveryFile(dataDir);
  // Written whole under another name, then renamed over the old one in one step: a CLI reading
  // while the server starts sees the whole file or none (never half of it), and the file always
  // has the owner-only mode of a new file, even where one with a looser mode was left behind.
  const written = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(written, JSON.stringify(discovery), { mode: 0o600, flag: 'wx' });
    await rename(written, file);
  } catch (error) {
    await rm(written, { force: true });
    throw new Error(
      `Cannot write the server discovery file ${file}: ${writeFailureReason(error)}. ` +
        'bin/hub finds the running server through it. Make HUB_DATA_DIR writable by this user ' +
        '(nothing else at that path), then start the server again.',
      { cause: error },
    );
  }
}

export async function removeDiscovery(dataDir: string, pid: number): Promise<void> {
  // Reads the file itself: readDiscovery skips the calling process's own entry, which is exactly
  // the one a stopping server removes.
  let current: Partial<ServerDiscovery>;
  try {
    current = JSON.parse(await readFile(discoveryFile(dataDir), 'utf8')) as Partial<ServerDiscovery>;
  } catch {
    return;
  }
  if (current.pid === pid) await rm(discoveryFile(dataDir), { force: true });
}

/** The running server of this data dir, or null (a file left by a dead process is ignored). */
export async function readDiscovery(dataDir: string): Promise<ServerDiscovery | null> {
  let parsed: ServerDiscovery;
  try {
    parsed = discoverySchema.parse(JSON.parse(await readFile(discoveryFile(dataDir), 'utf8')));
  } catch {
    return null;
  }
  return parsed.pid !== process.pid && isProcessAlive(parsed.pid) ? parsed : null;
}
