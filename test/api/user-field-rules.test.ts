// ADR 0083 on the admin API: look-alike emails and control / bidi characters in names are 400
// validation errors naming the field; lengths come from the one table the schemas share.
import { beforeAll, describe, expect, it } from 'vitest';
import { FIELD_MAX_LENGTH } from '../../src/domain/users/field-rules.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();
let customerId = '';

function api(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  const created = await api('POST', '/v1/customers', {
    name: 'Field Rules BV',
    externalId: 'FIELDRULES-API',
    adminEmail: 'it@fieldrules.example',
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json().id;
  await harness().drainJobs();
});

describe('the admin API and the field rules', () => {
  it.each([
    ['a zero-width space', 'a\u200bb@fieldrules.example', 'U+200B'],
    ['a right-to-left override', 'ab\u202e@fieldrules.example', 'U+202E'],
    ['full-width letters', 'ＡＢＣ@fieldrules.example', 'U+FF41'],
  ])('POST a user whose email has %s: 400 invalid_email with the reason', async (_name, email, character) => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email,
      package: 'webex_meetings',
    });
    expect(response.statusCode, response.body).toBe(400);
    const [error] = response.json().errors as { code: string; field: string; description: string }[];
    expect(error).toMatchObject({ code: 'invalid_email', field: 'email' });
    expect(error?.description).toContain(`invisible or look-alike character (${character})`);
  });

  it.each([
    ['firstName', 'Bel\u0007', 'U+0007'],
    ['lastName', 'gnp\u202Eexe', 'U+202E'],
    ['title', 'iso\u2066late', 'U+2066'],
  ])(
    'POST a user with %s holding a control character: 400 forbidden_character',
    async (field, value, character) => {
      const response = await api('POST', `/v1/customers/${customerId}/users`, {
        email: `ctl-${field.toLowerCase()}@fieldrules.example`,
        package: 'webex_meetings',
        [field]: value,
      });
      expect(response.statusCode, response.body).toBe(400);
      const [error] = response.json().errors as { code: string; field: string; description: string }[];
      expect(error).toMatchObject({ code: 'forbidden_character', field });
      expect(error?.description).toContain(character);
    },
  );

  it('PATCH takes a name at the limit and refuses one over it', async () => {
    const created = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'limit@fieldrules.example',
      package: 'webex_meetings',
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `/v1/customers/${customerId}/users/${created.json().id}`;
    const atLimit = await api('PATCH', url, { firstName: 'N'.repeat(FIELD_MAX_LENGTH.firstName) });
    expect(atLimit.statusCode, atLimit.body).toBe(200);
    const over = await api('PATCH', url, { firstName: 'N'.repeat(FIELD_MAX_LENGTH.firstName + 1) });
    expect(over.statusCode, over.body).toBe(400);
  });

  it.each([
    ['a first name over the limit', { firstName: 'N'.repeat(FIELD_MAX_LENGTH.firstName + 1) }, 'ws-long'],
    ['a last name with BEL', { lastName: 'Bel\u0007' }, 'ws-bel'],
    ['a zero-width space in the email', {}, 'ws\u200b'],
  ])(
    'the Wholesale subscriber API refuses %s with 400, and stores nothing',
    async (_name, parameters, local) => {
      const { database, partnerId } = harness();
      const customer = await createTestCustomer(database.db, partnerId, { provision: true });
      const email = `${local}@fieldrules.example`;
      const response = await api('POST', '/v1/wholesale/subscribers', {
        customerId: customer.id,
        email,
        package: 'webex_meetings',
        provisioningParameters: parameters,
      });
      expect(response.statusCode, response.body).toBe(400);
      const stored = await database.db
        .selectFrom('users')
        .select('id')
        .where('customer_id', '=', customer.id)
        .execute();
      expect(stored).toEqual([]);
    },
  );
});
