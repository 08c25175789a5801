// Request validation failures name the property's path as the field and give a readable reason in
// the request's language, never zod's own text; one detail per unknown key.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationDetails, zodIssueDetails, type ValidationIssue } from './validation-message.ts';

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

describe('validationDetails', () => {
  it.each([
    // [case, schema, input, field, English text, Dutch text]
    [
      'too short string',
      z.object({ code: z.string().min(2) }),
      { code: 'A' },
      'code',
      'code is too short: at least 2 characters.',
      'code is te kort: minstens 2 tekens.',
    ],
    [
      'empty string',
      z.object({ name: z.string().min(1) }),
      { name: '' },
      'name',
      'name may not be empty.',
      'name mag niet leeg zijn.',
    ],
    [
      'too long nested string',
      z.object({ address: z.object({ addressLine1: z.string().max(50) }) }),
      { address: { addressLine1: 'x'.repeat(51) } },
      'address.addressLine1',
      'address.addressLine1 is too long: at most 50 characters.',
      'address.addressLine1 is te lang: hoogstens 50 tekens.',
    ],
    ['missing field', z.object({ name: z.string() }), {}, 'name', 'name is required.', 'name is verplicht.'],
    [
      'wrong type',
      z.object({ limit: z.number() }),
      { limit: 'x' },
      'limit',
      'limit must be a number.',
      'limit moet een getal zijn.',
    ],
    [
      'a query number that is not a number',
      z.object({ max: z.coerce.number() }),
      { max: 'abc' },
      'max',
      'max must be a number.',
      'max moet een getal zijn.',
    ],
    [
      'a number over its maximum',
      z.object({ max: z.coerce.number().max(100) }),
      { max: '500' },
      'max',
      'max is too large: at most 100.',
      'max is te groot: hoogstens 100.',
    ],
    [
      'enum',
      z.object({ package: z.enum(['webex_calling', 'webex_meetings']) }),
      { package: 'x' },
      'package',
      'package must be one of: "webex_calling", "webex_meetings".',
      'package moet een van deze waarden zijn: "webex_calling", "webex_meetings".',
    ],
    [
      'email format',
      z.object({ email: z.email() }),
      { email: 'nope' },
      'email',
      'email is not a valid email address.',
      'email is geen geldig e-mailadres.',
    ],
    [
      'an empty list',
      z.object({ users: z.array(z.string()).min(1) }),
      { users: [] },
      'users',
      'users needs at least 1 item.',
      'users moet minstens 1 element bevatten.',
    ],
    [
      'a union of a boolean and text values (a query flag)',
      z.object({ dryRun: z.union([z.boolean(), z.enum(['true', 'false'])]) }),
      { dryRun: 'yes' },
      'dryRun',
      'dryRun must be true or false, or one of: "true", "false".',
      'dryRun moet true of false zijn, of een van deze waarden zijn: "true", "false".',
    ],
    [
      'a union of objects',
      z.object({ owner: z.union([z.object({ id: z.string() }), z.object({ email: z.email() })]) }),
      { owner: { name: 'x' } },
      'owner',
      'owner is not valid.',
      'owner is niet geldig.',
    ],
    [
      'our own message',
      z.object({ language: language }),
      { language: 'english' },
      'language',
      'language: a language such as en, nl or nl_NL',
      'language: een taal zoals en, nl of nl_NL',
    ],
    [
      'our own message that names the field',
      z.object({ country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO code') }),
      { country: 'nl' },
      'country',
      'country must be an ISO code',
      'country must be an ISO code',
    ],
    [
      'a schema message without Dutch stays English',
      z.object({ x: z.string().refine(() => false, 'Something only we say') }),
      { x: 'x' },
      'x',
      'x: Something only we say',
      'x: Something only we say',
    ],
  ] as const)('%s', (_case, schema, input, field, english, dutch) => {
    const [issue] = issuesOf(schema, input);
    if (!issue) throw new Error('no issue');
    expect(validationDetails(issue, 'body', 'en')).toEqual([
      { code: 'invalid_field', field, description: english },
    ]);
    expect(validationDetails(issue, 'body', 'nl')).toEqual([
      { code: 'invalid_field', field, description: dutch },
    ]);
  });

  it('gives one detail per unknown key, its field the key (nested: the path)', () => {
    const schema = z.strictObject({ name: z.string(), address: z.strictObject({ city: z.string() }) });
    const issues = issuesOf(schema, { name: 'a', bogus: 1, other: 2, address: { city: 'c', zip: 1 } });
    const details = issues.flatMap((issue) => validationDetails(issue, 'body', 'en'));
    expect(details.map((detail) => detail.field).sort()).toEqual(['address.zip', 'bogus', 'other']);
    expect(details.find((detail) => detail.field === 'bogus')?.description).toBe(
      'Unknown field "bogus": this request does not take it. Leave it out or check its spelling.',
    );
    const [dutch] = issuesOf(z.strictObject({}), { bogus: 1 }).flatMap((issue) =>
      validationDetails(issue, 'body', 'nl'),
    );
    expect(dutch?.description).toBe(
      'Onbekend veld "bogus": dit verzoek kent het niet. Laat het weg of controleer de spelling.',
    );
  });

  it('names the request part when the issue is about it as a whole', () => {
    const [issue] = issuesOf(z.object({ a: z.string() }), 'text');
    if (!issue) throw new Error('no issue');
    expect(validationDetails(issue, 'body', 'en')).toEqual([
      { code: 'invalid_field', description: 'The request body must be an object.' },
    ]);
    expect(validationDetails(issue, 'body', 'nl')[0]?.description).toBe(
      'De inhoud van het verzoek moet een object zijn.',
    );
  });

  it('gives the details of zod issues a route checks itself in both languages (zodIssueDetails)', () => {
    const form = z.object({ behaviour: z.enum(['add-only', 'add-remove']).optional() });
    const result = form.safeParse({ behaviour: 'all' });
    if (result.success) throw new Error('expected a validation failure');
    expect(zodIssueDetails(result.error.issues, 'body')).toEqual([
      {
        code: 'invalid_field',
        field: 'behaviour',
        description: 'behaviour must be one of: "add-only", "add-remove".',
        descriptionNl: 'behaviour moet een van deze waarden zijn: "add-only", "add-remove".',
      },
    ]);
  });
});
