// `hub numbers add` takes national ranges (SPEC §4); `hub users add` prints the plan's warnings on
// stderr (SPEC §3: a missing preferred Webex site is a warning, "say so").
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();

beforeAll(async () => {
  const customer = await cli().hub(
    'customers',
    'create',
    '--name',
    'CLI Audit',
    '--external-id',
    'CLI-AUDIT',
    '--admin-email',
    'it@cli-audit.example',
    '--country',
    'NL',
    '--packages',
    'webex_calling,webex_meetings',
    '--json',
  );
  expect(customer.exitCode, customer.stderr).toBe(0);
  const location = await cli().hub(
    'locations',
    'create',
    '--customer',
    'CLI-AUDIT',
    '--name',
    'Utrecht',
    '--country',
    'NL',
    '--timezone',
    'Europe/Amsterdam',
    '--json',
  );
  expect(location.exitCode, location.stderr).toBe(0);
});

describe('hub numbers add and hub users add', () => {
  it('adds a range written in national format', async () => {
    const result = await cli().hub(
      'numbers',
      'add',
      '0301234500-0301234502',
      '--customer',
      'CLI-AUDIT',
      '--location',
      'Utrecht',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({
      added: 3,
      numbers: ['+31301234500', '+31301234501', '+31301234502'],
    });
  });

  it('prints the missing preferred site warning on stderr, and adds the user', async () => {
    const result = await cli().hub(
      'users',
      'add',
      '--customer',
      'CLI-AUDIT',
      '--email',
      'anna@cli-audit.example',
      '--first-name',
      'Anna',
      '--last-name',
      'Smit',
      '--package',
      'webex_calling',
      '--location',
      'Utrecht',
      '--extension',
      '2006',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    // --json carries the warnings as the API's answer does; stderr still says them for a person.
    expect(result.json()).toMatchObject({
      email: 'anna@cli-audit.example',
      preferredWebexSite: null,
      warnings: [{ code: 'preferred_site_missing' }],
    });
    expect(result.stderr).toBe(
      'warning: No Preferred Webex Site for Webex Calling: meetings may not work as expected until one is set.\n',
    );
  });

  it('prints no warning when the site is given', async () => {
    const result = await cli().hub(
      'users',
      'add',
      '--customer',
      'CLI-AUDIT',
      '--email',
      'bram@cli-audit.example',
      '--first-name',
      'Bram',
      '--last-name',
      'Smit',
      '--package',
      'webex_meetings',
      '--preferred-webex-site',
      'cli.webex.com',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('bram@cli-audit.example');
  });
});
