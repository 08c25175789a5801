// Starting against a PostgreSQL server that is not there: the start stops with one error naming
// the server (host:port, password hidden). The pool's "connection lost … reconnects" warning came
// first, telling the operator of an outage and a reconnect for a database never reached.
import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';

it('says the database could not be used, with no "connection lost" line', async () => {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({
    DATABASE_URL: 'postgres://hub:hunter2-db@127.0.0.1:1/hub',
    HUB_DATA_DIR: '/tmp/hub-unreachable-database-unused',
    LOG_LEVEL: 'info',
  });
  const failure = await openRuntime(config, pino({ level: 'info' }, stream)).then(
    () => null,
    (error: unknown) => error as Error,
  );
  expect(failure?.message).toMatch(
    /^Cannot use the PostgreSQL database of DATABASE_URL=\S*127\.0\.0\.1:1\S*: connect ECONNREFUSED/,
  );
  expect(failure?.message).not.toContain('hunter2');
  expect(written.join('')).not.toContain('connection lost');
});
