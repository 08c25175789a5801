// Every `hub` command loads every command file: those import the services, the database and the
// job worker where an action runs, not at their top (ADR 0014). Imported at the top, kysely,
// Fastify, PGlite, libphonenumber… took ~0.7 s of CPU and 140 MB before commander even parsed.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle } from '../../scripts/bundle.mjs';

/** Packages only an action needs: a command's help and parsing must not load them. */
const ACTION_ONLY = [
  'kysely',
  'pg',
  '@electric-sql/pglite',
  'fastify',
  'pino',
  'libphonenumber-js/max',
  '@node-rs/argon2',
  'nodemailer',
  'prom-client',
  'csv-parse',
];

// Reports on stderr each package the bundle (not a package) imports.
const HOOK = `
export async function resolve(specifier, context, next) {
  const bare = !/^(\\.|\\/|node:|file:|data:)/.test(specifier);
  if (bare && context.parentURL && !context.parentURL.includes('/node_modules/'))
    process._rawDebug('package-import ' + specifier);
  return next(specifier, context);
}
`;

describe('the packages a hub command loads before its action', () => {
  let dir = '';
  let bundle = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hub-startup-'));
    await writeFile(path.join(dir, 'hook.mjs'), HOOK);
    await writeFile(
      path.join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hook.mjs')).href)});\n`,
    );
    bundle = await ensureBundle('src/cli/main.ts', 'hub');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function packagesLoadedBy(args: string[]): string[] {
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: path.join(dir, 'data') };
    delete env.DATABASE_URL;
    const run = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href, bundle, ...args],
      { encoding: 'utf8', env },
    );
    expect(run.status).toBe(0);
    const output = run.stderr;
    return [...output.matchAll(/^package-import (\S+)$/gm)].map((match) => match[1] ?? '');
  }

  it.each([
    [['--help']],
    [['customers', 'list', '--help']],
    [['users', 'import', '--help']],
    [['serve', '--help']],
  ])('hub %s loads commander, not the packages of the actions', (args) => {
    const loaded = packagesLoadedBy(args);
    expect(loaded).toContain('commander');
    expect(loaded.filter((name) => ACTION_ONLY.includes(name))).toEqual([]);
  });
});
