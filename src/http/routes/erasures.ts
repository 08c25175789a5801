// /v1/erasures: the operator erases a person from the whole deployment (GDPR, SPEC §1, ADR 0024
// "Operator erasure", "Import results"): every partner's log, outbox and import results, the
// deployment-level rows and the free account. Operator only; every other role gets 404, as for the other operator-only routes.
import { z } from 'zod';
import { erasePersonEverywhere } from '../../services/privacy/erase-person-everywhere.ts';
import type { App } from '../app.ts';
import { errorResponses } from '../schemas/common.ts';

const deploymentErasureOutput = z
  .object({
    tombstone: z.string().describe('What replaced the personal data: erased:<hash of the email>'),
    erasedEvents: z.number().int().describe('Audit events rewritten, in every partner and the deployment'),
    erasedEmails: z.number().int().describe('Outgoing emails scrubbed (one still waiting is not sent)'),
    deletedFreeAccounts: z.number().int(),
    erasedImportRows: z
      .number()
      .int()
      .describe('Import row results rewritten (rows endpoint and error report keep their facts)'),
    deletedImportFiles: z
      .number()
      .int()
      .describe('Uploaded import files deleted because they named the person'),
    cancelledImports: z
      .number()
      .int()
      .describe('Of those, imports cancelled: queued, running, or a dry run not yet applied'),
    partners: z.number().int().describe('Partners whose log, outbox or imports held something of the person'),
    stillHeldBy: z
      .object({ users: z.number().int(), admins: z.number().int() })
      .describe('Live users and admins that still have the address: their partner removes them'),
  })
  .describe('DeploymentErasure');

export async function erasureRoutes(app: App): Promise<void> {
  app.post(
    '/v1/erasures',
    {
      schema: {
        tags: ['partners'],
        summary: 'Erase a person from the whole deployment (GDPR; operator)',
        body: z.object({ email: z.string().min(3).max(254) }),
        response: { 200: deploymentErasureOutput, ...errorResponses },
      },
    },
    async (request) => erasePersonEverywhere(request.serviceContext(), request.body.email),
  );
}
