// A stopping server removes server.json as soon as its shutdown starts, before its listeners close:
// a CLI run during the drain then gets the clear "in use"/start-it message, not "did not answer"
// from a closing server. Another process's entry stays.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopServing, type ServingParts } from '../../src/cli/commands/serve.ts';
import { discoveryFile, writeDiscovery } from '../../src/server-discovery.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDirWithDiscovery(pid: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hub-discovery-'));
  dirs.push(dir);
  await writeDiscovery(dir, { pid, url: 'http://127.0.0.1:1', cliUrl: 'http://127.0.0.1:2', cliSecret: 's' });
  return dir;
}

/** A server whose parts note, when each is first asked to stop, whether server.json still exists. */
function recordingParts(dataDir: string): { parts: ServingParts; seen: Record<string, boolean> } {
  const seen: Record<string, boolean> = {};
  const note = (what: string) => {
    seen[what] ??= existsSync(discoveryFile(dataDir));
  };
  const parts: ServingParts = {
    app: {
      close: async () => void note('app.close'),
      drainRequests: async () => (note('app.drain'), true),
    },
    cliListener: {
      close: async () => void note('cli.close'),
      drain: async () => (note('cli.drain'), true),
    },
    worker: { stop: async () => void note('worker.stop') },
    logger: { warn: () => undefined },
    dataDir,
  };
  return { parts, seen };
}

describe('server.json at shutdown', () => {
  it('is gone before the listeners begin to close', async () => {
    const dataDir = await dataDirWithDiscovery(process.pid);
    const { parts, seen } = recordingParts(dataDir);
    await stopServing(parts);
    expect(seen).toEqual({
      'app.close': false,
      'cli.close': false,
      'app.drain': false,
      'cli.drain': false,
      'worker.stop': false,
    });
  });

  it("keeps another process's entry (the pid check)", async () => {
    const otherPid = process.pid + 100_000;
    const dataDir = await dataDirWithDiscovery(otherPid);
    const { parts } = recordingParts(dataDir);
    await stopServing(parts);
    const kept = JSON.parse(await readFile(discoveryFile(dataDir), 'utf8')) as { pid: number };
    expect(kept.pid).toBe(otherPid);
  });
});
