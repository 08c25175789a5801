// A customer's externalId is the partner's own id for it (SPEC §2), and which externalIds the
// partner uses is partner-level knowledge that customer roles do not see (policy.ts,
// assertPartnerRole). A customer admin that could set its own organization's externalId learnt,
// from a 409 external_id_taken against a 200, the externalIds of the partner's other customers,
// and could break the partner's own references to it.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken } from '../helpers/factories.ts';

describe("a customer admin and its organization's externalId", () => {
  const harness = useTestApp();
  let own = '';
  let customerAdmin = '';

  beforeAll(async () => {
    const { app, auth, tokens, partnerId, database, drainJobs } = harness();
    const create = async (externalId: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: auth(tokens.partnerFull),
        payload: {
          name: `Org ${externalId}`,
          externalId,
          adminEmail: `admin@${externalId}.example`,
          country: 'NL',
        },
      });
      expect(response.statusCode).toBe(202);
      return response.json<{ id: string }>().id;
    };
    own = await create('ext-own');
    await create('ext-sibling');
    await drainJobs();
    customerAdmin = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: own,
    });
  });

  const patch = (token: string, payload: Record<string, unknown>) => {
    const { app, auth } = harness();
    return app.inject({ method: 'PATCH', url: `/v1/customers/${own}`, headers: auth(token), payload });
  };

  it('answers alike whether or not a sibling customer uses the externalId, and changes nothing', async () => {
    const taken = await patch(customerAdmin, { externalId: 'ext-sibling' });
    const free = await patch(customerAdmin, { externalId: 'ext-unused' });
    expect(taken.statusCode).toBe(403);
    expect(free.statusCode).toBe(403);
    expect(taken.json().errors).toEqual(free.json().errors);
    expect(taken.body).not.toContain('ext-sibling');
    const { app, auth, tokens } = harness();
    const stored = await app.inject({ url: `/v1/customers/${own}`, headers: auth(tokens.partnerFull) });
    expect(stored.json().externalId).toBe('ext-own');
  });

  it('still lets it save its details with the externalId unchanged', async () => {
    const response = await patch(customerAdmin, { externalId: 'ext-own', name: 'Renamed by its admin' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ externalId: 'ext-own', name: 'Renamed by its admin' });
  });

  it("still lets the partner's full admin change it, and tells it a taken one", async () => {
    const { tokens } = harness();
    expect((await patch(tokens.partnerFull, { externalId: 'ext-sibling' })).statusCode).toBe(409);
    const changed = await patch(tokens.partnerFull, { externalId: 'ext-renamed' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().externalId).toBe('ext-renamed');
  });
});
