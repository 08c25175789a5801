// ADR 0074: adding numbers that another partner's customer holds must not map that partner's
// inventory (SPEC §1): the refusal names, counts and locates nothing of the other tenant, and each
// such request is an audited probe, limited per actor like emails of other organizations.
// Within one partner the refusal says where the numbers are, so the admin can fix the request.
import { describe, expect, inject, it, beforeAll } from 'vitest';
import { NUMBER_PROBE_ACTION, NUMBER_PROBES_PER_MINUTE } from '../../src/services/numbers/number-probes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner } from '../helpers/factories.ts';

const harness = useTestApp();

const PARTNER_A_RANGE = '+31201230000-+31201230099';

interface Tenant {
  readonly partnerId: string;
  readonly token: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly locationId: string;
  readonly locationName: string;
}

const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  harness().app.inject({ method, url, headers: harness().auth(token), ...(payload ? { payload } : {}) });

async function createCustomerWithLocation(token: string, name: string, locationName: string) {
  const created = await call(token, 'POST', '/v1/customers', {
    name,
    externalId: `${name}-ext`,
    adminEmail: `admin@${name.toLowerCase().replace(/\W/g, '')}.example`,
    country: 'NL',
    packages: [{ id: 'webex_calling' }],
  });
  expect(created.statusCode).toBe(202);
  const customerId = created.json().id as string;
  await harness().drainJobs();
  const location = await call(token, 'POST', `/v1/customers/${customerId}/locations`, {
    name: locationName,
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
  });
  expect(location.statusCode).toBe(201);
  return { customerId, customerName: name, locationId: location.json().id as string, locationName };
}

async function numbersOf(token: string, customerId: string): Promise<string[]> {
  const listed = await call(token, 'GET', `/v1/customers/${customerId}/numbers?max=100`);
  expect(listed.statusCode).toBe(200);
  return listed.json().items.map((item: { phoneNumber: string }) => item.phoneNumber);
}

describe("adding another partner's numbers", () => {
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    const { database, partnerId, tokens } = harness();
    a = {
      partnerId,
      token: tokens.partnerFull,
      ...(await createCustomerWithLocation(tokens.partnerFull, 'Alpha Holding', 'Alpha Tower')),
    };
    const partnerB = await createPartner(database.db, 'Bravo Partner');
    const tokenB = await createApiToken(database.db, { partnerId: partnerB, role: 'partner_full_admin' });
    b = {
      partnerId: partnerB,
      token: tokenB,
      ...(await createCustomerWithLocation(tokenB, 'Bravo Shop', 'Bravo Street')),
    };
    const added = await call(a.token, 'POST', `/v1/customers/${a.customerId}/numbers`, {
      location: a.locationName,
      numbers: [PARTNER_A_RANGE],
    });
    expect(added.statusCode).toBe(201);
  });

  it('is refused without any number, count, customer, location or partner of the other tenant', async () => {
    const { database } = harness();
    const prober = await createApiToken(database.db, {
      partnerId: b.partnerId,
      role: 'partner_full_admin',
      name: 'mapper',
    });
    const response = await call(prober, 'POST', `/v1/customers/${b.customerId}/numbers`, {
      location: b.locationName,
      numbers: ['+31201230000-+31201239999'],
    });
    expect(response.statusCode).toBe(409);
    const body = response.json();
    expect(body.errors.map((error: { code: string }) => error.code)).toEqual(['number_unavailable']);
    const revealed = JSON.stringify({ body, headers: response.headers });
    expect(revealed).not.toMatch(/\+3120123\d{4}/);
    expect(revealed).not.toMatch(/\b100\b/);
    for (const secret of [
      a.customerId,
      a.customerName,
      a.locationId,
      a.locationName,
      a.partnerId,
      'Home Partner',
    ]) {
      expect(revealed).not.toContain(secret);
    }
    // Nothing of the request stays behind: no free numbers of the range slipped in beside A's.
    expect(await numbersOf(b.token, b.customerId)).toEqual([]);
  });

  it('answers 429 with Retry-After once the actor used its budget, also for free numbers', async () => {
    const { database } = harness();
    const prober = await createApiToken(database.db, {
      partnerId: b.partnerId,
      role: 'partner_full_admin',
      name: 'repeater',
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < NUMBER_PROBES_PER_MINUTE + 3; attempt += 1) {
      const response = await call(prober, 'POST', `/v1/customers/${b.customerId}/numbers`, {
        location: b.locationName,
        numbers: [`+3120123000${attempt % 10}`],
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(response.headers['retry-after']).toBe('60');
    }
    expect(statuses.slice(0, NUMBER_PROBES_PER_MINUTE)).toEqual(Array(NUMBER_PROBES_PER_MINUTE).fill(409));
    expect(statuses.slice(NUMBER_PROBES_PER_MINUTE)).toEqual([429, 429, 429]);
    // During the lockout a free number gets the same 429: the answer no longer tells taken from free.
    const free = await call(prober, 'POST', `/v1/customers/${b.customerId}/numbers`, {
      location: b.locationName,
      numbers: ['+31301110000'],
    });
    expect(free.statusCode).toBe(429);
    expect(free.headers['retry-after']).toBe('60');
  });

  it("audits each probe in the prober's own tenant, naming nothing of the other", async () => {
    const { database } = harness();
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['partner_id', 'customer_id', 'target_type', 'target_id', 'after'])
      .where('action', '=', NUMBER_PROBE_ACTION)
      .where('actor_label', '=', 'token:repeater')
      .execute();
    expect(rows).toHaveLength(NUMBER_PROBES_PER_MINUTE);
    for (const row of rows) {
      expect(row).toMatchObject({
        partner_id: b.partnerId,
        customer_id: b.customerId,
        target_id: b.locationId,
      });
      const recorded = JSON.stringify(row);
      for (const secret of [a.customerId, a.customerName, a.locationId, a.locationName, a.partnerId]) {
        expect(recorded).not.toContain(secret);
      }
    }
    const mapped = await database.db
      .selectFrom('audit_events')
      .select('target_id')
      .where('action', '=', NUMBER_PROBE_ACTION)
      .where('actor_label', '=', 'token:mapper')
      .execute();
    expect(mapped).toHaveLength(1);
  });

  it.runIf(inject('testDatabase').kind === 'postgres')(
    'keeps parallel requests within the budget: at most its number of probes, the rest 429 or free',
    async () => {
      const { database } = harness();
      const burst = await createApiToken(database.db, {
        partnerId: b.partnerId,
        role: 'partner_full_admin',
        name: 'burst',
      });
      // 20 of partner A's numbers and 20 free ones, all at once.
      const numbers = Array.from({ length: 40 }, (_, n) =>
        n % 2 === 0
          ? `+312012300${String(n / 2).padStart(2, '0')}`
          : `+313022200${String(n).padStart(2, '0')}`,
      );
      const answers = await Promise.all(
        numbers.map((number) =>
          call(burst, 'POST', `/v1/customers/${b.customerId}/numbers`, {
            location: b.locationName,
            numbers: [number],
          }),
        ),
      );
      const refusedAsTaken = answers.filter((answer) => answer.statusCode === 409);
      const probes = await database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', NUMBER_PROBE_ACTION)
        .where('actor_label', '=', 'token:burst')
        .execute();
      expect(refusedAsTaken.length).toBeLessThanOrEqual(NUMBER_PROBES_PER_MINUTE);
      expect(probes).toHaveLength(refusedAsTaken.length);
      expect(answers.every((answer) => [201, 409, 429].includes(answer.statusCode))).toBe(true);
    },
  );

  it('names the customer and location of numbers of the same partner, to a partner admin only', async () => {
    const { database } = harness();
    const other = await createCustomerWithLocation(a.token, 'Alpha Annex', 'Annex Hall');
    const partnerAdmin = await call(a.token, 'POST', `/v1/customers/${other.customerId}/numbers`, {
      location: other.locationName,
      numbers: ['+31201230005-+31201230006', '+31201230200'],
    });
    expect(partnerAdmin.statusCode).toBe(409);
    expect(partnerAdmin.json().message).toBe('2 numbers already belong to another location or customer.');
    expect(partnerAdmin.json().errors).toEqual([
      expect.objectContaining({ code: 'number_taken', description: expect.stringContaining('+31201230005') }),
      expect.objectContaining({ code: 'number_taken', description: expect.stringContaining('+31201230006') }),
    ]);
    expect(partnerAdmin.json().errors[0].description).toContain('"Alpha Holding", location "Alpha Tower"');

    // A customer admin of the annex may not see the holding: for it the numbers are another
    // organization's.
    const customerAdmin = await createApiToken(database.db, {
      partnerId: a.partnerId,
      customerId: other.customerId,
      role: 'customer_full_admin',
    });
    const refused = await call(customerAdmin, 'POST', `/v1/customers/${other.customerId}/numbers`, {
      location: other.locationName,
      numbers: ['+31201230005'],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors.map((error: { code: string }) => error.code)).toEqual([
      'number_unavailable',
    ]);
    expect(refused.body).not.toContain('Alpha Holding');
    expect(refused.body).not.toContain('Alpha Tower');
  });
});

describe.runIf(inject('testDatabase').kind === 'postgres')(
  'adding one range to two customers at once',
  () => {
    it('lets one customer have the numbers and answers the others 409 number_taken', async () => {
      const token = harness().tokens.partnerFull;
      const c1 = await createCustomerWithLocation(token, 'Race One', 'Race Hall');
      const c2 = await createCustomerWithLocation(token, 'Race Two', 'Race Hall');
      for (const [round, range] of [
        '+31401110000-+31401110009',
        '+31401120000-+31401120009',
        '+31401130000-+31401130009',
      ].entries()) {
        const targets = Array.from({ length: 10 }, (_, index) => ((index + round) % 2 === 0 ? c1 : c2));
        const responses = await Promise.all(
          targets.map((target) =>
            call(token, 'POST', `/v1/customers/${target.customerId}/numbers`, {
              location: target.locationName,
              numbers: [range],
            }),
          ),
        );
        const held1 = (await numbersOf(token, c1.customerId)).filter((e164) =>
          e164.startsWith(range.slice(0, 10)),
        );
        const held2 = (await numbersOf(token, c2.customerId)).filter((e164) =>
          e164.startsWith(range.slice(0, 10)),
        );
        const winner = held1.length > 0 ? c1 : c2;
        expect([held1.length, held2.length].sort()).toEqual([0, 10]);
        responses.forEach((response, index) => {
          if (targets[index] === winner) {
            expect(response.statusCode).toBe(201);
          } else {
            expect(response.statusCode).toBe(409);
            expect(response.json().errors[0].code).toBe('number_taken');
          }
        });
      }
    });
  },
);
