// Authorization audit (SPEC §1, §5, §7): what each role may learn or do beyond its own tenant
// through routes the tenancy matrix cannot judge by status code alone — oracles that tell whether
// an email exists elsewhere, partner-level checks open to customer roles, credentials minting
// credentials that outlive them. Each case failed before its fix.
import { beforeAll, describe, expect, it } from 'vitest';
import { insertApiToken } from '../../src/db/repositories/credentials.ts';
import { insertFreeAccount } from '../../src/db/repositories/free-accounts.ts';
import type { Role } from '../../src/db/schema.ts';
import { API_TOKEN_PREFIX, hashToken, randomToken } from '../../src/services/auth/secrets.ts';
import { EMAIL_PROBES_PER_MINUTE } from '../../src/services/provisioning/email-probes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner } from '../helpers/factories.ts';

const harness = useTestApp();

interface Seeded {
  homeId: string;
  siblingId: string;
  /** A customer of another partner. */
  foreignId: string;
  customerFull: string;
  customerReadonly: string;
  foreignPartnerFull: string;
}
let seeded: Seeded;

async function call(
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  const { app, auth } = harness();
  return app.inject({ method, url, headers: auth(token), ...(payload ? { payload } : {}) });
}

async function customerWithUser(token: string, label: string): Promise<string> {
  const { drainJobs } = harness();
  const created = await call(token, 'POST', '/v1/customers', {
    name: `Audit ${label}`,
    externalId: `AUDIT-${label}`,
    adminEmail: `it@${label}.example`,
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
  });
  expect(created.statusCode, created.body).toBe(202);
  await drainJobs();
  const user = await call(token, 'POST', `/v1/customers/${created.json().id}/users`, {
    email: `user@${label}.example`,
    firstName: 'Audit',
    lastName: label,
    package: 'webex_meetings',
  });
  expect(user.statusCode, user.body).toBe(201);
  return created.json().id;
}

beforeAll(async () => {
  const { database, partnerId, tokens } = harness();
  const foreignPartnerId = await createPartner(database.db, 'Audit Foreign Partner');
  const foreignPartnerFull = await createApiToken(database.db, {
    partnerId: foreignPartnerId,
    role: 'partner_full_admin',
  });
  const homeId = await customerWithUser(tokens.partnerFull, 'home');
  const siblingId = await customerWithUser(tokens.partnerFull, 'sibling');
  const foreignId = await customerWithUser(foreignPartnerFull, 'foreign');
  const invited = await call(foreignPartnerFull, 'POST', '/v1/admins', {
    email: 'boss@foreign.example',
    role: 'partner_readonly_admin',
  });
  expect(invited.statusCode, invited.body).toBe(201);
  seeded = {
    homeId,
    siblingId,
    foreignId,
    foreignPartnerFull,
    customerFull: await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: homeId,
    }),
    customerReadonly: await createApiToken(database.db, {
      partnerId,
      role: 'customer_readonly_admin',
      customerId: homeId,
    }),
  };
}, 60_000);

describe('claims tell nothing about emails outside the verified domains', () => {
  it('answers not_claimable alike for users of other customers, other partners and nobody', async () => {
    const response = await call(seeded.customerFull, 'POST', `/v1/customers/${seeded.homeId}/claims`, {
      emails: ['user@sibling.example', 'user@foreign.example', 'nobody@nowhere.example'],
    });
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json().results as { email: string; errors: { code: string }[] }[];
    expect(results.map((result) => result.errors.map((error) => error.code))).toEqual([
      ['not_claimable'],
      ['not_claimable'],
      ['not_claimable'],
    ]);
    expect(response.body).not.toMatch(/another organization|directory/i);
  });

  it('does not turn the id of a free account outside the verified domains into its email', async () => {
    const { database } = harness();
    const account = await insertFreeAccount(database.db, {
      email: 'secret.person@elsewhere.example',
      firstName: 'Secret',
      lastName: 'Person',
      source: 'operator',
      active: true,
    });
    const response = await call(seeded.customerFull, 'POST', `/v1/customers/${seeded.homeId}/claims`, {
      accountIds: [account.id],
    });
    expect(response.body).not.toContain('secret.person');
    const remaining = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'secret.person@elsewhere.example')
      .execute();
    expect(remaining).toEqual([]);
  });
});

describe('the Wholesale customer precheck is partner-level', () => {
  const precheck = (token: string, body: object = {}) =>
    call(token, 'POST', '/v1/wholesale/customers/validate', {
      address: { addressLine1: 'Damrak 1', city: 'Amsterdam', country: 'NL' },
      ...body,
    });

  it('answers 404 to customer roles, which cannot create customers', async () => {
    for (const token of [seeded.customerFull, seeded.customerReadonly]) {
      const response = await precheck(token, { externalId: 'AUDIT-sibling' });
      expect(response.statusCode, response.body).toBe(404);
    }
  });

  it('still lets a partner read-only admin check, and reports its own taken externalId', async () => {
    const { tokens } = harness();
    const free = await precheck(tokens.partnerReadonly, { externalId: 'AUDIT-unused' });
    expect(free.statusCode, free.body).toBe(200);
    const taken = await precheck(tokens.partnerReadonly, { externalId: 'AUDIT-sibling' });
    // The create's answer to a taken externalId (the precheck stands for its create): 409.
    expect(taken.statusCode).toBe(409);
  });

  it('audits a taken primary email as a probe and limits such probes per actor', async () => {
    const { database, partnerId } = harness();
    const prober = await createApiToken(database.db, {
      partnerId,
      role: 'partner_readonly_admin',
      name: 'prober',
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= EMAIL_PROBES_PER_MINUTE; attempt += 1) {
      // The primary email is taken when an admin account holds it (a user's email is not).
      const response = await precheck(prober, { customerInfo: { primaryEmail: 'boss@foreign.example' } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, EMAIL_PROBES_PER_MINUTE - 1).every((status) => status === 409)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const audited = await database.db
      .selectFrom('audit_events')
      .select('target_id')
      .where('action', '=', 'user.email_taken_probe')
      .where('actor_label', '=', 'token:prober')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(EMAIL_PROBES_PER_MINUTE - 1);
    expect(audited[0]?.target_id).toBe('boss@foreign.example');
  });
});

describe('inviting an admin tells nothing about accounts of other tenants', () => {
  it("answers the neutral taken text, not 'admin account', for another partner's admin", async () => {
    const response = await call(seeded.customerFull, 'POST', '/v1/admins', {
      email: 'boss@foreign.example',
      role: 'customer_readonly_admin',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe('The email is already associated with an existing user.');
    expect(response.body).not.toMatch(/admin/i);
  });

  it('audits such invites as probes and limits them per actor', async () => {
    const { database, partnerId } = harness();
    const prober = await createApiToken(database.db, {
      partnerId,
      role: 'partner_full_admin',
      name: 'invite-prober',
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= EMAIL_PROBES_PER_MINUTE; attempt += 1) {
      const response = await call(prober, 'POST', '/v1/admins', {
        email: 'boss@foreign.example',
        role: 'partner_readonly_admin',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, EMAIL_PROBES_PER_MINUTE - 1).every((status) => status === 409)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keeps the plain answer for an admin the caller can see', async () => {
    const { tokens } = harness();
    const first = await call(tokens.partnerFull, 'POST', '/v1/admins', {
      email: 'colleague@home.example',
      role: 'partner_readonly_admin',
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await call(tokens.partnerFull, 'POST', '/v1/admins', {
      email: 'colleague@home.example',
      role: 'partner_readonly_admin',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('admin account');
  });
});

describe('a token that expires cannot mint a token that outlives it', () => {
  it('refuses a successor without expiry or expiring later, and allows one within its lifetime', async () => {
    const { tokens } = harness();
    const expiresAt = new Date(Date.now() + 86_400_000);
    const created = await call(tokens.partnerFull, 'POST', '/v1/tokens', {
      name: 'short-lived',
      role: 'partner_full_admin',
      expiresAt: expiresAt.toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const shortLived = created.json().token as string;
    const forever = await call(shortLived, 'POST', '/v1/tokens', {
      name: 'forever',
      role: 'partner_full_admin',
    });
    expect(forever.statusCode, forever.body).toBe(400);
    expect(forever.json().errors[0].code).toBe('expiry_beyond_creator');
    const later = await call(shortLived, 'POST', '/v1/tokens', {
      name: 'later',
      role: 'partner_readonly_admin',
      expiresAt: new Date(expiresAt.getTime() + 3_600_000).toISOString(),
    });
    expect(later.statusCode).toBe(400);
    const within = await call(shortLived, 'POST', '/v1/tokens', {
      name: 'within',
      role: 'partner_readonly_admin',
      expiresAt: new Date(expiresAt.getTime() - 3_600_000).toISOString(),
    });
    expect(within.statusCode, within.body).toBe(201);
  });
});

describe("SCIM Bulk stays below the customer's own SCIM base", () => {
  it('refuses operation paths that would reach other routes of the app', async () => {
    const { app, tokens } = harness();
    const created = await call(tokens.partnerFull, 'POST', `/v1/customers/${seeded.homeId}/scim-tokens`, {
      name: 'bulk',
    });
    expect(created.statusCode, created.body).toBe(201);
    const sync = await call(tokens.partnerFull, 'POST', `/v1/customers/${seeded.homeId}/directory-sync`);
    expect(sync.statusCode, sync.body).toBe(200);
    const paths = [
      `/../${seeded.siblingId}/Users`,
      '/../../../v1/auth/login',
      '/%2e%2e/%2e%2e/%2e%2e/v1/customers',
      '/Users/..',
      '/Users/x/../../Groups',
      '/ServiceProviderConfig',
    ];
    const response = await app.inject({
      method: 'POST',
      url: `/scim/v2/${seeded.homeId}/Bulk`,
      headers: {
        authorization: `Bearer ${created.json().token}`,
        'content-type': 'application/scim+json',
      },
      payload: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: paths.map((path, index) => ({
          method: 'POST',
          path,
          bulkId: `op${index}`,
          data: { email: 'x@y.example', password: 'a long enough password' },
        })),
      }),
    });
    expect(response.statusCode, response.body).toBe(200);
    const operations = response.json().Operations as { status: string; response?: { scimType?: string } }[];
    expect(operations.map((operation) => [operation.status, operation.response?.scimType])).toEqual(
      paths.map(() => ['400', 'invalidPath']),
    );
  });
});

describe('a SCIM token is no admin API credential (pinned)', () => {
  it('answers 401 on /v1 routes, reads and writes alike', async () => {
    const { tokens } = harness();
    const created = await call(tokens.partnerFull, 'POST', `/v1/customers/${seeded.homeId}/scim-tokens`, {
      name: 'not for /v1',
    });
    const scim = created.json().token as string;
    const statuses = [
      (await call(scim, 'GET', `/v1/customers/${seeded.homeId}`)).statusCode,
      (await call(scim, 'GET', `/v1/customers/${seeded.homeId}/users`)).statusCode,
      (await call(scim, 'POST', '/v1/tokens', { name: 'x', role: 'customer_full_admin' })).statusCode,
      (await call(scim, 'POST', `/v1/customers/${seeded.homeId}/scim-tokens`, { name: 'x' })).statusCode,
    ];
    expect(statuses).toEqual([401, 401, 401, 401]);
  });
});

describe('SCIM group members stay within the customer (pinned)', () => {
  it("ignores member ids of another customer's users", async () => {
    const { app, tokens } = harness();
    const created = await call(tokens.partnerFull, 'POST', `/v1/customers/${seeded.homeId}/scim-tokens`, {
      name: 'groups',
    });
    await call(tokens.partnerFull, 'PUT', `/v1/customers/${seeded.homeId}/directory-sync`, { enabled: true });
    const siblingUsers = await call(tokens.partnerFull, 'GET', `/v1/customers/${seeded.siblingId}/users`);
    const foreignUsers = await call(
      seeded.foreignPartnerFull,
      'GET',
      `/v1/customers/${seeded.foreignId}/users`,
    );
    const outsiders = [siblingUsers.json().items[0].id, foreignUsers.json().items[0].id] as string[];
    const response = await app.inject({
      method: 'POST',
      url: `/scim/v2/${seeded.homeId}/Groups`,
      headers: { authorization: `Bearer ${created.json().token}`, 'content-type': 'application/scim+json' },
      payload: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Outsiders',
        members: outsiders.map((value) => ({ value })),
      }),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().members ?? []).toEqual([]);
    for (const id of outsiders) expect(response.body).not.toContain(id);
  });
});

describe('SCIM writes with emails of other customers are probes', () => {
  it('audits them per token and answers 429 once over the budget', async () => {
    const { app, database, tokens } = harness();
    const created = await call(tokens.partnerFull, 'POST', `/v1/customers/${seeded.homeId}/scim-tokens`, {
      name: 'probing idp',
    });
    expect(created.statusCode, created.body).toBe(201);
    await call(tokens.partnerFull, 'PUT', `/v1/customers/${seeded.homeId}/directory-sync`, { enabled: true });
    const headers = {
      authorization: `Bearer ${created.json().token}`,
      'content-type': 'application/scim+json',
    };
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= EMAIL_PROBES_PER_MINUTE; attempt += 1) {
      const response = await app.inject({
        method: 'POST',
        url: `/scim/v2/${seeded.homeId}/Users`,
        headers,
        payload: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `probe-${attempt}`,
          emails: [
            { value: attempt % 2 === 0 ? 'user@foreign.example' : 'user@sibling.example', primary: true },
          ],
          active: true,
        }),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, EMAIL_PROBES_PER_MINUTE - 1).every((status) => status === 409)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const audited = await database.db
      .selectFrom('audit_events')
      .select('target_id')
      .where('action', '=', 'user.email_taken_probe')
      .where('actor_id', '=', created.json().tokenInfo.id)
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(EMAIL_PROBES_PER_MINUTE - 1);
  });
});

describe("an admin's API tokens do not outlast the admin's authority", () => {
  /** An admin account and a token it created (as the API would record it). */
  async function adminWithToken(email: string, role: Role, tokenRoles: Role[]) {
    const { database, tokens } = harness();
    const invited = await call(tokens.partnerFull, 'POST', '/v1/admins', {
      email,
      role,
      ...(role.startsWith('customer_') ? { customerId: seeded.homeId } : {}),
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const admin = invited.json() as { id: string; partnerId: string; customerId: string | null };
    const secrets: string[] = [];
    for (const tokenRole of tokenRoles) {
      const secret = randomToken(API_TOKEN_PREFIX);
      await insertApiToken(database.db, {
        partnerId: admin.partnerId,
        customerId: admin.customerId,
        createdBy: admin.id,
        name: `${email} ${tokenRole}`,
        role: tokenRole,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, 10),
        expiresAt: null,
      });
      secrets.push(secret);
    }
    return { id: admin.id, secrets };
  }
  const works = async (secret: string) =>
    (await call(secret, 'GET', `/v1/customers/${seeded.homeId}`)).statusCode;

  it('revokes them when the admin is deleted or disabled', async () => {
    const { tokens } = harness();
    const deleted = await adminWithToken('gone@home.example', 'customer_full_admin', ['customer_full_admin']);
    const disabled = await adminWithToken('off@home.example', 'customer_full_admin', ['customer_full_admin']);
    expect(await works(deleted.secrets[0] ?? '')).toBe(200);
    expect((await call(tokens.partnerFull, 'DELETE', `/v1/admins/${deleted.id}`)).statusCode).toBe(204);
    const patched = await call(tokens.partnerFull, 'PATCH', `/v1/admins/${disabled.id}`, {
      status: 'disabled',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await works(deleted.secrets[0] ?? '')).toBe(401);
    expect(await works(disabled.secrets[0] ?? '')).toBe(401);
  });

  it('revokes the tokens its tokens minted as well', async () => {
    const { tokens } = harness();
    const admin = await adminWithToken('minter@home.example', 'customer_full_admin', ['customer_full_admin']);
    const minted = await call(admin.secrets[0] ?? '', 'POST', '/v1/tokens', {
      name: 'grandchild',
      role: 'customer_full_admin',
    });
    expect(minted.statusCode, minted.body).toBe(201);
    const grandchild = minted.json().token as string;
    expect(await works(grandchild)).toBe(200);
    expect((await call(tokens.partnerFull, 'DELETE', `/v1/admins/${admin.id}`)).statusCode).toBe(204);
    expect(await works(admin.secrets[0] ?? '')).toBe(401);
    expect(await works(grandchild)).toBe(401);
  });

  it('revokes the tokens above a demoted admin’s new role and keeps the others', async () => {
    const { tokens } = harness();
    const demoted = await adminWithToken('demoted@home.example', 'customer_full_admin', [
      'customer_full_admin',
      'customer_readonly_admin',
    ]);
    const patched = await call(tokens.partnerFull, 'PATCH', `/v1/admins/${demoted.id}`, {
      role: 'customer_readonly_admin',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await works(demoted.secrets[0] ?? '')).toBe(401);
    expect(await works(demoted.secrets[1] ?? '')).toBe(200);
  });
});

describe('deleting a customer through the Wholesale API checks the role first', () => {
  it('answers 404 to a customer admin and 403 to a partner read-only admin while the customer is busy', async () => {
    const { database, tokens } = harness();
    await database.db
      .updateTable('customers')
      .set({ status: 'updating' })
      .where('id', '=', seeded.homeId)
      .execute();
    try {
      const customer = await call(seeded.customerFull, 'DELETE', `/v1/wholesale/customers/${seeded.homeId}`);
      expect(customer.statusCode, customer.body).toBe(404);
      const readonly = await call(
        tokens.partnerReadonly,
        'DELETE',
        `/v1/wholesale/customers/${seeded.homeId}`,
      );
      expect(readonly.statusCode, readonly.body).toBe(403);
    } finally {
      await database.db
        .updateTable('customers')
        .set({ status: 'provisioned' })
        .where('id', '=', seeded.homeId)
        .execute();
    }
  });
});

describe("the operator's accounts and tokens are the deployment's, not the default partner's", () => {
  it('are not found by the admins of the partner they are filed under', async () => {
    const { database, defaultPartnerId, tokens } = harness();
    const operatorAdmin = await call(tokens.operator, 'POST', '/v1/admins', {
      email: 'owner@deployment.example',
      role: 'operator',
    });
    expect(operatorAdmin.statusCode, operatorAdmin.body).toBe(201);
    const operatorToken = await call(tokens.operator, 'POST', '/v1/tokens', {
      name: 'ops',
      role: 'operator',
    });
    expect(operatorToken.statusCode, operatorToken.body).toBe(201);
    const partnerFull = await createApiToken(database.db, {
      partnerId: defaultPartnerId,
      role: 'partner_full_admin',
    });
    const admins = await call(partnerFull, 'GET', '/v1/admins?max=100');
    expect(admins.statusCode, admins.body).toBe(200);
    expect(admins.body).not.toContain(operatorAdmin.json().id);
    expect((await call(partnerFull, 'GET', `/v1/admins/${operatorAdmin.json().id}`)).statusCode).toBe(404);
    const listed = await call(partnerFull, 'GET', '/v1/tokens?max=100');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.body).not.toContain(operatorToken.json().id);
    expect((await call(partnerFull, 'GET', `/v1/tokens/${operatorToken.json().id}`)).statusCode).toBe(404);
    expect((await call(partnerFull, 'DELETE', `/v1/tokens/${operatorToken.json().id}`)).statusCode).toBe(404);
    // The operator still sees them.
    expect((await call(tokens.operator, 'GET', `/v1/admins/${operatorAdmin.json().id}`)).statusCode).toBe(
      200,
    );
    expect((await call(tokens.operator, 'GET', `/v1/tokens/${operatorToken.json().id}`)).statusCode).toBe(
      200,
    );
  });
});

describe('the admins list without operator accounts', () => {
  it('gives a partner admin full pages: operators are left out by the query, not after it', async () => {
    const { database, defaultPartnerId, tokens } = harness();
    for (const email of ['aaa-operator@deployment.example', 'aab-operator@deployment.example']) {
      const created = await call(tokens.operator, 'POST', '/v1/admins', { email, role: 'operator' });
      expect(created.statusCode, created.body).toBe(201);
    }
    const partnerFull = await createApiToken(database.db, {
      partnerId: defaultPartnerId,
      role: 'partner_full_admin',
    });
    for (const email of ['aac-partner@partner.example', 'zzz-partner@partner.example']) {
      const invited = await call(partnerFull, 'POST', '/v1/admins', {
        email,
        role: 'partner_readonly_admin',
      });
      expect(invited.statusCode, invited.body).toBe(201);
    }
    const pageSizes: number[] = [];
    const seen: { email: string; role: string }[] = [];
    let url: string | undefined = '/v1/admins?max=1';
    while (url) {
      const page = await call(partnerFull, 'GET', url);
      expect(page.statusCode, page.body).toBe(200);
      const items = page.json().items as { email: string; role: string }[];
      pageSizes.push(items.length);
      seen.push(...items);
      url = /<([^>]+)>; rel="next"/.exec(String(page.headers.link ?? ''))?.[1];
    }
    expect(seen.some((admin) => admin.role === 'operator')).toBe(false);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(pageSizes.every((size) => size === 1)).toBe(true);
    const everything = await call(tokens.operator, 'GET', '/v1/admins?max=200');
    const partnersOwn = (everything.json().items as { role: string; partnerId: string }[]).filter(
      (admin) => admin.role !== 'operator' && admin.partnerId === defaultPartnerId,
    );
    expect(seen).toHaveLength(partnersOwn.length);
  });
});

describe('role boundaries of a customer full admin (pinned)', () => {
  it('keeps partner-level and foreign writes out of reach, and its own organization in reach', async () => {
    const { partnerId } = harness();
    const cases: [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, object | undefined, number][] = [
      ['token above its role', 'POST', '/v1/tokens', { name: 'x', role: 'partner_readonly_admin' }, 403],
      [
        'token for another customer',
        'POST',
        '/v1/tokens',
        { name: 'x', role: 'customer_readonly_admin', customerId: seeded.siblingId },
        404,
      ],
      [
        'admin above its role',
        'POST',
        '/v1/admins',
        { email: 'p@home.example', role: 'partner_full_admin' },
        403,
      ],
      [
        'create a customer',
        'POST',
        '/v1/customers',
        { name: 'X', externalId: 'X', adminEmail: 'x@x.example', country: 'NL' },
        404,
      ],
      ['delete its own customer', 'DELETE', `/v1/customers/${seeded.homeId}`, undefined, 404],
      [
        'delete its own customer (Wholesale)',
        'DELETE',
        `/v1/wholesale/customers/${seeded.homeId}`,
        undefined,
        404,
      ],
      ['read its partner', 'GET', `/v1/partners/${partnerId}`, undefined, 404],
      ["the sibling's audit log", 'GET', `/v1/customers/${seeded.siblingId}/audit`, undefined, 404],
      ["another partner's customer", 'GET', `/v1/customers/${seeded.foreignId}`, undefined, 404],
      ['its own SCIM tokens', 'POST', `/v1/customers/${seeded.homeId}/scim-tokens`, { name: 'own' }, 201],
      [
        'its own directory sync',
        'PUT',
        `/v1/customers/${seeded.homeId}/directory-sync`,
        { enabled: true },
        200,
      ],
      ['its own audit log', 'GET', `/v1/customers/${seeded.homeId}/audit`, undefined, 200],
    ];
    const failures: string[] = [];
    for (const [what, method, url, payload, expected] of cases) {
      const response = await call(seeded.customerFull, method, url, payload);
      if (response.statusCode !== expected)
        failures.push(`${what}: ${response.statusCode}, wanted ${expected}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('creating customers is refused to customer roles before their body is read', () => {
  it('answers 404, not a list of missing fields, on every create and precheck route', async () => {
    for (const url of ['/v1/customers', '/v1/wholesale/customers', '/v1/wholesale/customers/validate']) {
      for (const token of [seeded.customerFull, seeded.customerReadonly]) {
        const response = await call(token, 'POST', url, {});
        expect(response.statusCode, `${url}: ${response.body}`).toBe(404);
      }
    }
    // A partner admin with the same empty body is told what is missing.
    const { tokens } = harness();
    expect((await call(tokens.partnerFull, 'POST', '/v1/customers', {})).statusCode).toBe(400);
  });
});
