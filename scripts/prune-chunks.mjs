// @ts-check
// Deletes the chunks of old builds of a bundle from dist/ (ADR 0014). A chunk is not deleted as
// soon as a rebuild stops using it: a process started from an older build (a server left running
// while its sources were edited) still loads its own chunks with `import()` when it first needs
// them, and would fail on a missing one. So a chunk goes only once it has been out of every build
// for a grace period. That is counted from when a build first found it unused, recorded in
// `<bundle>.retired-chunks.json`, not from the file's age: a build's chunks are as old as the
// build, and a server started yesterday from a week-old build needs them as much as any.
// The file's age is checked too, so a chunk a concurrent build has just written always stays.
// A process superseded for longer than the grace period that first imports a chunk after it can
// still fail; restarting it mends that.
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

/** How long a chunk stays after the build it belonged to was replaced. */
export const CHUNK_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Which of the bundle `name`'s chunk files to delete, and the record of when each chunk still
 * kept was first found unused. Pure: the caller lists the files and deletes.
 * @param {{
 *   name: string,
 *   files: readonly { file: string, mtimeMs: number }[],
 *   current: ReadonlySet<string>,
 *   retired: Readonly<Record<string, number>>,
 *   now: number,
 *   graceMs: number,
 * }} input
 * @returns {{ remove: string[], retired: Record<string, number> }}
 */
export function planChunkPrune({ name, files, current, retired, now, graceMs }) {
  const prefix = `${name}-chunk-`;
  /** @type {string[]} */
  const remove = [];
  /** @type {Record<string, number>} */
  const stillRetired = {};
  for (const { file, mtimeMs } of files) {
    if (!file.startsWith(prefix) || current.has(file)) continue;
    const recorded = retired[file];
    const retiredAt = typeof recorded === 'number' && Number.isFinite(recorded) ? recorded : now;
    if (now - retiredAt >= graceMs && now - mtimeMs >= graceMs) remove.push(file);
    else stillRetired[file] = retiredAt;
  }
  return { remove, retired: stillRetired };
}

/**
 * After a successful build of the bundle `name` in `dir`, whose output files are `current`
 * (base names: the entry, its chunks and their maps), deletes the chunks planned above and
 * records the others. Best effort: a file another build deleted first, or one that cannot be
 * deleted, is left to the next build; the bundle is built and runs either way.
 * @param {string} dir
 * @param {string} name
 * @param {ReadonlySet<string>} current
 * @param {{ now?: number, graceMs?: number }} [options]
 * @returns {string[]} the files deleted
 */
export function pruneChunks(dir, name, current, { now = Date.now(), graceMs = CHUNK_GRACE_MS } = {}) {
  const recordFile = path.join(dir, `${name}.mjs.retired-chunks.json`);
  const prefix = `${name}-chunk-`;
  /** @type {{ file: string, mtimeMs: number }[]} */
  const files = [];
  for (const file of readdirSync(dir)) {
    if (!file.startsWith(prefix) || current.has(file)) continue;
    try {
      files.push({ file, mtimeMs: statSync(path.join(dir, file)).mtimeMs });
    } catch {
      // Deleted by a concurrent build since the listing.
    }
  }
  const plan = planChunkPrune({ name, files, current, retired: readRecord(recordFile), now, graceMs });
  /** @type {string[]} */
  const removed = [];
  for (const file of plan.remove) {
    try {
      unlinkSync(path.join(dir, file));
      removed.push(file);
    } catch {
      // Gone already, or not ours to delete: the next build tries again.
    }
  }
  // Written aside and renamed, as the bundle is. Two builds at once may each drop the other's new
  // entries; a chunk missing from the record counts as found unused now, so it only stays longer.
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(recordFile + suffix, JSON.stringify(plan.retired));
  renameSync(recordFile + suffix, recordFile);
  return removed;
}

/**
 * @param {string} file
 * @returns {Record<string, number>}
 */
function readRecord(file) {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
