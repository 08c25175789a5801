// withDocumentedRules: what the swagger transform adds to a route's schema, route by route.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closedQuerySentence,
  DATABASE_RETRY_AFTER_HEADER,
  DATABASE_UNAVAILABLE_DESCRIPTION,
  formatByteLimit,
  RATE_LIMITED_HEADERS,
  rateLimitRule,
  TRACKING_ID_HEADER,
  unsupportedMediaTypeDescription,
  withDocumentedAnswers,
  withDocumentedRules,
  withNullInNullableEnums,
  withSharedHeaders,
} from '../../src/http/openapi-rules.ts';
import { errorResponse } from '../../src/http/schemas/common.ts';

const ok = z.object({ id: z.string() });
// Every admin route lists its 429 (schemas/common.ts errorResponses), and gets the outage's 503
// (below): the tests of other rules list both, so they see only their own rule's change.
const outage = {
  description: DATABASE_UNAVAILABLE_DESCRIPTION,
  content: { 'application/json': { schema: errorResponse } },
};
const listed = { 200: ok, 429: errorResponse, 503: outage };
const query = z.object({ max: z.coerce.number().optional() });

describe('withDocumentedRules', () => {
  it.each([
    ['an admin route with query parameters', '/v1/customers', query, closedQuerySentence(['max'])],
    ['an admin route without any', '/v1/customers/:customerId', undefined, closedQuerySentence([])],
  ])('says the query parameters of %s are closed, and lists the 400', (_name, url, querystring, sentence) => {
    const schema = { summary: 's', description: 'What it does.', querystring, response: listed };
    const documented = withDocumentedRules(schema, { url });
    expect(documented?.description).toBe(`What it does.\n\n${sentence}`);
    expect(documented?.response).toEqual({ ...listed, 400: errorResponse });
    // The route's own schema (Fastify validates and serializes with it) is left as it was.
    expect(schema.description).toBe('What it does.');
    expect(schema.response).toEqual(listed);
  });

  it.each([
    ['the Wholesale API', '/v1/wholesale/customers', query],
    ['the consent move of the Wholesale API', '/v1/subscribers/:subscriberId/emails/consentMove', query],
    ['SCIM', '/scim/v2/:customerId/Users', query],
    ['an admin route that takes any parameter', '/v1/customers', z.looseObject({ max: z.string() })],
  ])('leaves %s as it is', (_name, url, querystring) => {
    const schema = { querystring, response: listed };
    expect(withDocumentedRules(schema, { url })).toBe(schema);
  });

  it('keeps a 400 the route lists itself', () => {
    const own = z.object({ message: z.string() });
    expect(withDocumentedRules({ response: { 400: own } }, { url: '/v1/tokens' })?.response?.['400']).toBe(
      own,
    );
  });

  it('keeps the default 200 of a route without a response schema, beside the 400, 429 and 503', () => {
    const documented = withDocumentedRules(
      { summary: 'CSV' },
      { url: '/v1/customers/:customerId/users/export.csv' },
    );
    expect(Object.keys(documented?.response ?? {})).toEqual(['200', '400', '429', '503']);
  });

  it("lists a database outage's 503 on an admin route, not on the Wholesale API's (it lists its own)", () => {
    const own = { 200: ok, 429: errorResponse };
    expect(withDocumentedRules({ response: own }, { url: '/v1/tokens' })?.response?.['503']).toEqual(outage);
    expect(
      withDocumentedRules({ response: own }, { url: '/v1/wholesale/customers' })?.response?.['503'],
    ).toBeUndefined();
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

describe('withDocumentedRules: the 415 of an operation that reads a body', () => {
  const body = z.object({ name: z.string() });
  it.each([
    ['a JSON body', { body, response: listed }, 'application/json'],
    [
      'an upload',
      { consumes: ['multipart/form-data', 'text/csv'], response: listed },
      'multipart/form-data, text/csv',
    ],
  ])('lists it for %s, naming the media types read', (_name, schema, types) => {
    const documented = withDocumentedRules(schema, { url: '/v1/customers/:customerId/imports' });
    expect(documented?.response?.['415']).toEqual({
      description: unsupportedMediaTypeDescription(types.split(', ')),
      content: { 'application/json': { schema: errorResponse } },
    });
  });

  it.each([
    ['an operation without a body', '/v1/customers', { response: listed }],
    ['the Wholesale API (which lists its own)', '/v1/wholesale/customers', { body, response: { 200: ok } }],
  ])('leaves %s without it', (_name, url, schema) => {
    expect(withDocumentedRules(schema, { url })?.response?.['415']).toBeUndefined();
  });
});

describe('withDocumentedAnswers', () => {
  const json = { type: 'object', properties: { id: { type: 'string' } } };
  const answers = (response: Record<string, unknown>, schema: object, url: string, method = 'GET') =>
    withDocumentedAnswers({ response }, schema, { url, method }).response as Record<
      string,
      { headers?: Record<string, unknown>; content?: unknown; type?: string }
    >;

  it('documents a 204 without content', () => {
    const documented = answers(
      { 204: { type: 'string', nullable: true, enum: [null] } },
      {},
      '/v1/tokens/:id',
    );
    expect(documented['204']).toEqual({
      type: 'null',
      description: 'No content',
      headers: TRACKING_ID_HEADER,
    });
  });

  it.each([
    ['every admin answer: trackingId', '200', '/v1/customers/:customerId', {}, 'GET', ['trackingId']],
    [
      'a 429: Retry-After and X-RateLimit-*',
      '429',
      '/v1/customers/:customerId',
      {},
      'GET',
      ['trackingId', ...Object.keys(RATE_LIMITED_HEADERS)],
    ],
    [
      'a list page: Link',
      '200',
      '/v1/customers',
      { querystring: z.object({ cursor: z.string().optional() }) },
      'GET',
      ['trackingId', 'Link'],
    ],
    [
      'the rows: Link',
      '200',
      '/v1/customers/:customerId/imports/:importId/rows',
      { querystring: z.object({ after: z.number().optional() }) },
      'GET',
      ['trackingId', 'Link'],
    ],
    ['a 202 that sends Location', '202', '/v1/customers', {}, 'POST', ['trackingId', 'Location']],
    ['a 201 that sends none', '201', '/v1/customers/:customerId/numbers', {}, 'POST', ['trackingId']],
    ['a 503: Retry-After', '503', '/v1/customers/:customerId', {}, 'GET', ['Retry-After', 'trackingId']],
  ])('headers of %s', (_name, status, url, schema, method, headers) => {
    const documented = answers({ [status]: json }, schema, url, method);
    expect(Object.keys(documented[status]?.headers ?? {})).toEqual(headers);
  });

  it('states no Location on the 200 of an operation whose 202 has one', () => {
    const documented = answers({ 200: json, 202: json }, {}, '/v1/customers/:customerId', 'PATCH');
    expect(Object.keys(documented['200']?.headers ?? {})).toEqual(['trackingId']);
    expect(Object.keys(documented['202']?.headers ?? {})).toEqual(['trackingId', 'Location']);
  });

  it('adds no headers outside the admin API', () => {
    expect(answers({ 429: json }, {}, '/v1/wholesale/customers')['429']).toEqual(json);
  });

  it("states the Wholesale API's 503 Retry-After, as its error handler sends it in an outage", () => {
    expect(answers({ 503: json }, {}, '/v1/wholesale/customers')['503']?.headers).toEqual(
      DATABASE_RETRY_AFTER_HEADER,
    );
  });

  it("documents an upload's body from its consumes", () => {
    const documented = withDocumentedAnswers(
      { response: {} },
      { consumes: ['multipart/form-data', 'text/csv'] },
      { url: '/v1/customers/:customerId/imports', method: 'POST' },
    );
    expect(Object.keys((documented.body as { content: object }).content)).toEqual([
      'multipart/form-data',
      'text/csv',
    ]);
  });
});

describe('withSharedHeaders', () => {
  // As @fastify/swagger writes a response header: the description beside the schema.
  const trackingId = {
    description: TRACKING_ID_HEADER.trackingId?.description,
    schema: { type: 'string' },
  };
  const retryAfter = {
    schema: { type: 'integer' },
    description: RATE_LIMITED_HEADERS['Retry-After']?.description,
  };
  const scimHeader = { description: 'SCIM', schema: { type: 'string' } };
  const otherLink = { description: 'Offsets, as the public API pages', schema: { type: 'string' } };
  const document = {
    openapi: '3.0.3',
    paths: {
      '/v1/customers': {
        get: {
          responses: {
            200: { description: 'OK', headers: { trackingId, Link: otherLink } },
            429: { description: 'Error', headers: { trackingId, 'Retry-After': retryAfter } },
          },
        },
        parameters: [],
      },
    },
    components: { headers: { ScimETag: scimHeader }, schemas: { A: { type: 'string' } } },
  };

  it('refers to one shared header object each, under components.headers beside those there', () => {
    expect(withSharedHeaders(document)).toEqual({
      openapi: '3.0.3',
      paths: {
        '/v1/customers': {
          get: {
            responses: {
              200: {
                description: 'OK',
                // Worded otherwise than the admin list's Link: left as it is.
                headers: { trackingId: { $ref: '#/components/headers/TrackingId' }, Link: otherLink },
              },
              429: {
                description: 'Error',
                headers: {
                  trackingId: { $ref: '#/components/headers/TrackingId' },
                  'Retry-After': { $ref: '#/components/headers/RetryAfter' },
                },
              },
            },
          },
          parameters: [],
        },
      },
      components: {
        headers: { ScimETag: scimHeader, TrackingId: trackingId, RetryAfter: retryAfter },
        schemas: { A: { type: 'string' } },
      },
    });
    // The given document is left as it was.
    expect(document.paths['/v1/customers'].get.responses[200].headers.trackingId).toBe(trackingId);
  });

  it('leaves a document without any of the shared headers as it is', () => {
    const plain = { paths: { '/x': { get: { responses: { 200: { description: 'OK' } } } } }, components: {} };
    expect(withSharedHeaders(plain)).toBe(plain);
  });
});

describe('withNullInNullableEnums', () => {
  it.each([
    [
      { nullable: true, type: 'string', enum: ['a'] },
      { nullable: true, type: 'string', enum: ['a', null] },
    ],
    [
      { nullable: true, type: 'string', enum: ['a', null] },
      { nullable: true, type: 'string', enum: ['a', null] },
    ],
    [
      { type: 'string', enum: ['a'] },
      { type: 'string', enum: ['a'] },
    ],
    [
      { type: 'object', properties: { p: { nullable: true, enum: ['x'] } } },
      { type: 'object', properties: { p: { nullable: true, enum: ['x', null] } } },
    ],
    [{ anyOf: [{ nullable: true, enum: [1] }] }, { anyOf: [{ nullable: true, enum: [1, null] }] }],
  ])('%j → %j', (schema, expected) => {
    const before = JSON.stringify(schema);
    expect(withNullInNullableEnums(schema)).toEqual(expected);
    expect(JSON.stringify(schema)).toBe(before);
  });
});

describe('rateLimitRule', () => {
  it('states the deployment numbers', () => {
    const rule = rateLimitRule({ apiPerMinute: 600, apiPerIpPerMinute: 900 });
    expect(rule).toContain('client IP (900 a minute)');
    expect(rule).toContain('(600 a minute each)');
  });
});
