// `hub partners` and `hub tokens`: partners scope what --partner sees; a created token is shown
// once, works against the REST API, and stops working when revoked.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../../src/http/app.ts';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import type { PartnerView } from '../../src/services/partners/partner-service.ts';
import type { TokenView } from '../../src/services/tokens/token-service.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();
let app: App | undefined;

beforeAll(async () => {
  const { config, database, deployment } = cli().runtime;
  app = await buildApp({ config, database, secret: deployment.secret });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

async function customersSeenWith(token: string): Promise<number> {
  const response = await (app as App).inject({
    method: 'GET',
    url: '/v1/customers',
    headers: { authorization: `Bearer ${token}` },
  });
  return response.statusCode;
}

describe('hub partners', () => {
  it('creates partners and lists them next to the default partner', async () => {
    const created = await cli().hub(
      'partners',
      'create',
      '--name',
      'Telco Noord',
      '--default-language',
      'nl',
      '--json',
    );
    expect(created.stderr).toBe('');
    expect(created.exitCode).toBe(0);
    expect(created.json<PartnerView>()).toMatchObject({
      name: 'Telco Noord',
      defaultLanguage: 'nl',
      isDefault: false,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const listed = (await cli().hub('partners', 'list', '--json')).json<PartnerView[]>();
    expect(listed.map((partner) => [partner.name, partner.isDefault])).toEqual([
      ['Default partner', true],
      ['Telco Noord', false],
    ]);
    const shown = await cli().hub('partners', 'get', 'Telco Noord');
    expect(shown.stdout).toMatch(/^name: +Telco Noord$/m);
    expect(shown.stdout).toMatch(/^defaultLanguage: +nl$/m);
  });

  it('scopes customers by --partner (name or id)', async () => {
    const created = await cli().hub(
      'customers',
      'create',
      '--name',
      'Noord BV',
      '--external-id',
      'NOORD-1',
      '--admin-email',
      'it@noord.example',
      '--country',
      'NL',
      '--partner',
      'Telco Noord',
      '--json',
    );
    expect(created.exitCode).toBe(0);
    const underPartner = (await cli().hub('customers', 'list', '--partner', 'Telco Noord', '--json')).json<
      CustomerView[]
    >();
    expect(underPartner.map((customer) => customer.externalId)).toEqual(['NOORD-1']);
    const unknown = await cli().hub('customers', 'list', '--partner', 'Nobody');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--partner "Nobody": no partner has this id or name.');
  });

  it('rejects a bad language tag (exit 2)', async () => {
    const result = await cli().hub('partners', 'create', '--name', 'X', '--default-language', 'dutch');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--default-language "dutch"');
  });
});

describe('hub tokens', () => {
  it('creates a token shown once whose hash only is stored, and which the API accepts', async () => {
    const created = await cli().hub(
      'tokens',
      'create',
      '--role',
      'partner_full_admin',
      '--name',
      'billing sync',
      '--partner',
      'Telco Noord',
      '--expires-in-days',
      '30',
      '--json',
    );
    expect(created.stderr).toBe('');
    expect(created.exitCode).toBe(0);
    const token = created.json<TokenView & { token: string }>();
    expect(token).toMatchObject({
      token: expect.stringMatching(/^whk_/),
      name: 'billing sync',
      role: 'partner_full_admin',
      customerId: null,
      revokedAt: null,
    });
    expect(token.prefix).toBe(token.token.slice(0, 10));
    const days = (Date.parse(token.expiresAt as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
    const stored = await cli()
      .runtime.database.db.selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.token);
    expect(await customersSeenWith(token.token)).toBe(200);

    // --partner scopes tokens as it scopes customers.
    const listed = await cli().hub('tokens', 'list', '--partner', 'Telco Noord', '--json');
    expect(listed.stdout).not.toContain(token.token);
    expect(listed.json<TokenView[]>().map((entry) => entry.id)).toContain(token.id);

    const revoked = await cli().hub('tokens', 'revoke', token.id, '--partner', 'Telco Noord', '--json');
    expect(revoked.json()).toEqual({ id: token.id, revoked: true });
    // The server ran no write of its own, so it may answer from its one-second token cache
    // (ADR 0053) for at most that long; after it the token is refused.
    await vi.waitFor(async () => expect(await customersSeenWith(token.token)).toBe(401), {
      timeout: 3_000,
      interval: 100,
    });
  });

  it('lists a token made with another token as created with it, and revokes it with it', async () => {
    const parent = (await cli().hub('tokens', 'create', '--role', 'partner_full_admin', '--json')).json<
      TokenView & { token: string }
    >();
    const minted = await (app as App).inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: { authorization: `Bearer ${parent.token}` },
      payload: { name: 'minted with a token', role: 'partner_readonly_admin' },
    });
    expect(minted.statusCode).toBe(201);
    const child = minted.json<TokenView>();
    const line = (text: string) => text.split('\n').find((entry) => entry.startsWith(child.id)) ?? '';

    const listed = await cli().hub('tokens', 'list');
    // Piped: a tab-separated record per token, the creating token in its own field.
    expect(line(listed.stdout).split('\t')).toContain(parent.id);
    expect(line(listed.stdout)).toMatch(/\tno expiry$/);
    expect(listed.stdout.split('\n').find((entry) => entry.startsWith(parent.id))).not.toContain(
      `\t${parent.id}\t`,
    );

    await cli().hub('tokens', 'revoke', parent.id);
    expect(line((await cli().hub('tokens', 'list')).stdout)).toMatch(
      new RegExp(`\\t${parent.id}\\trevoked$`),
    );
  });

  it('prints only the token on stdout without --json, the rest on stderr', async () => {
    const created = await cli().hub('tokens', 'create', '--role', 'partner_readonly_admin');
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toMatch(/^whk_[A-Za-z0-9_-]+\n$/);
    expect(created.stderr).toContain('it is not shown again');
  });

  it('creates a customer token with --customer as externalId', async () => {
    const created = await cli().hub(
      'tokens',
      'create',
      '--role',
      'customer_full_admin',
      '--customer',
      'NOORD-1',
      '--partner',
      'Telco Noord',
      '--json',
    );
    expect(created.exitCode).toBe(0);
    expect(created.json<TokenView>().customerId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects bad roles, expiries and a customer on a partner role; fails on an unknown token', async () => {
    const role = await cli().hub('tokens', 'create', '--role', 'superuser');
    expect(role.exitCode).toBe(2);
    expect(role.stderr).toContain('--role: unknown role "superuser"');
    const days = await cli().hub(
      'tokens',
      'create',
      '--role',
      'partner_full_admin',
      '--expires-in-days',
      '0',
    );
    expect(days.exitCode).toBe(2);
    const customer = await cli().hub(
      'tokens',
      'create',
      '--role',
      'partner_full_admin',
      '--customer',
      'NOORD-1',
    );
    expect(customer.exitCode).toBe(2);
    expect(customer.stderr).toContain('--customer is only for the customer roles.');
    const unknown = await cli().hub('tokens', 'revoke', '00000000-0000-4000-8000-000000000000');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('no API token of this partner has this id');
  });
});
