// withDocumentedRules: what the swagger transform adds to a route's schema, route by route.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closedQuerySentence, formatByteLimit, withDocumentedRules } from '../../src/http/openapi-rules.ts';
import { errorResponse } from '../../src/http/schemas/common.ts';

const ok = z.object({ id: z.string() });
const query = z.object({ max: z.coerce.number().optional() });

describe('withDocumentedRules', () => {
  it.each([
    ['an admin route with query parameters', '/v1/customers', query, closedQuerySentence(['max'])],
    ['an admin route without any', '/v1/customers/:customerId', undefined, closedQuerySentence([])],
  ])('says the query parameters of %s are closed, and lists the 400', (_name, url, querystring, sentence) => {
    const schema = { summary: 's', description: 'What it does.', querystring, response: { 200: ok } };
    const documented = withDocumentedRules(schema, { url });
    expect(documented?.description).toBe(`What it does.\n\n${sentence}`);
    expect(documented?.response).toEqual({ 200: ok, 400: errorResponse });
    // The route's own schema (Fastify validates and serializes with it) is left as it was.
    expect(schema.description).toBe('What it does.');
    expect(schema.response).toEqual({ 200: ok });
  });

  it.each([
    ['the Wholesale API', '/v1/wholesale/customers', query],
    ['the consent move of the Wholesale API', '/v1/subscribers/:subscriberId/emails/consentMove', query],
    ['SCIM', '/scim/v2/:customerId/Users', query],
    ['an admin route that takes any parameter', '/v1/customers', z.looseObject({ max: z.string() })],
  ])('leaves %s as it is', (_name, url, querystring) => {
    const schema = { querystring, response: { 200: ok } };
    expect(withDocumentedRules(schema, { url })).toBe(schema);
  });

  it('keeps a 400 the route lists itself', () => {
    const own = z.object({ message: z.string() });
    expect(withDocumentedRules({ response: { 400: own } }, { url: '/v1/tokens' })?.response?.['400']).toBe(
      own,
    );
  });

  it('keeps the default 200 of a route without a response schema, beside the 400', () => {
    const documented = withDocumentedRules(
      { summary: 'CSV' },
      { url: '/v1/customers/:customerId/users/export.csv' },
    );
    expect(Object.keys(documented?.response ?? {})).toEqual(['200', '400']);
  });

  it('lists the 413 with the limit of a route that has a body limit of its own', () => {
    const documented = withDocumentedRules(
      { response: { 200: ok } },
      { url: '/v1/wholesale/customers', bodyLimit: 16 * 1024 },
    );
    expect(documented?.response?.['413']).toEqual({
      description: 'The request body is larger than 16 KiB',
      content: { 'application/json': { schema: errorResponse } },
    });
  });
});

describe('formatByteLimit', () => {
  it.each([
    [16 * 1024, '16 KiB'],
    [5 * 1024 * 1024, '5 MiB'],
    [1000, '1000 bytes'],
  ])('%d → %s', (bytes, text) => expect(formatByteLimit(bytes)).toBe(text));
});
