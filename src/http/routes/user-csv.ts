// /v1/customers/{customerId}/users/export.csv and …/template.csv (SPEC §6): streamed downloads.
import { exportUsersCsv, templateCsv } from '../../services/exports/export-users.ts';
import type { App } from '../app.ts';
import { attachmentDisposition } from '../attachment-disposition.ts';
import { csvDownload, customerParams, errorResponses } from '../schemas/common.ts';

export async function userCsvRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers/:customerId/users/export.csv',
    {
      schema: {
        tags: ['users'],
        summary: 'Export all users as CSV (SPEC §6 column order)',
        params: customerParams,
        response: {
          200: csvDownload('Every user of the customer, one row each, in the import columns'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const download = await exportUsersCsv(request.serviceContext(), request.params.customerId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(download.fileName))
        .send(download.body);
    },
  );

  app.get(
    '/v1/customers/:customerId/users/template.csv',
    {
      schema: {
        tags: ['users'],
        summary: 'CSV template: the headers and one example row',
        params: customerParams,
        response: { 200: csvDownload('The import columns and one example row'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const download = await templateCsv(request.serviceContext(), request.params.customerId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(download.fileName))
        .send(download.body);
    },
  );
}
