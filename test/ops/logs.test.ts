// The logs an operator ships: JSON lines whose request id is the response's trackingId, at the
// configured level, and without a password, a token or a full email address, also where the
// secret is inside a string (a link's path, a query, a SCIM filter) rather than a field to redact.
import { Writable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createLogger } from '../../src/runtime.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'staple battery horse 42';

function logSink(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

async function appWithLogs(database: Database, logLevel: string): Promise<{ app: App; lines: string[] }> {
  const config = loadConfig({
    HUB_DATA_DIR: '/tmp/hub-test-unused',
    LOG_LEVEL: logLevel,
    HUB_PUBLIC_URL: 'https://hub.example',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
  });
  const { lines, stream } = logSink();
  const app = await buildApp({
    config,
    database,
    secret: 'x'.repeat(32),
    logger: createLogger(config, stream),
  });
  await app.ready();
  return { app, lines };
}

describe('logs', () => {
  let database: Database;
  let partnerId: string;
  let partnerToken: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await ensureDeployment(database.db, undefined);
    partnerId = await createPartner(database.db, 'Log Partner');
    partnerToken = await createApiToken(database.db, { partnerId, role: 'partner_full_admin' });
    await database.db
      .insertInto('admin_accounts')
      .values({
        partner_id: partnerId,
        email: 'anna.jansen@partner.example',
        display_name: 'Anna',
        role: 'partner_full_admin',
        password_hash: await hashPassword(PASSWORD),
        status: 'active',
      })
      .execute();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('hold no password, token or full email through sign-in, tokens, invites and SCIM', async () => {
    const { app, lines } = await appWithLogs(database, 'trace');
    const auth = { authorization: `Bearer ${partnerToken}` };
    const secrets: string[] = [PASSWORD, NEW_PASSWORD, partnerToken];
    const trackingIds: string[] = [];
    const send = async (options: InjectOptions) => {
      const response = await app.inject(options);
      trackingIds.push(String(response.headers.trackingid));
      return response;
    };

    const signedIn = await send({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'anna.jansen@partner.example', password: PASSWORD },
    });
    expect(signedIn.statusCode).toBe(200);
    const session = signedIn.cookies.find((cookie) => cookie.name === 'hub_session')?.value ?? '';
    secrets.push(session, String(signedIn.json().csrfToken));
    await send({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'anna.jansen@partner.example', password: `${PASSWORD}!` },
    });

    const created = await send({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth,
      payload: { name: 'ci', role: 'partner_readonly_admin' },
    });
    expect(created.statusCode).toBe(201);
    const apiToken = String(created.json().token);
    secrets.push(apiToken);
    expect(
      (await send({ url: '/v1/customers', headers: { authorization: `Bearer ${apiToken}` } })).statusCode,
    ).toBe(200);

    const invited = await send({
      method: 'POST',
      url: '/v1/admins',
      headers: auth,
      payload: { email: 'piet.pieters@partner.example', role: 'partner_readonly_admin' },
    });
    expect(invited.statusCode).toBe(201);
    const email = await database.db
      .selectFrom('outbox_emails')
      .select('body_text')
      .where('to_address', '=', 'piet.pieters@partner.example')
      .executeTakeFirstOrThrow();
    const inviteToken = /\/invite\/([\w-]+)/.exec(email.body_text)?.[1] ?? '';
    expect(inviteToken).not.toBe('');
    secrets.push(inviteToken);
    // The link as the browser opens it, then the web app's acceptance.
    await send({ url: `/invite/${inviteToken}` });
    await send({ url: `/signup/verify?token=${inviteToken}` });
    const accepted = await send({
      method: 'POST',
      url: '/v1/auth/invites/accept',
      payload: { token: inviteToken, password: NEW_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);

    const customer = await createTestCustomer(database.db, partnerId);
    await database.db
      .updateTable('customers')
      .set({ status: 'provisioned', default_package: 'webex_meetings', updated_at: sql`now()` })
      .where('id', '=', customer.id)
      .execute();
    await send({ method: 'POST', url: `/v1/customers/${customer.id}/directory-sync`, headers: auth });
    const scimCreated = await send({
      method: 'POST',
      url: `/v1/customers/${customer.id}/scim-tokens`,
      headers: auth,
      payload: { name: 'Entra' },
    });
    expect(scimCreated.statusCode).toBe(201);
    const scimToken = String(scimCreated.json().token);
    secrets.push(scimToken);
    const filtered = await send({
      url: `/scim/v2/${customer.id}/Users?filter=${encodeURIComponent('userName eq "klaas.vaak@customer.example"')}`,
      headers: { authorization: `Bearer ${scimToken}` },
    });
    expect(filtered.statusCode).toBe(200);
    await app.close();

    const log = lines.join('\n');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log).not.toContain(secret);
    }
    for (const address of ['anna.jansen', 'piet.pieters', 'klaas.vaak']) {
      expect(log).not.toContain(address);
      expect(log).not.toContain(encodeURIComponent(address));
    }
    // Still useful: the masked address keeps its domain, the path its route.
    expect(log).toContain('k***%40customer.example');
    expect(log).toContain('/invite/[redacted]');

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const trackingId of trackingIds) {
      expect(records.filter((record) => record.trackingId === trackingId).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('leave out the request lines of probes and scrapes at info, not their failures', async () => {
    const { app, lines } = await appWithLogs(database, 'info');
    for (const url of ['/healthz', '/readyz', '/metrics']) {
      expect((await app.inject({ url, headers: { trackingid: `PROBE${url.slice(1)}` } })).statusCode).toBe(
        200,
      );
    }
    await app.inject({
      url: '/v1/customers',
      headers: { authorization: `Bearer ${partnerToken}`, trackingid: 'API1' },
    });
    await app.close();
    const records = lines.map((line) => JSON.parse(line) as { trackingId?: string });
    expect(records.filter((record) => record.trackingId?.startsWith('PROBE'))).toEqual([]);
    expect(records.filter((record) => record.trackingId === 'API1').length).toBeGreaterThanOrEqual(2);
  });

  it('respect LOG_LEVEL: warn leaves out the request lines', async () => {
    const { app, lines } = await appWithLogs(database, 'warn');
    await app.inject({ url: '/healthz' });
    await app.inject({ url: '/v1/customers', headers: { authorization: `Bearer ${partnerToken}` } });
    await app.close();
    const records = lines.map((line) => JSON.parse(line) as { level: number });
    expect(records.every((record) => record.level >= 40)).toBe(true);
  });
});
