// A build of bin/hub's bundle deletes the chunks of older builds (scripts/prune-chunks.mjs, ADR
// 0014), but only a day after a build first found them unused: a process started from an older
// build may still import its own chunks. Its other files, and other bundles' chunks, stay.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBundle } from '../../scripts/bundle.mjs';
import { CHUNK_GRACE_MS, planChunkPrune, pruneChunks } from '../../scripts/prune-chunks.mjs';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const OLD = NOW - 3 * DAY;

describe('planChunkPrune', () => {
  it.each([
    ['an unused chunk, unused for longer than the grace, old', 'hub-chunk-OLD.mjs', true, OLD, OLD],
    ['its source map', 'hub-chunk-OLD.mjs.map', true, OLD, OLD],
    ['a chunk of the current build, however old', 'hub-chunk-CUR.mjs', false, OLD, OLD],
    ['an unused chunk first found unused now', 'hub-chunk-NEW.mjs', false, OLD, undefined],
    ['an unused chunk, unused for less than the grace', 'hub-chunk-RECENT.mjs', false, OLD, NOW - DAY / 2],
    ['an unused chunk written within the grace', 'hub-chunk-YOUNG.mjs', false, NOW - 60_000, OLD],
    ['a half-written chunk a stopped build left', 'hub-chunk-OLD.mjs.123.tmp', true, OLD, OLD],
    ['the entry', 'hub.mjs', false, OLD, OLD],
    ['the inputs record', 'hub.mjs.inputs.json', false, OLD, OLD],
    ["another bundle's chunk", 'bench-import-chunk-OLD.mjs', false, OLD, OLD],
    ['a file of nobody', 'notes.txt', false, OLD, OLD],
  ])('%s: %s deleted: %s', (_case, file, deleted, mtimeMs, retiredAt) => {
    const plan = planChunkPrune({
      name: 'hub',
      files: [{ file, mtimeMs }],
      current: new Set(['hub.mjs', 'hub.mjs.map', 'hub-chunk-CUR.mjs', 'hub-chunk-CUR.mjs.map']),
      retired: retiredAt === undefined ? {} : { [file]: retiredAt },
      now: NOW,
      graceMs: DAY,
    });
    expect(plan.remove).toEqual(deleted ? [file] : []);
  });

  it('records when each chunk it keeps was first found unused, and only those', () => {
    const plan = planChunkPrune({
      name: 'hub',
      files: [
        { file: 'hub-chunk-NEW.mjs', mtimeMs: OLD },
        { file: 'hub-chunk-RECENT.mjs', mtimeMs: OLD },
        { file: 'hub-chunk-OLD.mjs', mtimeMs: OLD },
        { file: 'hub-chunk-CUR.mjs', mtimeMs: OLD },
      ],
      current: new Set(['hub-chunk-CUR.mjs']),
      retired: { 'hub-chunk-RECENT.mjs': NOW - 1000, 'hub-chunk-OLD.mjs': OLD, 'hub-chunk-GONE.mjs': OLD },
      now: NOW,
      graceMs: DAY,
    });
    expect(plan).toEqual({
      remove: ['hub-chunk-OLD.mjs'],
      retired: { 'hub-chunk-NEW.mjs': NOW, 'hub-chunk-RECENT.mjs': NOW - 1000 },
    });
  });

  it('keeps old chunks a day by default', () => {
    expect(CHUNK_GRACE_MS).toBe(DAY);
  });
});

describe('pruneChunks on a directory', () => {
  let dir = '';
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, mtimeMs = OLD): Promise<void> {
    await writeFile(path.join(dir, name), name);
    await utimes(path.join(dir, name), new Date(mtimeMs), new Date(mtimeMs));
  }

  it('deletes an unused chunk only a grace after a build first found it unused', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hub-chunks-'));
    const current = new Set(['hub.mjs', 'hub-chunk-CUR.mjs', 'hub-chunk-CUR.mjs.map']);
    for (const name of [
      ...current,
      'hub.mjs.inputs.json',
      'hub-chunk-OLD.mjs',
      'hub-chunk-OLD.mjs.map',
      'bench-import-chunk-OLD.mjs',
      'notes.txt',
    ])
      await file(name);
    await file('hub-chunk-YOUNG.mjs', NOW - 60_000);

    expect(pruneChunks(dir, 'hub', current, { now: NOW, graceMs: DAY })).toEqual([]);
    const record = JSON.parse(readFileSync(path.join(dir, 'hub.mjs.retired-chunks.json'), 'utf8'));
    expect(record).toEqual({
      'hub-chunk-OLD.mjs': NOW,
      'hub-chunk-OLD.mjs.map': NOW,
      'hub-chunk-YOUNG.mjs': NOW,
    });

    expect(pruneChunks(dir, 'hub', current, { now: NOW + DAY / 2, graceMs: DAY })).toEqual([]);
    const removed = pruneChunks(dir, 'hub', current, { now: NOW + DAY, graceMs: DAY });
    expect(removed.sort()).toEqual(['hub-chunk-OLD.mjs', 'hub-chunk-OLD.mjs.map', 'hub-chunk-YOUNG.mjs']);
    expect(readdirSync(dir).sort()).toEqual([
      'bench-import-chunk-OLD.mjs',
      'hub-chunk-CUR.mjs',
      'hub-chunk-CUR.mjs.map',
      'hub.mjs',
      'hub.mjs.inputs.json',
      'hub.mjs.retired-chunks.json',
      'notes.txt',
    ]);
  });

  it('reads a damaged record as empty, so every unused chunk gets its grace again', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hub-chunks-'));
    await file('hub-chunk-OLD.mjs');
    await writeFile(path.join(dir, 'hub.mjs.retired-chunks.json'), '{"hub-chunk-OLD');
    expect(pruneChunks(dir, 'hub', new Set(), { now: NOW, graceMs: DAY })).toEqual([]);
    expect(existsSync(path.join(dir, 'hub-chunk-OLD.mjs'))).toBe(true);
  });
});

describe('ensureBundle prunes after a build', () => {
  let root = '';
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const chunks = (): string[] =>
    readdirSync(path.join(root, 'dist'))
      .filter((name) => name.startsWith('app-chunk-') && name.endsWith('.mjs'))
      .sort();

  async function edit(file: string, text: string): Promise<void> {
    await writeFile(path.join(root, file), text);
    // Newer than the bundle, whatever the file system's time resolution.
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(root, file), later, later);
  }

  it('keeps the chunks of the build it replaced, and deletes them once their grace is over', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hub-bundle-prune-'));
    await mkdir(path.join(root, 'src'));
    await writeFile(
      path.join(root, 'src/main.ts'),
      "const { greeting } = await import('./greeting.ts');\nconsole.log(greeting);\n",
    );
    await writeFile(path.join(root, 'src/greeting.ts'), "export const greeting: string = 'hello';\n");
    const bundle = await ensureBundle('src/main.ts', 'app', root);
    const first = chunks();
    expect(first).toHaveLength(1);

    await edit('src/greeting.ts', "export const greeting: string = 'hallo';\n");
    await ensureBundle('src/main.ts', 'app', root);
    const second = chunks().filter((name) => !first.includes(name));
    expect(second).toHaveLength(1);
    // The first build's chunk stays: a process started from it may still import it.
    expect(chunks()).toEqual([...first, ...second].sort());

    // A day on (the record and the chunk made older by that), the next build deletes it.
    const recordFile = path.join(root, 'dist/app.mjs.retired-chunks.json');
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as Record<string, number>;
    expect(Object.keys(record)).toContain(first[0]);
    const dayAgo = Date.now() - CHUNK_GRACE_MS - 1000;
    await writeFile(
      recordFile,
      JSON.stringify(Object.fromEntries(Object.keys(record).map((name) => [name, dayAgo]))),
    );
    for (const name of Object.keys(record))
      await utimes(path.join(root, 'dist', name), new Date(dayAgo), new Date(dayAgo));
    await edit(
      'src/main.ts',
      "const { greeting } = await import('./greeting.ts');\nconsole.log(`${greeting}!`);\n",
    );
    await ensureBundle('src/main.ts', 'app', root);

    expect(chunks()).toEqual(second);
    expect(existsSync(path.join(root, 'dist', `${first[0]}.map`))).toBe(false);
    expect(execFileSync(process.execPath, [bundle], { encoding: 'utf8' }).trim()).toBe('hallo!');
  });
});
