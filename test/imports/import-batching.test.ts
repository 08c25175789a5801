// An import plans each batch against what the database holds plus what the import's earlier rows
// changed (ADR 0013). Whatever the batch size — one row per batch puts every hand-over across a
// batch boundary, and lets a batch's lookups run while the batch before is still being written —
// the outcome is the one a single pass over the whole file gives.
import { describe, expect, it } from 'vitest';
import { createImport } from '../../src/services/imports/create-import.ts';
import { cancelImport } from '../../src/services/imports/import-queries.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { collectOutcome, type ImportOutcome } from './import-helpers.ts';
import { bytesBody, createGeneratedCustomer, type GeneratedCustomer } from './import-setup.ts';

const HEADER =
  'User ID/Email (Required),Extension,Phone Number,Location,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Calling,Webex Meetings';

/** `quoted`: every cell in double quotes, so both passes read every record on their quoted-field path. */
function csv(lines: readonly string[], quoted = false): Uint8Array {
  const quote = (line: string) =>
    quoted
      ? line
          .split(',')
          .map((cell) => `"${cell}"`)
          .join(',')
      : line;
  return new TextEncoder().encode(`${[HEADER, ...lines.map(quote)].join('\n')}\n`);
}

/** a and b are calling users, c a meetings user. */
function existingUsers(domain: string, prefix: string): Uint8Array {
  return csv([
    `a@${domain},1000001,${prefix}00001,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`,
    `b@${domain},1000002,${prefix}00002,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`,
    `c@${domain},,,,FALSE,FALSE,hub.webex.com,FALSE,TRUE`,
  ]);
}

/** Numbers and extensions handed from one row to a later one, and rows that must not get them. */
function handOvers(domain: string, prefix: string, quoted = false): Uint8Array {
  return csv(
    [
      `a@${domain},,,,,,,FALSE,FALSE`, // 2: removed, frees 1000001 and …01
      `d@${domain},1000001,${prefix}00001,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`, // 3: takes both over
      `e@${domain},1000005,${prefix}00001,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`, // 4: …01 is d's now
      `b@${domain},1000002,${prefix}00003,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`, // 5: moves to …03, frees …02
      `f@${domain},1000006,${prefix}00002,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`, // 6: takes …02
      `f@${domain},1000007,${prefix}00007,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`, // 7: duplicate of row 6
      `g@${domain},1000001,${prefix}00008,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`, // 8: 1000001 is d's now
      `c@${domain},,,,FALSE,FALSE,hub.webex.com,FALSE,TRUE`, // 9: as stored
      `h@${domain},1000007,${prefix}00007,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`, // 10: row 7 took nothing
    ],
    quoted,
  );
}

const EXPECTED_ACTIONS = {
  2: 'remove',
  3: 'add',
  4: 'error',
  5: 'modify',
  6: 'add',
  7: 'error',
  8: 'error',
  9: 'unchanged',
  10: 'add',
};

describe('import batches', () => {
  const database = useTestDatabase();

  async function run(
    customer: GeneratedCustomer,
    bytes: Uint8Array,
    dryRun: boolean,
    batchSize: number,
  ): Promise<ImportOutcome> {
    const created = await createImport(customer.context, {
      customerRef: customer.customerId,
      behaviour: 'add-remove',
      dryRun,
      fileName: 'hand-overs.csv',
      body: bytesBody(bytes),
    });
    await runImport(database().db, created.id, { batchSize });
    return collectOutcome(customer.context, customer.customerId, created.id);
  }

  it.each([
    { batchSize: 1, prefixBase: 10, quoted: false },
    { batchSize: 2, prefixBase: 20, quoted: false },
    { batchSize: 1000, prefixBase: 30, quoted: false },
    { batchSize: 2, prefixBase: 50, quoted: true },
  ])(
    'plans hand-overs across batches of $batchSize row(s) like one pass (every cell quoted: $quoted)',
    async ({ batchSize, prefixBase, quoted }) => {
      const customer = await createGeneratedCustomer(database(), {
        externalId: `BATCH${prefixBase}`,
        locationCount: 1,
        numbersPerLocation: 20,
        prefixBase,
      });
      const domain = `batch${prefixBase}.example`;
      const prefix = customer.locations[0]?.numberPrefix ?? '';
      const setUp = await run(customer, existingUsers(domain, prefix), false, batchSize);
      expect(setUp.rows.flatMap((row) => row.messages)).toEqual([]);
      expect(setUp.view.counts.add).toBe(3);

      const dry = await run(customer, handOvers(domain, prefix, quoted), true, batchSize);
      const applied = await run(customer, handOvers(domain, prefix, quoted), false, batchSize);
      for (const outcome of [dry, applied]) {
        expect(outcome.byRow).toEqual(EXPECTED_ACTIONS);
        const messages = (row: number) =>
          outcome.rows.find((result) => result.row === row)?.messages.join(' ');
        expect(messages(4)).toMatch(/number/i);
        expect(messages(7)).toMatch(/row 6/);
        expect(messages(8)).toMatch(/extension/i);
      }

      const users = await database()
        .db.selectFrom('users')
        .select(['email', 'extension', 'phone_number', 'package'])
        .where('customer_id', '=', customer.customerId)
        .orderBy('email')
        .execute();
      expect(users).toEqual([
        {
          email: `b@${domain}`,
          extension: '1000002',
          phone_number: `${prefix}00003`,
          package: 'webex_calling',
        },
        { email: `c@${domain}`, extension: null, phone_number: null, package: 'webex_meetings' },
        {
          email: `d@${domain}`,
          extension: '1000001',
          phone_number: `${prefix}00001`,
          package: 'webex_calling',
        },
        {
          email: `f@${domain}`,
          extension: '1000006',
          phone_number: `${prefix}00002`,
          package: 'webex_calling',
        },
        {
          email: `h@${domain}`,
          extension: '1000007',
          phone_number: `${prefix}00007`,
          package: 'webex_calling',
        },
      ]);
    },
  );

  it("reports an email of another customer's user, and leaves that user alone", async () => {
    const owner = await createGeneratedCustomer(database(), {
      externalId: 'OWNER',
      locationCount: 1,
      numbersPerLocation: 20,
      prefixBase: 40,
    });
    const other = await createGeneratedCustomer(database(), {
      externalId: 'OTHER',
      locationCount: 1,
      numbersPerLocation: 20,
      prefixBase: 41,
    });
    const ownerPrefix = owner.locations[0]?.numberPrefix ?? '';
    await run(owner, existingUsers('owner.example', ownerPrefix), false, 2);
    const otherPrefix = other.locations[0]?.numberPrefix ?? '';
    const file = csv([
      `a@owner.example,1000009,${otherPrefix}00009,Location 1,FALSE,TRUE,hub.webex.com,TRUE,FALSE`,
      `z@other.example,,,,FALSE,FALSE,hub.webex.com,FALSE,TRUE`,
    ]);
    for (const dryRun of [true, false]) {
      const outcome = await run(other, file, dryRun, 1);
      expect(outcome.byRow).toEqual({ 2: 'error', 3: 'add' });
      expect(outcome.rows.find((row) => row.row === 2)?.messages.join(' ')).toMatch(
        /already associated with an existing user/,
      );
    }
    const owned = await database()
      .db.selectFrom('users')
      .select(['customer_id', 'extension', 'phone_number'])
      .where('email', '=', 'a@owner.example')
      .execute();
    expect(owned).toEqual([
      { customer_id: owner.customerId, extension: '1000001', phone_number: `${ownerPrefix}00001` },
    ]);
  });

  it('stops a dry run cancelled while it runs, and leaves it cancelled', async () => {
    const customer = await createGeneratedCustomer(database(), {
      externalId: 'CANCEL',
      locationCount: 1,
      numbersPerLocation: 20,
      prefixBase: 42,
    });
    const domain = 'cancel.example';
    const prefix = customer.locations[0]?.numberPrefix ?? '';
    const created = await createImport(customer.context, {
      customerRef: customer.customerId,
      behaviour: 'add-remove',
      dryRun: true,
      fileName: 'hand-overs.csv',
      body: bytesBody(handOvers(domain, prefix)),
    });
    let turns = 0;
    await runImport(database().db, created.id, {
      batchSize: 1,
      // Between batches: the admin cancels after the third.
      heartbeat: async () => {
        turns += 1;
        if (turns === 3) await cancelImport(customer.context, customer.customerId, created.id);
        return true;
      },
    });
    const outcome = await collectOutcome(customer.context, customer.customerId, created.id);
    expect(outcome.view.status).toBe('cancelled');
    expect(outcome.rows.length).toBeGreaterThan(0);
    expect(outcome.rows.length).toBeLessThan(9);
  });
});
