// bin/hub runs a bundle of the TypeScript (scripts/bundle.mjs, ADR 0014): it must be rebuilt when
// any source it was built from changes, and only then.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_BIN } from '../../bench/hub-node-flags.ts';
import { ensureBundle } from '../../scripts/bundle.mjs';

const run = (file: string): string => execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim();

describe('ensureBundle', () => {
  let root = '';
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function project(): Promise<string> {
    root = await mkdtemp(path.join(tmpdir(), 'hub-bundle-'));
    await mkdir(path.join(root, 'src'));
    await writeFile(
      path.join(root, 'src/main.ts'),
      "import { greeting } from './greeting.ts';\nconsole.log(greeting);\n",
    );
    await writeFile(path.join(root, 'src/greeting.ts'), "export const greeting: string = 'hello';\n");
    return root;
  }

  it('builds once, runs without tsx, and rebuilds when an imported file changes', async () => {
    await project();
    const bundle = await ensureBundle('src/main.ts', 'app', root);
    expect(bundle).toBe(path.join(root, 'dist/app.mjs'));
    expect(run(bundle)).toBe('hello');
    expect(JSON.parse(readFileSync(`${bundle}.inputs.json`, 'utf8'))).toEqual([
      'src/greeting.ts',
      'src/main.ts',
    ]);

    const builtAt = statSync(bundle).mtimeMs;
    await ensureBundle('src/main.ts', 'app', root);
    expect(statSync(bundle).mtimeMs).toBe(builtAt);

    const greeting = path.join(root, 'src/greeting.ts');
    await writeFile(greeting, "export const greeting: string = 'hallo';\n");
    const later = new Date(builtAt + 2000);
    await utimes(greeting, later, later);
    await ensureBundle('src/main.ts', 'app', root);
    expect(run(bundle)).toBe('hallo');
  });

  it('rebuilds when a file it was built from is gone, and reports a broken import', async () => {
    await project();
    await ensureBundle('src/main.ts', 'app', root);
    await rm(path.join(root, 'src/greeting.ts'));
    await expect(ensureBundle('src/main.ts', 'app', root)).rejects.toThrow(/greeting/);
  });
});

describe('bin/hub', () => {
  it('runs the CLI from dist/hub.mjs, fresh against src/', () => {
    const output = execFileSync(HUB_BIN, ['--help'], { encoding: 'utf8' });
    expect(output).toContain('Usage: hub');
    const bundle = path.join(path.dirname(HUB_BIN), '..', 'dist', 'hub.mjs');
    expect(existsSync(bundle)).toBe(true);
    const inputs = JSON.parse(readFileSync(`${bundle}.inputs.json`, 'utf8')) as string[];
    expect(inputs).toContain('src/cli/main.ts');
    expect(inputs).toContain('src/project-paths.ts');
  });

  it('prints the version of package.json, also from the bundle', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(path.dirname(HUB_BIN), '..', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(execFileSync(HUB_BIN, ['--version'], { encoding: 'utf8' }).trim()).toBe(manifest.version);
  });
});
