// The set-up of /work/shared/fixtures/README.md, verbatim, then the listing and user commands
// over it: stdout JSON in the API's field names, messages on stderr, exit codes 0 / 1 / 2.
import { describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import type { LocationView } from '../../src/services/locations/location-service.ts';
import type { AddNumbersResult, PhoneNumberView } from '../../src/services/numbers/number-service.ts';
import type { UserView } from '../../src/services/users/user-view.ts';
import { FIXTURE_SETUP_COMMANDS } from '../helpers/fixture-setup-commands.ts';
import { useTestCli } from './cli-harness.ts';

const cli = useTestCli();

describe('fixture set-up (fixtures/README.md)', () => {
  it('runs the five set-up commands exactly as written', async () => {
    const hub = cli().hub;
    const results = [];
    for (const argv of FIXTURE_SETUP_COMMANDS) {
      const result = await hub(...argv);
      expect(result.stderr, argv.join(' ')).toBe('');
      expect(result.exitCode, argv.join(' ')).toBe(0);
      results.push(result);
    }
    expect(results[0]?.stdout).toContain('DEVRIES-001');
    expect(results[3]?.stdout).toContain('Added 100 number(s)');

    const shown = (await hub('customers', 'get', 'DEVRIES-001', '--json')).json<CustomerView>();
    expect(shown.status).toBe('provisioned');
    expect(shown.packages.map((entry) => entry.id).sort()).toEqual([
      'webex_calling',
      'webex_calling_standard',
      'webex_meetings',
      'webex_suite',
      'webex_voice',
    ]);
  });

  it('lists the locations as the API shows them', async () => {
    const result = await cli().hub('locations', 'list', '--customer', 'DEVRIES-001', '--json');
    expect(result.exitCode).toBe(0);
    const locations = result.json<LocationView[]>();
    expect(locations.map((location) => location.name).sort()).toEqual(['Amsterdam HQ', 'Rotterdam']);
    expect(locations.find((location) => location.name === 'Rotterdam')).toMatchObject({
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
      address: { addressLine1: 'Coolsingel 40', city: 'Rotterdam' },
    });
  });

  it('lists numbers over every page, by location and state', async () => {
    const all = (await cli().hub('numbers', 'list', '--customer', 'DEVRIES-001', '--json')).json<
      PhoneNumberView[]
    >();
    expect(all).toHaveLength(200);
    const rotterdam = (
      await cli().hub(
        'numbers',
        'list',
        '--customer',
        'DEVRIES-001',
        '--location',
        'rotterdam',
        '--free',
        '--json',
      )
    ).json<PhoneNumberView[]>();
    expect(rotterdam).toHaveLength(100);
    expect(rotterdam[0]).toEqual({
      phoneNumber: '+31107654300',
      locationId: expect.any(String),
      locationName: 'Rotterdam',
      state: 'free',
      userId: null,
      userEmail: null,
    });
    const again = await cli().hub(
      'numbers',
      'add',
      '--customer',
      'DEVRIES-001',
      '--location',
      'Rotterdam',
      '+31107654300',
      '--json',
    );
    expect(again.json<AddNumbersResult>()).toMatchObject({ added: 0, alreadyPresent: 1 });
  });

  it('adds, finds, lists and deletes a user with the API field names', async () => {
    const hub = cli().hub;
    const added = await hub(
      'users',
      'add',
      '--customer',
      'DEVRIES-001',
      '--email',
      'Anna@devries.example',
      '--first-name',
      'Anna',
      '--last-name',
      'Jansen',
      '--package',
      'webex_calling',
      '--location',
      'Amsterdam HQ',
      '--extension',
      '1001',
      '--phone-number',
      '020 123 4501',
      '--preferred-webex-site',
      'devries.webex.com',
      '--json',
    );
    expect(added.stderr).toBe('');
    expect(added.exitCode).toBe(0);
    const anna = added.json<UserView>();
    expect(anna).toMatchObject({
      email: 'anna@devries.example',
      firstName: 'Anna',
      lastName: 'Jansen',
      package: 'webex_calling',
      locationName: 'Amsterdam HQ',
      extension: '1001',
      phoneNumber: '+31201234501',
      jabberCalling: false,
      preferredWebexSite: 'devries.webex.com',
      status: 'provisioned',
      basicLicences: { basicMessaging: true, basicSpaceMeetings: true, callingFromWebex: true },
    });

    const meetings = await hub(
      'users',
      'add',
      '--customer',
      'DEVRIES-001',
      '--email',
      'carla@devries.example',
      '--first-name',
      'Carla',
      '--last-name',
      'Bakker',
      '--package',
      'webex_meetings',
      '--jabber-calling',
      '--json',
    );
    expect(meetings.exitCode).toBe(0);
    expect(meetings.json<UserView>()).toMatchObject({ package: 'webex_meetings', jabberCalling: true });

    const listed = (await hub('users', 'list', '--customer', 'DEVRIES-001', '--json')).json<UserView[]>();
    expect(listed.map((user) => user.email)).toEqual(['anna@devries.example', 'carla@devries.example']);
    const calling = (
      await hub('users', 'list', '--customer', 'DEVRIES-001', '--package', 'webex_calling', '--json')
    ).json<UserView[]>();
    expect(calling.map((user) => user.email)).toEqual(['anna@devries.example']);
    const searched = (
      await hub('users', 'list', '--customer', 'DEVRIES-001', '--search', 'carl', '--json')
    ).json<UserView[]>();
    expect(searched.map((user) => user.email)).toEqual(['carla@devries.example']);

    const taken = (await hub('numbers', 'list', '--customer', 'DEVRIES-001', '--taken', '--json')).json<
      PhoneNumberView[]
    >();
    expect(taken).toEqual([expect.objectContaining({ phoneNumber: '+31201234501', userId: anna.id })]);

    const byEmail = await hub('users', 'get', 'ANNA@devries.example', '--customer', 'DEVRIES-001', '--json');
    expect(byEmail.json<UserView>().id).toBe(anna.id);
    const byId = await hub('users', 'get', anna.id, '--customer', 'DEVRIES-001');
    expect(byId.exitCode).toBe(0);
    expect(byId.stdout).toContain('anna@devries.example');

    const deleted = await hub('users', 'delete', anna.id, '--customer', 'DEVRIES-001', '--json');
    expect(deleted.json()).toEqual({ id: anna.id, deleted: true });
    const free = (await hub('numbers', 'list', '--customer', 'DEVRIES-001', '--taken', '--json')).json<
      PhoneNumberView[]
    >();
    expect(free).toEqual([]);
    const gone = await hub('users', 'get', anna.id, '--customer', 'DEVRIES-001');
    expect(gone.exitCode).toBe(2);
    expect(gone.stderr).toContain(`user "${anna.id}": customer DEVRIES-001 has no user`);
  });
});

describe('rejected and failed commands', () => {
  it('rejects missing required options with exit code 2, naming them all', async () => {
    const result = await cli().hub('locations', 'create', '--customer', 'DEVRIES-001', '--name', 'X');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("required options '--country <code>', '--timezone <zone>' not specified");
  });

  it('rejects an unknown package with exit code 2 before touching the database', async () => {
    const result = await cli().hub(
      'users',
      'add',
      '--customer',
      'DEVRIES-001',
      '--email',
      'x@devries.example',
      '--first-name',
      'X',
      '--last-name',
      'Y',
      '--package',
      'webex_gold',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--package: unknown package "webex_gold"');
  });

  it('rejects an unknown customer with exit code 2, naming --customer (ADR 0064)', async () => {
    const result = await cli().hub('locations', 'list', '--customer', 'NOPE-404', '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: --customer "NOPE-404": no customer has this id or externalId/);
  });

  it('rejects invalid values with exit code 2 and names the field', async () => {
    const zone = await cli().hub(
      'locations',
      'create',
      '--customer',
      'DEVRIES-001',
      '--name',
      'Utrecht',
      '--country',
      'NL',
      '--timezone',
      'Mars/Olympus',
    );
    expect(zone.exitCode).toBe(2);
    expect(zone.stderr).toContain('--timezone: "Mars/Olympus" is not a time zone');
    const range = await cli().hub(
      'numbers',
      'add',
      '--customer',
      'DEVRIES-001',
      '--location',
      'Rotterdam',
      'not-a-number',
    );
    expect(range.exitCode).toBe(2);
    const noNumber = await cli().hub(
      'users',
      'add',
      '--customer',
      'DEVRIES-001',
      '--email',
      'bram@devries.example',
      '--first-name',
      'Bram',
      '--last-name',
      'Smit',
      '--package',
      'webex_suite',
    );
    expect(noNumber.exitCode).toBe(2);
    expect(noNumber.stdout).toBe('');
  });

  it('refuses a duplicate location name (conflict: exit code 1)', async () => {
    const result = await cli().hub(
      'locations',
      'create',
      '--customer',
      'DEVRIES-001',
      '--name',
      ' rotterdam ',
      '--country',
      'NL',
      '--timezone',
      'Europe/Amsterdam',
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('already exists');
  });

  it('rejects --free together with --taken', async () => {
    const result = await cli().hub('numbers', 'list', '--customer', 'DEVRIES-001', '--free', '--taken');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('not both');
  });
});
