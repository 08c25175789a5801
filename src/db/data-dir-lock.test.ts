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
    expect(readFileSync(`${dataDir}.lock`, 'utf8').split('\n')[0]).toBe(String(process.pid));
    // A second handle, even in this process, would corrupt the data dir just the same.
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUse);
    expect(() => lockDataDir(dataDir)).toThrow(`in use by another process (pid ${process.pid}`);
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
    expect(readFileSync(`${dataDir}.lock`, 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('refuses a lock held by a live process', () => {
    // The parent of the test process is alive and is not this process.
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(`(pid ${process.ppid})`);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.ppid));
  });

  it.each([
    // A worker or another command has no server to send commands to: only "stop it" helps.
    { command: 'hub worker', names: '(pid PID: hub worker). Stop it first.', server: false },
    { command: 'hub users import', names: '(pid PID: hub users import). Stop it first.', server: false },
    { command: 'hub serve', names: '(pid PID: hub serve).', server: true },
    // A lock written before the command was recorded: as before, both ways out.
    { command: null, names: '(pid PID).', server: true },
  ])('names the command that holds it ($command)', ({ command, names, server }) => {
    writeFileSync(`${dataDir}.lock`, command === null ? String(process.ppid) : `${process.ppid}\n${command}`);
    const refusal = (() => {
      try {
        lockDataDir(dataDir);
      } catch (error) {
        return error as DataDirInUse;
      }
      throw new Error('the lock was taken');
    })();
    expect(refusal.message).toContain(names.replace('PID', String(process.ppid)));
    expect(refusal.message.includes('the running server')).toBe(server);
  });

  it('records the hub command that holds it, without its options', () => {
    const argv = process.argv;
    process.argv = ['/usr/bin/node', '/srv/hub/dist/hub.mjs', 'users', 'import', '--customer', 'C', 'f.csv'];
    try {
      const lock = lockDataDir(dataDir);
      expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\nhub users import`);
      lock.release();
    } finally {
      process.argv = argv;
    }
  });

  it("leaves another process's lock alone when released late", () => {
    const lock = lockDataDir(dataDir);
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    lock.release();
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.ppid));
  });
});
