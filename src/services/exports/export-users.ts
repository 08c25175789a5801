// Export (SPEC §6): every user of a customer, streamed in the export column order, read in pages so
// memory stays flat; and the template (headers plus one example row).
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { EXPORT_HEADERS, templateExampleRow, userToExportRow } from '../../domain/csv/export-row.ts';
import { streamCustomerUsers } from '../../db/repositories/import-users.ts';
import { toUserState } from '../../db/repositories/users.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';

export interface CsvDownload {
  readonly fileName: string;
  readonly body: Readable;
}

export async function exportUsersCsv(context: ServiceContext, customerRef: string): Promise<CsvDownload> {
  const customer = await requireCustomer(context, customerRef);
  const locations = new Map(
    (
      await context.db
        .selectFrom('locations')
        .select(['id', 'name'])
        .where('customer_id', '=', customer.id)
        .execute()
    ).map((row) => [row.id, row.name] as const),
  );
  async function* rows(): AsyncGenerator<string[]> {
    yield [...EXPORT_HEADERS];
    for await (const page of streamCustomerUsers(context.db, customer.id)) {
      for (const row of page) {
        yield userToExportRow(toUserState(row), {
          locationName: row.location_id ? (locations.get(row.location_id) ?? null) : null,
          userStatus: row.suspended ? 'Suspended' : 'Active',
        });
      }
    }
  }
  // A BOM so Excel opens the UTF-8 file with the right characters.
  const body = Readable.from(rows()).pipe(stringify({ bom: true }));
  return { fileName: `users-${customer.external_id}.csv`, body };
}

export async function templateCsv(context: ServiceContext, customerRef: string): Promise<CsvDownload> {
  await requireCustomer(context, customerRef);
  const body = Readable.from([[...EXPORT_HEADERS], templateExampleRow()]).pipe(stringify({ bom: true }));
  return { fileName: 'users-template.csv', body };
}
