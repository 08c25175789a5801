import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUse, lockDataDir } from './data-dir-lock.ts';

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('lockDataDir', () => {
  let root: string;
  let dataDir: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'hub-lock-'));
    dataDir = path.join(root, 'pglite');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('holds the data dir for this process until released', () => {
    const lock = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    // A second handle, even in this process, would corrupt the data dir just the same.
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUse);
    expect(() => lockDataDir(dataDir)).toThrow(`in use by another process (pid ${process.pid})`);
    lock.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    lockDataDir(dataDir).release();
  });

  it.each([
    ['a process that is gone', () => String(deadPid())],
    ['no pid at all', () => 'garbage'],
    ['nothing', () => ''],
  ])('takes over a lock left by %s', (_case, content) => {
    writeFileSync(`${dataDir}.lock`, content());
    const lock = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('refuses a lock held by a live process', () => {
    // The parent of the test process is alive and is not this process.
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(`(pid ${process.ppid})`);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.ppid));
  });

  it("leaves another process's lock alone when released late", () => {
    const lock = lockDataDir(dataDir);
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    lock.release();
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.ppid));
  });
});
