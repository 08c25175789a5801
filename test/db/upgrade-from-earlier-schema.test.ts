// The upgrade path: a deployment that ran release b2d8f8c (2026-11-26, migrations 0001-0008) is
// started on today's code. Its data, as that release wrote it (upgrade-from-earlier-schema.data.sql),
// is put on the schema of that day; today's migrations run over it; then today's app must take the
// same sign-ins, session, API and SCIM tokens, read the finished import and its error report, apply
// the dry run left waiting, and list the audit trail.
import { readFile } from 'node:fs/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { applyMigrationsBefore } from '../helpers/migrations-before.ts';
import { openEmptyDatabase } from '../helpers/empty-database.ts';

const FIRST_AFTER_THAT_RELEASE = '0009_rate_limit_hits.sql';
const THAT_RELEASE_MIGRATIONS = [
  '0001_foundation.sql',
  '0002_imports.sql',
  '0003_lifecycle.sql',
  '0004_scim.sql',
  '0006_user_search.sql',
  '0007_import_row_batches.sql',
  '0008_import_delimiter.sql',
];
// The old deployment ran with this HUB_SECRET: it signed the session cookie below.
const SECRET = 's3cr3t-upgrade-test-0123456789abcdef';
const OLD = {
  demoAdmin: { email: 'admin@demo-partner.example', password: 'ihDh5GTluS7R' },
  invitedAdmin: { email: 'ops@demo-partner.example', password: 'Upgrade-Pass-2026!x' },
  sessionCookie:
    'hub_session=whs_j_lQfofBIWixIOxffdYip6OIuYXqdyhW808qs9oajJ0.FEEC5sf7+sk4JSQlIOmL27/zAWKIzIIu46C5u8AGBgk',
  partnerToken: 'whk_9Rd9I7YAvhOOSR-3la-9DZbF_6X0Xd1_q9kemIjUoTQ',
  readonlyToken: {
    id: '0f8e277a-ea27-49f2-8920-972356b51718',
    token: 'whk_BHHxMIuCHOfhmmy-7dxtQ6AZdFKbN5Ep7D9M9F2XQl0',
  },
  customerToken: 'whk_tLDnQzqoA3C_B3IewPHYqNIBHYjqWYL2wVeOEp8RH7Y',
  scimToken: 'whscim_McG59Lx5HU_V--Hgf4Aw8vpgy3b7PQFtA-xixSKNW2M',
  customerId: 'ac8a8a6f-05cd-4b3e-92b8-a32de223a88d',
  finishedImport: 'e8382f63-47d6-4f75-8aad-84d30aaad018',
  dryRun: 'd56ab653-34eb-4446-82ef-b232b37f17d7',
  scimUser: '0065178a-cec0-43c4-9fb6-9f782ff34db3',
};

const target = inject('testDatabase');
let database: Database;
let app: App;
let drainJobs: () => Promise<number>;
let applied: string[] = [];

beforeAll(async () => {
  database = await openEmptyDatabase(3);
  await applyMigrationsBefore(database, FIRST_AFTER_THAT_RELEASE);
  const data = await readFile(new URL('./upgrade-from-earlier-schema.data.sql', import.meta.url), 'utf8');
  await database.withScriptConnection(async (run) => {
    // pg_dump writes tables in name order, not in key order.
    await run(`set session_replication_role = replica;\n${data}\nset session_replication_role = origin;`);
    // The clock moved on since the dump: keep the session and the dry run as they were that day.
    await run(`update sessions set expires_at = now() + interval '1 day';
      update imports set expires_at = now() + interval '1 day' where status = 'validated'`);
  });
  applied = await migrate(database);
  const deployment = await ensureDeployment(database.db, SECRET);
  app = await buildApp({
    config: loadConfig({ HUB_DATA_DIR: '/tmp/hub-test-unused', LOG_LEVEL: 'silent', HUB_SECRET: SECRET }),
    database,
    secret: deployment.secret,
  });
  await app.ready();
  const worker = createWorker({
    db: database.db,
    logger: pino({ level: 'silent' }),
    definitions: jobDefinitions,
  });
  drainJobs = () => worker.drain();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe(`upgrading a deployment of release b2d8f8c on ${target.kind}`, () => {
  it('applies every migration that release did not have', async () => {
    const all = await listMigrations();
    expect(all.filter((name) => name < FIRST_AFTER_THAT_RELEASE)).toEqual(THAT_RELEASE_MIGRATIONS);
    expect(applied).toEqual(all.filter((name) => !THAT_RELEASE_MIGRATIONS.includes(name)));
  });

  it('signs in its admins, the invited one too, and keeps a session open then', async () => {
    for (const admin of [OLD.demoAdmin, OLD.invitedAdmin]) {
      const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: admin });
      expect(login.statusCode, login.body).toBe(200);
    }
    const me = await app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: { cookie: OLD.sessionCookie },
    });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json<{ admin: { email: string } }>().admin.email).toBe(OLD.invitedAdmin.email);
  });

  it('takes its API tokens with the roles they had, and revokes one', async () => {
    const customers = await app.inject({
      method: 'GET',
      url: '/v1/customers',
      headers: bearer(OLD.partnerToken),
    });
    expect(customers.statusCode, customers.body).toBe(200);
    expect(customers.json<{ items: Array<{ id: string }> }>().items.map((c) => c.id)).toContain(
      OLD.customerId,
    );

    const readonly = await app.inject({
      method: 'GET',
      url: '/v1/customers',
      headers: bearer(OLD.readonlyToken.token),
    });
    expect(readonly.statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: bearer(OLD.readonlyToken.token),
      payload: { role: 'partner_readonly_admin', name: 'x' },
    });
    expect(refused.statusCode).toBe(403);

    const users = await app.inject({
      method: 'GET',
      url: `/v1/customers/${OLD.customerId}/users?max=50`,
      headers: bearer(OLD.customerToken),
    });
    expect(users.statusCode, users.body).toBe(200);
    const packages = Object.fromEntries(
      users
        .json<{ items: Array<{ email: string; package: string }> }>()
        .items.map((u) => [u.email, u.package]),
    );
    expect(packages).toMatchObject({
      'u1.webex_calling@upgrade.example': 'webex_calling',
      'u2.webex_meetings@upgrade.example': 'webex_meetings',
      'u3.webex_suite@upgrade.example': 'webex_suite',
      'u4.webex_voice@upgrade.example': 'webex_voice',
      'u5.webex_calling_standard@upgrade.example': 'webex_calling_standard',
      'imp1@upgrade.example': 'webex_calling',
      'scim1@upgrade.example': 'webex_meetings',
    });

    const revoke = await app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${OLD.readonlyToken.id}`,
      headers: bearer(OLD.partnerToken),
    });
    expect(revoke.statusCode, revoke.body).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: '/v1/customers',
      headers: bearer(OLD.readonlyToken.token),
    });
    expect(after.statusCode).toBe(401);
  });

  it('reads the finished import, its rows and its error report', async () => {
    const base = `/v1/customers/${OLD.customerId}/imports/${OLD.finishedImport}`;
    const view = await app.inject({ method: 'GET', url: base, headers: bearer(OLD.partnerToken) });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ status: 'completed_with_errors', counts: { add: 2, error: 2 } });
    const rows = await app.inject({ method: 'GET', url: `${base}/rows`, headers: bearer(OLD.partnerToken) });
    expect(rows.json<{ items: unknown[] }>().items).toHaveLength(4);
    const report = await app.inject({
      method: 'GET',
      url: `${base}/error-report.csv`,
      headers: bearer(OLD.partnerToken),
    });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('not-an-email');
    expect(report.body).toContain('Nowhere');
  });

  it('applies the dry run left waiting, checking its rows again', async () => {
    const base = `/v1/customers/${OLD.customerId}/imports/${OLD.dryRun}`;
    const apply = await app.inject({
      method: 'POST',
      url: `${base}/apply`,
      headers: bearer(OLD.partnerToken),
    });
    expect(apply.statusCode, apply.body).toBe(202);
    await drainJobs();
    const view = await app.inject({ method: 'GET', url: base, headers: bearer(OLD.partnerToken) });
    // Directory sync was switched on after the dry run: its new users are refused at apply, each
    // row saying why, as on the release it was made on.
    expect(view.json()).toMatchObject({
      status: 'completed_with_errors',
      dryRun: false,
      counts: { error: 3 },
    });
    const rows = await app.inject({ method: 'GET', url: `${base}/rows`, headers: bearer(OLD.partnerToken) });
    expect(rows.json<{ items: Array<{ messages: string[] }> }>().items[0]?.messages.join(' ')).toContain(
      'directory synchronization is on',
    );
  });

  it('serves SCIM with its token: the users, the group and its member', async () => {
    const scim = bearer(OLD.scimToken);
    const users = await app.inject({ method: 'GET', url: `/scim/v2/${OLD.customerId}/Users`, headers: scim });
    expect(users.statusCode, users.body).toBe(200);
    expect(users.json<{ totalResults: number }>().totalResults).toBe(8);
    const groups = await app.inject({
      method: 'GET',
      url: `/scim/v2/${OLD.customerId}/Groups`,
      headers: scim,
    });
    expect(groups.json()).toMatchObject({
      Resources: [{ displayName: 'Sales', members: [{ value: OLD.scimUser }] }],
    });
    const created = await app.inject({
      method: 'POST',
      url: `/scim/v2/${OLD.customerId}/Users`,
      headers: { ...scim, 'content-type': 'application/scim+json' },
      payload: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'after-upgrade@upgrade.example',
        emails: [{ value: 'after-upgrade@upgrade.example', primary: true }],
        active: true,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
  });

  it('lists the audit trail it wrote, with what happened since', async () => {
    const audit = await app.inject({
      method: 'GET',
      url: `/v1/customers/${OLD.customerId}/audit?max=200`,
      headers: bearer(OLD.partnerToken),
    });
    expect(audit.statusCode, audit.body).toBe(200);
    const actions = audit.json<{ items: Array<{ action: string }> }>().items.map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer.create',
        'location.create',
        'numbers.add',
        'scim_token.create',
        'scim.group.create',
        'admin.invite',
        'scim.user.create',
      ]),
    );
  });
});
