// Silent no-ops of the admin API's user changes: an explicit `attendantConsole: false` removes the
// add-on (PATCH user and PUT package), `basicLicences` grants and removes, `callerIdNumber: null`
// clears, and a `location` the user cannot get is a 400 naming `location`, never a 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

let customerId = '';
const recording = new RecordingBackend();
let restoreBackend: () => void = () => undefined;
afterAll(() => restoreBackend());

async function api(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: auth(tokens.partnerFull),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function addOnUsage(): Promise<number> {
  const response = await api('GET', `/v1/customers/${customerId}`);
  const entry = (response.json().packages as { id: string; used: number }[]).find(
    (item) => item.id === 'attendant_console',
  );
  return entry?.used ?? -1;
}

async function createUser(email: string, extra: Record<string, unknown>): Promise<string> {
  const response = await api('POST', `/v1/customers/${customerId}/users`, { email, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function lastUpdateAudit(userId: string) {
  return harness()
    .database.db.selectFrom('audit_events')
    .selectAll()
    .where('target_id', '=', userId)
    .where('action', '=', 'user.update')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

beforeAll(async () => {
  restoreBackend = useProvisioningBackend(recording);
  const { database, partnerId } = harness();
  const customer = await createTestCustomer(database.db, partnerId, {
    name: 'Explicit Changes',
    packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }, { id: 'attendant_console', limit: 5 }],
    provision: true,
  });
  customerId = customer.id;
  const location = await api('POST', `/v1/customers/${customerId}/locations`, {
    name: 'Amsterdam HQ',
    country: 'NL',
    city: 'Amsterdam',
    addressLine1: 'Damrak 1',
    timeZone: 'Europe/Amsterdam',
  });
  expect(location.statusCode, location.body).toBe(201);
});

const calling = (extension: string) => ({
  package: 'webex_calling',
  location: 'Amsterdam HQ',
  extension,
});

describe('attendantConsole: false removes the add-on', () => {
  it('PATCH user: removed, its licence freed and audited; absent keeps it', async () => {
    const id = await createUser('ac-patch@explicit.example', { ...calling('3001'), attendantConsole: true });
    const usedBefore = await addOnUsage();

    const kept = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, { title: 'Receptionist' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().attendantConsole).toBe(true);
    expect(await addOnUsage()).toBe(usedBefore);

    const removed = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, {
      attendantConsole: false,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().attendantConsole).toBe(false);
    expect(removed.json().package).toBe('webex_calling');
    expect(await addOnUsage()).toBe(usedBefore - 1);
    const audit = await lastUpdateAudit(id);
    expect(audit?.before).toMatchObject({ addOns: { attendant_console: true } });
    expect(audit?.after).toMatchObject({ addOns: { attendant_console: false } });
    expect(recording.stepsFor(customerId, id)).toContain('unassign_licence:attendant_console');

    const stored = await api('GET', `/v1/customers/${customerId}/users/${id}`);
    expect(stored.json().attendantConsole).toBe(false);
  });

  it('PUT package: removed with the same package, its licence freed and audited', async () => {
    const id = await createUser('ac-package@explicit.example', {
      ...calling('3002'),
      attendantConsole: true,
    });
    const usedBefore = await addOnUsage();

    const removed = await api('PUT', `/v1/customers/${customerId}/users/${id}/package`, {
      package: 'webex_calling',
      attendantConsole: false,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().user.attendantConsole).toBe(false);
    expect(await addOnUsage()).toBe(usedBefore - 1);
    const audit = await lastUpdateAudit(id);
    expect(audit?.after).toMatchObject({ addOns: { attendant_console: false } });
    expect(recording.stepsFor(customerId, id)).toContain('unassign_licence:attendant_console');
  });

  it('PUT package without the field keeps the add-on', async () => {
    const id = await createUser('ac-keep@explicit.example', { ...calling('3003'), attendantConsole: true });
    const response = await api('PUT', `/v1/customers/${customerId}/users/${id}/package`, {
      package: 'webex_calling',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user.attendantConsole).toBe(true);
  });
});

describe('basicLicences on PATCH user', () => {
  it('true grants, false removes, a licence left out is kept, and it is audited', async () => {
    const id = await createUser('basic@explicit.example', { package: 'webex_meetings' });

    const granted = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, {
      basicLicences: { basicMessaging: true, callingFromWebex: true },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().basicLicences).toMatchObject({ basicMessaging: true, callingFromWebex: true });

    const removed = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, {
      basicLicences: { basicMessaging: false },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().basicLicences).toMatchObject({ basicMessaging: false, callingFromWebex: true });
    const audit = await lastUpdateAudit(id);
    expect(audit?.before).toMatchObject({ basicLicences: { basic_messaging: true } });
    expect(audit?.after).toMatchObject({
      basicLicences: { basic_messaging: false, calling_from_webex: true },
    });
  });

  it('refuses an unknown licence key', async () => {
    const id = await createUser('basic-typo@explicit.example', { package: 'webex_meetings' });
    const response = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, {
      basicLicences: { basicMesaging: true },
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('callerIdNumber: null clears it', () => {
  it('sets, keeps when absent, clears with null', async () => {
    const id = await createUser('callerid@explicit.example', calling('3004'));
    const set = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, {
      callerIdNumber: '020 123 4567',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().callerIdNumber).toBe('+31201234567');

    const kept = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, { title: 'Sales' });
    expect(kept.json().callerIdNumber).toBe('+31201234567');

    const cleared = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, { callerIdNumber: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().callerIdNumber).toBeNull();
    const audit = await lastUpdateAudit(id);
    expect(audit?.after).toMatchObject({ callerIdNumber: null });
  });
});

describe('a location the user cannot get', () => {
  it.each([
    ['an unknown location on a Meetings user', 'webex_meetings', 'Nowhere', 'unknown_location', '3101'],
    ['an unknown location on a Calling user', 'webex_calling', 'Nowhere', 'unknown_location', '3102'],
    ['a known location on a Meetings user', 'webex_meetings', 'Amsterdam HQ', 'location_not_used', '3103'],
  ])('%s is a 400 naming location', async (_name, packageId, location, code, extension) => {
    const email = `loc-${extension}@explicit.example`;
    const extra = packageId === 'webex_calling' ? calling(extension) : { package: packageId };
    const id = await createUser(email, extra);
    const response = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, { location });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ code, field: 'location' })]);
  });

  it('a known location with a change to a calling package is used', async () => {
    const id = await createUser('loc-upgrade@explicit.example', { package: 'webex_meetings' });
    const response = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, {
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '3900',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().locationName).toBe('Amsterdam HQ');
  });
});
