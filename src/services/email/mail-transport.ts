// SMTP is the process edge: the deliver-email job sends through whatever transport the process
// configured (nodemailer from config.smtp), and tests put a fake in its place. Without a
// transport the outbox rows are kept as `stored` (readable, e.g. by an operator or the tests).
import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

export interface OutgoingMail {
  /**
   * The outbox row's id: the Message-ID is made from it, the same at every attempt, so that a
   * receiving server can drop the copy a re-send delivers (delivery is at least once, ADR 0002).
   */
  readonly id?: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailTransport {
  /** `signal`: aborted when the worker stops; the send then ends at once (rejects). */
  send(mail: OutgoingMail, signal?: AbortSignal): Promise<void>;
}

let current: MailTransport | null = null;

/** Called once by the composition root (and by tests); null stores mail without sending it. */
export function setMailTransport(transport: MailTransport | null): void {
  current = transport;
}

export function mailTransport(): MailTransport | null {
  return current;
}

/**
 * How long the SMTP server gets to accept the connection, to greet, and to answer each command
 * (the message's end included). nodemailer waits 2 min, 30 s and 10 min: a server that took the
 * message and never answered held a worker for 10 minutes per email, and every worker with it.
 * A query parameter of SMTP_URL (e.g. `?socketTimeout=60000`) overrides one (nodemailer's names).
 */
export const SMTP_TIMEOUT_MS = 30_000;

/** `<outbox-id@domain of SMTP_FROM>`: the from address's domain is one the sender may speak for. */
export function stableMessageId(outboxId: string, from: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'wholesale-hub.local';
  return `<${outboxId}@${domain}>`;
}

export function smtpTransport(smtp: { url: string; from: string; timeoutMs?: number }): MailTransport {
  const timeoutMs = smtp.timeoutMs ?? SMTP_TIMEOUT_MS;
  const options: SMTPTransport.Options = {
    url: smtp.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
  return {
    async send(mail, signal) {
      signal?.throwIfAborted();
      // The socket of this send, so that a stopping worker can end it: nodemailer has no way to
      // cancel a send, and a socket left waiting would hold the process up to socketTimeout.
      let socket: Socket | null = null;
      const transporter = nodemailer.createTransport(
        new SMTPTransport({
          ...options,
          getSocket: (socketOptions, callback) => {
            const port = Number(socketOptions.port) || 587;
            // smtps:// (and port 465) starts with TLS, which nodemailer does only on a socket it
            // opens itself, as it does through a proxy: those sends end at the timeouts alone.
            if (socketOptions.secure || port === 465 || ('proxy' in socketOptions && socketOptions.proxy))
              return callback(null, false);
            socket = connect({ host: socketOptions.host ?? 'localhost', port });
            callback(null, { connection: socket });
          },
        }),
      );
      const sending = transporter.sendMail({
        from: smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.id ? { messageId: stableMessageId(mail.id, smtp.from) } : {}),
      });
      if (!signal) {
        await sending;
        return;
      }
      const aborted = new Promise<never>((_resolve, reject) => {
        const onAbort = () => {
          socket?.destroy();
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        void sending.finally(() => signal.removeEventListener('abort', onAbort)).catch(() => undefined);
      });
      await Promise.race([sending, aborted]);
    },
  };
}
