import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptedQueryParameters, isStrictQueryRoute, unknownQueryParameterDetail } from './strict-query.ts';

describe('isStrictQueryRoute: the admin API, not the Wholesale API, SCIM or the rest', () => {
  it.each([
    ['/v1/customers', true],
    ['/v1/customers/:customerId/numbers', true],
    ['/v1/auth/me', true],
    ['/v1/wholesale/customers', false],
    ['/v1/wholesale/subscribers/:subscriberId', false],
    ['/v1/subscribers/:subscriberId/emails/consentMove', false],
    ['/scim/v2/:customerId/Users', false],
    ['/healthz', false],
    ['/openapi.json', false],
    ['/*', false],
    [undefined, false],
  ])('%s → %s', (url, strict) => {
    expect(isStrictQueryRoute(url)).toBe(strict);
  });
});

describe('acceptedQueryParameters', () => {
  it.each([
    ['no schema: none', undefined, []],
    [
      'an object: its keys',
      z.object({ location: z.string().optional(), max: z.coerce.number() }),
      ['location', 'max'],
    ],
    ['a strict object: its keys', z.strictObject({ a: z.string() }), ['a']],
    ['a loose object: any', z.looseObject({ a: z.string() }), null],
    ['an object with a catchall: any', z.object({ a: z.string() }).catchall(z.string()), null],
    ['not a zod object: any', { type: 'object', properties: { a: { type: 'string' } } }, null],
  ])('%s', (_name, schema, accepted) => {
    expect(acceptedQueryParameters(schema)).toEqual(accepted);
  });
});

describe('unknownQueryParameterDetail', () => {
  it.each([
    [
      'a list',
      ['location', 'max'],
      true,
      'Unknown query parameter "x". This list accepts: location, max.',
      'Onbekende queryparameter "x". Deze lijst accepteert: location, max.',
    ],
    [
      'another request',
      ['dryRun'],
      false,
      'Unknown query parameter "x". This request accepts: dryRun.',
      'Onbekende queryparameter "x". Dit verzoek accepteert: dryRun.',
    ],
    [
      'a request without parameters',
      [],
      false,
      'Unknown query parameter "x". This request takes no query parameters.',
      'Onbekende queryparameter "x". Dit verzoek heeft geen queryparameters.',
    ],
  ])('%s', (_name, accepted, isList, description, descriptionNl) => {
    expect(unknownQueryParameterDetail('x', accepted, isList)).toEqual({
      code: 'unknown_query_parameter',
      description,
      descriptionNl,
      field: 'x',
    });
  });
});
