import { describe, expect, it } from 'vitest';
import { isDataDirPath } from './restore-archive-guard.ts';
import { describeLoadFailure } from './embedded-backup.ts';

describe('isDataDirPath: names a hub backup holds (relative to the data dir, one leading "/")', () => {
  it.each([
    ['/PG_VERSION', true],
    ['/base/1/1259', true],
    ['/pg_wal/000000010000000000000001', true],
    ['base/1/1259', true],
    ['/base/1/./1259', false],
    ['/../etc/passwd', false],
    ['/base/../../etc/passwd', false],
    ['..', false],
    ['//etc/passwd', false],
    ['/base//1', false],
    ['/', false],
    ['', false],
    ['/base\\..\\x', false],
  ])('%j → %s', (name, expected) => {
    expect(isDataDirPath(name)).toBe(expected);
  });
});

describe('describeLoadFailure: what PGlite threw, readable', () => {
  class ErrnoError {
    readonly name = 'ErrnoError';
    constructor(readonly errno?: number) {}
  }
  it.each([
    [new Error('Checksum check failed.'), 'Checksum check failed.'],
    [new RangeError(''), 'RangeError'],
    [new ErrnoError(51), 'ErrnoError 51 while writing the data dir'],
    [
      new ErrnoError(),
      'ErrnoError without a reason while writing the data dir (a file too large for it, or no space left)',
    ],
    ['a string', 'a string'],
    [undefined, 'it gave no reason'],
  ])('%o → %j', (error, expected) => {
    expect(describeLoadFailure(error)).toBe(expected);
  });
});
