// The Wholesale API's errors: the same conflict answers the same way on create and update, unknown
// routes and methods under its paths keep the public shape, every number travels with its own
// text, and /openapi.json declares the `Location` header the 202s send.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createPartner, createTestCustomer } from '../helpers/factories.ts';
import { REFERENCE_PATH, exampleRequests, wholesaleContract } from './wholesale-contract.ts';

const harness = useTestApp();

interface PublicErrorBody {
  message: string;
  errors: { errorCode: number; description: string }[];
  trackingId: string;
}

async function send(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  token?: string,
) {
  const { app, tokens, auth } = harness();
  const response = await app.inject({
    method,
    url,
    headers: auth(token ?? tokens.partnerFull),
    ...(payload ? { payload } : {}),
  });
  const body = response.body === '' ? undefined : (response.json() as unknown);
  return { status: response.statusCode, headers: response.headers, body };
}

/** The body must be the public error shape, whatever the status. */
function publicError(body: unknown): PublicErrorBody {
  const parsed = publicErrorResponseSchema.safeParse(body);
  expect(parsed.success, JSON.stringify(body)).toBe(true);
  return body as PublicErrorBody;
}

function customerBody(externalId: string, email: string): Record<string, unknown> {
  const [example] = exampleRequests('post', '/v1/wholesale/customers');
  return {
    ...example,
    externalId,
    customerInfo: { name: `Customer ${externalId}`, primaryEmail: email, language: 'en' },
  };
}

describe('PUT /v1/wholesale/customers/{id} with an externalId another customer holds', () => {
  it('answers 409 with the errorCode and description of the same conflict on POST', async () => {
    const first = await send('POST', '/v1/wholesale/customers', customerBody('ext-a', 'a@a.example'));
    const second = await send('POST', '/v1/wholesale/customers', customerBody('ext-b', 'b@b.example'));
    expect([first.status, second.status]).toEqual([202, 202]);
    await harness().drainJobs();
    const secondId = String(second.headers['location']).split('/').at(-1);

    const postConflict = await send('POST', '/v1/wholesale/customers', customerBody('ext-a', 'c@c.example'));
    const putConflict = await send('PUT', `/v1/wholesale/customers/${secondId}`, {
      externalId: 'ext-a',
      packages: ['common_area_calling'],
    });

    expect(postConflict.status).toBe(409);
    expect(putConflict.status).toBe(409);
    expect(publicError(putConflict.body).errors).toEqual(publicError(postConflict.body).errors);
    expect(publicError(putConflict.body).errors[0]?.errorCode).toBe(
      WHOLESALE_CODES.external_id_taken.errorCode,
    );
    // Nothing of the refused update was kept.
    const after = await send('GET', `/v1/wholesale/customers/${secondId}`);
    expect(after.body).toMatchObject({ externalId: 'ext-b' });
  });
});

describe('unknown routes and methods under the Wholesale API', () => {
  it('answers a known path with a method it does not serve 405, with Allow, in the public shape', async () => {
    const created = await send('POST', '/v1/wholesale/customers', customerBody('ext-m', 'm@m.example'));
    const id = String(created.headers['location']).split('/').at(-1);
    const response = await send('PATCH', `/v1/wholesale/customers/${id}`, { externalId: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('DELETE, GET, HEAD, OPTIONS, PUT');
    expect(publicError(response.body).errors).toEqual([
      {
        errorCode: WHOLESALE_CODES.method_not_allowed.errorCode,
        description: WHOLESALE_CODES.method_not_allowed.description,
      },
    ]);
    const consent = await send('GET', `/v1/subscribers/${id}/emails/consentMove`);
    expect(consent.status).toBe(405);
    expect(consent.headers['allow']).toBe('OPTIONS, POST');
    publicError(consent.body);
  });

  it.each([
    ['GET', '/v1/wholesale/customerz'],
    ['DELETE', '/v1/wholesale/customers/abc/extra'],
    ['POST', '/v1/subscribers/abc/emails'],
  ] as const)('answers %s %s 404 in the public shape', async (method, url) => {
    const response = await send(method, url);
    expect(response.status).toBe(404);
    expect(publicError(response.body).errors).toEqual([
      { errorCode: WHOLESALE_CODES.not_found.errorCode, description: WHOLESALE_CODES.not_found.description },
    ]);
  });

  it('leaves the admin API its own 404 shape', async () => {
    const response = await send('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ errors: [{ code: 'not_found' }] });
  });
});

describe('every errorCode travels with its own text', () => {
  it('keeps the one code/text pair the public description publishes (10022) and its status texts', () => {
    const reference = JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as {
      components: { schemas: { Error: { properties: Record<string, { example: unknown }> } } };
      paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
    };
    const example = reference.components.schemas.Error.properties;
    expect(WHOLESALE_CODES.email_taken).toEqual({
      errorCode: example['errorCode']?.example,
      description: example['description']?.example,
    });
    const statuses = reference.paths['/wholesale/customers']?.['post']?.responses ?? {};
    for (const [status, name] of [
      ['401', 'unauthenticated'],
      ['403', 'forbidden'],
      ['405', 'method_not_allowed'],
      ['409', 'conflict'],
      ['415', 'unsupported_media_type'],
      ['503', 'service_unavailable'],
    ] as const) {
      expect(statuses[status]?.description).toContain(WHOLESALE_CODES[name].description);
    }
  });

  const customerNotFound = {
    errorCode: WHOLESALE_CODES.customer_not_found.errorCode,
    description: 'Customer not found.',
  };

  it('answers an unknown or other-tenant customerId of a new subscriber with customer-not-found', async () => {
    const { database } = harness();
    const otherPartner = await createPartner(database.db, 'Other Partner');
    const foreign = await createTestCustomer(database.db, otherPartner);
    for (const customerId of ['00000000-0000-4000-8000-000000000000', foreign.id]) {
      const subscriber = {
        customerId,
        email: 'nobody@acme.example',
        package: 'webex_meetings',
        provisioningParameters: { firstName: 'No', lastName: 'Body' },
      };
      const created = await send('POST', '/v1/wholesale/subscribers', subscriber);
      expect(created.status, customerId).toBe(404);
      expect(publicError(created.body).errors).toEqual([customerNotFound]);
      const prechecked = await send('POST', '/v1/wholesale/subscribers/validate', subscriber);
      expect(prechecked.status, customerId).toBe(404);
      expect(publicError(prechecked.body).errors).toEqual([customerNotFound]);
    }
  });

  it('answers an unknown subscriber with subscriber-not-found, and an unknown customer with customer-not-found', async () => {
    const subscriber = await send('GET', '/v1/wholesale/subscribers/00000000-0000-4000-8000-000000000000');
    expect(publicError(subscriber.body).errors).toEqual([
      { errorCode: WHOLESALE_CODES.subscriber_not_found.errorCode, description: 'Subscriber not found.' },
    ]);
    const customer = await send('GET', '/v1/wholesale/customers/00000000-0000-4000-8000-000000000000');
    expect(customer.status).toBe(404);
    expect(publicError(customer.body).errors).toEqual([customerNotFound]);
  });

  it('answers an email already in the same customer with 10022 and its public text', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    const subscriber = {
      customerId: customer.id,
      email: 'twice@acme.example',
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Twice', lastName: 'Added' },
    };
    expect((await send('POST', '/v1/wholesale/subscribers', subscriber)).status).toBe(200);
    const again = await send('POST', '/v1/wholesale/subscribers', subscriber);
    expect(again.status).toBe(409);
    expect(publicError(again.body).errors).toEqual([
      { errorCode: 10022, description: 'The email is already associated with an existing user.' },
    ]);
  });

  it('answers an unauthenticated request with the unauthenticated code, not 10001', async () => {
    const { app } = harness();
    const response = await app.inject({ url: '/v1/wholesale/customers' });
    expect(response.statusCode).toBe(401);
    expect(publicError(response.json()).errors[0]?.errorCode).toBe(WHOLESALE_CODES.unauthenticated.errorCode);
  });

  it('answers a read-only admin who writes with the forbidden code, not 10001', async () => {
    const { tokens } = harness();
    const response = await send(
      'POST',
      '/v1/wholesale/customers',
      customerBody('ext-r', 'r@r.example'),
      tokens.partnerReadonly,
    );
    expect(response.status).toBe(403);
    expect(publicError(response.body).errors[0]?.errorCode).toBe(WHOLESALE_CODES.forbidden.errorCode);
  });
});

describe('/openapi.json', () => {
  it('declares the Location header of the 202 of customer create and update, as the public description does', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: object }> }>>;
    };
    const contract = wholesaleContract();
    for (const [method, path, reference] of [
      ['post', '/v1/wholesale/customers', '/v1/wholesale/customers'],
      ['put', '/v1/wholesale/customers/{customerId}', '/v1/wholesale/customers/{customerId}'],
    ] as const) {
      expect(contract.responseHeaders(method, reference, 202)).toContain('Location');
      expect(document.paths[path]?.[method]?.responses['202']?.headers, `${method} ${path}`).toMatchObject({
        Location: { schema: { type: 'string' } },
      });
    }
  });
});
