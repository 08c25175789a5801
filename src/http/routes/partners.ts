// /v1/partners: the operator manages partners; a partner's own admins read it and its full admins
// edit its settings. Everyone else gets 404 (SPEC §1, §7). Also the GDPR erasure of a person.
import { z } from 'zod';
import { eraseAuditPersonalData } from '../../services/partners/erase-person.ts';
import {
  createPartner,
  getPartnerView,
  listPartnerViews,
  updatePartnerSettings,
} from '../../services/partners/partner-service.ts';
import type { App } from '../app.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { errorResponses } from '../schemas/common.ts';

const language = z
  .string()
  .regex(/^[a-z]{2}([_-][A-Za-z]{2})?$/, 'a language such as en, nl or nl_NL')
  .describe('Default language of the partner, e.g. en, nl, nl_NL');

const partnerOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    defaultLanguage: z.string(),
    isDefault: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('Partner');

const partnerParams = z.object({ partnerId: z.string().min(1) });

export async function partnerRoutes(app: App): Promise<void> {
  app.get(
    '/v1/partners',
    {
      schema: {
        tags: ['partners'],
        summary: 'List partners (operator)',
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(partnerOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await listPartnerViews(request.serviceContext(), {
        cursor: request.query.cursor,
        limit: request.query.max,
      });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/partners',
    {
      schema: {
        tags: ['partners'],
        summary: 'Create a partner (operator)',
        body: z.object({ name: z.string().trim().min(1).max(200), defaultLanguage: language.optional() }),
        response: { 201: partnerOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const partner = await createPartner(request.serviceContext(), request.body);
      return reply.status(201).header('location', `/v1/partners/${partner.id}`).send(partner);
    },
  );

  app.get(
    '/v1/partners/:partnerId',
    {
      schema: {
        tags: ['partners'],
        summary: 'Get a partner (operator, or its own admins)',
        params: partnerParams,
        response: { 200: partnerOutput, ...errorResponses },
      },
    },
    async (request) => getPartnerView(request.serviceContext(), request.params.partnerId),
  );

  app.patch(
    '/v1/partners/:partnerId',
    {
      schema: {
        tags: ['partners'],
        summary: "Change a partner's name or default language (operator, or its full admins)",
        params: partnerParams,
        body: z.object({
          name: z.string().trim().min(1).max(200).optional(),
          defaultLanguage: language.optional(),
        }),
        response: { 200: partnerOutput, ...errorResponses },
      },
    },
    async (request) =>
      updatePartnerSettings(request.serviceContext(), request.params.partnerId, request.body),
  );

  app.post(
    '/v1/partners/:partnerId/erasures',
    {
      schema: {
        tags: ['partners'],
        summary: "Erase a person's personal data from the partner's audit log (GDPR)",
        params: partnerParams,
        body: z.object({ email: z.string().min(3).max(254) }),
        response: {
          200: z.object({
            tombstone: z.string(),
            erasedEvents: z.number(),
            erasedEmails: z.number(),
            erasedImportRows: z.number().describe('Import row results rewritten'),
            deletedImportFiles: z.number().describe('Uploaded import files deleted (they named the person)'),
            cancelledImports: z.number().describe('Of those, imports cancelled before they finished'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      eraseAuditPersonalData(request.serviceContext(), request.params.partnerId, request.body.email),
  );
}
