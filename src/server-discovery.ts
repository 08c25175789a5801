// While a server holds the embedded database, it leaves a discovery file in the data dir so the
// CLI can send its commands to that server instead of failing to open the same PGlite data dir
// (SPEC §9). The file is readable by its owner only: it holds the secret of the CLI endpoint.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ServerDiscovery {
  readonly pid: number;
  readonly url: string;
  readonly cliSecret: string;
}

export function discoveryFile(dataDir: string): string {
  return path.join(dataDir, 'server.json');
}

export async function writeDiscovery(dataDir: string, discovery: ServerDiscovery): Promise<void> {
  await writeFile(discoveryFile(dataDir), JSON.stringify(discovery), { mode: 0o600 });
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server of this data dir, or null (a file left by a dead process is ignored). */
export async function readDiscovery(dataDir: string): Promise<ServerDiscovery | null> {
  try {
    const parsed = JSON.parse(await readFile(discoveryFile(dataDir), 'utf8')) as ServerDiscovery;
    return typeof parsed.pid === 'number' && parsed.pid !== process.pid && isAlive(parsed.pid)
      ? parsed
      : null;
  } catch {
    return null;
  }
}
