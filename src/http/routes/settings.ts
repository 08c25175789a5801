// /v1/customers/{customerId}/settings (SPEC §2): read and change a customer's settings (audited).
import { z } from 'zod';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import { getCustomerSettings, updateCustomerSettings } from '../../services/settings/customer-settings.ts';
import type { App } from '../app.ts';
import { customerParams, errorResponses } from '../schemas/common.ts';

const settingsOutput = z
  .object({
    defaultPackage: z.enum(PACKAGE_IDS).nullable(),
    autoAssignBasicLicences: z.boolean(),
    defaultPreferredWebexSite: z.string().nullable(),
    extensionLength: z.number().int(),
    defaultImportBehaviour: z.enum(['add-only', 'add-remove']),
  })
  .describe('CustomerSettings');

const settingsPatch = z.strictObject({
  defaultPackage: z
    .enum(PACKAGE_IDS)
    .nullable()
    .optional()
    .describe('Package template for new users; null: none'),
  autoAssignBasicLicences: z.boolean().optional(),
  defaultPreferredWebexSite: z.string().max(200).nullable().optional(),
  extensionLength: z.number().int().min(2).max(10).optional(),
  defaultImportBehaviour: z.enum(['add-only', 'add-remove']).optional(),
});

export async function settingsRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers/:customerId/settings',
    {
      schema: {
        tags: ['settings'],
        summary: "Get the customer's settings",
        params: customerParams,
        response: { 200: settingsOutput, ...errorResponses },
      },
    },
    async (request) => getCustomerSettings(request.serviceContext(), request.params.customerId),
  );

  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/v1/customers/:customerId/settings',
      schema: {
        tags: ['settings'],
        summary: "Change the customer's settings (only the fields given)",
        params: customerParams,
        body: settingsPatch,
        response: { 200: settingsOutput, ...errorResponses },
        ...(method === 'PUT' ? { hide: true } : {}),
      },
      handler: async (request) =>
        updateCustomerSettings(request.serviceContext(), request.params.customerId, request.body),
    });
  }
}
