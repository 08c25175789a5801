// SPEC §2 through the CLI: `hub customers create` and `hub locations create` apply the same
// country (assigned ISO 3166-1 alpha-2) and language (ISO 639-1, optional region) rule as the APIs.
import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import type { LocationView } from '../../src/services/locations/location-service.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();

const createCustomer = (externalId: string, ...extra: string[]) =>
  cli().hub(
    'customers',
    'create',
    '--name',
    `CLI ${externalId}`,
    '--external-id',
    externalId,
    '--admin-email',
    `${externalId.toLowerCase()}@example.com`,
    '--no-wait',
    '--json',
    ...extra,
  );

describe('hub customers create and hub locations create', () => {
  it.each([
    { args: ['--country', 'uk'], field: 'country' },
    { args: ['--country', 'EU'], field: 'country' },
    { args: ['--country', 'zz'], field: 'country' },
    { args: ['--country', 'NL', '--language', 'xx_YY_zz'], field: 'language' },
  ])('refuses $args, naming $field', async ({ args, field }) => {
    const result = await createCustomer(`BAD-${args.join('-')}`, ...args);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(field);
    expect(result.stdout).toBe('');
  });

  it('accepts an assigned country in any case and stores the language in one form', async () => {
    const created = await createCustomer('CLI-GB', '--country', 'gb', '--language', 'en-gb');
    expect(created.stderr).toBe('');
    expect(created.json<CustomerView>()).toMatchObject({ country: 'GB', language: 'en_GB' });

    const location = (...extra: string[]) =>
      cli().hub(
        'locations',
        'create',
        '--customer',
        'CLI-GB',
        '--name',
        'London',
        '--timezone',
        'Europe/London',
        '--json',
        ...extra,
      );
    const badCountry = await location('--country', 'xk');
    expect(badCountry.exitCode).not.toBe(0);
    expect(badCountry.stderr).toContain('country');
    const badLanguage = await location('--country', 'gb', '--language', 'en_UK');
    expect(badLanguage.exitCode).not.toBe(0);
    expect(badLanguage.stderr).toContain('language');
    const made = await location('--country', 'gb', '--language', 'en_gb');
    expect(made.stderr).toBe('');
    expect(made.json<LocationView>()).toMatchObject({ country: 'GB', language: 'en_GB' });
  });
});
