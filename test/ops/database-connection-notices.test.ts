// The PostgreSQL client tells a lost connection in the app's JSON log, once per outage, and says
// when it is back: it wrote a plain-text `(node:PID) Warning: …` line per lost client to stderr
// (process.emitWarning), breaking the one-JSON-object-per-line rule of docs/operations.md § Logs.
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { createDatabaseBehindProxy, type DatabaseBehindProxy } from './database-behind-proxy.ts';

const target = inject('testDatabase');

describe.skipIf(target.kind !== 'postgres')('PostgreSQL connection notices', () => {
  let behindProxy: DatabaseBehindProxy | undefined;

  beforeAll(async () => {
    if (target.kind !== 'postgres') return;
    behindProxy = await createDatabaseBehindProxy(target);
  });

  afterAll(async () => {
    await behindProxy?.close();
  });

  it('writes one JSON warning when connections are lost and one info line when back, no process warning', async () => {
    if (!behindProxy) throw new Error('Only inside tests');
    const { proxy } = behindProxy;
    const url = new URL(behindProxy.proxiedUrl);
    const written: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const processWarnings: string[] = [];
    const onWarning = (warning: Error) => processWarnings.push(warning.message);
    process.on('warning', onWarning);
    const database = await openDatabase({
      kind: 'postgres',
      url: url.toString(),
      poolSize: 3,
      logger: pino({ level: 'info' }, stream),
    });
    try {
      // Three connections open, then all cut at once (a restart, a failover).
      await Promise.all(
        [1, 2, 3].map(() =>
          database.db.connection().execute((connection) => sql`select pg_sleep(0.05)`.execute(connection)),
        ),
      );
      await proxy.cut();
      await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
      await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
      await proxy.restore();
      // A client the cut broke may still be handed out once; the pool drops it when it fails.
      for (let tries = 1; ; tries += 1) {
        const answered = await sql`select 1`.execute(database.db).then(
          () => true,
          () => false,
        );
        if (answered) break;
        expect(tries).toBeLessThan(4);
      }
    } finally {
      await database.close();
      process.off('warning', onWarning);
    }
    const lines = written.map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [40, 'PostgreSQL connection lost: queries fail until it is back (the pool reconnects on next use)'],
      [30, 'PostgreSQL connection is back'],
    ]);
    expect(lines[0]).toMatchObject({ database: `127.0.0.1:${proxy.port}` });
    expect(processWarnings).toEqual([]);
  });
});
