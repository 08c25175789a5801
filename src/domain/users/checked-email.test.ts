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
});
