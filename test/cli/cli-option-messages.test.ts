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

  /** A detail line labelled with a bare field (`  - country: …`) instead of its option. */
  const BARE_FIELD_LABEL = /^ {2}- [a-z][\w.]*: /m;

  it.each([
    {
      name: 'customers create: every field its option, --admin-email and --country alike',
      argv: [
        'customers',
        'create',
        '--name',
        'X',
        '--external-id',
        'OPT-1',
        '--admin-email',
        'nope',
        '--country',
        'zz',
      ],
      expected: ['  - --admin-email: "nope"', '  - --country: "ZZ"'],
    },
    {
      name: 'customers create: --language said once',
      argv: [
        'customers',
        'create',
        '--name',
        'X',
        '--external-id',
        'OPT-2',
        '--admin-email',
        'a@opt.example',
        '--country',
        'NL',
        '--language',
        'xx_YY_zz',
      ],
      expected: ['  - --language: "xx_YY_zz" is not a language'],
    },
    {
      name: 'customers create: an empty --name',
      argv: [
        'customers',
        'create',
        '--name',
        '',
        '--external-id',
        'OPT-3',
        '--admin-email',
        'a@opt.example',
        '--country',
        'NL',
      ],
      expected: ['  - --name: '],
    },
    {
      name: 'customers create: a --packages limit',
      argv: [
        'customers',
        'create',
        '--name',
        'X',
        '--external-id',
        'OPT-4',
        '--admin-email',
        'a@opt.example',
        '--country',
        'NL',
        '--packages',
        'webex_calling:x',
      ],
      expected: ['Error: --packages: the limit of "webex_calling" must be a whole number.'],
    },
    {
      name: 'tokens create: --role',
      argv: ['tokens', 'create', '--role', 'nope'],
      expected: ['Error: --role: unknown role "nope".'],
    },
    {
      name: 'any command: --partner',
      argv: ['customers', 'list', '--partner', 'Nobody'],
      expected: ['Error: --partner "Nobody": no partner has this id or name.'],
    },
  ])('$name', async ({ argv, expected }) => {
    const result = await cli().hub(...argv);
    expect(result.exitCode).toBe(2);
    for (const text of expected) expect(result.stderr).toContain(text);
    expect(result.stderr).not.toMatch(BARE_FIELD_LABEL);
  });

  it('locations create: --country and --timezone, as the options are written', async () => {
    const { runtime } = cli();
    const customer = await createTestCustomer(runtime.database.db, runtime.deployment.defaultPartner.id);
    const result = await cli().hub(
      'locations',
      'create',
      '--customer',
      customer.externalId,
      '--name',
      'Nowhere',
      '--country',
      'zz',
      '--timezone',
      'Nowhere/Here',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('  - --country: "ZZ"');
    expect(result.stderr).toContain('  - --timezone: "Nowhere/Here"');
    expect(result.stderr).not.toMatch(BARE_FIELD_LABEL);
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

describe('missing required options', () => {
  it('are all named in one message (exit 2), not the first one only', async () => {
    const result = await cli().hub('customers', 'create', '--name', 'Half Done');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      "error: required options '--external-id <id>', '--admin-email <email>', '--country <code>' not specified",
    );
    expect(result.stderr.match(/error:/g)).toHaveLength(1);
  });

  it('one missing is named as commander names it', async () => {
    const result = await cli().hub('users', 'list');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("error: required option '--customer <customer>' not specified");
  });

  it('are named before --customer is looked up', async () => {
    const result = await cli().hub('locations', 'create', '--customer', 'NOPE', '--name', 'X');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("required options '--country <code>', '--timezone <zone>' not specified");
    expect(result.stderr).not.toContain('no customer has this id');
  });
});
