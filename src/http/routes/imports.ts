// /v1/customers/{customerId}/imports (SPEC §6): upload (multipart or a text/csv body), status,
// list, per-row results, error report, cancel, apply a dry run.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { isAppError, validationFailed } from '../../domain/errors.ts';
import { createImport, fileTooLarge } from '../../services/imports/create-import.ts';
import {
  applyDryRun,
  cancelImport,
  errorReportCsv,
  getImport,
  listImportRowViews,
  listImportViews,
} from '../../services/imports/import-queries.ts';
import type { App } from '../app.ts';
import { attachmentDisposition } from '../attachment-disposition.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { refuseUnstorable } from '../plugins/input-hygiene.ts';
import { closeUnreadUpload, refuseDeclaredTooLarge } from '../upload-size-guard.ts';
import { zodIssueDetails } from '../validation-message.ts';
import { csvDownload, customerParams, errorResponse, errorResponses } from '../schemas/common.ts';
import { IMPORT_UPLOAD_MEDIA_TYPES, refuseUnconsumedMediaType } from '../schemas/upload-body.ts';

const countsOutput = z.object({
  add: z.number(),
  modify: z.number(),
  remove: z.number(),
  unchanged: z.number(),
  error: z.number(),
  warning: z.number(),
});

export const importOutput = z
  .object({
    id: z.string(),
    customerId: z.string(),
    status: z.enum([
      'queued',
      'validating',
      'validated',
      'applying',
      'completed',
      'completed_with_errors',
      'failed',
      'cancelled',
    ]),
    behaviour: z.enum(['add-only', 'add-remove']),
    dryRun: z.boolean(),
    fileName: z.string().nullable(),
    fileBytes: z.number(),
    progress: z.object({ rowsDone: z.number(), rowsTotal: z.number().nullable() }),
    counts: countsOutput,
    fileWarnings: z.array(z.string()),
    fileError: z.string().nullable(),
    failure: z.string().nullable(),
    createdAt: z.string(),
    validatedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .describe('Import');

const rowOutput = z
  .object({
    row: z.number().describe('Row as a spreadsheet numbers it (header = 1)'),
    line: z.number().describe('Physical line where the record starts'),
    email: z.string(),
    action: z.enum(['add', 'modify', 'remove', 'unchanged', 'error']),
    status: z.enum(['ok', 'warning', 'error']),
    messages: z.array(z.string()),
    issues: z.array(
      z.object({
        severity: z.enum(['error', 'warning']),
        code: z.string(),
        column: z
          .string()
          .optional()
          .describe(
            "The CSV column the issue is about, by the column's key: `firstName`, `email`, `extension`, `phoneNumber`, `location`, a package's column by its package id (`webex_calling_standard`), the add-on's `attendant_console`. The same keys as the row's `changes[].field` (except that a package change is the one field `package`, with package ids as values), the audit log and the web's column labels; not the user API's property names (which say `package` and `attendantConsole`). Absent when the issue is about the row as a whole.",
          ),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    ),
    changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).nullable(),
  })
  .describe('ImportRow');

const importParams = customerParams.extend({ importId: z.string().min(1) });

const booleanQuery = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

const uploadQuery = z.object({
  behaviour: z.enum(['add-only', 'add-remove']).optional(),
  dryRun: booleanQuery.optional(),
});

/**
 * A multipart file as it arrives, refused with 413 when it was over the size limit: busboy then
 * cuts it at the limit and ends the stream as if the file were that short (only `truncated`
 * tells), so without this check the first part of the file would be imported.
 */
async function* refuseTruncated(
  file: AsyncIterable<Uint8Array> & { readonly truncated: boolean },
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of file) yield chunk;
  if (file.truncated) throw fileTooLarge(maxBytes);
}

/** The raw body stream the parsers above pass on. */
function isReadable(body: unknown): body is Readable {
  return body instanceof Readable;
}

export async function importRoutes(app: App): Promise<void> {
  // A raw CSV body is streamed to the service, which enforces the size limit itself (413).
  for (const type of IMPORT_UPLOAD_MEDIA_TYPES.filter((media) => media !== 'multipart/form-data')) {
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }

  app.post(
    '/v1/customers/:customerId/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a user CSV (multipart field `file`, or a text/csv body)',
        description: [
          'Send the file as the multipart field `file` (form fields `behaviour` and `dryRun` sent before it override the query parameters), or as the body itself (`text/csv`, `application/csv`, `application/octet-stream`). Any other media type, JSON included, is refused with 415 `unsupported_media_type`.',
          'Answers 202 with the import (`queued`) and its path in `Location`. The import runs in the background, behind earlier imports of the customer: poll `GET …/imports/{importId}` until `status` is `validated` (a dry run: apply it with `POST …/imports/{importId}/apply`, which answers 202 again), `completed`, `completed_with_errors`, `failed` or `cancelled`. Per-row results: `GET …/imports/{importId}/rows`; the failed rows as CSV: `GET …/imports/{importId}/error-report.csv`.',
        ].join('\n\n'),
        // The media types the route reads: its guard (preParsing) and the document's request body.
        consumes: [...IMPORT_UPLOAD_MEDIA_TYPES],
        params: customerParams,
        querystring: uploadQuery,
        response: { 202: importOutput, 413: errorResponse, ...errorResponses },
      },
      // Another media type is refused (415), then a Content-Length over the limit (413), before
      // the body is read.
      preParsing: [refuseUnconsumedMediaType, refuseDeclaredTooLarge(app.config.importMaxBytes)],
    },
    async (request, reply) => {
      let body: AsyncIterable<Uint8Array>;
      let fileName: string | null = null;
      let behaviour = request.query.behaviour;
      let dryRun = request.query.dryRun ?? false;
      if (request.isMultipart()) {
        const file = await request.file();
        if (!file)
          throw validationFailed([
            {
              code: 'file_required',
              field: 'file',
              description: 'Send the CSV as the multipart field `file`.',
              descriptionNl: 'Stuur de CSV als multipartveld `file`.',
            },
          ]);
        // The multipart file's name is stored: the hygiene hooks never see a part the route reads.
        refuseUnstorable('body', { file: { filename: file.filename } });
        fileName = file.filename;
        // Form fields sent before the file may carry the options too.
        const field = (name: string): string | undefined => {
          const value = file.fields[name];
          return value && !Array.isArray(value) && value.type === 'field' ? String(value.value) : undefined;
        };
        // Checked as the query string is: a misspelt option must not run another kind of import
        // (a `dryRun=yes` read as false would apply the file).
        // The same details as the query string's: the form field's name, our sentence in en and nl.
        const form = uploadQuery.safeParse({ behaviour: field('behaviour'), dryRun: field('dryRun') });
        if (!form.success) throw validationFailed(zodIssueDetails(form.error.issues, 'body'));
        if (form.data.behaviour !== undefined) behaviour = form.data.behaviour;
        if (form.data.dryRun !== undefined) dryRun = form.data.dryRun;
        body = refuseTruncated(file.file, app.config.importMaxBytes);
      } else if (isReadable(request.body)) {
        body = request.body;
      } else {
        // No body at all (a request with a body and another media type never gets here).
        throw validationFailed([
          {
            code: 'file_required',
            field: 'file',
            description: 'Send the CSV as the multipart field `file` or as a text/csv body.',
            descriptionNl: 'Stuur de CSV als multipartveld `file` of als text/csv-inhoud.',
          },
        ]);
      }
      const created = await createImport(request.serviceContext(), {
        customerRef: request.params.customerId,
        behaviour,
        dryRun,
        fileName,
        body,
        maxBytes: app.config.importMaxBytes,
      }).catch((error: unknown) => {
        // Cut off at the limit: the rest of the body is never read.
        if (isAppError(error) && error.code === 'payload_too_large') closeUnreadUpload(reply);
        throw error;
      });
      return reply
        .status(202)
        .header('location', `/v1/customers/${created.customerId}/imports/${created.id}`)
        .send(created);
    },
  );

  app.get(
    '/v1/customers/:customerId/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'List imports (newest first)',
        params: customerParams,
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(importOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listImportViews(request.serviceContext(), request.params.customerId, {
        cursor: request.query.cursor,
        limit: request.query.max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.get(
    '/v1/customers/:customerId/imports/:importId',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import status, progress and counts',
        params: importParams,
        response: { 200: importOutput, ...errorResponses },
      },
    },
    async (request) =>
      getImport(request.serviceContext(), request.params.customerId, request.params.importId),
  );

  app.get(
    '/v1/customers/:customerId/imports/:importId/rows',
    {
      schema: {
        tags: ['imports'],
        summary: 'Per-row results',
        params: importParams,
        querystring: z.object({
          status: z.enum(['ok', 'warning', 'error']).optional(),
          after: z.coerce.number().int().min(0).optional().describe('Rows after this row number'),
          max: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ items: z.array(rowOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { status, after, max } = request.query;
      const { items, more } = await listImportRowViews(
        request.serviceContext(),
        request.params.customerId,
        request.params.importId,
        {
          status,
          afterRow: after,
          limit: max,
        },
      );
      const last = items[items.length - 1];
      if (last && more) {
        const next = new URLSearchParams({
          ...(status ? { status } : {}),
          after: String(last.row),
          max: String(max),
        });
        reply.header('link', `<${request.url.split('?')[0]}?${next.toString()}>; rel="next"`);
      }
      return { items };
    },
  );

  app.get(
    '/v1/customers/:customerId/imports/:importId/error-report.csv',
    {
      schema: {
        tags: ['imports'],
        summary: 'Failed rows as uploaded, plus Error and Line columns',
        params: importParams,
        response: {
          200: csvDownload('The failed rows as uploaded (same separator), plus Error and Line columns'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const body = await errorReportCsv(
        request.serviceContext(),
        request.params.customerId,
        request.params.importId,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(`import-${request.params.importId}-errors.csv`))
        .send(body);
    },
  );

  app.post(
    '/v1/customers/:customerId/imports/:importId/cancel',
    {
      schema: {
        tags: ['imports'],
        summary: 'Cancel an import',
        description: [
          'Stops the import: its `status` becomes `cancelled` (with `finishedAt` set) and a job still waiting in the queue is dropped; the answer is the cancelled import.',
          'Only an import that is `queued`, `validating`, `validated` (a dry run not yet applied) or `applying` can be cancelled; an import that already finished answers 409 naming its status.',
          'Cancelling does not undo rows already applied. An import applies its rows in batches, each committed on its own: the batches committed before the cancel stay applied (their users and audit entries remain, and their row results stay readable under `…/rows`), the batch in progress when the cancel lands is rolled back, and the rows after it are not applied. `progress` and `counts` keep the values of the last committed batch.',
          'Cancelling a dry run (`validating` or `validated`) changes no user.',
        ].join('\n\n'),
        params: importParams,
        response: { 200: importOutput, ...errorResponses },
      },
    },
    async (request) =>
      cancelImport(request.serviceContext(), request.params.customerId, request.params.importId),
  );

  app.post(
    '/v1/customers/:customerId/imports/:importId/apply',
    {
      schema: {
        tags: ['imports'],
        summary: 'Apply a finished dry run (re-validated, queued behind earlier jobs)',
        params: importParams,
        response: { 202: importOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const applied = await applyDryRun(
        request.serviceContext(),
        request.params.customerId,
        request.params.importId,
      );
      return reply
        .status(202)
        .header('location', `/v1/customers/${applied.customerId}/imports/${applied.id}`)
        .send(applied);
    },
  );
}
