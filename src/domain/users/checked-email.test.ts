import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { checkedEmail } from './checked-email.ts';

describe('checkedEmail', () => {
  it.each([
    ['Ann@Example.com', 'ann@example.com'],
    ['  ann@example.com\t', 'ann@example.com'],
  ])('normalizes %j to %j', (raw, expected) => {
    expect(checkedEmail(raw)).toBe(expected);
  });

  it.each(['', 'ann', 'ann@', 'ann@example', 'a b@example.com', `${'a'.repeat(65)}@example.com`])(
    'refuses %j with invalid_email quoting it as sent, in English and Dutch',
    (raw) => {
      let thrown: unknown;
      try {
        checkedEmail(raw);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({
        code: 'validation_failed',
        details: [
          {
            code: 'invalid_email',
            field: 'email',
            description: `"${raw}" is not a valid email address.`,
            descriptionNl: `"${raw}" is geen geldig e-mailadres.`,
          },
        ],
      });
    },
  );

  it.each(['a\u200b@x.nl', 'ＡＢＣ@x.nl'])(
    'refuses the look-alike %j for a new address, takes it as a stored one',
    (raw) => {
      expect(() => checkedEmail(raw)).toThrow(AppError);
      expect(checkedEmail(raw, { stored: true })).toBe(raw.toLowerCase());
    },
  );

  it.each(['ann', 'a b@example.com', 'a\u200b@x'])(
    'refuses %j also as a stored address: it is no address at all',
    (raw) => {
      expect(() => checkedEmail(raw, { stored: true })).toThrow(AppError);
    },
  );
});
