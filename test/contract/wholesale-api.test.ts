// The Wholesale API against the public description: our routes accept its example requests (stray
// quotes stripped) and every response body validates against its response schemas. The test walks
// the whole description and fails if a documented response of a route we serve was never checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFreeAccount } from '../../src/db/repositories/free-accounts.ts';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import {
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';
import { exampleRequests, wholesaleContract, type HttpMethod } from './wholesale-contract.ts';

const harness = useTestApp();
const contract = wholesaleContract();
const checked = new Set<string>();
let restore: () => void;
beforeAll(() => {
  restore = useProvisioningBackend(new RecordingBackend());
});
afterAll(() => restore());

interface Reply {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  json(): unknown;
}

/** Sends a request and checks the answer against the public description. */
async function call(method: HttpMethod, template: string, url: string, payload?: unknown): Promise<Reply> {
  const { app, tokens, auth } = harness();
  const response = (await app.inject({
    method: method.toUpperCase() as 'GET',
    url,
    headers: auth(tokens.partnerFull),
    ...(payload === undefined ? {} : { payload: payload as object }),
  })) as unknown as Reply;
  const body = response.body === '' ? undefined : response.json();
  if (response.statusCode < 400) {
    const result = contract.validateResponse(method, template, response.statusCode, body);
    expect(
      result.errors,
      `${method.toUpperCase()} ${url} → ${response.statusCode}: ${response.body}`,
    ).toEqual([]);
    for (const header of contract.responseHeaders(method, template, response.statusCode)) {
      expect(response.headers[header.toLowerCase()], `${header} header of ${method} ${url}`).toBeTypeOf(
        'string',
      );
    }
    checked.add(
      `${method} ${template.replace(/^\/v1/, '').replace(/\{[^}]+\}/g, '{}')} ${response.statusCode}`,
    );
  } else {
    expect(publicErrorResponseSchema.safeParse(body).success, response.body).toBe(true);
  }
  return response;
}

const C = '/v1/wholesale/customers';
const CI = '/v1/wholesale/customers/{customerId}';
const S = '/v1/wholesale/subscribers';
const SI = '/v1/wholesale/subscribers/{subscriberId}';

let customerId = '';
let locationId = '';
let subscriberId = '';

describe('customers', () => {
  it('prechecks the example customer', async () => {
    const [example] = exampleRequests('post', `${C}/validate`);
    const response = await call('post', `${C}/validate`, `${C}/validate`, example);
    expect(response.json()).toEqual({
      message: 'success',
      info: [{ infoCode: 100, description: 'Provisioning preCheck validation successful.' }],
    });
  });

  it('provisions the example customer (771 Alder Drive, Milpitas): 202 + Location', async () => {
    const { drainJobs } = harness();
    const [example] = exampleRequests('post', C);
    const response = await call('post', C, C, example);
    expect(response.statusCode).toBe(202);
    const location = String(response.headers['location']);
    customerId = location.split('/').at(-1) ?? '';
    expect((response.json() as { url: string }).url).toMatch(
      new RegExp(`/v1/wholesale/customers/${customerId}$`),
    );
    const pending = await call('get', CI, location);
    expect(pending.json()).toMatchObject({ status: 'provisioning' });
    await drainJobs();
    const done = await call('get', CI, location);
    expect(done.json()).toMatchObject({
      id: customerId,
      orgId: customerId,
      externalId: 'c1677a16-557a-4fb4-b48f-24adde57ec99',
      status: 'provisioned',
      address: { addressLine1: '771 Alder Drive', city: 'Milpitas', country: 'US' },
      packages: ['common_area_calling'],
    });
  });

  it('refuses a second customer with the same externalId, and a calling package without a location', async () => {
    const [example] = exampleRequests('post', C);
    const again = await call('post', C, C, example);
    expect(again.statusCode).toBe(409);
    const noLocation = await call('post', C, C, {
      ...example,
      externalId: 'x-2',
      provisioningParameters: undefined,
    });
    expect(noLocation.statusCode).toBe(400);
    expect((noLocation.json() as { errors: unknown[] }).errors).toEqual([
      {
        errorCode: 10016,
        description: 'provisioningParameters.calling.location is required when a calling package is sold.',
      },
    ]);
  });

  it('accepts the example update, then an update that sells calling: 202 + Location, updating → provisioned', async () => {
    const { drainJobs } = harness();
    const [example] = exampleRequests('put', CI);
    const first = await call('put', CI, `${C}/${customerId}`, example);
    expect(first.statusCode).toBe(202);
    await drainJobs();
    const update = {
      packages: ['common_area_calling', 'webex_calling', 'webex_meetings', 'attendant_console'],
    };
    expect((await call('put', CI, `${C}/${customerId}`, update)).statusCode).toBe(202);
    expect((await call('get', CI, `${C}/${customerId}`)).json()).toMatchObject({ status: 'updating' });
    await drainJobs();
    expect((await call('get', CI, `${C}/${customerId}`)).json()).toMatchObject({
      status: 'provisioned',
      packages: ['attendant_console', 'common_area_calling', 'webex_calling', 'webex_meetings'],
    });
  });

  it('lists with the public filters', async () => {
    const all = await call('get', C, `${C}?max=10&offset=0`);
    expect((all.json() as { items: unknown[] }).items).toHaveLength(1);
    const byExternal = await call('get', C, `${C}?externalId=c1677a16-557a-4fb4-b48f-24adde57ec99`);
    expect((byExternal.json() as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([customerId]);
    const byStatus = await call('get', C, `${C}?status=error`);
    expect((byStatus.json() as { items: unknown[] }).items).toEqual([]);
    const paged = await call('get', C, `${C}?offset=1`);
    expect((paged.json() as { items: unknown[] }).items).toEqual([]);
  });
});

describe('subscribers', () => {
  beforeAll(async () => {
    const { app, tokens, auth, database } = harness();
    const locations = await app.inject({
      url: `/v1/customers/${customerId}/locations`,
      headers: auth(tokens.partnerFull),
    });
    locationId = (locations.json() as { items: { id: string }[] }).items[0]?.id ?? '';
    await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/numbers`,
      headers: auth(tokens.partnerFull),
      payload: { location: locationId, numbers: ['+12405551212'] },
    });
    // The example's extension has five digits: this customer uses five-digit extensions.
    await database.db
      .updateTable('customers')
      .set({ extension_length: 5 })
      .where('id', '=', customerId)
      .execute();
  });

  it('prechecks the example subscriber', async () => {
    const [example] = exampleRequests('post', `${S}/validate`);
    const response = await call('post', `${S}/validate`, `${S}/validate`, { ...example, customerId });
    expect((response.json() as { message: string }).message).toBe('success');
  });

  it('provisions the example subscriber (john.anderson@acme.com, +12405551212, extension 51212)', async () => {
    const [example] = exampleRequests('post', S);
    const response = await call('post', S, S, {
      ...example,
      customerId,
      provisioningParameters: { ...(example?.['provisioningParameters'] as object), locationId },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { id: string };
    subscriberId = body.id;
    expect(response.headers['location']).toBe(`/v1/wholesale/subscribers/${subscriberId}`);
    expect(body).toMatchObject({
      email: 'john.anderson@acme.com',
      customerId,
      externalCustomerId: 'c1677a16-557a-4fb4-b48f-24adde57ec99',
      package: 'webex_calling',
      packages: ['webex_calling'],
      status: 'provisioned',
      personId: subscriberId,
    });
  });

  it('answers 10022 with the public text for an email already in use', async () => {
    const precheck = await call('post', `${S}/validate`, `${S}/validate`, {
      email: 'john.anderson@acme.com',
    });
    expect(precheck.statusCode).toBe(400);
    const inCustomer = await call('post', `${S}/validate`, `${S}/validate`, {
      customerId,
      email: 'john.anderson@acme.com',
    });
    // Inside the customer the precheck answers as the create would: a user it already has, 409.
    expect(inCustomer.statusCode).toBe(409);
    expect((precheck.json() as { errors: unknown[] }).errors).toEqual([
      { errorCode: 10022, description: 'The email is already associated with an existing user.' },
    ]);
  });

  it('audits the precheck outside the customer as an existing-account probe', async () => {
    const { database } = harness();
    const probes = await database.db
      .selectFrom('audit_events')
      .select(['target_id', 'customer_id'])
      .where('action', '=', 'user.email_taken_probe')
      .execute();
    // The precheck inside john's own customer is no probe: it reveals nothing new.
    expect(probes).toEqual([{ target_id: 'john.anderson@acme.com', customer_id: null }]);
  });

  it('gets and lists with the public filters (max default 50, at most 100)', async () => {
    const one = await call('get', SI, `${S}/${subscriberId}`);
    expect((one.json() as { id: string }).id).toBe(subscriberId);
    const filters = [
      `customerId=${customerId}`,
      'email=JOHN.ANDERSON@acme.com',
      'externalCustomerId=c1677a16-557a-4fb4-b48f-24adde57ec99',
      'status=provisioned',
      `personId=${subscriberId}`,
      'after=1579046400245',
      'sortBy=lastStatusChange&sortOrder=DESC',
      'max=100&offset=0',
    ];
    for (const filter of filters) {
      const list = await call('get', S, `${S}?${filter}`);
      expect(
        (list.json() as { items: { id: string }[] }).items.map((s) => s.id),
        filter,
      ).toEqual([subscriberId]);
    }
    const none = await call('get', S, `${S}?status=pending_user_migration`);
    expect((none.json() as { items: unknown[] }).items).toEqual([]);
    expect((await call('get', S, `${S}?max=101`)).statusCode).toBe(400);
  });

  it('accepts the example update as published: an existing calling user keeps number and extension', async () => {
    const { app, tokens, auth } = harness();
    // "If this subscriber is an existing Webex Calling entitled user, these attributes are
    // optional and if provided are ignored": the example's number, four-digit extension and
    // made-up locationId change nothing.
    const [example] = exampleRequests('put', SI);
    const response = await call('put', SI, `${S}/${subscriberId}`, example);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ package: 'webex_calling', status: 'provisioned' });
    const user = await app.inject({
      url: `/v1/customers/${customerId}/users/${subscriberId}`,
      headers: auth(tokens.partnerFull),
    });
    expect(user.json()).toMatchObject({ locationId, extension: '51212', phoneNumber: '+12405551212' });
  });

  it('refuses an update that takes away a package users still hold (409, 10018)', async () => {
    const response = await call('put', CI, `${C}/${customerId}`, {
      packages: ['common_area_calling', 'webex_meetings'],
    });
    expect(response.statusCode).toBe(409);
    expect((response.json() as { errors: { errorCode: number }[] }).errors[0]?.errorCode).toBe(10018);
  });

  it('refuses a limit below the users who hold the package (409)', async () => {
    const response = await call('put', CI, `${C}/${customerId}`, {
      packages: ['common_area_calling', 'webex_calling', 'webex_meetings', 'attendant_console'],
      provisioningParameters: { packages: { limits: { webex_calling: 0 } } },
    });
    expect(response.statusCode).toBe(409);
    expect((response.json() as { errors: { errorCode: number }[] }).errors[0]?.errorCode).toBe(10006);
  });

  it('moves a free account only after consent: 202 pending_user_migration, consentMove re-sends (204)', async () => {
    const { database } = harness();
    await insertFreeAccount(database.db, {
      email: 'alice.anderson@acme.com',
      firstName: 'Alice',
      lastName: null,
      source: 'operator',
      active: true,
    });
    const created = await call('post', S, S, {
      customerId,
      email: 'alice.anderson@acme.com',
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Alice', lastName: 'Anderson' },
    });
    expect(created.statusCode).toBe(202);
    const pending = created.json() as { id: string; status: string; personId?: string };
    expect(pending.status).toBe('pending_user_migration');
    expect(pending.personId).toBeUndefined();
    const moved = await call(
      'post',
      '/v1/subscribers/{subscriberId}/emails/consentMove',
      `/v1/subscribers/${pending.id}/emails/consentMove`,
    );
    expect(moved.statusCode).toBe(204);
    const emails = await database.db
      .selectFrom('outbox_emails')
      .select('template')
      .where('to_address', '=', 'alice.anderson@acme.com')
      .execute();
    expect(emails.map((email) => email.template)).toEqual(['consent-move', 'consent-move']);
    const notPending = await call(
      'post',
      '/v1/subscribers/{subscriberId}/emails/consentMove',
      `/v1/subscribers/${subscriberId}/emails/consentMove`,
    );
    expect(notPending.statusCode).toBe(409);
    expect((notPending.json() as { errors: { errorCode: number }[] }).errors[0]?.errorCode).toBe(10019);
  });

  it('consentMove re-sends within the per-recipient email limit: a second re-send at once is 429 with Retry-After, and mails nobody', async () => {
    const { database } = harness();
    const email = 'bob.brown@acme.com';
    await insertFreeAccount(database.db, {
      email,
      firstName: 'Bob',
      lastName: null,
      source: 'operator',
      active: true,
    });
    const created = await call('post', S, S, {
      customerId,
      email,
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Bob', lastName: 'Brown' },
    });
    expect(created.statusCode).toBe(202);
    const { id } = created.json() as { id: string };
    const consentMove = () =>
      call(
        'post',
        '/v1/subscribers/{subscriberId}/emails/consentMove',
        `/v1/subscribers/${id}/emails/consentMove`,
      );
    expect((await consentMove()).statusCode).toBe(204);
    const again = await consentMove();
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect((again.json() as { errors: { description: string }[] }).errors[0]?.description).toContain(
      'consent email was sent to this subscriber a short while ago',
    );
    const emails = await database.db
      .selectFrom('outbox_emails')
      .select('template')
      .where('to_address', '=', email)
      .execute();
    expect(emails.map((row) => row.template)).toEqual(['consent-move', 'consent-move']);
  });

  it('answers 404 in the public shape for an unknown subscriber', async () => {
    const response = await call('get', SI, `${S}/00000000-0000-4000-8000-000000000000`);
    expect(response.statusCode).toBe(404);
    expect((response.json() as { errors: { errorCode: number }[] }).errors[0]?.errorCode).toBe(10003);
  });

  it('removes a subscriber (204) and then the customer (202)', async () => {
    expect((await call('delete', SI, `${S}/${subscriberId}`)).statusCode).toBe(204);
    expect((await call('get', SI, `${S}/${subscriberId}`)).statusCode).toBe(404);
    expect((await call('delete', CI, `${C}/${customerId}`)).statusCode).toBe(202);
  });
});

describe('sub-partners and billing', () => {
  it.each([
    ['GET', '/v1/wholesale/subPartners'],
    ['GET', '/v1/wholesale/billing/reports'],
    ['POST', '/v1/wholesale/billing/reports'],
    ['GET', '/v1/wholesale/billing/reports/abc'],
    ['DELETE', '/v1/wholesale/billing/reports/abc'],
  ])('%s %s answers 501 in the public error shape', async (method, url) => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({ method: method as 'GET', url, headers: auth(tokens.partnerFull) });
    expect(response.statusCode).toBe(501);
    expect(response.json().errors[0].errorCode).toBe(10050);
  });
});

describe('coverage of the public description', () => {
  it('checked every documented response of the routes we serve', () => {
    const documented = contract
      .documentedResponses()
      .filter((r) => !r.path.includes('/billing/') && !r.path.includes('/subPartners'))
      .map((r) => `${r.method} ${r.path.replace(/\{[^}]+\}/g, '{}')} ${r.status}`);
    expect(documented.filter((key) => !checked.has(key))).toEqual([]);
  });
});
