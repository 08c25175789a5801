// The Wholesale customer precheck and create judge `customerInfo.primaryEmail` by one rule
// (services/provisioning/customer-primary-email.ts): an email an admin account holds is taken
// (10022); a user's email is not, since SPEC §1 lets an admin account also be a user.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { WHOLESALE_CODES } from '../../src/domain/provisioning/wholesale-codes.ts';
import { EMAIL_PROBE_ACTION } from '../../src/services/provisioning/email-probes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

const ADDRESS = { addressLine1: 'Damrak 1', city: 'Amsterdam', country: 'NL' };
const OTHER_PARTNERS_ADMIN = 'boss@other-partner.example';
const OTHER_CUSTOMERS_USER = 'person@other-partner.example';
const SAME_PARTNERS_USER = 'person@home-customer.example';

let prober: string;

async function send(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  const { app, auth } = harness();
  return app.inject({ method, url, headers: auth(token), ...(payload ? { payload } : {}) });
}

async function addUser(token: string, customerId: string, email: string): Promise<void> {
  const created = await send('POST', `/v1/customers/${customerId}/users`, token, {
    email,
    firstName: 'Jo',
    lastName: 'Jansen',
    package: 'webex_meetings',
  });
  expect(created.statusCode, created.body).toBeLessThan(300);
}

function precheck(email: string) {
  return send('POST', '/v1/wholesale/customers/validate', prober, {
    address: ADDRESS,
    customerInfo: { primaryEmail: email },
  });
}

let created = 0;
function create(email: string, token = prober) {
  created += 1;
  return send('POST', '/v1/wholesale/customers', token, {
    provisioningId: 'primary-email-test',
    externalId: `primary-email-${created}`,
    packages: ['webex_meetings'],
    address: ADDRESS,
    customerInfo: { name: `Primary Email ${created}`, primaryEmail: email, language: 'en' },
  });
}

function errorCodes(body: string): number[] {
  return (JSON.parse(body) as { errors: { errorCode: number }[] }).errors.map((error) => error.errorCode);
}

beforeAll(async () => {
  const { database, partnerId, tokens } = harness();
  prober = await createApiToken(database.db, { partnerId, role: 'partner_full_admin', name: 'prober' });
  const otherPartnerId = await createPartner(database.db, 'Other Partner');
  const otherPartnerFull = await createApiToken(database.db, {
    partnerId: otherPartnerId,
    role: 'partner_full_admin',
  });
  const otherCustomer = await createTestCustomer(database.db, otherPartnerId, {
    adminEmail: OTHER_PARTNERS_ADMIN,
    provision: true,
  });
  await addUser(otherPartnerFull, otherCustomer.id, OTHER_CUSTOMERS_USER);
  const homeCustomer = await createTestCustomer(database.db, partnerId, { provision: true });
  await addUser(tokens.partnerFull, homeCustomer.id, SAME_PARTNERS_USER);
});

describe('precheck and create give the same verdict on the primary email', () => {
  it.each([
    ['a fresh email', 'fresh@new-customer.example', true],
    ["an admin of another partner's customer", OTHER_PARTNERS_ADMIN, false],
    ['a user of another customer', OTHER_CUSTOMERS_USER, true],
    ["a user of the same partner's customer", SAME_PARTNERS_USER, true],
  ])('%s (%s): usable %s', async (_case, email, usable) => {
    const checked = await precheck(email);
    const made = await create(email);
    if (usable) {
      expect(checked.statusCode, checked.body).toBe(200);
      expect(made.statusCode, made.body).toBe(202);
      // The create really succeeds: the customer's full admin is invited, nothing fails later.
      await harness().drainJobs();
      const customer = await send('GET', String(made.headers['location']), prober);
      expect(customer.json()).toMatchObject({ status: 'provisioned' });
      expect(customer.json()).not.toHaveProperty('errors');
    } else {
      // The precheck answers as the create does (precheck-agrees-with-create.test.ts): 409.
      expect(checked.statusCode).toBe(409);
      expect(errorCodes(checked.body)).toEqual([WHOLESALE_CODES.email_taken.errorCode]);
      expect(made.statusCode).toBe(409);
      expect(errorCodes(made.body)).toEqual([WHOLESALE_CODES.email_taken.errorCode]);
      expect(made.body).not.toMatch(/admin|other partner/i);
    }
  });

  it('audits each taken answer, of precheck and create alike, as an email probe', async () => {
    const { database } = harness();
    const probes = await database.db
      .selectFrom('audit_events')
      .select(['target_id', 'customer_id'])
      .where('action', '=', EMAIL_PROBE_ACTION)
      .where('actor_label', '=', 'token:prober')
      .execute();
    expect(probes).toEqual([
      { target_id: OTHER_PARTNERS_ADMIN, customer_id: null },
      { target_id: OTHER_PARTNERS_ADMIN, customer_id: null },
    ]);
  });

  it('answers a taken externalId (409) before looking at the email', async () => {
    const first = await create('externalid-owner@new-customer.example');
    expect(first.statusCode, first.body).toBe(202);
    const again = await send('POST', '/v1/wholesale/customers', prober, {
      provisioningId: 'primary-email-test',
      externalId: `primary-email-${created}`,
      packages: ['webex_meetings'],
      address: ADDRESS,
      customerInfo: { name: 'Same externalId', primaryEmail: OTHER_PARTNERS_ADMIN },
    });
    expect(again.statusCode).toBe(409);
    expect(errorCodes(again.body)).toEqual([WHOLESALE_CODES.external_id_taken.errorCode]);
    const { database } = harness();
    const probes = await database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', EMAIL_PROBE_ACTION)
      .where('actor_label', '=', 'token:prober')
      .execute();
    expect(probes).toHaveLength(2);
  });

  it("answers a read-only admin's create 403 before looking at the email", async () => {
    const { database, partnerId } = harness();
    const readonly = await createApiToken(database.db, {
      partnerId,
      role: 'partner_readonly_admin',
      name: 'readonly-creator',
    });
    const refused = await create(OTHER_PARTNERS_ADMIN, readonly);
    expect(refused.statusCode).toBe(403);
    const probes = await database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', EMAIL_PROBE_ACTION)
      .where('actor_label', '=', 'token:readonly-creator')
      .execute();
    expect(probes).toEqual([]);
  });
});

describe('an email promised to a customer still being provisioned', () => {
  it('is taken for the next create and precheck before the first customer has made its admin', async () => {
    const email = 'promised@in-flight.example';
    const first = await create(email);
    expect(first.statusCode, first.body).toBe(202);
    // No job has run: the first customer's admin account does not exist yet.
    const checked = await precheck(email);
    expect(checked.statusCode, checked.body).toBe(409);
    expect(errorCodes(checked.body)).toEqual([WHOLESALE_CODES.email_taken.errorCode]);
    const second = await create(email);
    expect(second.statusCode, second.body).toBe(409);
    expect(errorCodes(second.body)).toEqual([WHOLESALE_CODES.email_taken.errorCode]);

    await harness().drainJobs();
    const customer = await send('GET', String(first.headers['location']), prober);
    expect(customer.json()).toMatchObject({ status: 'provisioned' });
  });

  it.runIf(inject('testDatabase').kind === 'postgres')(
    'goes to exactly one of ten simultaneous creates; the others are refused and audited as probes',
    async () => {
      const { database } = harness();
      const racer = await createApiToken(database.db, {
        partnerId: harness().partnerId,
        role: 'partner_full_admin',
        name: 'racer',
      });
      const email = 'raced@in-flight.example';
      const answers = await Promise.all(Array.from({ length: 10 }, () => create(email, racer)));
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses).toEqual([202, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      for (const refused of answers.filter((answer) => answer.statusCode === 409))
        expect(errorCodes(refused.body)).toEqual([WHOLESALE_CODES.email_taken.errorCode]);

      await harness().drainJobs();
      const customers = await database.db
        .selectFrom('customers')
        .select(['status'])
        .where('admin_email', '=', email)
        .execute();
      expect(customers).toEqual([{ status: 'provisioned' }]);
      const probes = await database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', EMAIL_PROBE_ACTION)
        .where('actor_label', '=', 'token:racer')
        .execute();
      expect(probes).toHaveLength(9);
    },
  );
});
