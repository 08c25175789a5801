// SQL for partners. Only the operator lists them; a partner admin reads its own partner by id.
import { sql } from 'kysely';
import type { Executor } from '../../services/context.ts';
import type { CursorPosition } from '../../services/paging.ts';
import type { PartnerRow } from '../schema.ts';
import { isUuid } from './customers.ts';

export async function listPartners(
  executor: Executor,
  filter: { after: CursorPosition | null; limit: number },
): Promise<PartnerRow[]> {
  let query = executor.selectFrom('partners').selectAll();
  if (filter.after) {
    const { key, id } = filter.after;
    query = query.where(sql<boolean>`(lower(name), id) > (${key}, ${id}::uuid)`);
  }
  return query
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
}

export async function findPartnerById(
  executor: Executor,
  id: string,
  options: { forUpdate?: boolean; forNoKeyUpdate?: boolean } = {},
): Promise<PartnerRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = executor.selectFrom('partners').selectAll().where('id', '=', id);
  if (options.forNoKeyUpdate) return query.forNoKeyUpdate().executeTakeFirst();
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertPartner(
  executor: Executor,
  partner: { name: string; defaultLanguage: string },
): Promise<PartnerRow> {
  return executor
    .insertInto('partners')
    .values({ name: partner.name, default_language: partner.defaultLanguage })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePartner(
  executor: Executor,
  id: string,
  changes: { name?: string | undefined; defaultLanguage?: string | undefined },
): Promise<PartnerRow> {
  return executor
    .updateTable('partners')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.defaultLanguage !== undefined ? { default_language: changes.defaultLanguage } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
