// /v1/customers/{customerId}/settings (SPEC §2): read and change a customer's settings (audited).
import { z } from 'zod';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import {
  getVersionedCustomerSettings,
  updateVersionedCustomerSettings,
} from '../../services/settings/customer-settings.ts';
import type { App } from '../app.ts';
import {
  answerConditionalGet,
  conditionalGetHeaders,
  conditionalGetResponses,
  conditionalWriteHeaders,
  conditionalWriteResponses,
  ETAG_HEADER,
  ifMatchVersions,
  withEtag,
} from '../edit-etag.ts';
import { customerParams } from '../schemas/common.ts';

const settingsOutput = z
  .object({
    defaultPackage: z.enum(PACKAGE_IDS).nullable(),
    autoAssignBasicLicences: z.boolean(),
    defaultPreferredWebexSite: z.string().nullable(),
    extensionLength: z.number().int(),
    defaultImportBehaviour: z.enum(['add-only', 'add-remove']),
  })
  .describe('CustomerSettings');

/**
 * The settings as GET and PATCH answer them, with the customer's version in `ETag` (ADR 0092): the
 * settings are part of the customer's record, so any change of the customer makes the ETag stale.
 */
const versionedSettingsOutput = settingsOutput.meta({ headers: ETAG_HEADER });

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
        headers: conditionalGetHeaders,
        response: conditionalGetResponses(versionedSettingsOutput),
      },
    },
    async (request, reply) => {
      const { settings, version } = await getVersionedCustomerSettings(
        request.serviceContext(),
        request.params.customerId,
      );
      return answerConditionalGet(request, reply, settings, version);
    },
  );

  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/v1/customers/:customerId/settings',
      schema: {
        tags: ['settings'],
        summary: "Change the customer's settings (only the fields given)",
        description:
          'Send the `ETag` of the settings as read as `If-Match`: a change of the customer or its settings by someone else since then is refused with 412 `precondition_failed` instead of being overwritten (ADR 0092).',
        params: customerParams,
        headers: conditionalWriteHeaders,
        body: settingsPatch,
        response: conditionalWriteResponses(versionedSettingsOutput),
        ...(method === 'PUT' ? { hide: true } : {}),
      },
      handler: async (request, reply) => {
        const { settings, version } = await updateVersionedCustomerSettings(
          request.serviceContext(),
          request.params.customerId,
          request.body,
          ifMatchVersions(request),
        );
        return withEtag(reply, settings, version);
      },
    });
  }
}
