// GDPR erasure (SPEC §1) also reaches the records that keep an admin's email as who made them:
// a directory-sync token's `created_by` and an import's uploader. Other partners' records stay.
import { describe, expect, it } from 'vitest';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import { scimDb } from '../../src/db/repositories/scim-tables.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { useTestApp } from '../helpers/app.ts';
import { importUploader, scimTokenCreatedBy } from '../helpers/creator-labels.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const PERSON = 'Uploader.Person@partner.example';

describe('GDPR erasure of creator labels', () => {
  const harness = useTestApp();

  it("replaces the person's email on the partner's directory-sync tokens and imports, and only there", async () => {
    const { app, auth, tokens, database, partnerId, defaultPartnerId } = harness();
    const own = await createTestCustomer(database.db, partnerId);
    const foreign = await createTestCustomer(database.db, defaultPartnerId);
    const scim = scimDb(database.db);
    const token = (customerId: string, name: string) =>
      scim
        .insertInto('scim_tokens')
        .values({
          customer_id: customerId,
          name,
          token_hash: `hash-${name}`,
          prefix: name,
          created_by: PERSON,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const upload = (partner: string, customerId: string) =>
      withImportTables(database.db)
        .insertInto('imports')
        .values({
          partner_id: partner,
          customer_id: customerId,
          behaviour: 'add-only',
          actor: JSON.stringify({
            type: 'admin',
            id: null,
            label: PERSON.toLowerCase(),
            role: 'partner_full_admin',
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const ownToken = await token(own.id, 'own-sync');
    const foreignToken = await token(foreign.id, 'foreign-sync');
    const ownImport = await upload(partnerId, own.id);
    const foreignImport = await upload(defaultPartnerId, foreign.id);

    const erased = await app.inject({
      method: 'POST',
      url: `/v1/partners/${partnerId}/erasures`,
      headers: auth(tokens.partnerFull),
      payload: { email: PERSON },
    });
    expect(erased.statusCode, erased.body).toBe(200);

    const tombstone = tombstoneOf(PERSON);
    expect(await scimTokenCreatedBy(database.db, ownToken.id)).toBe(tombstone);
    expect(await importUploader(database.db, ownImport.id)).toMatchObject({
      label: tombstone,
      role: 'partner_full_admin',
    });
    expect(await scimTokenCreatedBy(database.db, foreignToken.id)).toBe(PERSON);
    expect((await importUploader(database.db, foreignImport.id)).label).toBe(PERSON.toLowerCase());
  });
});
