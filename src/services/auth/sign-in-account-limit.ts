// The per-account sign-in limit (ADR 0082), next to the per-IP one (ADR 0056): failed sign-ins
// are counted per email address, whatever IP they come from, so a guesser rotating addresses
// against one account is slowed as much as one guessing from a single address. It counts in the
// shared rate_limit_hits table, so every app node sees one count, and each attempt takes its slot
// before the password is checked: attempts sent at the same moment cannot all slip under the
// limit. Emails without an account count alike, so the 429 tells nothing about which exist.
import { AppError } from '../../domain/errors.ts';
import { countHit } from '../../db/repositories/rate-limit-hits.ts';
import { forgetHits } from '../../db/repositories/rate-limit-hit-reset.ts';
import type { Executor } from '../context.ts';
import { hashToken } from './secrets.ts';

export interface SignInAccountLimit {
  /** Failed sign-ins for one email in a window; the next attempts answer 429 until it ends. */
  readonly maxFailures: number;
  readonly windowMinutes: number;
}

export class SignInAccountLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', {
      en: 'Too many failed sign-ins for this email address. Try again later.',
      nl: 'Te veel mislukte aanmeldingen voor dit e-mailadres. Probeer het later opnieuw.',
    });
  }
}

/**
 * The counter's key: the email as sign-in matches it (trimmed, lower case), hashed so the table
 * holds no address in the clear.
 */
export function signInAccountKey(email: string): string {
  return `sign-in-account:${hashToken(email.trim().toLowerCase())}`;
}

/**
 * Counts a sign-in attempt for `email` and refuses it (429) once the window holds more than
 * `maxFailures` attempts. Call it before anything about the account is looked up or verified: a
 * refused attempt then costs one statement, and takes as long whether or not the account exists.
 * The window is fixed from its first attempt; attempts during a refusal do not extend it.
 */
export async function countSignInAttempt(
  executor: Executor,
  email: string,
  limit: SignInAccountLimit,
): Promise<void> {
  const { hits, ttlMs } = await countHit(executor, signInAccountKey(email), limit.windowMinutes * 60_000);
  if (hits > limit.maxFailures) throw new SignInAccountLimited(Math.max(1, Math.ceil(ttlMs / 1000)));
}

/** A successful sign-in: the attempts before it were the owner's, not a guesser's. */
export async function forgetSignInFailures(executor: Executor, email: string): Promise<void> {
  await forgetHits(executor, signInAccountKey(email));
}
