// NIST SP 800-63B asks to refuse passwords found in lists of commonly used or compromised values.
// zxcvbn-ts with its common dictionaries (~49,000 leaked passwords, the diceware words, keyboard
// layouts) finds those, and the patterns people build from them: `Password123!`, `P@ssw0rd123`,
// `qwertyuiop`, `aaaaaaaaaa`. Loading and indexing the dictionaries takes most of a second, so it
// happens on the first check, not at start-up; later checks take milliseconds.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * zxcvbn's score 0 and 1: found within about a million guesses (a common password, or one made
 * from a common word and a trivial suffix). From 2 on the password takes more than a guesser
 * working through the lists of common passwords would try.
 */
export const LOWEST_ACCEPTED_SCORE = 2;

let estimator: Promise<ZxcvbnFactory> | undefined;

async function loadEstimator(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory: Factory }, common] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
  ]);
  return new Factory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
}

/** Whether the password is a commonly used one, or guessed as quickly (zxcvbn score below 2). */
export async function isCommonPassword(password: string): Promise<boolean> {
  estimator ??= loadEstimator().catch((error: unknown) => {
    estimator = undefined; // a failed load is tried again by the next check
    throw error;
  });
  return (await estimator).check(password).score < LOWEST_ACCEPTED_SCORE;
}
