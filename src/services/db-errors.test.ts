import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, retryingDeadlocks } from './db-errors.ts';

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

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', failure('ECONNREFUSED'), true],
    ['a connection exception (class 08)', failure('08006'), true],
    ['too many connections', failure('53300'), true],
    ['a server shutting down', failure('57P01'), true],
    ["the operator's statement_timeout", failure('57014'), true],
    ["the operator's lock_timeout", failure('55P03'), true],
    ['a deadlock that outlived its retries', failure('40P01'), true],
    ['both addresses of localhost refused', new AggregateError([failure('ECONNREFUSED')]), true],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly'), true],
    ['a unique violation', failure('23505'), false],
    ['a syntax error (our bug)', failure('42601'), false],
    ['a missing table (our bug)', failure('42P01'), false],
    ['an error without a code', new Error('boom'), false],
    ['not an error', 'text', false],
  ])('%s', (_name, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
