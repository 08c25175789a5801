// `hub serve` on the embedded database logged its CLI listener as Fastify logs any: "Server listening
// at http://127.0.0.1:46605", beside the main app's "Server listening at …:3000" lines. An operator
// reading the start-up log saw an unexplained third address on a random port. The line now says
// what the listener is for and that it is on loopback only (ADR 0081, docs/operations.md).
import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { startCliListener } from '../../src/cli/cli-listener.ts';
import { EXIT_OK } from '../../src/cli/exit-codes.ts';

it('logs the CLI listener as the CLI commands listener on loopback, not as "Server listening"', async () => {
  const messages: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        messages.push((JSON.parse(line) as { msg: string }).msg);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const listener = await startCliListener({ cliSecret: 'secret', logger, run: async () => EXIT_OK });
  await listener.close();
  const listening = messages.filter((message) => message.includes(listener.url));
  expect(listening).toEqual([
    `Listening for bin/hub's CLI commands at ${listener.url} (this machine only; not the API)`,
  ]);
  expect(messages.filter((message) => message.startsWith('Server listening'))).toEqual([]);
});
