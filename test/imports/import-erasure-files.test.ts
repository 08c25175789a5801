// GDPR erasure (SPEC §1, ADR 0024 "Import results") and the uploaded files still kept: a file that
// holds the person's email is deleted, also when the address straddles two stored chunks; an import
// that would still read it is cancelled with its job, so it never runs and never adds the person;
// a finished import only loses its file; a file naming someone whose address merely contains the
// person's is left alone. Through the operator's erasure, which covers every partner's imports.
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import { findJob } from '../../src/jobs/queue.ts';
import { systemActor } from '../../src/services/access/actor.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { cancelImport, getImport } from '../../src/services/imports/import-queries.ts';
import { erasePersonEverywhere } from '../../src/services/privacy/erase-person-everywhere.ts';
import { eraseAuditPersonalData } from '../../src/services/partners/erase-person.ts';
import { ImportInterrupted, runImport } from '../../src/services/imports/run-import.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { drainJobs, runImportFile } from './import-helpers.ts';
import { bytesBody, createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const PERSON = 'ann.jansen@erase.example';
const HEADER =
  'First Name,Last Name,User ID/Email (Required),Title,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';
const row = (email: string, title = 'Baker') =>
  `Ann,Jansen,${email},${title},FALSE,FALSE,site.webex.com,TRUE`;
const encode = (lines: string[]) => new TextEncoder().encode([HEADER, ...lines, ''].join('\n'));
/** create-import.ts stores files in chunks of 1 MiB. */
const CHUNK_BYTES = 1024 * 1024;

/** A file over one chunk whose person's address starts 5 bytes before the chunk boundary. */
function straddlingFile(): Uint8Array {
  const head = `${HEADER}\n${row('bob@erase.example', 'Cook')}\n`;
  const padding = Array.from({ length: 400 }, (_, n) => row(`pad${n}@erase.example`, 'x'.repeat(2400))).join(
    '\n',
  );
  const before = `${head}${padding}\nAnn,Jansen,`;
  const fill =
    CHUNK_BYTES -
    5 -
    before.length -
    'Fill,Fill,fill@erase.example,,FALSE,FALSE,site.webex.com,TRUE\n'.length;
  expect(fill).toBeGreaterThan(0);
  const text = `${head}${padding}\nFill,Fill,fill@erase.example,${'y'.repeat(fill)},FALSE,FALSE,site.webex.com,TRUE\nAnn,Jansen,${PERSON},Baker,FALSE,FALSE,site.webex.com,TRUE\n`;
  const bytes = new TextEncoder().encode(text);
  expect(new TextDecoder().decode(bytes.subarray(CHUNK_BYTES - 5, CHUNK_BYTES + 5))).toBe(
    PERSON.slice(0, 10),
  );
  return bytes;
}

describe('GDPR erasure of uploaded import files', () => {
  const database = useTestDatabase();
  let customer: FixtureCustomer;

  const upload = async (bytes: Uint8Array, dryRun = false) =>
    createImport(customer.context, {
      customerRef: customer.customerId,
      behaviour: 'add-only',
      dryRun,
      fileName: 'erase.csv',
      body: bytesBody(bytes),
    });
  const chunksOf = async (importId: string) =>
    (
      await withImportTables(database().db)
        .selectFrom('import_file_chunks')
        .select('seq')
        .where('import_id', '=', importId)
        .execute()
    ).length;
  const usersNamed = async (email: string) =>
    (await database().db.selectFrom('users').select('id').where('email', '=', email).execute()).length;

  it('deletes files naming the person, cancels the imports still to run, and leaves the rest', async () => {
    customer = await createFixtureCustomer(database(), 'ERASE-FILES');
    // A dry run the partner cancelled itself: finished, its file kept until housekeeping.
    const finished = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      encode([row(PERSON)]),
      'add-only',
      true,
    );
    await cancelImport(customer.context, customer.customerId, finished.view.id);
    expect(await chunksOf(finished.view.id)).toBe(1);
    // Queued, not yet run: one naming the person, one straddling a chunk boundary, one naming joann.
    const queued = await upload(encode([row('bob@erase.example'), row(PERSON.toUpperCase())]));
    const straddling = await upload(straddlingFile());
    expect(await chunksOf(straddling.id)).toBe(2);
    const lookalike = await upload(encode([row(`jo${PERSON}`)]));

    const operator: ServiceContext = {
      ...customer.context,
      actor: systemActor(customer.partnerId, 'operator'),
    };
    const result = await erasePersonEverywhere(operator, PERSON);

    expect(result).toMatchObject({ deletedImportFiles: 3, cancelledImports: 2, erasedImportRows: 1 });
    const finishedView = await getImport(customer.context, customer.customerId, finished.view.id);
    expect(finishedView).toMatchObject({ status: 'cancelled', failure: null });
    expect(await chunksOf(finished.view.id)).toBe(0);
    for (const cancelled of [queued, straddling]) {
      const view = await getImport(customer.context, customer.customerId, cancelled.id);
      expect(view.status).toBe('cancelled');
      expect(view.failure).toMatch(/erased/);
      // A reason of the product's: in the reader's language.
      const inDutch = await getImport(
        { ...customer.context, locale: 'nl' },
        customer.customerId,
        cancelled.id,
      );
      expect(inDutch.failure).toMatch(/gewist \(AVG\)/);
      expect(await chunksOf(cancelled.id)).toBe(0);
      const { job_id: jobId } = await withImportTables(database().db)
        .selectFrom('imports')
        .select('job_id')
        .where('id', '=', cancelled.id)
        .executeTakeFirstOrThrow();
      expect((await findJob(database().db, jobId ?? ''))?.status).toBe('cancelled');
    }
    expect((await getImport(customer.context, customer.customerId, lookalike.id)).status).toBe('queued');
    expect(await chunksOf(lookalike.id)).toBe(1);

    await drainJobs(database());
    expect((await getImport(customer.context, customer.customerId, queued.id)).status).toBe('cancelled');
    expect(await usersNamed(PERSON)).toBe(0);
    expect(await usersNamed('bob@erase.example')).toBe(0);
    expect((await getImport(customer.context, customer.customerId, lookalike.id)).status).toBe('completed');
    expect(await usersNamed(`jo${PERSON}`)).toBe(1);
  });
  it('finds an address beyond ASCII in a windows-1252 upload and in a UTF-8 one', async () => {
    customer = await createFixtureCustomer(database(), 'ERASE-1252');
    const person = 'zoë.de.vries@erase.example';
    const text = `${HEADER}\n${row(person)}\n`;
    const utf8 = await upload(new TextEncoder().encode(text));
    const windows1252 = await upload(Uint8Array.from([...text].map((char) => char.charCodeAt(0))));
    expect(await chunksOf(windows1252.id)).toBe(1);

    const operator: ServiceContext = {
      ...customer.context,
      actor: systemActor(customer.partnerId, 'operator'),
    };
    const result = await erasePersonEverywhere(operator, 'Zoë.de.Vries@erase.example');

    expect(result).toMatchObject({ deletedImportFiles: 2, cancelledImports: 2 });
    expect(await chunksOf(utf8.id)).toBe(0);
    expect(await chunksOf(windows1252.id)).toBe(0);
  });
  it('finds an address written with capitals beyond ASCII, in UTF-8 and windows-1252 uploads and in results', async () => {
    customer = await createFixtureCustomer(database(), 'ERASE-CAPITALS');
    // A validated dry run (stored results and its file), run first: running it runs every queued job.
    const dryRun = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      encode([row('ZOË.Jansen@Example.nl'), row('bob@erase.example')]),
      'add-only',
      true,
    );
    const windows1252 = (text: string) => new Uint8Array(iconv.encode(text, 'windows-1252'));
    const zoe = `${HEADER}\n${row('ZOË.Jansen@Example.nl')}\n`;
    const zoeFiles = [await upload(new TextEncoder().encode(zoe)), await upload(windows1252(zoe))];
    // Š is 0x8A in windows-1252, beyond Latin-1; š is 0x9A.
    const sarka = await upload(windows1252(`${HEADER}\n${row('ŠÁRKA.Novák@Example.cz')}\n`));
    // Someone else: a plain e where the person has ë.
    const lookalike = await upload(encode([row('ZOE.Jansen@Example.nl')]));
    const resultsText = async () =>
      (
        await withImportTables(database().db)
          .selectFrom('import_row_batches')
          .select(sql<string>`rows::text`.as('text'))
          .where('import_id', '=', dryRun.view.id)
          .execute()
      )
        .map((batch) => batch.text)
        .join('\n')
        .toLowerCase();
    expect(await resultsText()).toContain('zoë.jansen@example.nl');

    const operator: ServiceContext = {
      ...customer.context,
      actor: systemActor(customer.partnerId, 'operator'),
    };
    expect(await erasePersonEverywhere(operator, 'zoë.jansen@example.nl')).toMatchObject({
      deletedImportFiles: 3,
      cancelledImports: 3,
      erasedImportRows: 1,
    });
    expect(await erasePersonEverywhere(operator, 'šárka.novák@example.cz')).toMatchObject({
      deletedImportFiles: 1,
      cancelledImports: 1,
    });

    for (const gone of [...zoeFiles, sarka, dryRun.view]) expect(await chunksOf(gone.id)).toBe(0);
    expect(await chunksOf(lookalike.id)).toBe(1);
    const results = await resultsText();
    expect(results).not.toContain('zoë.jansen');
    expect(results).toContain('bob@erase.example');
  });
  it('stops an import applying a file that names the person: later batches roll back, she is never added', async () => {
    customer = await createFixtureCustomer(database(), 'ERASE-RUNNING');
    const others = [1, 2, 3, 4].map((n) => `user${n}@running.example`);
    const running = await upload(encode([...others.map((email) => row(email)), row(PERSON)]));
    let result: Awaited<ReturnType<typeof eraseAuditPersonalData>> | undefined;
    const run = runImport(database().db, running.id, {
      batchSize: 2,
      afterBatchCommitted: async () => {
        result ??= await eraseAuditPersonalData(customer.context, customer.partnerId, PERSON);
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportInterrupted);

    expect(result).toMatchObject({ deletedImportFiles: 1, cancelledImports: 1 });
    const view = await getImport(customer.context, customer.customerId, running.id);
    expect(view.status).toBe('cancelled');
    expect(view.failure).toMatch(/erased/);
    expect(await chunksOf(running.id)).toBe(0);
    // The first batch committed before the erasure stays; the one after it rolled back.
    expect(await usersNamed(others[0] ?? '')).toBe(1);
    expect(await usersNamed(others[2] ?? '')).toBe(0);
    expect(await usersNamed(PERSON)).toBe(0);
  });
});
