// Passwords are hashed with argon2id (@node-rs/argon2: a prebuilt binary, ~17 ms a hash here).
// A new password needs at least MIN_PASSWORD_LENGTH characters and must not be a common one.
import { hash, verify } from '@node-rs/argon2';
import { validationFailed } from '../../domain/errors.ts';
import { isCommonPassword } from './guessable-passwords.ts';

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Refuses (400, field `password`) a new password that is too short or commonly used. */
export async function checkPasswordStrength(password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw validationFailed([
      {
        code: 'password_too_short',
        field: 'password',
        description: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
        descriptionNl: `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens nodig.`,
      },
    ]);
  }
  if (await isCommonPassword(password)) {
    throw validationFailed([
      {
        code: 'password_too_common',
        field: 'password',
        description:
          'This password is too common or too easy to guess. Choose another one, e.g. a few unrelated words.',
        descriptionNl:
          'Dit wachtwoord is te gangbaar of te makkelijk te raden. Kies een ander, bijvoorbeeld een paar losse woorden.',
      },
    ]);
  }
}
