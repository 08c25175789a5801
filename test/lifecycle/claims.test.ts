// Claim users through the API: domain verification against a real DNS server on loopback, the
// claimable list, claims by id (≤ 250), by CSV (any number), and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFreeAccount } from '../../src/db/repositories/free-accounts.ts';
import { SystemTxtResolver, useTxtResolver } from '../../src/services/claims/txt-resolver.ts';
import {
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';
import { startLoopbackDnsServer, type LoopbackDnsServer } from './loopback-dns-server.ts';

const harness = useTestApp();
const recorder = new RecordingBackend();
let dns: LoopbackDnsServer;
const restores: (() => void)[] = [];
let customerId: string;
let rivalId: string;

async function customer(externalId: string): Promise<string> {
  const { app, tokens, auth, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/customers',
    headers: auth(tokens.partnerFull),
    payload: {
      name: externalId,
      externalId,
      adminEmail: `it@${externalId.toLowerCase()}.example`,
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
    },
  });
  await drainJobs();
  return created.json().id;
}

beforeAll(async () => {
  dns = await startLoopbackDnsServer();
  restores.push(useTxtResolver(new SystemTxtResolver({ servers: [dns.address], timeoutMs: 2000 })));
  restores.push(useProvisioningBackend(recorder));
  customerId = await customer('ACME');
  rivalId = await customer('RIVAL');
  const { database } = harness();
  for (const email of ['ann@acme.com', 'bob@acme.com', 'cee@acme.com', 'dan@other.com']) {
    await insertFreeAccount(database.db, {
      email,
      firstName: email.split('@')[0] ?? null,
      lastName: 'Free',
      source: 'operator',
      active: true,
    });
  }
  await insertFreeAccount(database.db, {
    email: 'new@acme.com',
    firstName: null,
    lastName: null,
    source: 'signup',
    active: false,
  });
});
afterAll(async () => {
  for (const restore of restores.reverse()) restore();
  await dns.close();
});

function api(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), ...headers },
    ...(payload ? { payload } : {}),
  });
}

describe('domain verification', () => {
  let record: { name: string; value: string };

  it('answers the TXT record to publish', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/domains`, { domain: 'ACME.com' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      domain: 'acme.com',
      status: 'pending',
      txtRecord: { type: 'TXT', name: '_wholesale-hub-challenge.acme.com' },
    });
    expect(body.txtRecord.value).toBe(`wholesale-hub-verification=${body.token}`);
    record = body.txtRecord;
  });

  it('stays pending while the record is missing, and nothing is claimable', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/domains/acme.com/verify`);
    expect(response.json()).toMatchObject({ status: 'pending' });
    expect(dns.queries).toContain('_wholesale-hub-challenge.acme.com');
    expect((await api('GET', `/v1/customers/${customerId}/claims`)).json().items).toEqual([]);
  });

  it('verifies once the record is published', async () => {
    dns.setTxt(record.name, ['v=spf1 -all', record.value]);
    const response = await api('POST', `/v1/customers/${customerId}/domains/acme.com/verify`);
    expect(response.json()).toMatchObject({ status: 'verified', verified: true });
  });

  it('refuses a domain another organization verified', async () => {
    const added = await api('POST', `/v1/customers/${rivalId}/domains`, { domain: 'acme.com' });
    dns.setTxt('_wholesale-hub-challenge.acme.com', [added.json().txtRecord.value]);
    const response = await api('POST', `/v1/customers/${rivalId}/domains/acme.com/verify`);
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].code).toBe('domain_verified_elsewhere');
  });

  it('refuses what is not a domain', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/domains`, { domain: '192.168.1.1' });
    expect(response.statusCode).toBe(400);
  });
});

describe('claims', () => {
  it('lists the active free accounts of verified domains only', async () => {
    const response = await api('GET', `/v1/customers/${customerId}/claims?max=250`);
    expect(response.json().items.map((a: { email: string }) => a.email)).toEqual([
      'ann@acme.com',
      'bob@acme.com',
      'cee@acme.com',
    ]);
  });

  it('claims by account id with a package, at once (no consent), and pushes the licence', async () => {
    const list = await api('GET', `/v1/customers/${customerId}/claims`);
    const ann = list.json().items.find((a: { email: string }) => a.email === 'ann@acme.com');
    const response = await api('POST', `/v1/customers/${customerId}/claims`, {
      accountIds: [ann.id],
      package: 'webex_meetings',
    });
    expect(response.json()).toMatchObject({ counts: { claimed: 1, failed: 0 } });
    const userId = response.json().results[0].userId;
    const user = await api('GET', `/v1/customers/${customerId}/users/${userId}`);
    expect(user.json()).toMatchObject({
      email: 'ann@acme.com',
      status: 'provisioned',
      package: 'webex_meetings',
      firstName: 'ann',
    });
    expect(recorder.stepsFor(customerId, userId)).toEqual(['assign_licence:webex_meetings']);
  });

  it('refuses accounts outside the verified domains, unverified ones and users of other customers', async () => {
    const { database } = harness();
    await database.db
      .insertInto('users')
      .values({ customer_id: rivalId, email: 'held@acme.com', package: 'webex_meetings' })
      .execute();
    const response = await api('POST', `/v1/customers/${customerId}/claims`, {
      emails: ['dan@other.com', 'new@acme.com', 'held@acme.com'],
    });
    const codes = response.json().results.map((r: { errors: { code: string }[] }) => r.errors[0]?.code);
    expect(codes).toEqual(['not_claimable', 'not_claimable', 'held_by_customer']);
    await database.db
      .updateTable('customers')
      .set({ directory_sync_enabled: true })
      .where('id', '=', rivalId)
      .execute();
    const again = await api('POST', `/v1/customers/${customerId}/claims`, { emails: ['held@acme.com'] });
    expect(again.json().results[0].errors[0].code).toBe('held_by_directory');
  });

  it('claims any number by CSV; without a package they join as users without one', async () => {
    const csv =
      'User ID/Email (Required),First Name\nbob@acme.com,Bob\ncee@acme.com,Cee\ndan@other.com,Dan\n';
    const response = await api('POST', `/v1/customers/${customerId}/claims/csv`, csv as unknown as object, {
      'content-type': 'text/csv',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().counts).toEqual({ claimed: 2, failed: 1 });
    const users = await api('GET', `/v1/customers/${customerId}/users?search=bob`);
    expect(users.json().items[0]).toMatchObject({ email: 'bob@acme.com', package: null });
  });

  it('refuses more than 250 at once', async () => {
    const emails = Array.from({ length: 251 }, (_, index) => `x${index}@acme.com`);
    const response = await api('POST', `/v1/customers/${customerId}/claims`, { emails });
    expect(response.statusCode).toBe(400);
  });

  it('refuses every claim while the customer syncs its directory', async () => {
    const { database } = harness();
    await database.db
      .updateTable('customers')
      .set({ directory_sync_enabled: true })
      .where('id', '=', customerId)
      .execute();
    const response = await api('POST', `/v1/customers/${customerId}/claims`, { emails: ['dan@other.com'] });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].code).toBe('claims_refused_directory_sync');
  });
});
