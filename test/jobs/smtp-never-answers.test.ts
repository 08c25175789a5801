// A mail server that takes the connection (or the message) and then never answers held every
// worker: nodemailer waits 10 minutes for an answer, the deliver-email job did not listen to the
// worker's stop, and SIGTERM waited for it. A real SMTP client against a fake server on a socket.
import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { insertOutboxEmail } from '../../src/db/repositories/outbox.ts';
import { deliverEmailJob } from '../../src/jobs/definitions/deliver-email.job.ts';
import { defineJob } from '../../src/jobs/job-definition.ts';
import { enqueueJob, findJob } from '../../src/jobs/queue.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { DELIVER_EMAIL_JOB } from '../../src/services/email/email-service.ts';
import { setMailTransport, smtpTransport } from '../../src/services/email/mail-transport.ts';
import { z } from 'zod';
import { useTestDatabase } from '../helpers/database.ts';

const database = useTestDatabase();

/**
 * An SMTP server that greets and answers every command, then takes the message and never answers
 * its end ('.'), or (`silent`) never says a word at all.
 */
function hangingSmtpServer(mode: 'after-data' | 'silent') {
  const sockets = new Set<Socket>();
  let messageEnded: () => void = () => undefined;
  const messageReceived = new Promise<void>((resolve) => (messageEnded = resolve));
  const closed: Promise<void>[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    closed.push(once(socket, 'close').then(() => undefined));
    socket.on('error', () => undefined);
    if (mode === 'silent') return;
    socket.write('220 hanging\r\n');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') messageEnded();
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO') socket.write('250-hanging\r\n250 8BITMIME\r\n');
        else if (command === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
  return {
    async listen(): Promise<string> {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      return `smtp://127.0.0.1:${address.port}`;
    },
    messageReceived,
    connections: () => sockets.size,
    /** Resolves once every connection the server took has closed. */
    allClosed: () => Promise.all(closed),
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

const mail = { to: 'anna@devries.example', subject: 'Hello', text: 'Hi' };

describe('a mail server that never answers', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(() => setMailTransport(null));
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  for (const mode of ['after-data', 'silent'] as const) {
    it(`(${mode}) fails the send at the transport's timeout instead of waiting for minutes`, async () => {
      const server = hangingSmtpServer(mode);
      servers.push(server);
      const transport = smtpTransport({
        url: await server.listen(),
        from: 'hub@example.com',
        timeoutMs: 300,
      });
      await expect(transport.send(mail)).rejects.toThrow(/timeout/i);
      await server.allClosed();
    });
  }

  it('ends the send and its connection when the signal aborts', async () => {
    const server = hangingSmtpServer('after-data');
    servers.push(server);
    const transport = smtpTransport({ url: await server.listen(), from: 'hub@example.com' });
    const abort = new AbortController();
    const sending = transport.send(mail, abort.signal);
    await server.messageReceived;
    abort.abort(new Error('worker stopping'));
    await expect(sending).rejects.toThrow('worker stopping');
    await server.allClosed();
    expect(server.connections()).toBe(1);
  });

  it("a worker's stop ends the deliver-email job at once: released, attempt not used, row pending", async () => {
    const server = hangingSmtpServer('after-data');
    servers.push(server);
    setMailTransport(smtpTransport({ url: await server.listen(), from: 'hub@example.com' }));
    const { db } = database();
    const email = await insertOutboxEmail(db, {
      partnerId: null,
      customerId: null,
      to: mail.to,
      template: 'password_reset',
      subject: mail.subject,
      bodyText: mail.text,
    });
    const job = await enqueueJob(db, {
      kind: DELIVER_EMAIL_JOB,
      payload: { emailId: email.id },
      maxAttempts: 1,
    });
    const worker = startWorker({
      db,
      logger: pino({ level: 'silent' }),
      definitions: [deliverEmailJob],
      housekeepingIntervalMs: 0,
      // Far beyond the test's limit: the job itself must end when the worker stops.
      stopGraceMs: 3_600_000,
    });
    await server.messageReceived;
    await worker.stop();
    const stored = await findJob(db, job.id);
    expect({ status: stored?.status, attempts: stored?.attempts, lockedBy: stored?.locked_by }).toEqual({
      status: 'queued',
      attempts: 0,
      lockedBy: null,
    });
    // Its only attempt was not used up: the row was not marked failed.
    const row = await db
      .selectFrom('outbox_emails')
      .select('status')
      .where('id', '=', email.id)
      .executeTakeFirst();
    expect(row?.status).toBe('pending');
  });
});

describe("a worker's stop", () => {
  it('releases a job whose handler does not stop once the stop grace has passed', async () => {
    const { db } = database();
    let started: () => void = () => undefined;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const stuck = defineJob({
      kind: 'stuck-test',
      version: 1,
      payloadSchema: z.object({}),
      async handle() {
        started();
        // Ignores the signal: a step that never answers.
        await new Promise(() => undefined);
      },
    });
    const job = await enqueueJob(db, { kind: 'stuck-test', payload: {} });
    const worker = startWorker({
      db,
      logger: pino({ level: 'silent' }),
      definitions: [stuck],
      housekeepingIntervalMs: 0,
      stopGraceMs: 50,
    });
    await handlerStarted;
    await worker.stop();
    const stored = await findJob(db, job.id);
    expect({ status: stored?.status, attempts: stored?.attempts, lockedBy: stored?.locked_by }).toEqual({
      status: 'queued',
      attempts: 0,
      lockedBy: null,
    });
  });
});
