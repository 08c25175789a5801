// Passwords are hashed with argon2id (@node-rs/argon2: a prebuilt binary, ~17 ms a hash here).
import { hash, verify } from '@node-rs/argon2';
import { validationFailed } from '../../domain/errors.ts';

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

export function checkPasswordStrength(password: string): void {
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
}
