// @ts-check
// Compiles an entry point and the TypeScript it imports into one ES module under dist/ with
// esbuild (packages stay in node_modules), and rebuilds it only when a source it was built from
// changed. bin/hub runs the server, worker and CLI from this bundle, not through tsx: tsx's loader
// holds ~55 MB per process (ADR 0014), which is a fifth of the memory budget of SPEC §11.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

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
  if (!isFresh(root, outfile, inputsFile)) await build(root, entry, outfile, inputsFile);
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
 * @param {string} outfile
 * @param {string} inputsFile
 */
async function build(root, entry, outfile, inputsFile) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
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
  // import a half-written bundle.
  const suffix = `.${process.pid}.tmp`;
  for (const file of result.outputFiles) {
    writeFileSync(file.path + suffix, file.contents);
    renameSync(file.path + suffix, file.path);
  }
  writeFileSync(inputsFile + suffix, JSON.stringify(Object.keys(result.metafile.inputs)));
  renameSync(inputsFile + suffix, inputsFile);
}
