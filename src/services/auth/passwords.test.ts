import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { checkPasswordStrength } from './passwords.ts';

async function refusal(password: string): Promise<string | null> {
  try {
    await checkPasswordStrength(password);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe('validation_failed');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]?.field).toBe('password');
    return error.details[0]?.code ?? null;
  }
}

describe('checkPasswordStrength', () => {
  it.each([
    // Too short comes first, common or not.
    ['', 'password_too_short'],
    ['123456', 'password_too_short'],
    ['xK9#mPq2v', 'password_too_short'],
    // Commonly used passwords of ten characters and more, and what people make of them.
    ['password123', 'password_too_common'],
    ['Password123!', 'password_too_common'],
    ['P@ssw0rd123', 'password_too_common'],
    ['1234567890', 'password_too_common'],
    ['qwertyuiop', 'password_too_common'],
    ['1qaz2wsx3edc', 'password_too_common'],
    ['iloveyou12', 'password_too_common'],
    ['letmein123', 'password_too_common'],
    ['welkom12345', 'password_too_common'],
    ['wachtwoord1', 'password_too_common'],
    ['passwordpassword', 'password_too_common'],
    ['aaaaaaaaaa', 'password_too_common'],
    ['abcdefghij', 'password_too_common'],
    // Accepted: random, or a few words (the passwords the tests and the e2e set).
    ['xK9#mPq2vL', null],
    ['correct horse battery', null],
    ['another long password', null],
    ['staple battery horse 42', null],
    ['a long enough password', null],
    ['a brand new password', null],
  ])('%j → %s', async (password, expected) => {
    expect(await refusal(password)).toBe(expected);
  });

  it('says why in English and Dutch', async () => {
    const error = await checkPasswordStrength('password123').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const [detail] = (error as AppError).details;
    expect(detail?.description).toMatch(/too common/);
    expect(detail?.descriptionNl).toMatch(/te gangbaar/);
  });
});
