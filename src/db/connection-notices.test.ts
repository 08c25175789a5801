// The pool's connection notices are JSON log lines: one warning per outage however many clients
// it loses, one info line when a connection succeeds again; nothing while all is well.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { connectionNotices } from './connection-notices.ts';

function jsonLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('connectionNotices', () => {
  it.each([
    // [case, events, expected (level, msg) lines]
    ['all well', ['connected', 'connected'], []],
    [
      'one outage, many clients lost',
      ['connected', 'lost', 'lost', 'lost', 'connected', 'connected'],
      [
        [40, 'PostgreSQL connection lost: queries fail until it is back (the pool reconnects on next use)'],
        [30, 'PostgreSQL connection is back'],
      ],
    ],
    [
      'two outages',
      ['lost', 'connected', 'lost', 'lost', 'connected'],
      [
        [40, 'PostgreSQL connection lost: queries fail until it is back (the pool reconnects on next use)'],
        [30, 'PostgreSQL connection is back'],
        [40, 'PostgreSQL connection lost: queries fail until it is back (the pool reconnects on next use)'],
        [30, 'PostgreSQL connection is back'],
      ],
    ],
  ] as const)('%s', (_case, events, expected) => {
    const { logger, lines } = jsonLog();
    let clock = 1000;
    const notices = connectionNotices(logger, 'db.example:5432', () => clock);
    for (const event of events) {
      clock += 100;
      if (event === 'lost') notices.lost('Connection terminated unexpectedly');
      else notices.connected();
    }
    expect(lines.map((line) => [line.level, line.msg])).toEqual(expected);
  });

  it('names the server and the reason, and says how long and how many failures', () => {
    const { logger, lines } = jsonLog();
    let clock = 0;
    const notices = connectionNotices(logger, 'db.example:5432', () => clock);
    notices.lost('terminating connection due to administrator command');
    clock = 10_000;
    notices.lost('connect ECONNREFUSED 10.0.0.5:5432');
    notices.connected();
    expect(lines[0]).toMatchObject({
      database: 'db.example:5432',
      reason: 'terminating connection due to administrator command',
    });
    expect(lines[1]).toMatchObject({ database: 'db.example:5432', downMs: 10_000, connectionFailures: 2 });
  });
});
