// The public list filters of the Wholesale API (SPEC §7) that the contract test runs against a
// single subscriber, where a filter that did nothing would still pass: here every filter has
// something to leave out. Customers: `orgId`. Subscribers: `after`, `lastStatusChange`, `sortOrder`.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

interface Listed {
  id: string;
  orgId?: string;
  created: string;
  lastStatusChange: string;
}

async function ids(url: string): Promise<string[]> {
  const { app, tokens, auth } = harness();
  const response = await app.inject({ method: 'GET', url, headers: auth(tokens.partnerFull) });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: Listed[] }).items.map((item) => item.id);
}

let firstCustomer = '';
let secondCustomer = '';
const subscribers: Listed[] = [];

beforeAll(async () => {
  const { app, tokens, auth, database, partnerId } = harness();
  firstCustomer = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  secondCustomer = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  for (const email of ['one@filters.example', 'two@filters.example']) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/wholesale/subscribers',
      headers: auth(tokens.partnerFull),
      payload: { customerId: firstCustomer, email, package: 'webex_meetings', provisioningParameters: {} },
    });
    expect(response.statusCode, response.body).toBe(200);
    subscribers.push(response.json() as Listed);
  }
});

describe('GET /v1/wholesale/customers?orgId', () => {
  it('answers only the customer of that organization, and none for an unknown one', async () => {
    const all = await ids('/v1/wholesale/customers');
    expect(all).toEqual(expect.arrayContaining([firstCustomer, secondCustomer]));
    const { app, tokens, auth } = harness();
    const got = await app.inject({
      method: 'GET',
      url: `/v1/wholesale/customers/${secondCustomer}`,
      headers: auth(tokens.partnerFull),
    });
    const orgId = (got.json() as Listed).orgId;
    expect(orgId).toBeTypeOf('string');
    expect(await ids(`/v1/wholesale/customers?orgId=${orgId ?? ''}`)).toEqual([secondCustomer]);
    expect(await ids('/v1/wholesale/customers?orgId=00000000-0000-4000-8000-000000000000')).toEqual([]);
  });
});

describe('GET /v1/wholesale/subscribers filters', () => {
  it('after: only subscribers created after the instant, as epoch milliseconds or ISO 8601', async () => {
    const [first, second] = subscribers;
    const base = `/v1/wholesale/subscribers?customerId=${firstCustomer}`;
    expect(await ids(base)).toEqual([first?.id, second?.id]);
    const instant = first?.created ?? '';
    expect((second?.created ?? '') > instant).toBe(true);
    expect(await ids(`${base}&after=${encodeURIComponent(instant)}`)).toEqual([second?.id]);
    expect(await ids(`${base}&after=${Date.parse(instant)}`)).toEqual([second?.id]);
  });

  it('lastStatusChange: only subscribers whose status changed after the instant', async () => {
    const [first, second] = subscribers;
    const base = `/v1/wholesale/subscribers?customerId=${firstCustomer}`;
    const instant = first?.lastStatusChange ?? '';
    expect(await ids(`${base}&lastStatusChange=${encodeURIComponent(instant)}`)).toEqual([second?.id]);
  });

  it('sortOrder takes desc in any case, and sortBy lastStatusChange', async () => {
    const [first, second] = subscribers;
    const base = `/v1/wholesale/subscribers?customerId=${firstCustomer}`;
    expect(await ids(`${base}&sortOrder=desc`)).toEqual([second?.id, first?.id]);
    expect(await ids(`${base}&sortBy=lastStatusChange&sortOrder=DESC`)).toEqual([second?.id, first?.id]);
  });
});
