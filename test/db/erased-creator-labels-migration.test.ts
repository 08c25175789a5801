// Migration 0016: people erased before the erasure reached directory-sync tokens and imports lose
// their email there too, found by the tombstone their erasure left; other people and other
// partners' records keep theirs.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import { scimDb } from '../../src/db/repositories/scim-tables.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { importUploader, scimTokenCreatedBy } from '../helpers/creator-labels.ts';
import { createTestDatabase } from '../helpers/database.ts';

const MIGRATION = fileURLToPath(
  new URL('../../src/db/migrations/0016_erased_creator_labels.sql', import.meta.url),
);
const ERASED = 'Gone.Person@partner.example';
const KEPT = 'still.here@partner.example';

describe('migration 0016: creator labels of people erased before it', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('replaces the erased email with its tombstone in the erasing partner only', async () => {
    const { db } = database;
    const partner = async (name: string) =>
      (await db.insertInto('partners').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
    const customer = async (partnerId: string, externalId: string) =>
      (
        await db
          .insertInto('customers')
          .values({
            partner_id: partnerId,
            name: 'C',
            external_id: externalId,
            admin_email: `${externalId}@c.example`,
            country: 'NL',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const erasing = await partner('Erasing partner');
    const other = await partner('Other partner');
    const own = await customer(erasing, 'own');
    const foreign = await customer(other, 'foreign');
    await db
      .insertInto('audit_events')
      .values({
        partner_id: erasing,
        actor_type: 'admin',
        actor_label: 'operator@example.com',
        action: 'person.erase',
        target_type: 'person',
        target_id: tombstoneOf(ERASED),
      })
      .execute();
    const scim = scimDb(db);
    const token = async (customerId: string, name: string, createdBy: string) =>
      (
        await scim
          .insertInto('scim_tokens')
          .values({
            customer_id: customerId,
            name,
            token_hash: `h-${name}`,
            prefix: name,
            created_by: createdBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const upload = async (partnerId: string, customerId: string, label: string) =>
      (
        await withImportTables(db)
          .insertInto('imports')
          .values({
            partner_id: partnerId,
            customer_id: customerId,
            behaviour: 'add-only',
            actor: JSON.stringify({ type: 'admin', id: null, label, role: 'partner_full_admin' }),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const erasedToken = await token(own, 'erased', ERASED);
    const keptToken = await token(own, 'kept', KEPT);
    const foreignToken = await token(foreign, 'foreign', ERASED);
    const erasedImport = await upload(erasing, own, ERASED.toLowerCase());
    const foreignImport = await upload(other, foreign, ERASED.toLowerCase());

    const script = await readFile(MIGRATION, 'utf8');
    await database.withScriptConnection((run) => run(script));

    expect(await scimTokenCreatedBy(db, erasedToken)).toBe(tombstoneOf(ERASED));
    expect(await scimTokenCreatedBy(db, keptToken)).toBe(KEPT);
    expect(await scimTokenCreatedBy(db, foreignToken)).toBe(ERASED);
    expect((await importUploader(db, erasedImport)).label).toBe(tombstoneOf(ERASED));
    expect((await importUploader(db, foreignImport)).label).toBe(ERASED.toLowerCase());
  });
});
