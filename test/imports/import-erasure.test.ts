// GDPR erasure (SPEC §1, ADR 0024 "Import results") reaches the stored import results: the rows
// endpoint and the error report show the tombstone instead of the person, with the facts (row,
// line, action, status, issue codes, packages) kept and other people's rows unchanged. An upload
// still holding their email is deleted; a dry run not yet applied is cancelled, since it cannot be
// applied from a file that no longer exists. A partner's erasure stays within its own imports.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import {
  allImportRows,
  applyDryRun,
  errorReportCsv,
  getImport,
} from '../../src/services/imports/import-queries.ts';
import type { RowResultView } from '../../src/services/imports/import-results.ts';
import { eraseAuditPersonalData, type ErasureResult } from '../../src/services/partners/erase-person.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile } from './import-helpers.ts';
import { createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const PERSON = 'ann.jansen@erase.example';
const OTHER = 'bob.baker@erase.example';
const HEADER =
  'First Name,Last Name,User ID/Email (Required),Title,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';
const encode = (lines: string[]) => new TextEncoder().encode([HEADER, ...lines, ''].join('\n'));

const ADD = encode([
  `Ann,Jansen,${PERSON},Baker,FALSE,FALSE,site.webex.com,TRUE`,
  `Bob,Baker,${OTHER},Cook,FALSE,FALSE,site.webex.com,TRUE`,
]);
// Ann's row modifies her (new last name and title); Bob's row names her as nothing but stays.
const MODIFY = encode([
  `Ann,de Vries,${PERSON.toUpperCase()},Head Baker,FALSE,FALSE,site.webex.com,TRUE`,
  `Bob,Baker,${OTHER},Chef,FALSE,FALSE,site.webex.com,TRUE`,
]);
// Both rows in error (Jabber Calling is no yes/no): the cells are kept for the error report.
const ERRORS = encode([
  `Ann,de Vries,${PERSON},Head Baker,FALSE,MAYBE,site.webex.com,TRUE`,
  `Bob,Baker,${OTHER},Chef,FALSE,MAYBE,site.webex.com,TRUE`,
]);

async function rowsOf(customer: FixtureCustomer, importId: string): Promise<RowResultView[]> {
  const rows: RowResultView[] = [];
  for await (const row of allImportRows(customer.context, importId)) rows.push(row);
  return rows;
}

async function reportOf(customer: FixtureCustomer, importId: string): Promise<string[][]> {
  const parts: Buffer[] = [];
  for await (const part of await errorReportCsv(customer.context, customer.customerId, importId))
    parts.push(Buffer.from(part));
  return parse(
    Buffer.concat(parts)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  ) as string[][];
}

async function fileChunks(customer: FixtureCustomer, importId: string): Promise<number> {
  const rows = await withImportTables(customer.context.db)
    .selectFrom('import_file_chunks')
    .select('seq')
    .where('import_id', '=', importId)
    .execute();
  return rows.length;
}

interface Imports {
  readonly customer: FixtureCustomer;
  readonly modify?: string;
  readonly dryRun: string;
}

describe('GDPR erasure of import results', () => {
  const database = useTestDatabase();
  const tombstone = tombstoneOf(PERSON);
  let a: Imports & { readonly modify: string };
  let b: Imports;

  async function dryRunOf(customer: FixtureCustomer): Promise<string> {
    const dryRun = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      ERRORS,
      'add-only',
      true,
    );
    expect(dryRun.view.status).toBe('validated');
    expect(dryRun.byRow).toEqual({ 2: 'error', 3: 'error' });
    expect(await fileChunks(customer, dryRun.view.id)).toBeGreaterThan(0);
    return dryRun.view.id;
  }

  // Partner A, whose customer had the person, and partner B, whose dry run names her.
  beforeAll(async () => {
    const customer = await createFixtureCustomer(database(), 'ERASE-A');
    const added = await runImportFile(database(), customer.context, customer.customerId, ADD, 'add-only');
    expect(added.rows.map((row) => row.messages)).toEqual([[], []]);
    const modify = await runImportFile(database(), customer.context, customer.customerId, MODIFY, 'add-only');
    expect(modify.byRow).toEqual({ 2: 'modify', 3: 'modify' });
    a = { customer, modify: modify.view.id, dryRun: await dryRunOf(customer) };
    const other = await createFixtureCustomer(database(), 'ERASE-B');
    b = { customer: other, dryRun: await dryRunOf(other) };
  });

  it("partner B's erasure scrubs B's results and file, and leaves A's imports alone", async () => {
    const aRowsBefore = await rowsOf(a.customer, a.modify);
    const aReportBefore = await reportOf(a.customer, a.dryRun);

    const result = await eraseAuditPersonalData(b.customer.context, b.customer.partnerId, PERSON);

    expect(result).toMatchObject({ erasedImportRows: 1, deletedImportFiles: 1, cancelledImports: 1 });
    expect(await rowsOf(a.customer, a.modify)).toEqual(aRowsBefore);
    expect(await reportOf(a.customer, a.dryRun)).toEqual(aReportBefore);
    expect((await getImport(a.customer.context, a.customer.customerId, a.dryRun)).status).toBe('validated');
    expect(await fileChunks(a.customer, a.dryRun)).toBeGreaterThan(0);
    const [, ann, bob] = await reportOf(b.customer, b.dryRun);
    expect(ann?.slice(0, 3)).toEqual([tombstone, tombstone, tombstone]);
    expect(bob?.slice(0, 3)).toEqual(['Bob', 'Baker', OTHER]);
  });

  describe("after partner A's erasure", () => {
    let erased: ErasureResult;
    let erasedAgain: ErasureResult;

    // After partner B's test (hooks of this block run when its first test does), so that test
    // sees A's imports before A's erasure; and whichever of the tests below runs alone.
    beforeAll(async () => {
      erased = await eraseAuditPersonalData(a.customer.context, a.customer.partnerId, PERSON);
      erasedAgain = await eraseAuditPersonalData(a.customer.context, a.customer.partnerId, PERSON);
    });

    it("partner A's erasure scrubs A's add, modify and error rows and deletes the dry run's file", () => {
      expect(erased).toMatchObject({ erasedImportRows: 3, deletedImportFiles: 1, cancelledImports: 1 });
      expect(erasedAgain).toMatchObject({ erasedImportRows: 0, deletedImportFiles: 0, cancelledImports: 0 });
    });

    it('shows the tombstone in the rows endpoint, keeping the facts and the other rows', async () => {
      const [ann, bob] = await rowsOf(a.customer, a.modify);
      expect(ann).toMatchObject({ row: 2, line: 2, email: tombstone, action: 'modify', status: 'ok' });
      const changes = Object.fromEntries((ann?.changes ?? []).map((change) => [change.field, change]));
      expect(changes.lastName).toEqual({ field: 'lastName', before: tombstone, after: tombstone });
      expect(changes.title).toEqual({ field: 'title', before: tombstone, after: tombstone });
      expect(JSON.stringify(ann)).not.toMatch(/ann\.jansen|Jansen|de Vries|Head Baker/i);
      expect(bob).toMatchObject({ row: 3, email: OTHER, action: 'modify' });
      expect(bob?.changes).toEqual([{ field: 'title', before: 'Cook', after: 'Chef' }]);
    });

    it('shows the tombstone in the error report, keeping the error, the line and the non-personal cells', async () => {
      const [header, ann, bob] = await reportOf(a.customer, a.dryRun);
      expect(header).toEqual([...HEADER.split(','), 'Error', 'Line']);
      expect(ann?.slice(0, 8)).toEqual([
        tombstone,
        tombstone,
        tombstone,
        tombstone,
        'FALSE',
        'MAYBE',
        'site.webex.com',
        'TRUE',
      ]);
      expect(ann?.[8]).toMatch(/MAYBE/);
      expect(ann?.[9]).toBe('2');
      expect(bob?.slice(0, 4)).toEqual(['Bob', 'Baker', OTHER, 'Chef']);
      const [annRow] = await rowsOf(a.customer, a.dryRun);
      expect(annRow).toMatchObject({ row: 2, action: 'error', status: 'error' });
      expect(annRow?.issues.map((issue) => issue.code)).toEqual(['invalid_boolean']);
    });

    it('cancels the dry run whose file was deleted, so it cannot be applied', async () => {
      const view = await getImport(a.customer.context, a.customer.customerId, a.dryRun);
      expect(view.status).toBe('cancelled');
      expect(view.failure).toMatch(/erased/);
      expect(await fileChunks(a.customer, a.dryRun)).toBe(0);
      await expect(applyDryRun(a.customer.context, a.customer.customerId, a.dryRun)).rejects.toMatchObject({
        code: 'conflict',
      });
    });
  });

  it('follows an address the person had before, as the erasure learns it from the log', async () => {
    const customer = await createFixtureCustomer(database(), 'ERASE-OLD');
    const before = 'carla.before@erase.example';
    const now = 'carla.now@erase.example';
    const dryRun = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      encode([`Carla,Smit,${before},Baker,FALSE,MAYBE,site.webex.com,TRUE`]),
      'add-only',
      true,
    );
    // The log recorded her address change (as a SCIM replace does).
    await database()
      .db.insertInto('audit_events')
      .values({
        partner_id: customer.partnerId,
        customer_id: customer.customerId,
        actor_type: 'token',
        actor_id: null,
        actor_label: 'token:sync',
        action: 'user.update',
        target_type: 'user',
        target_id: '00000000-0000-4000-8000-00000000ca71',
        before: JSON.stringify({ email: before }),
        after: JSON.stringify({ email: now }),
      })
      .execute();

    const result = await eraseAuditPersonalData(customer.context, customer.partnerId, now);

    expect(result).toMatchObject({ erasedImportRows: 1, deletedImportFiles: 1 });
    const [row] = await rowsOf(customer, dryRun.view.id);
    expect(row).toMatchObject({ row: 2, email: tombstoneOf(now), action: 'error' });
  });
});
