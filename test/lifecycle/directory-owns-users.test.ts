// ADR 0067: while directory sync is on, the directory creates the users. Manual add (single and
// batch admin API, and the service the CLI's `users add-batch` calls) is refused with 409 for the
// whole request, before anything is stored; claims are refused too. The Wholesale API's
// subscriber create still adds. With sync off, manual add works.
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/errors.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { addUsers } from '../../src/services/provisioning/add-users.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
let customerId = '';

function api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

async function userCount(): Promise<number> {
  const rows = await harness()
    .database.db.selectFrom('users')
    .select('email')
    .where('customer_id', '=', customerId)
    .execute();
  return rows.length;
}

async function setSync(enabled: boolean): Promise<void> {
  const response = await api('PUT', `/v1/customers/${customerId}/directory-sync`, { enabled });
  expect(response.statusCode, response.body).toBe(200);
}

function person(email: string) {
  return { email, firstName: 'Hand', lastName: 'Made', package: 'webex_meetings' as const };
}

/** What the CLI's `users add-batch` runs: the same service, with its defaults. */
function cliContext(): ServiceContext {
  const { database, partnerId } = harness();
  return {
    db: database.db,
    actor: {
      type: 'admin',
      id: null,
      label: 'cli',
      role: 'partner_full_admin',
      partnerId,
      customerId: null,
    },
    requestId: 'test',
    locale: 'en',
  };
}

beforeAll(async () => {
  const created = await api('POST', '/v1/customers', {
    name: 'Directory BV',
    externalId: 'DIR-OWNS-1',
    adminEmail: 'it@dir.example',
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json<{ id: string }>().id;
  await harness().drainJobs();
});

describe('while directory sync is on', () => {
  beforeAll(() => setSync(true));

  it('refuses the batch add with 409 and stores nobody (English and Dutch)', async () => {
    const before = await userCount();
    const users = [person('a1@dir.example'), person('a2@dir.example')];
    const en = await api('POST', `/v1/customers/${customerId}/users/batch`, { users });
    expect(en.statusCode, en.body).toBe(409);
    expect(en.json().errors[0].code).toBe('directory_sync_on');
    expect(en.json().message).toContain('directory synchronization is on');
    const nl = await api('POST', `/v1/customers/${customerId}/users/batch`, { users }, 'nl');
    expect(nl.statusCode).toBe(409);
    expect(nl.json().message).toContain('zolang directorysynchronisatie aanstaat');
    expect(await userCount()).toBe(before);
  });

  it('refuses the single add with 409 and stores nobody', async () => {
    const before = await userCount();
    const response = await api('POST', `/v1/customers/${customerId}/users`, person('b1@dir.example'));
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().errors[0].code).toBe('directory_sync_on');
    expect(await userCount()).toBe(before);
  });

  it("refuses the CLI's batch add (the same service)", async () => {
    const before = await userCount();
    const outcome = await addUsers(cliContext(), customerId, [person('c1@dir.example')]).catch(
      (error: unknown) => error,
    );
    expect(isAppError(outcome) && outcome.code).toBe('conflict');
    expect(isAppError(outcome) && outcome.details[0]?.code).toBe('directory_sync_on');
    expect(await userCount()).toBe(before);
  });

  it('refuses claims', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/claims`, { emails: ['x@dir.example'] });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].code).toBe('claims_refused_directory_sync');
  });

  it('the Wholesale API still adds a subscriber (the partner provisioning interface)', async () => {
    const response = await api('POST', '/v1/wholesale/subscribers', {
      customerId,
      email: 'wholesale@dir.example',
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Whole', lastName: 'Sale' },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    const stored = await harness()
      .database.db.selectFrom('users')
      .select('email')
      .where('email', '=', 'wholesale@dir.example')
      .executeTakeFirst();
    expect(stored).toBeDefined();
  });
});

describe('while directory sync is off', () => {
  beforeAll(() => setSync(false));

  it('adds by batch, single create and the service', async () => {
    const before = await userCount();
    const batch = await api('POST', `/v1/customers/${customerId}/users/batch`, {
      users: [person('d1@dir.example'), person('d2@dir.example')],
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json().counts.created).toBe(2);
    const single = await api('POST', `/v1/customers/${customerId}/users`, person('d3@dir.example'));
    expect(single.statusCode, single.body).toBe(201);
    const results = await addUsers(cliContext(), customerId, [person('d4@dir.example')]);
    expect(results.map((result) => result.result)).toEqual(['created']);
    expect(await userCount()).toBe(before + 4);
  });
});
