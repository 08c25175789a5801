import { describe, expect, it } from 'vitest';
import { retryingDeadlocks } from './db-errors.ts';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('retryingDeadlocks', () => {
  it.each(['40P01', '40001'])('runs the transaction again after %s and answers its result', async (code) => {
    let runs = 0;
    const result = await retryingDeadlocks(async () => {
      runs += 1;
      if (runs === 1) throw failure(code);
      return 'done';
    });
    expect([result, runs]).toEqual(['done', 2]);
  });

  it('gives up after the attempts, with the last error', async () => {
    let runs = 0;
    await expect(
      retryingDeadlocks(async () => {
        runs += 1;
        throw failure('40P01');
      }, 3),
    ).rejects.toThrow('40P01');
    expect(runs).toBe(3);
  });

  it('does not run again after any other error', async () => {
    let runs = 0;
    await expect(
      retryingDeadlocks(async () => {
        runs += 1;
        throw failure('23505');
      }),
    ).rejects.toThrow('23505');
    expect(runs).toBe(1);
  });
});
