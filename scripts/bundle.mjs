// @ts-check
// Compiles an entry point and the TypeScript it imports into an ES module under dist/ with esbuild
// (packages stay in node_modules), and rebuilds it only when a source it was built from changed.
// What the code loads with `import()` goes to chunks beside it, loaded only when imported.
// bin/hub runs the server, worker and CLI from this bundle, not through tsx: tsx's loader holds
// ~55 MB per process (ADR 0014), which is a fifth of the memory budget of SPEC §11.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { pruneChunks } from './prune-chunks.mjs';

const builder = fileURLToPath(import.meta.url);
const projectRoot = path.resolve(path.dirname(builder), '..');

/**
 * The bundle of `entry` (a path relative to `root`, the project's by default) at
 * `<root>/dist/<name>.mjs`, rebuilt first when missing or older than any file it was built from.
 * Returns its absolute path.
 * @param {string} entry
 * @param {string} name
 * @param {string} [root]
 * @returns {Promise<string>}
 */
export async function ensureBundle(entry, name, root = projectRoot) {
  const outfile = path.join(root, 'dist', `${name}.mjs`);
  const inputsFile = `${outfile}.inputs.json`;
  if (!isFresh(root, outfile, inputsFile)) await build(root, entry, name, outfile, inputsFile);
  return outfile;
}

/**
 * @param {string} root
 * @param {string} outfile
 * @param {string} inputsFile
 */
function isFresh(root, outfile, inputsFile) {
  if (!existsSync(outfile) || !existsSync(inputsFile)) return false;
  const builtAt = statSync(outfile).mtimeMs;
  /** @type {string[]} */
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  // A new source file can only enter the bundle through an edit of one already in it.
  return [builder, ...inputs.map((input) => path.join(root, input))].every(
    (input) => existsSync(input) && statSync(input).mtimeMs < builtAt,
  );
}

/**
 * @param {string} root
 * @param {string} entry
 * @param {string} name
 * @param {string} outfile
 * @param {string} inputsFile
 */
async function build(root, entry, name, outfile, inputsFile) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    // Split: without it esbuild inlines what `import()` loads, and hoists its packages' imports to
    // the top of the one file, so every CLI command loaded all of them (kysely, Fastify, PGlite…)
    // before commander parsed (ADR 0014). Chunks sit in dist/ itself, as the entry does, because
    // src/project-paths.ts finds the root from its module's URL, whichever file it lands in.
    // Their names hash their content: a rebuild never changes a chunk a running process may
    // still load.
    splitting: true,
    outdir: path.dirname(outfile),
    entryNames: name,
    chunkNames: `${name}-chunk-[hash]`,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  await mkdir(path.dirname(outfile), { recursive: true });
  // Written aside and renamed: processes that start at once (tests, a server and its CLI) never
  // import a half-written bundle. The entry (and its map) last: its chunks are in place first.
  const suffix = `.${process.pid}.tmp`;
  const isEntry = (/** @type {{ path: string }} */ file) =>
    file.path === outfile || file.path === `${outfile}.map` ? 1 : 0;
  const files = [...result.outputFiles].sort((a, b) => isEntry(a) - isEntry(b));
  for (const file of files) {
    writeFileSync(file.path + suffix, file.contents);
    renameSync(file.path + suffix, file.path);
  }
  writeFileSync(inputsFile + suffix, JSON.stringify(Object.keys(result.metafile.inputs)));
  renameSync(inputsFile + suffix, inputsFile);
  // Chunks of older builds pile up in dist/ (one set per edit). They are kept for a day after a
  // build stops using them, for processes still running an older build (prune-chunks.mjs).
  try {
    pruneChunks(path.dirname(outfile), name, new Set(files.map((file) => path.basename(file.path))));
  } catch {
    // Housekeeping only: the bundle is built, and runs, whether or not old chunks could go.
  }
}
