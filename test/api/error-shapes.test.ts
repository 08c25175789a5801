// Errors a client makes before any route runs (a body that is not JSON, a `__proto__` key, a media
// type no route takes, a body over the limit) and a cursor the audit log did not make: each answers
// with a stable code of ours, in the request's language, in each API's error shape.
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA, type ScimCustomer } from '../scim/scim-harness.ts';

/** A small upload limit: the claims CSV route takes its body up to it. */
const IMPORT_MAX_BYTES = 64 * 1024;
const harness = useTestApp({ env: { IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES) } });

function send(
  method: 'GET' | 'POST',
  url: string,
  options: { payload?: string | Buffer; type?: string; language?: string } = {},
): Promise<LightMyRequestResponse> {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: {
      ...auth(tokens.partnerFull),
      ...(options.type ? { 'content-type': options.type } : {}),
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    ...(options.payload === undefined ? {} : { payload: options.payload }),
  });
}

let customerId = '';
let scim: ScimCustomer;

beforeAll(async () => {
  const created = await send('POST', '/v1/customers', {
    type: 'application/json',
    payload: JSON.stringify({
      name: 'Shapes',
      externalId: 'SHAPES-1',
      adminEmail: 'admin@shapes.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
    }),
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json().id;
  await harness().drainJobs();
  scim = await createScimCustomer(harness());
});

const customerBody = (externalId: string) =>
  JSON.stringify({
    name: externalId,
    externalId,
    adminEmail: `${externalId.toLowerCase()}@shapes.example`,
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
  });

describe('a body that is not JSON', () => {
  it.each([
    ['en', 'The request body is not valid JSON'],
    ['nl', 'De inhoud van het verzoek is geen geldige JSON.'],
  ])('answers 400 invalid_json in %s', async (language, description) => {
    const response = await send('POST', '/v1/customers', {
      type: 'application/json',
      payload: '{"name": ',
      language,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.message).toBe(
      language === 'nl' ? 'Het verzoek is niet geldig.' : 'The request is not valid.',
    );
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBe('invalid_json');
    expect(body.errors[0].description).toContain(description);
    expect(JSON.stringify(body)).not.toContain('FST_');
  });

  it('answers an empty JSON body with invalid_json too', async () => {
    const response = await send('POST', '/v1/customers', { type: 'application/json', payload: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ code: 'invalid_json' });
  });

  it('answers the Wholesale API in the public shape', async () => {
    const response = await send('POST', '/v1/wholesale/subscribers', {
      type: 'application/json',
      payload: '{oops',
      language: 'nl',
    });
    expect(response.statusCode).toBe(400);
    const body = publicErrorResponseSchema.parse(response.json());
    expect(body.errors).toEqual([
      {
        errorCode: WHOLESALE_CODES.invalid_request.errorCode,
        description: expect.stringContaining('The request body is not valid JSON'),
      },
    ]);
  });

  it('answers SCIM with scimType invalidSyntax, for application/json as for application/scim+json', async () => {
    for (const type of ['application/json', 'application/scim+json']) {
      const response = await harness().app.inject({
        method: 'POST',
        url: `${scim.base}/Users`,
        headers: { authorization: `Bearer ${scim.token}`, 'content-type': type },
        payload: '{oops',
      });
      expect(response.statusCode, type).toBe(400);
      expect(response.json(), type).toMatchObject({
        schemas: [ERROR_SCHEMA],
        scimType: 'invalidSyntax',
        status: '400',
      });
    }
  });
});

describe('a JSON body that is not UTF-8', () => {
  /** A customer body that would be accepted, with bytes C3 28 FF (not UTF-8) in its name. */
  const notUtf8 = (externalId: string) => {
    const [before, after] = customerBody(externalId).split(`"name":"${externalId}"`);
    return Buffer.concat([
      Buffer.from(`${before}"name":"A`),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(`"${after}`),
    ]);
  };

  it.each([
    ['en', 'The request body is not valid UTF-8'],
    ['nl', 'De inhoud van het verzoek is geen geldige UTF-8'],
  ])('answers 400 invalid_json in %s, and stores nothing', async (language, description) => {
    const response = await send('POST', '/v1/customers', {
      type: 'application/json',
      payload: notUtf8(`UTF8-${language}`),
      language,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ code: 'invalid_json' });
    expect(response.json().errors[0].description).toContain(description);
    const listed = await send('GET', `/v1/customers?externalId=UTF8-${language}`);
    expect(listed.json().items).toEqual([]);
  });

  it('still takes a body with a BOM and multi-byte characters', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(customerBody('UTF8-ZOË'))]);
    const response = await send('POST', '/v1/customers', { type: 'application/json', payload: body });
    expect(response.statusCode, response.body).toBe(202);
  });

  it('answers SCIM with scimType invalidSyntax, for application/json as for application/scim+json', async () => {
    for (const type of ['application/json', 'application/scim+json']) {
      const response = await harness().app.inject({
        method: 'POST',
        url: `${scim.base}/Users`,
        headers: { authorization: `Bearer ${scim.token}`, 'content-type': type },
        payload: Buffer.concat([
          Buffer.from('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u'),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('@x.example"}'),
        ]),
      });
      expect(response.statusCode, type).toBe(400);
      expect(response.json(), type).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidSyntax' });
    }
  });
});

describe('a __proto__ key', () => {
  it.each([
    ['at the top', '{"__proto__": {"admin": true}, "name": "P"}', '__proto__'],
    ['nested', '{"name": "P", "address": {"__proto__": {"x": 1}}}', 'address.__proto__'],
    ['constructor.prototype', '{"name": "P", "constructor": {"prototype": {"x": 1}}}', 'constructor'],
  ])('%s is refused by name, not as "not valid JSON"', async (_name, payload, field) => {
    for (const language of ['en', 'nl']) {
      const response = await send('POST', '/v1/customers', { type: 'application/json', payload, language });
      expect(response.statusCode).toBe(400);
      const [detail] = response.json().errors;
      expect(detail).toMatchObject({ code: 'forbidden_key', field });
      expect(detail.description).toMatch(
        language === 'nl'
          ? /de sleutel "(__proto__|constructor)" is niet toegestaan/
          : /the key "(__proto__|constructor)" is not allowed/,
      );
    }
  });

  it('is refused under SCIM too, whose application/scim+json parser is its own', async () => {
    const response = await scim.request('POST', '/Users', undefined, {
      'content-type': 'application/scim+json',
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const poisoned = await harness().app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/scim+json' },
      payload:
        '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"p@s.example","__proto__":{"x":1}}',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400' });
    expect(poisoned.json().detail).toContain('the key "__proto__" is not allowed');
  });
});

describe('a media type no route takes', () => {
  it.each([
    ['en', 'The media type text/plain is not accepted here.'],
    ['nl', 'Het mediatype text/plain wordt hier niet geaccepteerd.'],
  ])('answers a text/plain body on a JSON route with 415 in %s', async (language, message) => {
    const response = await send('POST', '/v1/customers', {
      type: 'text/plain',
      payload: customerBody('PLAIN'),
      language,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({
      message,
      errors: [{ code: 'unsupported_media_type', description: message }],
    });
    expect((await send('GET', '/v1/customers/PLAIN')).statusCode).toBe(404);
  });

  it('answers the Wholesale API with 415 in the public shape', async () => {
    const response = await send('POST', '/v1/wholesale/subscribers', { type: 'text/plain', payload: 'x' });
    expect(response.statusCode).toBe(415);
    const body = publicErrorResponseSchema.parse(response.json());
    expect(body.errors[0]?.errorCode).toBe(WHOLESALE_CODES.unsupported_media_type.errorCode);
  });

  it('keeps the CSV upload routes, which take text/csv', async () => {
    const upload = await send('POST', `/v1/customers/${customerId}/imports?dryRun=true`, {
      type: 'text/csv',
      payload: 'User ID/Email (Required),First Name,Last Name\nann@shapes.example,Ann,A\n',
    });
    expect(upload.statusCode, upload.body).toBe(202);
    const claims = await send('POST', `/v1/customers/${customerId}/claims/csv`, {
      type: 'text/csv',
      payload: 'email\nnobody@shapes.example\n',
    });
    expect(claims.statusCode, claims.body).toBe(200);
  });
});

describe('a body over the limit', () => {
  it.each([
    ['en', 'The request body is larger than 5 MB.', 'The limit is 5242880 bytes.'],
    ['nl', 'De inhoud van het verzoek is groter dan 5 MB.', 'De limiet is 5242880 bytes.'],
  ])('of JSON is "the request body", not a file, in %s', async (language, message, description) => {
    const payload = JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) });
    const response = await send('POST', '/v1/customers', { type: 'application/json', payload, language });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      message,
      errors: [{ code: 'payload_too_large', description }],
    });
  });

  it('of a CSV upload is still "the upload"', async () => {
    const payload = `email\n${'someone@shapes.example\n'.repeat(Math.ceil((2 * IMPORT_MAX_BYTES) / 23))}`;
    const response = await send('POST', `/v1/customers/${customerId}/claims/csv`, {
      type: 'text/csv',
      payload,
      language: 'nl',
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ message: 'Het bestand is groter dan 64 kB.' });
  });
});

describe('the audit log cursor', () => {
  it.each(['zzz', '-1', '1.5', '99999999999999999999', '0x10'])(
    'refuses %s with 400 invalid_cursor, as every other list does',
    async (cursor) => {
      const response = await send('GET', `/v1/customers/${customerId}/audit?cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { code: 'invalid_cursor', field: 'cursor', description: 'The cursor is not valid.' },
      ]);
      const users = await send('GET', `/v1/customers/${customerId}/users?cursor=${cursor}`);
      expect(users.statusCode).toBe(400);
      expect(users.json().errors[0]).toMatchObject({ code: 'invalid_cursor' });
    },
  );

  it('still follows its own next link', async () => {
    const first = await send('GET', `/v1/customers/${customerId}/audit?max=1`);
    expect(first.statusCode).toBe(200);
    const link = first.headers['link'];
    expect(typeof link).toBe('string');
    const next = /^<([^>]+)>; rel="next"$/.exec(String(link))?.[1] ?? '';
    const second = await send('GET', next);
    expect(second.statusCode).toBe(200);
    expect(second.json().items[0].id).toBeLessThan(first.json().items[0].id);
  });
});

describe('a path Fastify refuses before routing', () => {
  it.each([
    ['en', 'The address is not valid: a percent-encoded part of it is not UTF-8.'],
    ['nl', 'Het adres is niet geldig: een procent-gecodeerd deel ervan is geen UTF-8.'],
  ])(
    'a percent-encoding that is not UTF-8 is 400 invalid_url in our shape (%s)',
    async (language, message) => {
      const response = await send('GET', '/v1/customers/%ED%A0%80', { language });
      expect(response.statusCode).toBe(400);
      expect(response.headers['trackingid']).toEqual(expect.any(String));
      expect(response.json()).toEqual({
        message,
        errors: [{ code: 'invalid_url', description: message }],
        trackingId: response.headers['trackingid'],
      });
    },
  );

  it('a path parameter over the length limit is 414 in our shape', async () => {
    const response = await send('GET', `/v1/customers/${'x'.repeat(300)}`);
    expect(response.statusCode).toBe(414);
    expect(response.json()).toMatchObject({ errors: [{ code: 'uri_too_long' }] });
  });

  it('answers the Wholesale API in the public shape and SCIM in the SCIM shape', async () => {
    const wholesale = await send('GET', '/v1/wholesale/subscribers/%ED%A0%80');
    expect(wholesale.statusCode).toBe(400);
    expect(publicErrorResponseSchema.parse(wholesale.json()).errors[0]?.errorCode).toBe(
      WHOLESALE_CODES.invalid_request.errorCode,
    );
    const scimResponse = await harness().app.inject({
      method: 'GET',
      url: `${scim.base}/Users/%ED%A0%80`,
      headers: { authorization: `Bearer ${scim.token}` },
    });
    expect(scimResponse.statusCode).toBe(400);
    expect(scimResponse.headers['content-type']).toContain('application/scim+json');
    expect(scimResponse.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400' });
  });
});
