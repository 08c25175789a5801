// Sub-partners and billing reports exist in the public API but not (yet) here: they answer 501
// in the public error shape, so a client learns it at once instead of getting a 404.
import { z } from 'zod';
import { AppError } from '../../../domain/errors.ts';
import type { App } from '../../app.ts';
import { TAG } from './common.ts';
import { publicErrorResponseSchema } from './schemas.ts';

function notImplemented(): AppError {
  return new AppError(
    'not_implemented',
    {
      en: 'This operation is not available in Wholesale Hub.',
      nl: 'Deze bewerking is niet beschikbaar in Wholesale Hub.',
    },
    [{ code: 'not_implemented', description: 'This operation is not available in Wholesale Hub.' }],
  );
}

const ROUTES = [
  ['GET', '/v1/wholesale/subPartners', 'List Sub-partners'],
  ['GET', '/v1/wholesale/billing/reports', 'List Wholesale Billing Reports'],
  ['POST', '/v1/wholesale/billing/reports', 'Create a Wholesale Billing Report'],
  ['GET', '/v1/wholesale/billing/reports/:id', 'Get a Wholesale Billing Report'],
  ['DELETE', '/v1/wholesale/billing/reports/:id', 'Delete a Wholesale Billing Report'],
] as const;

export async function wholesaleNotImplementedRoutes(app: App): Promise<void> {
  for (const [method, url, summary] of ROUTES) {
    app.route({
      method,
      url,
      schema: {
        tags: [TAG],
        summary: `${summary} (not available: 501)`,
        ...(url.endsWith(':id') ? { params: z.object({ id: z.string() }) } : {}),
        response: { 501: publicErrorResponseSchema },
      },
      handler: async (request) => {
        request.serviceContext();
        throw notImplemented();
      },
    });
  }
}
