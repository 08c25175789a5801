// `hub numbers remove` takes ranges and `--location` like `hub numbers add` (SPEC §4): a national
// number is read with the location's country, and one that the customer's locations read as
// different numbers is refused without a location.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();
const CUSTOMER = 'CLI-GRENS';

beforeAll(async () => {
  const customer = await cli().hub(
    'customers',
    'create',
    '--name',
    'CLI Grens',
    '--external-id',
    CUSTOMER,
    '--admin-email',
    'it@cli-grens.example',
    '--country',
    'NL',
    '--packages',
    'webex_calling',
    '--json',
  );
  expect(customer.exitCode, customer.stderr).toBe(0);
  for (const [name, country, timezone] of [
    ['Utrecht', 'NL', 'Europe/Amsterdam'],
    ['Brussel', 'BE', 'Europe/Brussels'],
  ]) {
    const location = await cli().hub(
      'locations',
      'create',
      '--customer',
      CUSTOMER,
      '--name',
      name!,
      '--country',
      country!,
      '--timezone',
      timezone!,
      '--json',
    );
    expect(location.exitCode, location.stderr).toBe(0);
  }
  for (const [location, numbers] of [
    ['Utrecht', '+31475123456'],
    ['Brussel', '0475 12 34 56'],
    ['Utrecht', '0301234500-0301234502'],
  ]) {
    const added = await cli().hub(
      'numbers',
      'add',
      numbers!,
      '--customer',
      CUSTOMER,
      '--location',
      location!,
    );
    expect(added.exitCode, added.stderr).toBe(0);
  }
});

describe('hub numbers remove', () => {
  it('refuses an ambiguous national number without --location, and removes it with one', async () => {
    const refused = await cli().hub('numbers', 'remove', '0475 12 34 56', '--customer', CUSTOMER);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain('+32475123456 (BE), +31475123456 (NL)');

    const removed = await cli().hub(
      'numbers',
      'remove',
      '0475 12 34 56',
      '--customer',
      CUSTOMER,
      '--location',
      'Brussel',
      '--json',
    );
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.json()).toEqual({ removed: ['+32475123456'] });
  });

  it('removes a national range', async () => {
    const removed = await cli().hub(
      'numbers',
      'remove',
      '0301234500-0301234502',
      '--customer',
      CUSTOMER,
      '--location',
      'Utrecht',
      '--json',
    );
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.json()).toEqual({ removed: ['+31301234500', '+31301234501', '+31301234502'] });
  });
});
