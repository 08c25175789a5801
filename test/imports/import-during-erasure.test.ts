// A GDPR erasure of the uploader while their import runs (SPEC §1): the batches committed before
// it are scrubbed with the rest of the log, and the batches after it write the tombstone, not the
// erased email, because each batch takes its uploader from the import as stored now.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { createImport } from '../../src/services/imports/create-import.ts';
import { getImport } from '../../src/services/imports/import-queries.ts';
import { runImport } from '../../src/services/imports/run-import.ts';
import { eraseAuditPersonalData } from '../../src/services/partners/erase-person.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { bytesBody, createFixtureCustomer } from './import-setup.ts';

const UPLOADER = 'uploader@erased.example';
const HEADER =
  'First Name,Last Name,User ID/Email (Required),Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings';
const FILE = new TextEncoder().encode(
  [
    HEADER,
    ...[1, 2, 3, 4, 5].map((n) => `User,${n},user${n}@erased.example,FALSE,FALSE,site.webex.com,TRUE`),
  ].join('\n'),
);

describe('an import whose uploader is erased while it runs', () => {
  const database = useTestDatabase();

  it('writes no audit row with the erased email after the erasure', async () => {
    const customer = await createFixtureCustomer(database(), 'ERASED-UPLOADER');
    const admin = await database()
      .db.insertInto('admin_accounts')
      .values({
        partner_id: customer.partnerId,
        email: UPLOADER,
        role: 'partner_full_admin',
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const uploader: ServiceContext = {
      ...customer.context,
      actor: {
        type: 'admin',
        id: admin.id,
        label: UPLOADER,
        role: 'partner_full_admin',
        partnerId: customer.partnerId,
        customerId: null,
      },
    };
    const created = await createImport(uploader, {
      customerRef: customer.customerId,
      behaviour: 'add-only',
      dryRun: false,
      fileName: 'erased.csv',
      body: bytesBody(FILE),
    });
    let erased = false;
    await runImport(database().db, created.id, {
      batchSize: 2,
      afterBatchCommitted: async () => {
        if (erased) return;
        erased = true;
        await eraseAuditPersonalData(customer.context, customer.partnerId, UPLOADER);
      },
    });

    expect((await getImport(customer.context, customer.customerId, created.id)).status).toBe('completed');
    const labels = await sql<{ actor_label: string }>`
      select actor_label from audit_events where job_id = ${created.id} order by id`.execute(database().db);
    expect(labels.rows).toHaveLength(5);
    expect(labels.rows.map((row) => row.actor_label)).toEqual(Array(5).fill(tombstoneOf(UPLOADER)));
  });
});
