// Which failures of a job are a lost database connection (released, no attempt used) and which
// are its own (an attempt used, as before), table-driven.
import { describe, expect, it } from 'vitest';
import { isDatabaseConnectionLost } from './connection-loss.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseConnectionLost', () => {
  it.each([
    [
      'server stopped (pg_ctl stop -m fast)',
      withCode('57P01', 'terminating connection due to administrator command'),
      true,
    ],
    ['server crashed', withCode('57P02'), true],
    ['server starting', withCode('57P03', 'the database system is starting up'), true],
    ['connection failure class 08', withCode('08006'), true],
    ['refused', withCode('ECONNREFUSED'), true],
    ['reset', withCode('ECONNRESET'), true],
    ['broken pipe', withCode('EPIPE'), true],
    ['pg words', new Error('Connection terminated unexpectedly'), true],
    ['refused on every address', new AggregateError([withCode('ECONNREFUSED')]), true],
    ['wrapped', new Error('import failed', { cause: withCode('57P01') }), true],
    ['statement timeout', withCode('57014'), false],
    ['lock timeout', withCode('55P03'), false],
    ['deadlock', withCode('40P01'), false],
    ['disk full', withCode('53100'), false],
    ['unique violation', withCode('23505'), false],
    ['a plain error', new Error('boom'), false],
    ['not an error', 'Connection terminated', false],
  ] as const)('%s', (_case, error, lost) => {
    expect(isDatabaseConnectionLost(error)).toBe(lost);
  });
});
