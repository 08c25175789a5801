// The per-recipient limit on emails nobody signed in asked for (ADR 0002, 2026-11-27): sign-up
// verification links and password-reset links. Their requests are public and limited per IP only,
// so without it anyone could make the hub mail one address hundreds of times an hour. One budget
// per address for both kinds: at most one email per `cooldownMinutes` and `perDay` a day.
//
// It counts in the shared rate_limit_hits table (ADR 0056, 0082), so every app node and worker
// sees one count, and the flows take their slot in the transaction that writes the link and the
// email: a rolled-back send gives its slot back, and two jobs for one address at once queue on the
// counter's row. The limit is applied by the jobs, never the requests, so the HTTP answer (text
// and timing) is the same whether the email went out or not.
import type { Logger } from 'pino';
import { countHit } from '../../db/repositories/rate-limit-hits.ts';
import { scrubLogLine } from '../../log-scrubbing.ts';
import { hashToken } from '../auth/secrets.ts';
import type { Executor } from '../context.ts';

export interface RecipientEmailLimit {
  /** Minutes after an email before the same address gets the next one. */
  readonly cooldownMinutes: number;
  /** Emails to one address in 24 hours (counted from the first). */
  readonly perDay: number;
}

/** The defaults of RATE_LIMIT_EMAIL_COOLDOWN_MINUTES and RATE_LIMIT_EMAIL_PER_RECIPIENT_PER_DAY. */
export const DEFAULT_RECIPIENT_EMAIL_LIMIT: RecipientEmailLimit = { cooldownMinutes: 5, perDay: 5 };

let configured: RecipientEmailLimit = DEFAULT_RECIPIENT_EMAIL_LIMIT;

/** Set once at start-up from the environment (the jobs that send run in the server or `hub worker`). */
export function configureRecipientEmailLimit(limit: RecipientEmailLimit): void {
  configured = limit;
}

export function recipientEmailLimit(): RecipientEmailLimit {
  return configured;
}

/** A send the limit held back: what the job logs for operators (the address masked). */
export interface SuppressedEmail {
  readonly template: string;
  readonly recipient: string;
  readonly reason: 'cooldown' | 'daily_limit';
  readonly retryAfterSeconds: number;
}

function recipientHash(address: string): string {
  return hashToken(address.trim().toLowerCase());
}

/**
 * The counters' keys, hashed so the table holds no address in the clear (as ADR 0082's). Exported
 * for tests, which end a window by moving its `window_ends_at` into the past.
 */
export function recipientEmailKeys(address: string): { cooldown: string; day: string } {
  const hash = recipientHash(address);
  return { cooldown: `email-recipient:${hash}`, day: `email-recipient-day:${hash}` };
}

/**
 * Takes the address's slot for one email, in the transaction that writes it. Answers undefined
 * when the email may go, else why not: call it only once the flow has decided to send, before it
 * writes (or voids) any link, so a held-back request changes nothing the recipient holds.
 * The day is counted only by sends the cooldown let through.
 */
export async function takeRecipientEmailSlot(
  trx: Executor,
  address: string,
  template: string,
  limit: RecipientEmailLimit = configured,
): Promise<SuppressedEmail | undefined> {
  const keys = recipientEmailKeys(address);
  const recipient = scrubLogLine(address.trim());
  const cooldown = await countHit(trx, keys.cooldown, limit.cooldownMinutes * 60_000);
  if (cooldown.hits > 1) {
    return { template, recipient, reason: 'cooldown', retryAfterSeconds: seconds(cooldown.ttlMs) };
  }
  const day = await countHit(trx, keys.day, 24 * 60 * 60_000);
  if (day.hits > limit.perDay) {
    return { template, recipient, reason: 'daily_limit', retryAfterSeconds: seconds(day.ttlMs) };
  }
  return undefined;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * The operator's trace of a held-back email: warn, as a sign of someone mailing an address over
 * and over (or of a person retrying too soon). The address is masked (`v***@mail.example`).
 */
export function logSuppressedEmail(logger: Pick<Logger, 'warn'>, suppressed: SuppressedEmail): void {
  logger.warn(
    { emailSuppressed: suppressed },
    `email not sent: ${suppressed.template} to ${suppressed.recipient} is over the per-recipient limit (${suppressed.reason})`,
  );
}
