// An upload is stored in short steps, not in one transaction from its first byte to its last: while
// the client is still sending, another query runs and sees the chunks stored so far (on PGlite,
// whose one connection a long transaction held, it would wait for the upload's end: here, for
// ever, as the upload waits for it). The job queue still sees the upload all or nothing: no job
// until the last byte is stored, and an upload that fails leaves no import, chunk or job.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import { AppError } from '../../src/domain/errors.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { cancelImport, listImportViews } from '../../src/services/imports/import-queries.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { createFixtureCustomer } from './import-setup.ts';

const HEADER = 'User ID/Email (Required),First Name\n';
const MIB = 1024 * 1024;

/** Valid CSV rows making up at least `bytes` bytes (the first piece starts with the header). */
function csvPiece(bytes: number, withHeader: boolean): Uint8Array {
  const row = 'someone@devries.example,Someone\n';
  const head = withHeader ? HEADER : '';
  return Buffer.from(head + row.repeat(Math.ceil((bytes - head.length) / row.length)));
}

interface Stored {
  readonly imports: number;
  readonly importsWithJob: number;
  readonly chunks: number;
  readonly jobs: number;
}

describe('an upload stored in short steps', () => {
  const database = useTestDatabase();

  async function stored(customerId: string): Promise<Stored> {
    const { rows } = await sql<Stored>`
      select
        (select count(*)::int from imports where customer_id = ${customerId}) as imports,
        (select count(*)::int from imports where customer_id = ${customerId} and job_id is not null)
          as "importsWithJob",
        (select count(*)::int from import_file_chunks c join imports i on i.id = c.import_id
          where i.customer_id = ${customerId}) as chunks,
        (select count(*)::int from jobs where queue_key = ${customerId}) as jobs`.execute(database().db);
    const [row] = rows;
    if (!row) throw new Error('no counts');
    return row;
  }

  it('lets another query run between two chunks, and queues the job only at the end', async () => {
    const customer = await createFixtureCustomer(database(), 'UPLOAD-STEPS-1');
    const seenWhileUploading: Stored[] = [];
    const listedWhileUploading: number[] = [];
    const listed = async () =>
      (await listImportViews(customer.context, customer.customerId, { limit: 10 })).items.length;
    async function* body(): AsyncGenerator<Uint8Array> {
      yield csvPiece(MIB, true);
      // The upload pulls the next piece only once it has stored the first MiB.
      seenWhileUploading.push(await stored(customer.customerId));
      listedWhileUploading.push(await listed());
      yield csvPiece(MIB, false);
      seenWhileUploading.push(await stored(customer.customerId));
      yield csvPiece(1000, false);
    }
    const created = await createImport(customer.context, {
      customerRef: customer.customerId,
      dryRun: true,
      body: body(),
    });

    expect(seenWhileUploading).toHaveLength(2);
    const [afterFirst, afterSecond] = seenWhileUploading;
    // Committed and visible to another query, but no job yet.
    expect(afterFirst?.chunks).toBeGreaterThan(0);
    expect(afterSecond?.chunks).toBeGreaterThan(afterFirst?.chunks ?? 0);
    expect(seenWhileUploading.map(({ importsWithJob, jobs }) => ({ importsWithJob, jobs }))).toEqual([
      { importsWithJob: 0, jobs: 0 },
      { importsWithJob: 0, jobs: 0 },
    ]);
    expect(created.status).toBe('queued');
    expect(created.fileBytes).toBeGreaterThan(2 * MIB);
    expect(await stored(customer.customerId)).toMatchObject({ imports: 1, importsWithJob: 1, jobs: 1 });
    // Listed once it is an import that runs, not while it is being stored as `queued`.
    expect(listedWhileUploading).toEqual([0]);
    expect(await listed()).toBe(1);
  });

  it('leaves no import, chunk or job when the body fails midway', async () => {
    const customer = await createFixtureCustomer(database(), 'UPLOAD-STEPS-2');
    const seen: Stored[] = [];
    async function* body(): AsyncGenerator<Uint8Array> {
      yield csvPiece(MIB, true);
      yield csvPiece(MIB, false);
      seen.push(await stored(customer.customerId));
      throw new Error('client went away');
    }
    await expect(
      createImport(customer.context, { customerRef: customer.customerId, dryRun: true, body: body() }),
    ).rejects.toThrow('client went away');
    // The failure came after chunks had been stored: they were there, and are gone now.
    expect(seen[0]?.chunks).toBeGreaterThan(0);
    expect(await stored(customer.customerId)).toEqual({ imports: 0, importsWithJob: 0, chunks: 0, jobs: 0 });
  });

  it('stops, and keeps nothing, when the import is cancelled while it is being uploaded', async () => {
    const customer = await createFixtureCustomer(database(), 'UPLOAD-STEPS-3');
    async function* body(): AsyncGenerator<Uint8Array> {
      yield csvPiece(MIB, true);
      const { id } = await withImportTables(database().db)
        .selectFrom('imports')
        .select('id')
        .where('customer_id', '=', customer.customerId)
        .executeTakeFirstOrThrow();
      await cancelImport(customer.context, customer.customerId, id);
      yield csvPiece(MIB, false);
    }
    const failure = await createImport(customer.context, {
      customerRef: customer.customerId,
      dryRun: true,
      body: body(),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'conflict' });
    expect(await stored(customer.customerId)).toEqual({ imports: 0, importsWithJob: 0, chunks: 0, jobs: 0 });
  });
});
