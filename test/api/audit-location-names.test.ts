// The audit log names the locations its events refer to (users' states hold location ids), so the
// web need not fetch every location of the customer; an id of another customer's location is never
// named, whatever an event holds.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

interface AuditItem {
  action: string;
  target: { type: string; id: string | null };
  after: Record<string, unknown> | null;
  locationNames: Record<string, string>;
}

describe('audit log location names', () => {
  const harness = useTestApp();
  let customerId = '';
  let hqId = '';
  let foreignLocationId = '';

  const post = (url: string, payload: object) => {
    const { app, tokens, auth } = harness();
    return app.inject({ method: 'POST', url, headers: auth(tokens.partnerFull), payload });
  };
  const auditItems = async (): Promise<AuditItem[]> => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({
      url: `/v1/customers/${customerId}/audit?max=100`,
      headers: auth(tokens.partnerFull),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };

  beforeAll(async () => {
    const customer = (label: string) =>
      post('/v1/customers', {
        name: `Audit names ${label}`,
        externalId: `AUDIT-NAMES-${label}`,
        adminEmail: `it@${label}.example`,
        country: 'NL',
        packages: [{ id: 'webex_calling' }],
      });
    customerId = (await customer('home')).json().id;
    const otherCustomerId = (await customer('other')).json().id;
    await harness().drainJobs();
    const location = async (owner: string, name: string) => {
      const response = await post(`/v1/customers/${owner}/locations`, {
        name,
        country: 'NL',
        timeZone: 'Europe/Amsterdam',
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    hqId = await location(customerId, 'Amsterdam HQ');
    foreignLocationId = await location(otherCustomerId, 'Rotterdam Secret Site');
    const user = await post(`/v1/customers/${customerId}/users`, {
      email: 'anna@home.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '1001',
    });
    expect(user.statusCode, user.body).toBe(201);
  });

  it("names the location a user's state holds, and a location the event is about", async () => {
    const items = await auditItems();
    const created = items.find((item) => item.action === 'user.create');
    expect(created?.after?.['locationId']).toBe(hqId);
    expect(created?.locationNames).toEqual({ [hqId]: 'Amsterdam HQ' });
    const location = items.find((item) => item.action === 'location.create');
    expect(location?.target.id).toBe(hqId);
    expect(location?.locationNames).toEqual({ [hqId]: 'Amsterdam HQ' });
    // Events about no location carry an empty map, not a missing field.
    expect(items.find((item) => item.action === 'customer.create')?.locationNames).toEqual({});
  });

  it("never names another customer's location, even when an event of this customer holds its id", async () => {
    const { database } = harness();
    await database.db
      .insertInto('audit_events')
      .values({
        customer_id: customerId,
        actor_type: 'operator',
        action: 'user.update',
        target_type: 'user',
        target_id: null,
        before: JSON.stringify({ locationId: hqId }),
        after: JSON.stringify({ locationId: foreignLocationId, numbers: [{ locationId: 'not-a-uuid' }] }),
      })
      .execute();
    const items = await auditItems();
    const forged = items.find((item) => item.after?.['locationId'] === foreignLocationId);
    expect(forged?.locationNames).toEqual({ [hqId]: 'Amsterdam HQ' });
    expect(JSON.stringify(items)).not.toContain('Rotterdam Secret Site');
  });
});
