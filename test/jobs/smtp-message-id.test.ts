// Email delivery is at least once (ADR 0002): a worker stopped between the send and the mark, or a
// server that took the message without answering, sends it again. Every attempt of one outbox row
// carries the same Message-ID, so a receiving server (or the reader's client) can drop the copy.
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smtpTransport } from '../../src/services/email/mail-transport.ts';

/** An SMTP server that answers every command and keeps each message it is given. */
let server: Server;
let url = '';
const messages: string[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write('220 sink\r\n');
    let buffer = '';
    let message: string[] | null = null;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (message) {
          if (line !== '.') {
            message.push(line);
            continue;
          }
          messages.push(message.join('\n'));
          message = null;
          socket.write('250 queued\r\n');
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO') socket.write('250-sink\r\n250 8BITMIME\r\n');
        else if (command === 'DATA') {
          message = [];
          socket.write('354 go on\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  url = `smtp://127.0.0.1:${address.port}`;
});

afterAll(() => {
  server.close();
});

function messageId(message: string | undefined): string | undefined {
  return /^Message-ID: (.*)$/im.exec(message ?? '')?.[1];
}

it('sends every attempt of one outbox row with the same Message-ID, made from its id', async () => {
  const transport = smtpTransport({ url, from: 'Wholesale Hub <no-reply@hub.example>' });
  const mail = {
    id: '0b6c3f0e-8f4e-4a5e-9d43-1f2a7c9e5b11',
    to: 'anna@devries.example',
    subject: 'Hi',
    text: 'Hello',
  };
  await transport.send(mail);
  await transport.send(mail);
  await transport.send({ ...mail, id: '7d1e2a40-5c1b-4f7e-8a0d-3b9f6e2c4d88' });
  expect(messages.map(messageId)).toEqual([
    '<0b6c3f0e-8f4e-4a5e-9d43-1f2a7c9e5b11@hub.example>',
    '<0b6c3f0e-8f4e-4a5e-9d43-1f2a7c9e5b11@hub.example>',
    '<7d1e2a40-5c1b-4f7e-8a0d-3b9f6e2c4d88@hub.example>',
  ]);
});
