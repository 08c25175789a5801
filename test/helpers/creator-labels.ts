// Reads the two records outside the audit log that name an admin as their maker: a directory-sync
// token's `created_by` and an import's uploader label (what GDPR erasure must reach).
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { withImportTables } from '../../src/db/repositories/import-schema.ts';
import { scimDb } from '../../src/db/repositories/scim-tables.ts';

export async function scimTokenCreatedBy(db: Kysely<DB>, tokenId: string): Promise<string | null> {
  const row = await scimDb(db)
    .selectFrom('scim_tokens')
    .select('created_by')
    .where('id', '=', tokenId)
    .executeTakeFirstOrThrow();
  return row.created_by;
}

export async function importUploader(
  db: Kysely<DB>,
  importId: string,
): Promise<{ label: string; role: string }> {
  const row = await withImportTables(db)
    .selectFrom('imports')
    .select('actor')
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  return row.actor as unknown as { label: string; role: string };
}
