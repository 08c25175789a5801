import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveIntoPlace } from './move-into-place.ts';

describe('moveIntoPlace', () => {
  it('renames the partial file to its target', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'move-'));
    await writeFile(path.join(dir, 'b.partial'), 'backup');
    await moveIntoPlace(path.join(dir, 'b.partial'), path.join(dir, 'b.tar'));
    expect(await readdir(dir)).toEqual(['b.tar']);
    expect(await readFile(path.join(dir, 'b.tar'), 'utf8')).toBe('backup');
  });

  it('leaves no partial file behind when the rename fails', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'move-'));
    await writeFile(path.join(dir, 'b.partial'), 'backup');
    await mkdir(path.join(dir, 'taken'));
    await writeFile(path.join(dir, 'taken', 'keep'), 'x');
    await expect(moveIntoPlace(path.join(dir, 'b.partial'), path.join(dir, 'taken'))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['taken']);
  });
});
