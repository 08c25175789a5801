// Messages of the CLI speak of its options, not of the API's fields (`--customer`, not
// `customerId`), and say how to get what they cannot know (the SCIM tenant URL: HUB_PUBLIC_URL).
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { discoveryFile, writeDiscovery } from '../../src/server-discovery.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();

describe('CLI messages name options', () => {
  it('hub tokens create with a customer role and no --customer names --customer', async () => {
    const result = await cli().hub('tokens', 'create', '--role', 'customer_readonly_admin');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--customer');
    expect(result.stderr).not.toContain('customerId');
  });

  it('hub scim tokens create without HUB_PUBLIC_URL says how to have the tenant URL printed', async () => {
    const { runtime } = cli();
    expect(runtime.config.publicUrl).toBeUndefined();
    const customer = await createTestCustomer(runtime.database.db, runtime.deployment.defaultPartner.id);
    const result = await cli().hub('scim', 'tokens', 'create', '--customer', customer.externalId);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain(`/scim/v2/${customer.id}`);
    expect(result.stderr).toContain('HUB_PUBLIC_URL');
    expect(result.stderr).not.toContain("<this server's URL>");
  });

  it('hub scim tokens create run by the server (forwarded) prints its address as the tenant URL', async () => {
    const { runtime, cwd } = cli();
    expect(runtime.config.dataDir).toBe(cwd);
    const customer = await createTestCustomer(runtime.database.db, runtime.deployment.defaultPartner.id);
    // As `hub serve` records itself for the CLI (a live pid: this test's parent).
    await writeDiscovery(cwd, { pid: process.ppid, url: 'http://127.0.0.1:45678', cliSecret: 'secret' });
    try {
      const result = await cli().hub('scim', 'tokens', 'create', '--customer', customer.externalId);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toContain(`Tenant URL: http://127.0.0.1:45678/scim/v2/${customer.id}\n`);
      expect(result.stderr).toContain('HUB_PUBLIC_URL');
    } finally {
      await rm(discoveryFile(cwd), { force: true });
    }
  });
});
