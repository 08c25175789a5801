// Manual add (1–25), package changes, provisioning errors and repair, and existing accounts —
// through the HTTP API on a real database, with a fault-injecting provisioning backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FaultInjectingBackend,
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { EMAIL_PROBES_PER_MINUTE } from '../../src/services/provisioning/email-probes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken } from '../helpers/factories.ts';

const harness = useTestApp();
const recorder = new RecordingBackend();
const backend = new FaultInjectingBackend(recorder);
let restoreBackend: () => void;
let customerId: string;
let otherCustomerId: string;

async function provisionedCustomer(externalId: string, numbers: string[]): Promise<string> {
  const { app, tokens, auth, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/customers',
    headers: auth(tokens.partnerFull),
    payload: {
      name: `Customer ${externalId}`,
      externalId,
      adminEmail: `admin@${externalId.toLowerCase()}.example`,
      country: 'US',
      packages: [
        { id: 'webex_calling' },
        { id: 'webex_calling_standard' },
        { id: 'webex_meetings' },
        { id: 'webex_suite', limit: 1 },
        { id: 'webex_voice' },
        { id: 'attendant_console' },
      ],
      firstLocation: {
        name: 'Head Office',
        country: 'US',
        city: 'Milpitas',
        addressLine1: '771 Alder Drive',
        timeZone: 'America/Los_Angeles',
      },
    },
  });
  expect(created.statusCode).toBe(202);
  await drainJobs();
  const id: string = created.json().id;
  const added = await app.inject({
    method: 'POST',
    url: `/v1/customers/${id}/numbers`,
    headers: auth(tokens.partnerFull),
    payload: { location: 'Head Office', numbers },
  });
  expect(added.statusCode, added.body).toBe(201);
  return id;
}

beforeAll(async () => {
  restoreBackend = useProvisioningBackend(backend);
  customerId = await provisionedCustomer('ACME', ['+12405551212', '+12405551213', '+12405551214']);
  otherCustomerId = await provisionedCustomer('OTHER', ['+12405559000']);
});
afterAll(() => restoreBackend());

function user(email: string, extra: Record<string, unknown> = {}) {
  return { email, firstName: 'John', lastName: 'Anderson', package: 'webex_meetings', ...extra };
}

async function batch(users: unknown[], customer = customerId, token?: string) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method: 'POST',
    url: `/v1/customers/${customer}/users/batch`,
    headers: auth(token ?? tokens.partnerFull),
    payload: { users },
  });
}

describe('manual add of up to 25 users', () => {
  it('adds 25 users, each with its own result, and pushes their licences', async () => {
    const users = Array.from({ length: 25 }, (_, index) => user(`user${index}@acme.com`));
    users[3] = user('john.anderson@acme.com', {
      package: 'webex_calling',
      extension: '5121',
      phoneNumber: '+12405551212',
      location: 'Head Office',
    });
    const response = await batch(users);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.counts).toEqual({ created: 25, pendingUserMigration: 0, failed: 0 });
    const john = body.results[3];
    expect(john).toMatchObject({ email: 'john.anderson@acme.com', result: 'created', status: 201 });
    expect(john.user).toMatchObject({
      package: 'webex_calling',
      phoneNumber: '+12405551212',
      extension: '5121',
      status: 'provisioned',
    });
    expect(recorder.stepsFor(customerId, john.user.id)).toEqual([
      'assign_licence:webex_calling',
      'update_user_attributes',
    ]);
  });

  it('refuses 26 users with a clear message and stores nothing', async () => {
    const { app, tokens, auth } = harness();
    const users = Array.from({ length: 26 }, (_, index) => user(`many${index}@acme.com`));
    const response = await batch(users);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'At most 25 users can be added at once; this request has 26. Nothing was added.',
    );
    const list = await app.inject({
      url: `/v1/customers/${customerId}/users?search=many`,
      headers: auth(tokens.partnerFull),
    });
    expect(list.json().items).toEqual([]);
  });

  it('reports a bad user without blocking the others', async () => {
    const response = await batch([
      user('good@acme.com'),
      user('nocalling@acme.com', { package: 'webex_calling' }),
      user('good@acme.com'),
      user('suite1@acme.com', { package: 'webex_suite', extension: '5200', location: 'Head Office' }),
      user('suite2@acme.com', { package: 'webex_suite', extension: '5201', location: 'Head Office' }),
    ]);
    const results = response.json().results;
    expect(results.map((r: { result: string }) => r.result)).toEqual([
      'created',
      'failed',
      'failed',
      'created',
      'failed',
    ]);
    expect(results[1].errors.map((e: { code: string }) => e.code)).toEqual([
      'number_or_extension_required',
      'location_required',
    ]);
    expect(results[2].errors[0].code).toBe('duplicate_email_in_file');
    expect(results[4].errors[0].code).toBe('package_limit_reached');
  });

  it('says why a user of this customer cannot be added again, not only what to do', async () => {
    expect((await batch([user('twice@acme.com')])).json().results[0].result).toBe('created');
    const [again] = (await batch([user('twice@acme.com')])).json().results;
    expect(again).toMatchObject({ result: 'failed', status: 409 });
    expect(again.errors).toEqual([
      {
        code: 'user_exists',
        field: 'email',
        description: 'A user with this email already exists in this organization: update that user instead.',
      },
    ]);
  });
});

describe('existing accounts', () => {
  it('answers 409 with the public text, naming no organization, and audits the probe', async () => {
    const { app, tokens, auth } = harness();
    const response = await batch([user('john.anderson@acme.com')], otherCustomerId);
    const [result] = response.json().results;
    expect(result).toMatchObject({ result: 'failed', status: 409 });
    expect(result.errors).toEqual([
      {
        code: 'email_taken',
        field: 'email',
        description: 'The email is already associated with an existing user.',
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('ACME');
    const audit = await app.inject({
      url: `/v1/customers/${otherCustomerId}/audit`,
      headers: auth(tokens.partnerFull),
    });
    expect(
      audit.json().items.some((event: { action: string }) => event.action === 'user.email_taken_probe'),
    ).toBe(true);
  });

  it('rate-limits repeated probes with 429 and Retry-After', async () => {
    const { database, partnerId } = harness();
    const prober = await createApiToken(database.db, {
      partnerId,
      role: 'partner_full_admin',
      name: 'prober',
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= EMAIL_PROBES_PER_MINUTE; attempt += 1) {
      const response = await batch([user('john.anderson@acme.com')], otherCustomerId, prober);
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(response.headers['retry-after']).toBe('60');
    }
    expect(statuses.slice(0, EMAIL_PROBES_PER_MINUTE)).toEqual(Array(EMAIL_PROBES_PER_MINUTE).fill(200));
    expect(statuses.at(-1)).toBe(429);

    // During the lockout a free email is refused alike, by both APIs: otherwise the answers would
    // go on telling taken emails (429) from free ones.
    const { app, auth } = harness();
    const free = await batch([user('nobody.yet@acme.com')], otherCustomerId, prober);
    expect(free.statusCode).toBe(429);
    for (const email of ['nobody.yet@acme.com', 'john.anderson@acme.com']) {
      const precheck = await app.inject({
        method: 'POST',
        url: '/v1/wholesale/subscribers/validate',
        headers: auth(prober),
        payload: { email },
      });
      expect(precheck.statusCode).toBe(429);
    }
  });
});

async function userByEmail(email: string) {
  const { app, tokens, auth } = harness();
  const list = await app.inject({
    url: `/v1/customers/${customerId}/users?search=${encodeURIComponent(email)}`,
    headers: auth(tokens.partnerFull),
  });
  return list.json().items[0] as { id: string; package: string; status: string };
}

async function setPackage(userId: string, payload: Record<string, unknown>) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method: 'PUT',
    url: `/v1/customers/${customerId}/users/${userId}/package`,
    headers: auth(tokens.partnerFull),
    payload,
  });
}

describe('change package', () => {
  it('asks for the calling number information when the new package needs it', async () => {
    const target = await userByEmail('user0@acme.com');
    const missing = await setPackage(target.id, { package: 'webex_calling' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'number_or_extension_required',
      'location_required',
    ]);
    const given = await setPackage(target.id, {
      package: 'webex_calling',
      extension: '5300',
      location: 'Head Office',
      phoneNumber: '+12405551213',
    });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().user).toMatchObject({
      package: 'webex_calling',
      extension: '5300',
      phoneNumber: '+12405551213',
      status: 'provisioned',
    });
    expect(recorder.stepsFor(customerId, target.id).slice(-3)).toEqual([
      'unassign_licence:webex_meetings',
      'assign_licence:webex_calling',
      'update_user_attributes',
    ]);
  });

  it('refuses the forbidden change from a professional package to Calling Standard', async () => {
    const target = await userByEmail('user0@acme.com');
    const response = await setPackage(target.id, { package: 'webex_calling_standard' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].code).toBe('forbidden_change');
  });

  it('releases the number when the new package has no calling', async () => {
    const target = await userByEmail('user0@acme.com');
    const response = await setPackage(target.id, { package: 'webex_meetings' });
    expect(response.json().user).toMatchObject({
      package: 'webex_meetings',
      extension: null,
      phoneNumber: null,
      locationId: null,
    });
  });
});

describe('provisioning errors and repair', () => {
  const remedy = 'Unassign the package from the user, then assign it again.';

  it.each([
    ['assign_licence', 'Cannot update user license.'],
    ['update_user_attributes', 'Cannot update user attributes. License change cannot be reverted.'],
  ] as const)('a failing %s leaves the user in error with "%s", and repair clears it', async (step, text) => {
    const { app, tokens, auth } = harness();
    const target = await userByEmail('user1@acme.com');
    await setPackage(target.id, { package: 'webex_meetings' });
    backend.failNext({ step, userId: target.id, times: 1 });
    const changed = await setPackage(target.id, {
      package: 'webex_voice',
      extension: '5400',
      location: 'Head Office',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user).toMatchObject({ status: 'error', errors: [{ description: text, remedy }] });
    const listed = await userByEmail('user1@acme.com');
    expect(listed.status).toBe('error');

    const repaired = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/users/${target.id}/repair`,
      headers: auth(tokens.partnerFull),
    });
    expect(repaired.statusCode, repaired.body).toBe(200);
    expect(repaired.json()).toMatchObject({ status: 'provisioned', errors: [] });
    expect(recorder.stepsFor(customerId, target.id).slice(-3)).toEqual([
      'unassign_licence:webex_voice',
      'assign_licence:webex_voice',
      'update_user_attributes',
    ]);
  });

  it('keeps the error when the repair itself fails', async () => {
    const { app, tokens, auth } = harness();
    const target = await userByEmail('user2@acme.com');
    backend.failNext({ step: 'assign_licence', userId: target.id, times: 2 });
    await setPackage(target.id, { package: 'webex_voice' });
    const repaired = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/users/${target.id}/repair`,
      headers: auth(tokens.partnerFull),
    });
    expect(repaired.json()).toMatchObject({
      status: 'error',
      errors: [{ description: 'Cannot update user license.' }],
    });
  });
});
