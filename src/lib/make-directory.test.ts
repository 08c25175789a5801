import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDirectory } from './make-directory.ts';

describe('makeDirectory', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hub-mkdir-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('creates every missing folder, and accepts one that exists', async () => {
    const deep = path.join(root, 'a', 'b', 'c');
    await makeDirectory(deep);
    expect((await stat(deep)).isDirectory()).toBe(true);
    await makeDirectory(deep);
  });

  it('refuses a path through a file', async () => {
    await writeFile(path.join(root, 'file'), '');
    await expect(makeDirectory(path.join(root, 'file', 'data'))).rejects.toThrow(
      /Cannot create .*not a directory/,
    );
  });

  it("answers at once where Node's recursive mkdir never settles (/proc)", async () => {
    await expect(makeDirectory('/proc/hub-nope/pglite')).rejects.toThrow(
      /Cannot create \/proc\/hub-nope\/pglite/,
    );
  });
});
