// A tiny SMTP server for the browser tests: the hub under test sends its outbox through SMTP_URL
// to it, so a test reads an invite the way a person would, from the mail. Just enough SMTP for
// nodemailer (no TLS, no auth); the messages are single-part text, as the hub sends them.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

export interface CapturedMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

export interface MailSink {
  readonly url: string;
  readonly mails: readonly CapturedMail[];
  /** The first mail (already received or still to come) that `matches`; fails after `timeoutMs`. */
  waitFor(matches: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

/** Quoted-printable to bytes (one char a byte, like the socket's latin1). */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Headers and the decoded body of one message as it came after DATA, read as latin1 (one char a
 * byte) so that decoding the body's UTF-8 stays exact whatever the transfer encoding.
 */
export function parseMessage(raw: string, to: readonly string[]): CapturedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    encoding === 'quoted-printable'
      ? Buffer.from(decodeQuotedPrintable(body), 'latin1')
      : encoding === 'base64'
        ? Buffer.from(body, 'base64')
        : Buffer.from(body, 'latin1');
  const text = bytes.toString('utf8');
  return { to, subject: headers.get('subject') ?? '', text: text.replace(/\r\n/g, '\n') };
}

function serveSession(socket: Socket, received: (mail: CapturedMail) => void): void {
  let buffer = '';
  let inData = false;
  let data: string[] = [];
  let recipients: string[] = [];
  const reply = (line: string) => socket.write(`${line}\r\n`);
  const handle = (line: string) => {
    if (inData) {
      if (line === '.') {
        inData = false;
        received(parseMessage(data.join('\r\n'), recipients));
        data = [];
        recipients = [];
        reply('250 OK');
      } else {
        data.push(line.startsWith('..') ? line.slice(1) : line);
      }
      return;
    }
    const command = line.slice(0, 4).toUpperCase();
    if (command === 'EHLO' || command === 'HELO') reply('250 e2e-mail-sink');
    else if (command === 'RCPT') {
      recipients.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
      reply('250 OK');
    } else if (command === 'DATA') {
      inData = true;
      reply('354 End data with <CR><LF>.<CR><LF>');
    } else if (command === 'QUIT') {
      reply('221 Bye');
      socket.end();
    } else reply('250 OK');
  };
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      handle(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  });
  socket.on('error', () => undefined);
  reply('220 e2e-mail-sink ESMTP');
}

export async function startMailSink(): Promise<MailSink> {
  const mails: CapturedMail[] = [];
  const waiting: { matches: (mail: CapturedMail) => boolean; resolve: (mail: CapturedMail) => void }[] = [];
  const sockets = new Set<Socket>();
  const received = (mail: CapturedMail) => {
    mails.push(mail);
    for (const waiter of waiting.filter((candidate) => candidate.matches(mail))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(mail);
    }
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveSession(socket, received);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor: (matches, timeoutMs = 30_000) => {
      const found = mails.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          matches,
          resolve: (mail: CapturedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        // A bound, so a mail that never comes fails with what did come instead of hanging.
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          const seen = mails.map((mail) => `${mail.to.join(',')}: ${mail.subject}`).join('\n');
          reject(new Error(`no matching mail; received:\n${seen || '(none)'}`));
        }, timeoutMs);
        waiting.push(waiter);
      });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
