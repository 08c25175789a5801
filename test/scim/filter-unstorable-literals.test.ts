// A filter whose string literal escapes to a NUL or a lone surrogate (`"x\u0000"`) passes the
// request guard as plain text and decoded only in the filter parser: it reached PostgreSQL, which
// refused the byte, and the answer was 500. It is a bad filter: 400 invalidFilter in SCIM's shape.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA, scimUser } from './scim-harness.ts';

const testApp = useTestApp();

const filters: Array<[string, string]> = [
  ['a NUL escape', String.raw`userName eq "x\u0000"`],
  ['a NUL escape in a value filter', String.raw`emails[value sw "\u0000"]`],
  ['a lone high surrogate', String.raw`userName eq "x\ud800"`],
  ['a lone low surrogate', String.raw`displayName co "\udfff"`],
];

describe('SCIM filters with string literals the database cannot hold', () => {
  it.each(filters)('GET /Users?filter= with %s answers 400 invalidFilter', async (_name, filter) => {
    const scim = await createScimCustomer(testApp());
    await scim.request('POST', '/Users', scimUser('x@example.org'));
    const response = await scim.request('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      schemas: [ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidFilter',
    });
  });

  it.each(filters)('POST /Users/.search with %s answers 400 invalidFilter', async (_name, filter) => {
    const scim = await createScimCustomer(testApp());
    const response = await scim.request('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidFilter' });
  });

  it('GET /Groups?filter= with a NUL escape answers 400 invalidFilter', async () => {
    const scim = await createScimCustomer(testApp());
    const filter = String.raw`displayName eq "ops\u0000"`;
    const response = await scim.request('GET', `/Groups?filter=${encodeURIComponent(filter)}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidFilter' });
  });

  it('still finds a user by an escaped character that is storable', async () => {
    const scim = await createScimCustomer(testApp());
    await scim.request('POST', '/Users', scimUser('zoë@example.org'));
    const filter = String.raw`userName eq "zo\u00eb@example.org"`;
    const response = await scim.request('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ totalResults: 1 });
  });
});
