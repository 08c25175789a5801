// A query string whose percent-encoding is broken (`%` not followed by two hex digits, or bytes that
// are not UTF-8) is a 400 naming the parameter, in each API's error shape (SPEC §7 "invalid input
// 400"). The query parser kept such a value as its raw text: `GET /v1/customers?search=%E0%A4%A`
// answered 200 with a list filtered by the literal "%E0%A4%A", and the client never learnt that its
// URL encoding was wrong. The path's own encoding was refused already (FST_ERR_BAD_URL).
import { describe, expect, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA } from '../scim/scim-harness.ts';

const harness = useTestApp();

function get(url: string, headers: Record<string, string> = {}) {
  return harness().app.inject({
    method: 'GET',
    url,
    headers: { ...harness().auth(harness().tokens.partnerFull), ...headers },
  });
}

describe('the admin API', () => {
  it.each([
    ['a truncated UTF-8 sequence', 'search=%E0%A4%A', 'search'],
    ['bytes that are not UTF-8', 'search=%C3%28', 'search'],
    ['a % without two hex digits', 'search=100%', 'search'],
    ['a % followed by no hex', 'search=%zz', 'search'],
    ['a broken parameter name', 'sea%E0rch=x', 'sea%E0rch'],
    ['the second parameter', 'max=5&search=%FF', 'search'],
  ])('refuses %s with 400 naming the parameter', async (_label, query, field) => {
    const response = await get(`/v1/customers?${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      errors: [{ code: 'invalid_query_encoding', field }],
    });
    expect(response.json<{ errors: { description: string }[] }>().errors[0]?.description).toContain(field);
  });

  it('says so in Dutch to a Dutch caller', async () => {
    const response = await get('/v1/customers?search=%E0%A4%A', { 'accept-language': 'nl' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { description: string }[] }>().errors[0]?.description).toBe(
      'De queryparameter "search" is niet geldig procent-gecodeerd: na een % horen twee hexadecimale cijfers, en de bytes moeten UTF-8 zijn (stuur % zelf als %25).',
    );
  });

  it.each([
    'search=%25',
    'search=a+b',
    'search=%C3%A9',
    'search=caf%C3%A9&max=5',
    'search=',
    'search',
    '',
    '&&search=x&',
  ])('accepts the well-encoded query "%s"', async (query) => {
    const response = await get(`/v1/customers?${query}`);
    expect(response.statusCode, response.body).toBe(200);
  });
});

it('refuses it on the Wholesale API in the public shape', async () => {
  const response = await get('/v1/wholesale/customers?externalId=%E0%A4%A');
  expect(response.statusCode, response.body).toBe(400);
  expect(publicErrorResponseSchema.safeParse(response.json()).success, response.body).toBe(true);
  expect(response.json()).toMatchObject({
    errors: [{ errorCode: WHOLESALE_CODES.invalid_request.errorCode }],
  });
  expect(response.body).toContain('externalId');
});

it('refuses it on SCIM in the error schema: a broken filter is invalidFilter', async () => {
  const scim = await createScimCustomer(harness());
  const filter = await scim.request('GET', '/Users?filter=userName%20eq%20%22%E0%A4%A%22');
  expect(filter.statusCode, filter.body).toBe(400);
  expect(filter.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidFilter' });
  expect(filter.json<{ detail: string }>().detail).toContain('filter');
  const other = await scim.request('GET', '/Users?attributes=%C3%28');
  expect(other.statusCode, other.body).toBe(400);
  expect(other.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidValue' });
  // Well encoded, as Entra ID sends it, still works.
  const fine = await scim.request('GET', '/Users?filter=userName+eq+%22nobody%40example.org%22');
  expect(fine.statusCode, fine.body).toBe(200);
});

it('keeps an unknown path with such a query a 404', async () => {
  const response = await get('/v1/nothing?search=%E0%A4%A');
  expect(response.statusCode).toBe(404);
});
