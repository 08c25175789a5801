// bin/hub bounds Node's heap (ADR 0013). `npm start` runs it as `node … bin/hub`, which ignores
// the first line, so it repeats the flags: they must stay the same, and Node must accept them.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_BIN, hubNodeFlags } from '../../bench/hub-node-flags.ts';

const root = path.join(path.dirname(HUB_BIN), '..');

describe('bin/hub node flags', () => {
  it('bounds the heap, and npm start uses the same flags', () => {
    const flags = hubNodeFlags();
    expect(flags).toContain('--max-old-space-size=256');
    const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toContain(`node ${flags.join(' ')} bin/hub serve`);
  });

  it('starts bin/hub itself with a heap limit near those flags', async () => {
    // The kernel runs the first line when the file is executed (not `node bin/hub`); a preloaded
    // script reports the heap limit of that very process.
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-flags-'));
    const probe = path.join(dir, 'heap-limit.cjs');
    await writeFile(
      probe,
      'process.stderr.write(`heap-limit-mb=${require("v8").getHeapStatistics().heap_size_limit / 1048576}\\n`);',
    );
    try {
      const run = spawnSync(HUB_BIN, ['--help'], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: `--require ${probe}` },
      });
      expect(run.status).toBe(0);
      const limitMB = Number(/heap-limit-mb=([\d.]+)/.exec(run.stderr)?.[1]);
      expect(limitMB).toBeGreaterThan(200);
      expect(limitMB).toBeLessThan(400);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
