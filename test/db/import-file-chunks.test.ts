// A stored import file reads back byte for byte (it travels as base64, ADR 0017): every byte
// value, chunks of any length, in order, on PGlite and on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertFileChunk, readFileChunks } from '../../src/db/repositories/import-jobs.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { bytesBody, createFixtureCustomer } from '../imports/import-setup.ts';

const database = useTestDatabase();

describe('stored import files', () => {
  it('read back exactly as stored, chunk by chunk', async () => {
    const customer = await createFixtureCustomer(database());
    const header = new TextEncoder().encode('User ID/Email (Required)\na@x.nl\n');
    const created = await createImport(customer.context, {
      customerRef: customer.customerId,
      dryRun: true,
      body: bytesBody(header),
    });
    const everyByte = Uint8Array.from({ length: 256 * 3 }, (_, index) => index % 256);
    const stored = [
      header,
      everyByte,
      randomBytes(1024 * 1024 + 1),
      Uint8Array.of(0),
      Uint8Array.of(0xff, 0xfe),
    ];
    for (const [seq, chunk] of stored.entries()) {
      if (seq > 0) await insertFileChunk(database().db, created.id, seq, chunk);
    }
    const read: Uint8Array[] = [];
    for await (const chunk of readFileChunks(database().db, created.id)) read.push(chunk);
    expect(read.map((chunk) => Buffer.from(chunk).toString('hex'))).toEqual(
      stored.map((chunk) => Buffer.from(chunk).toString('hex')),
    );
  });
});
