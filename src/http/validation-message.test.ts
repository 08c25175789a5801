// Request validation texts follow the request's language: zod's own Dutch where zod wrote the
// English text, our Dutch for the messages our schemas write, English for anything else.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationMessage, type ValidationIssue } from './validation-message.ts';

/** The issues of `schema` for `input`, shaped as fastify-type-provider-zod hands them on. */
function issuesOf(schema: z.ZodType, input: unknown): ValidationIssue[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a validation failure');
  return result.error.issues.map(({ code, path, message, ...params }) => ({
    keyword: code,
    instancePath: `/${path.join('/')}`,
    message,
    params,
  }));
}

const language = z.string().regex(/^[a-z]{2}([_-][A-Za-z]{2})?$/, 'a language such as en, nl or nl_NL');

describe('validationMessage', () => {
  it.each([
    // [case, schema, input, English text, Dutch text]
    [
      'too short string',
      z.string().min(2),
      'A',
      'Too small: expected string to have >=2 characters',
      'Te kort: verwacht dat string >=2 tekens heeft',
    ],
    [
      'too long string',
      z.string().max(3),
      'ABCD',
      'Too big: expected string to have <=3 characters',
      'Te lang: verwacht dat string <=3 tekens heeft',
    ],
    [
      'missing field',
      z.object({ name: z.string() }),
      {},
      'Invalid input: expected string, received undefined',
      'Ongeldige invoer: verwacht string, ontving undefined',
    ],
    [
      'wrong type',
      z.object({ limit: z.number() }),
      { limit: 'x' },
      'Invalid input: expected number, received string',
      'Ongeldige invoer: verwacht getal, ontving string',
    ],
    [
      'a query number that is not a number',
      z.object({ max: z.coerce.number() }),
      { max: 'abc' },
      'Invalid input: expected number, received NaN',
      'Ongeldige invoer: verwacht getal, ontving NaN',
    ],
    [
      'enum',
      z.enum(['en', 'nl']),
      'fr',
      'Invalid option: expected one of "en"|"nl"',
      'Ongeldige optie: verwacht één van "en"|"nl"',
    ],
    ['email format', z.email(), 'nope', 'Invalid email address', 'Ongeldig: emailadres'],
    [
      'our own message',
      language,
      'english',
      'a language such as en, nl or nl_NL',
      'een taal zoals en, nl of nl_NL',
    ],
    [
      'a schema message without Dutch stays English',
      z.string().refine(() => false, 'Something only we say'),
      'x',
      'Something only we say',
      'Something only we say',
    ],
  ] as const)('%s', (_case, schema, input, english, dutch) => {
    const [issue] = issuesOf(schema, input);
    if (!issue) throw new Error('no issue');
    expect(validationMessage(issue, 'en')).toBe(english);
    expect(validationMessage(issue, 'nl')).toBe(dutch);
  });
});
