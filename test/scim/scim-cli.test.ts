import { describe, expect, it } from 'vitest';
import { useTestCli } from '../cli/cli-harness.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const cli = useTestCli();

describe('hub scim tokens', () => {
  it("creates (enabling sync), lists and revokes a customer's SCIM tokens", async () => {
    const { runtime } = cli();
    const customer = await createTestCustomer(runtime.database.db, runtime.deployment.defaultPartner.id);

    const created = await cli().hub(
      'scim',
      'tokens',
      'create',
      '--customer',
      customer.externalId,
      '--name',
      'Entra ID',
      '--json',
    );
    expect(created.exitCode, created.stderr).toBe(0);
    const body = created.json<{
      token: string;
      tokenInfo: { id: string; name: string; active: boolean };
      scimBasePath: string;
    }>();
    expect(body.token).toMatch(/^whscim_/);
    expect(body.tokenInfo).toMatchObject({ name: 'Entra ID', active: true });
    expect(body.scimBasePath).toBe(`/scim/v2/${customer.id}`);
    const synced = await runtime.database.db
      .selectFrom('customers')
      .select('directory_sync_enabled')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(synced.directory_sync_enabled).toBe(true);

    const listed = await cli().hub('scim', 'tokens', 'list', '--customer', customer.id, '--json');
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).not.toContain(body.token);
    expect(listed.json<{ id: string }[]>().map((token) => token.id)).toEqual([body.tokenInfo.id]);

    const revoked = await cli().hub(
      'scim',
      'tokens',
      'revoke',
      body.tokenInfo.id,
      '--customer',
      customer.id,
      '--json',
    );
    expect(revoked.exitCode).toBe(0);
    expect(revoked.json<{ active: boolean; revokedAt: string | null }>()).toMatchObject({ active: false });
    expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
  });

  it('fails for an unknown customer and rejects bad arguments', async () => {
    const unknown = await cli().hub('scim', 'tokens', 'list', '--customer', 'no-such-customer');
    expect(unknown.exitCode).toBe(2);
    const missing = await cli().hub('scim', 'tokens', 'list');
    expect(missing.exitCode).toBe(2);
  });
});
