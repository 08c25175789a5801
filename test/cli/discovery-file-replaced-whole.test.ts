// The server's discovery file is replaced in one step (a new file renamed over the old), never
// written in place: a CLI started while a server starts must read the whole file or none, not a
// half-written one it would take for "no server" (and then fail on the data dir the server holds).
import { link, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryFile, writeDiscovery } from '../../src/server-discovery.ts';

const discovery = { pid: 4242, url: 'http://127.0.0.1:1', cliUrl: 'http://127.0.0.1:2', cliSecret: 's' };
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'hub-discovery-whole-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('writeDiscovery', () => {
  it('replaces the file rather than writing into it', async () => {
    // A second name for the old file: a write in place would change what it reads too.
    await writeFile(discoveryFile(dataDir), '{"pid":1}');
    const otherName = path.join(dataDir, 'old-server.json');
    await link(discoveryFile(dataDir), otherName);

    await writeDiscovery(dataDir, discovery);

    expect(JSON.parse(await readFile(discoveryFile(dataDir), 'utf8'))).toEqual(discovery);
    expect(await readFile(otherName, 'utf8')).toBe('{"pid":1}');
  });

  it('leaves only the file, readable by its owner alone', async () => {
    await rm(path.join(dataDir, 'old-server.json'), { force: true });
    await writeDiscovery(dataDir, discovery);
    expect(await readdir(dataDir)).toEqual(['server.json']);
    expect((await stat(discoveryFile(dataDir))).mode & 0o777).toBe(0o600);
  });
});
