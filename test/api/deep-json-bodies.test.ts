// A JSON body nested millions of levels deep held the event loop for seconds inside JSON.parse,
// from an anonymous client. It is refused before parsing (plugins/json-depth.ts), in each API's
// error shape; a body at the allowed depth still parses.
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { MAX_JSON_DEPTH } from '../../src/http/plugins/json-depth.ts';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import {
  ERROR_SCHEMA,
  SCIM_JSON,
  USER_SCHEMA,
  createScimCustomer,
  scimUser,
  type ScimCustomer,
} from '../scim/scim-harness.ts';

const harness = useTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });

/** `{"x": [[[…]]]}`: `levels` levels in all, the outer object included. */
const nestedBody = (levels: number): string => `{"x":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
/** What the security review sent: 4.8 MB, under the 5 MiB server limit. */
const REVIEW_BODY = nestedBody(2_400_000);

function post(
  url: string,
  payload: string,
  options: { token?: string; type?: string; language?: string } = {},
): Promise<LightMyRequestResponse> {
  const { app, auth } = harness();
  return app.inject({
    method: 'POST',
    url,
    headers: {
      ...(options.token ? auth(options.token) : {}),
      'content-type': options.type ?? 'application/json',
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    payload,
  });
}

let scim: ScimCustomer;
beforeAll(async () => {
  scim = await createScimCustomer(harness());
});

describe('a JSON body nested deeper than allowed', () => {
  it.each([
    ['en', 'The request is not valid.', `more than ${MAX_JSON_DEPTH} levels deep`],
    ['nl', 'Het verzoek is niet geldig.', `dieper dan ${MAX_JSON_DEPTH} niveaus`],
  ])('answers an admin route 400 invalid_json in %s', async (language, message, description) => {
    const response = await post('/v1/customers', REVIEW_BODY, {
      token: harness().tokens.partnerFull,
      language,
    });
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ message, trackingId: expect.any(String) });
    expect(body.errors).toEqual([
      { code: 'invalid_json', description: expect.stringContaining(description) },
    ]);
  });

  it('answers one level over the limit as the review body', async () => {
    const response = await post('/v1/customers', nestedBody(MAX_JSON_DEPTH + 1), {
      token: harness().tokens.partnerFull,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ code: 'invalid_json' });
  });

  it('answers a public route without credentials 400 before it runs', async () => {
    // Under the public routes' body limit, so the depth is what is refused.
    const response = await post('/v1/auth/logout', nestedBody(5_000));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      { code: 'invalid_json', description: expect.stringContaining('levels deep') },
    ]);
  });

  it('answers the Wholesale API in the public shape', async () => {
    const response = await post('/v1/wholesale/subscribers', REVIEW_BODY, {
      token: harness().tokens.partnerFull,
    });
    expect(response.statusCode, response.body).toBe(400);
    const body = publicErrorResponseSchema.parse(response.json());
    expect(body.errors).toEqual([
      {
        errorCode: WHOLESALE_CODES.invalid_request.errorCode,
        description: expect.stringContaining('levels deep'),
      },
    ]);
  });

  it.each([SCIM_JSON, 'application/json'])('answers SCIM (%s) 400 invalidSyntax', async (type) => {
    const response = await post(`${scim.base}/Users`, REVIEW_BODY, { token: scim.token, type });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      schemas: [ERROR_SCHEMA],
      scimType: 'invalidSyntax',
      detail: expect.stringContaining('levels deep'),
    });
  });
});

describe('a JSON body at the allowed depth', () => {
  /** An attribute we do not model, nested so the resource is 32 levels deep: SCIM's own limit. */
  const deepAttribute = (levels: number): unknown =>
    levels === 0 ? 'leaf' : { level: deepAttribute(levels - 1) };

  it('reaches the route on an admin route', async () => {
    // No invalid_json: the route's own validation answers (the key is unknown there).
    const response = await post('/v1/customers', nestedBody(MAX_JSON_DEPTH), {
      token: harness().tokens.partnerFull,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { code: string }) => error.code)).not.toContain('invalid_json');
  });

  it('creates a SCIM user whose resource is as deep as SCIM allows, alone and in a Bulk request', async () => {
    const alone = await post(
      `${scim.base}/Users`,
      JSON.stringify(scimUser('deep-alone@scim.example', { deep: deepAttribute(31) })),
      { token: scim.token, type: SCIM_JSON },
    );
    expect(alone.statusCode, alone.body).toBe(201);
    const bulk = await post(
      `${scim.base}/Bulk`,
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'deep',
            data: scimUser('deep-bulk@scim.example', { schemas: [USER_SCHEMA], deep: deepAttribute(31) }),
          },
        ],
      }),
      { token: scim.token, type: SCIM_JSON },
    );
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json().Operations[0].status).toBe('201');
  });
});
