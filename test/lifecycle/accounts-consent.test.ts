// Free accounts (self sign-up with email verification, operator creation) and the move of a free
// account into a customer: pending_user_migration, the consent email, the signed link.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
const recorder = new RecordingBackend();
let restore: () => void;
let customerId: string;

beforeAll(async () => {
  restore = useProvisioningBackend(recorder);
  const { app, tokens, auth, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/customers',
    headers: auth(tokens.partnerFull),
    payload: {
      name: 'Acme',
      externalId: 'ACME',
      adminEmail: 'it@acme.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
    },
  });
  customerId = created.json().id;
  await drainJobs();
});
afterAll(() => restore());

async function lastEmailTo(address: string) {
  const { database } = harness();
  return database.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_address', '=', address)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

describe('self sign-up', () => {
  it('emails a verification link; the link activates the account once', async () => {
    const { app } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/signup',
      payload: { email: 'Sam@Free.example', firstName: 'Sam' },
    });
    expect(response.statusCode).toBe(202);
    await harness().drainJobs(); // the sign-up's work is a job (ADR 0002)
    const email = await lastEmailTo('sam@free.example');
    expect(email?.template).toBe('signup-verification');
    const token = /token=([\w-]+)/.exec(email?.body_text ?? '')?.[1] ?? '';
    const verified = await app.inject({ method: 'POST', url: '/v1/signup/verify', payload: { token } });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ email: 'sam@free.example', status: 'active', source: 'signup' });
    const again = await app.inject({ method: 'POST', url: '/v1/signup/verify', payload: { token } });
    expect(again.statusCode).toBe(400);
  });

  it('answers the same for a taken email and sends nothing', async () => {
    const { app, database } = harness();
    const before = await database.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('to_address', '=', 'sam@free.example')
      .execute();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/signup',
      payload: { email: 'sam@free.example' },
    });
    expect(response.statusCode).toBe(202);
    await harness().drainJobs(); // the sign-up's work is a job (ADR 0002)
    const after = await database.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('to_address', '=', 'sam@free.example')
      .execute();
    expect(after).toHaveLength(before.length);
  });
});

describe('operator-created free accounts', () => {
  it('lets the operator create one, and nobody else', async () => {
    const { app, tokens, auth } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/accounts/free',
      headers: auth(tokens.operator),
      payload: { email: 'pat@free.example', firstName: 'Pat' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'active', source: 'operator' });
    const duplicate = await app.inject({
      method: 'POST',
      url: '/v1/accounts/free',
      headers: auth(tokens.operator),
      payload: { email: 'PAT@free.example' },
    });
    expect(duplicate.statusCode).toBe(409);
    const partner = await app.inject({
      method: 'POST',
      url: '/v1/accounts/free',
      headers: auth(tokens.partnerFull),
      payload: { email: 'x@free.example' },
    });
    expect(partner.statusCode).toBe(404);
  });
});

describe('moving a free account into a customer', () => {
  let userId: string;
  let token: string;

  it('puts the user in pending_user_migration and emails a signed consent link', async () => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/users/batch`,
      headers: auth(tokens.partnerFull),
      payload: { users: [{ email: 'pat@free.example', firstName: 'Pat', package: 'webex_meetings' }] },
    });
    const [result] = response.json().results;
    expect(result).toMatchObject({
      result: 'pending_user_migration',
      status: 202,
      user: { status: 'pending_user_migration' },
    });
    userId = result.user.id;
    expect(recorder.stepsFor(customerId, userId)).toEqual([]);
    const email = await lastEmailTo('pat@free.example');
    expect(email?.template).toBe('consent-move');
    token = decodeURIComponent(/token=([^\s]+)/.exec(email?.body_text ?? '')?.[1] ?? '');
    expect(token).toMatch(/^c1\./);
  });

  it('refuses a tampered link', async () => {
    const { app } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/consent',
      payload: { token: `${token.slice(0, -2)}xx` },
    });
    expect(response.statusCode).toBe(400);
  });

  it('completes the move on consent, once: licences follow, the free account is gone', async () => {
    const { app, tokens, auth, database } = harness();
    const response = await app.inject({ method: 'POST', url: '/v1/consent', payload: { token } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ result: 'moved', email: 'pat@free.example', customerName: 'Acme' });
    const user = await app.inject({
      url: `/v1/customers/${customerId}/users/${userId}`,
      headers: auth(tokens.partnerFull),
    });
    expect(user.json().status).toBe('provisioned');
    expect(recorder.stepsFor(customerId, userId)).toEqual(['assign_licence:webex_meetings']);
    const free = await sql`select id from free_accounts where email = 'pat@free.example'`.execute(
      database.db,
    );
    expect(free.rows).toEqual([]);
    const again = await app.inject({ method: 'POST', url: '/v1/consent', payload: { token } });
    expect(again.json().result).toBe('already_moved');
  });
});
