// SMTP is the process edge: the deliver-email job sends through whatever transport the process
// configured (nodemailer from config.smtp), and tests put a fake in its place. Without a
// transport the outbox rows are kept as `stored` (readable, e.g. by an operator or the tests).
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

let current: MailTransport | null = null;

/** Called once by the composition root (and by tests); null stores mail without sending it. */
export function setMailTransport(transport: MailTransport | null): void {
  current = transport;
}

export function mailTransport(): MailTransport | null {
  return current;
}

export function smtpTransport(smtp: { url: string; from: string }): MailTransport {
  const transporter = nodemailer.createTransport(smtp.url);
  return {
    async send(mail) {
      await transporter.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
