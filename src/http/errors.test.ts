// The one mapping from failures to HTTP picks each detail's Dutch text for a Dutch request, the
// English one otherwise, and keeps the Wholesale API's texts English whatever the request asks.
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError, validationFailed } from '../domain/errors.ts';
import { toErrorResponse } from './errors.ts';

function request(url: string, acceptLanguage?: string): FastifyRequest {
  return {
    id: 'req-1',
    url,
    headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
  } as unknown as FastifyRequest;
}

const withDutch = validationFailed([
  { code: 'invalid_name', field: 'name', description: 'Name may not contain "%".', descriptionNl: 'NL' },
]);
const englishOnly = validationFailed([{ code: 'invalid_name', description: 'Only English.' }]);

describe('toErrorResponse: the language of error details', () => {
  it.each([
    // [case, url, Accept-Language, error, expected description]
    ['Dutch request', '/v1/customers', 'nl', withDutch, 'NL'],
    ['Dutch region tag', '/v1/customers', 'nl-NL,nl;q=0.9', withDutch, 'NL'],
    ['English request', '/v1/customers', 'en', withDutch, 'Name may not contain "%".'],
    ['no Accept-Language', '/v1/customers', undefined, withDutch, 'Name may not contain "%".'],
    [
      'English preferred over Dutch',
      '/v1/customers',
      'en;q=1, nl;q=0.5',
      withDutch,
      'Name may not contain "%".',
    ],
    ['Dutch request, detail without Dutch', '/v1/customers', 'nl', englishOnly, 'Only English.'],
    ['Wholesale API', '/v1/wholesale/customers', 'nl', withDutch, 'Name may not contain "%".'],
    [
      'Wholesale API with a query',
      '/v1/wholesale/subscribers?max=5',
      'nl',
      withDutch,
      'Name may not contain "%".',
    ],
    ['consentMove', '/v1/subscribers/abc/emails/consentMove', 'nl', withDutch, 'Name may not contain "%".'],
    ['an admin path that only starts alike', '/v1/wholesaler', 'nl', withDutch, 'NL'],
  ] as const)('%s', (_case, url, language, error, description) => {
    const { status, body } = toErrorResponse(request(url, language), error);
    expect(status).toBe(400);
    expect(body.errors[0]?.description).toBe(description);
  });

  it('falls back to the localized message when an error has no details', () => {
    const error = new AppError('conflict', { en: 'Taken.', nl: 'Bezet.' });
    expect(toErrorResponse(request('/v1/customers', 'nl'), error).body.errors).toEqual([
      { code: 'conflict', description: 'Bezet.' },
    ]);
  });
});
