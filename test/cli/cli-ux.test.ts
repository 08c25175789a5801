// What a newcomer and a script author meet: exit codes that say what happened (SPEC §9, ADR 0064),
// messages that name the option to fix and list the allowed values, JSON on stdout only.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import {
  FaultInjectingBackend,
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { bufferedIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { runHubWithEnv, useTestCli } from './cli-harness.ts';

const cli = useTestCli();
let restoreBackend: (() => void) | undefined;

afterEach(() => {
  restoreBackend?.();
  restoreBackend = undefined;
});

function createCustomer(externalId: string, ...extra: string[]) {
  return cli().hub(
    'customers',
    'create',
    '--name',
    `UX ${externalId}`,
    '--external-id',
    externalId,
    '--admin-email',
    `admin@${externalId.toLowerCase()}.example`,
    '--country',
    'NL',
    ...extra,
  );
}

beforeAll(async () => {
  const created = await createCustomer('UX-1', '--packages', 'webex_calling,webex_meetings', '--json');
  expect(created.exitCode, created.stderr).toBe(0);
  const location = await cli().hub(
    'locations',
    'create',
    '--customer',
    'UX-1',
    '--name',
    'Utrecht',
    '--country',
    'NL',
    '--timezone',
    'Europe/Amsterdam',
  );
  expect(location.exitCode, location.stderr).toBe(0);
});

describe('customers whose background work fails', () => {
  it('exits 1 when provisioning fails, with the customer JSON on stdout and the reason on stderr', async () => {
    restoreBackend = useProvisioningBackend(
      new FaultInjectingBackend(new RecordingBackend(), [{ step: 'create_org' }]),
    );
    const exitCodeBefore = process.exitCode;
    const result = await createCustomer('UX-FAILS', '--json');
    expect(result.exitCode).toBe(1);
    expect(result.json<CustomerView>().status).toBe('error');
    expect(result.stderr).toMatch(/Provisioning customer UX-FAILS failed/);
    // The server that runs a forwarded command keeps its own exit code.
    expect(process.exitCode).toBe(exitCodeBefore);
  });

  it('stops waiting and exits 1 when the deletion fails downstream', async () => {
    const created = await createCustomer('UX-UNDELETABLE', '--json');
    expect(created.exitCode, created.stderr).toBe(0);
    restoreBackend = useProvisioningBackend(
      new FaultInjectingBackend(new RecordingBackend(), [{ step: 'delete_org' }]),
    );
    const result = await cli().hub('customers', 'delete', 'UX-UNDELETABLE', '--json');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /Deleting customer UX-UNDELETABLE failed:\n {2}- The organization could not/,
    );
  });
});

describe('references that name nothing are rejected input (exit 2), naming the option', () => {
  it.each([
    [['locations', 'list', '--customer', 'NOPE-404', '--json']],
    [['users', 'list', '--customer', 'NOPE-404', '--json']],
    [['users', 'export', '--customer', 'NOPE-404']],
    [['numbers', 'add', '+31301234599', '--customer', 'NOPE-404', '--location', 'Utrecht']],
    [['scim', 'tokens', 'list', '--customer', 'NOPE-404']],
  ])('%j', async (argv) => {
    const result = await cli().hub(...argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--customer "NOPE-404": no customer has this id or externalId');
    expect(result.stderr).toContain('hub customers list');
  });

  it('rejects an unknown file import customer before reading the file', async () => {
    const file = path.join(cli().cwd, 'ok.csv');
    await writeFile(file, 'User ID/Email (Required)\nx@ux.example\n');
    const result = await cli().hub('users', 'import', file, '--customer', 'NOPE-404', '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--customer "NOPE-404"');
  });

  it('names --location when the customer has no such location', async () => {
    const result = await cli().hub(
      'numbers',
      'add',
      '+31301234599',
      '--customer',
      'UX-1',
      '--location',
      'Nowhere',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--location "Nowhere": customer UX-1 has no location');
  });

  it.each([['get'], ['delete']])('customers %s of an unknown customer', async (verb) => {
    const result = await cli().hub('customers', verb, 'NOPE-404', '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('customer "NOPE-404": no customer has this id or externalId');
  });

  it('rejects a user that is not there with exit 2', async () => {
    const result = await cli().hub('users', 'get', 'nobody@ux.example', '--customer', 'UX-1');
    expect(result.exitCode).toBe(2);
  });
});

describe('messages that list what is allowed', () => {
  it('lists the package ids when --packages names an unknown one', async () => {
    const result = await createCustomer('UX-PKG', '--packages', 'webex_calling,webex_gold');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--packages: unknown package "webex_gold"');
    expect(result.stderr).toContain('webex_suite');
    expect(result.stderr).toContain('attendant_console');
  });

  it('shows the package ids, environment, exit codes and examples in --help', async () => {
    const create = await cli().hub('customers', 'create', '--help');
    expect(create.exitCode).toBe(0);
    expect(create.stdout).toContain('common_area_calling');
    expect(create.stdout).not.toContain('(default: false)');
    const list = await cli().hub('users', 'list', '--help');
    expect(list.stdout).toMatch(/--partner <partner> +partner id or name/);
    const root = await cli().hub('--help');
    expect(root.exitCode).toBe(0);
    expect(root.stdout).toContain('HUB_DATA_DIR');
    expect(root.stdout).toMatch(/2 input rejected/);
    expect(root.stdout).toContain('hub users import users.csv --customer DEVRIES-001 --dry-run');
  });

  it('marks the required options in --help, and still names every missing one at once', async () => {
    const help = await cli().hub('locations', 'create', '--help');
    expect(help.exitCode).toBe(0);
    for (const option of ['--customer <customer>', '--name <name>', '--country <code>', '--timezone <zone>'])
      expect(help.stdout).toMatch(new RegExp(`${option} +\\(required\\)`));
    expect(help.stdout).not.toMatch(/--city <city> +\(required\)/);
    expect(help.stdout).not.toMatch(/--json +\(required\)/);
    const missing = await cli().hub('locations', 'create');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(
      "required options '--customer <customer>', '--name <name>', '--country <code>', '--timezone <zone>' not specified",
    );
  });

  it('on an 80-column terminal, lists are aligned tables and one object is key: value lines', async () => {
    const terminal = (argv: string[]) => {
      const io = { ...bufferedIo(cli().cwd), outColumns: 80 };
      const out: string[] = [];
      io.out = (text: string) => void out.push(text);
      return runCli(argv, io, { runtime: cli().runtime }).then(() => out.join(''));
    };
    for (const argv of [
      ['customers', 'list'],
      ['users', 'list', '--customer', 'UX-1'],
      ['tokens', 'list'],
      ['locations', 'list', '--customer', 'UX-1'],
    ]) {
      const lines = (await terminal(argv)).trimEnd().split('\n');
      for (const line of lines) expect(line.length, `${argv.join(' ')}: ${line}`).toBeLessThanOrEqual(80);
      // A header row (an empty list says so instead: "No users.").
      expect(lines[0], argv.join(' ')).toMatch(/^([A-Z]+( [A-Z]+)? {2,}[A-Z]|No \w+\.$)/);
    }
    expect((await terminal(['customers', 'list'])).split('\n')[0]).toMatch(
      /^EXTERNAL ID {2,}NAME {2,}STATUS/,
    );
    const customer = await terminal(['customers', 'get', 'UX-1']);
    expect(customer).toMatch(/^externalId: +UX-1$/m);
    for (const line of customer.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('says a rejected file reason once', async () => {
    const file = path.join(cli().cwd, 'not-csv.csv');
    await writeFile(file, Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 7, 8, 0, 0]));
    const result = await cli().hub('users', 'import', file, '--customer', 'UX-1');
    expect(result.exitCode).toBe(2);
    expect(result.stderr.match(/not a CSV text file/g)).toHaveLength(1);
  });
});

describe('hub worker --probe-port', () => {
  it('refuses a port that is not a number before starting anything', async () => {
    const result = await cli().hub('worker', '--probe-port', 'metrics');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      '--probe-port must be a port number (0–65535), e.g. 9464; got "metrics".',
    );
  });
});

describe('users add-batch, export and import: files', () => {
  it('names the user and the field a batch file gets wrong, and a file that is not there', async () => {
    const file = path.join(cli().cwd, 'batch.json');
    await writeFile(
      file,
      JSON.stringify([
        { email: 'ok@ux.example', firstName: 'O', lastName: 'K', package: 'webex_meetings' },
        { email: 'gold@ux.example', firstName: 'G', lastName: 'D', package: 'webex_gold' },
      ]),
    );
    const result = await cli().hub('users', 'add-batch', file, '--customer', 'UX-1', '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    // The whole batch is refused, as POST …/users/batch refuses it (400), in the API's words.
    expect(result.stderr).toContain('nothing was added');
    expect(result.stderr).toContain(
      'user 2 (gold@ux.example): package must be one of: "webex_voice", "webex_calling",',
    );
    expect(result.stderr).not.toContain('Invalid option');
    const missing = await cli().hub('users', 'add-batch', 'nope.json', '--customer', 'UX-1');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('No such file: nope.json');
    const empty = path.join(cli().cwd, 'empty.json');
    await writeFile(empty, '[]');
    const none = await cli().hub('users', 'add-batch', empty, '--customer', 'UX-1');
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('No users to add: give at least one.');
    expect(none.stderr).not.toContain('At most');
  });

  it('refuses an --out in a directory that does not exist, and --json without --out', async () => {
    const out = await cli().hub('users', 'export', '--customer', 'UX-1', '--out', 'no/such/dir/u.csv');
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('--out: the directory');
    const json = await cli().hub('users', 'export', '--customer', 'UX-1', '--json');
    expect(json.exitCode).toBe(2);
    expect(json.stdout).toBe('');
    expect(json.stderr).toContain('--json needs --out');
  });

  it('prints the counts in the order of SPEC §9 and lists a dry run’s planned changes', async () => {
    const file = path.join(cli().cwd, 'dry.csv');
    await writeFile(
      file,
      [
        'User ID/Email (Required),First Name,Last Name,Jabber with Webex Teams,Jabber Calling,Webex Meetings',
        'dry@ux.example,D,R,FALSE,FALSE,TRUE',
        'bad@ux.example,B,D,,FALSE,TRUE',
      ].join('\n'),
    );
    const json = await cli().hub('users', 'import', file, '--customer', 'UX-1', '--dry-run', '--json');
    expect(json.exitCode, json.stderr).toBe(0);
    expect(Object.keys(json.json<{ counts: object }>().counts)).toEqual([
      'add',
      'modify',
      'remove',
      'unchanged',
      'error',
      'warning',
    ]);
    const human = await cli().hub('users', 'import', file, '--customer', 'UX-1', '--dry-run');
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toContain('row 2: add dry@ux.example');
    // Row 3 is in error and also has a warning: each message says its own severity.
    expect(human.stdout).toContain('error: Row 3, Jabber with Webex Teams');
    expect(human.stdout).toMatch(/warning: Row 3, Preferred Webex Site/);
    expect(human.stderr).toContain('Dry run: nothing was changed');
  });

  it('says a directory is not a file', async () => {
    const result = await cli().hub('users', 'import', '.', '--customer', 'UX-1');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('. is not a file');
  });

  it('names --user when set-package finds no such user', async () => {
    const result = await cli().hub(
      'users',
      'set-package',
      '--customer',
      'UX-1',
      '--user',
      'nobody@ux.example',
      '--package',
      'webex_meetings',
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--user "nobody@ux.example": customer UX-1 has no user');
  });
});

describe('shapes and help of single commands', () => {
  it('answers a location delete as the other deletes do: {id, deleted}', async () => {
    const created = await cli().hub(
      'locations',
      'create',
      '--customer',
      'UX-1',
      '--name',
      'Gouda',
      '--country',
      'NL',
      '--timezone',
      'Europe/Amsterdam',
      '--json',
    );
    const { id } = created.json<{ id: string }>();
    const deleted = await cli().hub('locations', 'delete', 'gouda', '--customer', 'UX-1', '--json');
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(deleted.json()).toEqual({ id, name: 'Gouda', deleted: true });
    const again = await cli().hub('locations', 'delete', 'Gouda', '--customer', 'UX-1');
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('location "Gouda": customer UX-1 has no location');
  });

  it.each([
    [['customers', 'create'], 'hub customers create --name'],
    [['tokens', 'create'], 'TOKEN=$(hub tokens create'],
    [['users', 'import'], '--behaviour add-remove --json'],
    [['users', 'export'], '--out users.csv'],
    [['backup'], 'hub backup --out hub-backup.tar.gz'],
    [['serve'], 'PORT=8080 HUB_WORKER=off hub serve'],
    [['restore'], 'hub restore hub-backup.tar.gz'],
    [['migrate-to'], 'hub migrate-to --database-url postgres://'],
  ])('%j --help has an example', async (argv, example) => {
    const help = await cli().hub(...argv, '--help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain(example);
  });
});

describe('ids and names given as arguments that name nothing', () => {
  it.each([
    [
      ['tokens', 'revoke', '00000000-0000-4000-8000-000000000000'],
      'token "00000000-0000-4000-8000-000000000000"',
    ],
    [['tokens', 'revoke', 'abc'], 'hub tokens list'],
    [
      ['scim', 'tokens', 'revoke', '00000000-0000-4000-8000-000000000000', '--customer', 'UX-1'],
      'hub scim tokens list --customer UX-1',
    ],
    [['partners', 'get', 'No Such Telecom'], 'partner "No Such Telecom": no partner has this id or name'],
  ])('%j', async (argv, message) => {
    const result = await cli().hub(...argv, '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});

describe('users add-batch --json', () => {
  it('gives each problem of a failed user as its own string, not the CLI’s multi-line text', async () => {
    const file = path.join(cli().cwd, 'calling.json');
    await writeFile(
      file,
      JSON.stringify([
        { email: 'nocall@ux.example', firstName: 'N', lastName: 'C', package: 'webex_calling' },
      ]),
    );
    const result = await cli().hub('users', 'add-batch', file, '--customer', 'UX-1', '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const [entry] = result.json<{ results: { result: string; errors: string[] }[] }>().results;
    expect(entry?.result).toBe('failed');
    expect(entry?.errors).toEqual([
      'extension: Webex Calling needs an Extension or a Phone Number.',
      'location: Webex Calling needs a Location.',
    ]);
  });
});

describe('a server.json whose server does not answer', () => {
  it('says why and how to get going again', async () => {
    // A port that was free a moment ago: nothing listens on it now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-stale-server-'));
    // A live pid that is not a hub server (the test runner's parent), as after a pid was reused.
    await writeFile(
      path.join(dataDir, 'server.json'),
      JSON.stringify({ pid: process.ppid, url: `http://127.0.0.1:${port}`, cliSecret: 'x' }),
    );
    const result = await runHubWithEnv({ HUB_DATA_DIR: dataDir }, dataDir, ['customers', 'list']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('(ECONNREFUSED)');
    expect(result.stderr).toContain(`remove ${path.join(dataDir, 'server.json')} and run the command again`);
  });
});

describe('hub backup --out', () => {
  it('refuses a directory, even with --force, naming a file to give instead', async () => {
    const result = await cli().hub('backup', '--out', '.', '--force', '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`--out: ${cli().cwd} is a directory; give a file name`);
  });
});

describe('--partner scopes customers list, and partner names stay unique', () => {
  it('lists only the customers of the chosen partner', async () => {
    const partner = await cli().hub('partners', 'create', '--name', 'UX Partner', '--json');
    expect(partner.exitCode, partner.stderr).toBe(0);
    const created = await createCustomer('UX-P1', '--partner', 'UX Partner', '--json');
    expect(created.exitCode, created.stderr).toBe(0);
    const ofDefault = (await cli().hub('customers', 'list', '--json')).json<CustomerView[]>();
    expect(ofDefault.map((customer) => customer.externalId)).toContain('UX-1');
    expect(ofDefault.map((customer) => customer.externalId)).not.toContain('UX-P1');
    const ofPartner = (await cli().hub('customers', 'list', '--partner', 'UX Partner', '--json')).json<
      CustomerView[]
    >();
    expect(ofPartner.map((customer) => customer.externalId)).toEqual(['UX-P1']);
    // Names are unique ignoring case and surrounding spaces (migration 0014): so is --partner.
    const loosely = (await cli().hub('customers', 'list', '--partner', ' ux partner ', '--json')).json<
      CustomerView[]
    >();
    expect(loosely.map((customer) => customer.externalId)).toEqual(['UX-P1']);
  });

  it('lists and revokes only the tokens of the chosen partner', async () => {
    const created = await cli().hub(
      'tokens',
      'create',
      '--role',
      'partner_full_admin',
      '--partner',
      'UX Partner',
      '--json',
    );
    expect(created.exitCode, created.stderr).toBe(0);
    const { id } = created.json<{ id: string }>();
    const ids = async (...partner: string[]) =>
      (await cli().hub('tokens', 'list', ...partner, '--json')).json<{ id: string }[]>().map((t) => t.id);
    expect(await ids()).not.toContain(id);
    expect(await ids('--partner', 'UX Partner')).toEqual([id]);
    const elsewhere = await cli().hub('tokens', 'revoke', id);
    expect(elsewhere.exitCode).toBe(2);
    const revoked = await cli().hub('tokens', 'revoke', id, '--partner', 'UX Partner', '--json');
    expect(revoked.exitCode, revoked.stderr).toBe(0);
  });

  it('refuses a second partner of the same name (--partner could not tell them apart)', async () => {
    const again = await cli().hub('partners', 'create', '--name', 'UX Partner');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('A partner named "UX Partner" already exists');
    const partners = (await cli().hub('partners', 'list', '--json')).json<{ name: string }[]>();
    expect(partners.filter((entry) => entry.name === 'UX Partner')).toHaveLength(1);
  });
});

describe('--package', () => {
  it('users list takes none, and names --package with the allowed values otherwise', async () => {
    const none = await cli().hub('users', 'list', '--customer', 'UX-1', '--package', 'none', '--json');
    expect(none.exitCode, none.stderr).toBe(0);
    const wrong = await cli().hub('users', 'list', '--customer', 'UX-1', '--package', 'gold');
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('--package: unknown package "gold". Packages: webex_voice');
    expect(wrong.stderr).toContain(', or none.');
  });
});
