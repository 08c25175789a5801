// /v1/customers: the partner's customer organizations (SPEC §2, §7).
import { z } from 'zod';
import { SELLABLE_IDS } from '../../domain/packages/catalog.ts';
import {
  createCustomer,
  deleteCustomer,
  getCustomerView,
  getVersionedCustomerView,
  listCustomerViews,
  updateVersionedCustomerDetails,
} from '../../services/customers/customer-service.ts';
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
import { partnerAdminsOnly } from './partner-level-guards.ts';
import { pageQuery, setNextLink } from '../paging.ts';
import { addressInput, addressOutput, customerParams, errorResponses } from '../schemas/common.ts';
import { locationInput } from './locations.ts';

const customerStatus = z.enum([
  'provisioning',
  'provisioned',
  'provisioned_with_errors',
  'error',
  'updating',
  'deleting',
]);

export const customerOutput = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    name: z.string(),
    externalId: z.string(),
    adminEmail: z.string(),
    country: z.string(),
    address: addressOutput,
    language: z.string(),
    status: customerStatus,
    errors: z.array(z.object({ code: z.string(), description: z.string() })),
    packages: z.array(
      z.object({
        id: z.string(),
        limit: z.number().nullable(),
        used: z
          .number()
          .int()
          .describe(
            'Users of this customer holding it (the add-on: holding the add-on), as the limit counts them',
          ),
      }),
    ),
    settings: z.object({
      defaultPackage: z.string().nullable(),
      autoAssignBasicLicences: z.boolean(),
      defaultPreferredWebexSite: z.string().nullable(),
      extensionLength: z.number(),
      defaultImportBehaviour: z.enum(['add-only', 'add-remove']),
    }),
    directorySyncEnabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('Customer');

const soldPackage = z.strictObject({
  id: z.enum(SELLABLE_IDS),
  limit: z.number().int().min(0).nullish().describe('Most users that may hold it; absent: no limit'),
});

const createBody = z.strictObject({
  name: z.string().min(1).max(200),
  externalId: z.string().min(1).max(200),
  adminEmail: z.string().min(3).max(254),
  country: z.string().length(2).describe('ISO 3166 alpha-2'),
  address: addressInput.optional(),
  language: z
    .string()
    .max(10)
    .optional()
    .describe('ISO 639-1, optionally _ and an ISO 3166-1 region: nl, nl_NL, en_US'),
  packages: z.array(soldPackage).optional(),
  firstLocation: locationInput.optional(),
});

const updateBody = createBody.omit({ firstLocation: true }).partial();

/** The customer as GET and PATCH answer it, with its version in `ETag` (ADR 0092). */
const versionedCustomerOutput = customerOutput.meta({ headers: ETAG_HEADER });

export async function customerRoutes(app: App): Promise<void> {
  app.get(
    '/v1/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'List customers',
        querystring: z.object({
          search: z.string().max(200).optional().describe('Part of the name or externalId'),
          status: customerStatus.optional(),
          externalId: z.string().optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(customerOutput) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { max, ...filter } = request.query;
      const page = await listCustomerViews(request.serviceContext(), { ...filter, limit: max });
      setNextLink(request, reply, page.nextCursor);
      return { items: [...page.items] };
    },
  );

  app.post(
    '/v1/customers',
    {
      preValidation: partnerAdminsOnly,
      schema: {
        tags: ['customers'],
        summary: 'Create a customer (provisioned in the background)',
        body: createBody,
        response: { 202: customerOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const customer = await createCustomer(request.serviceContext(), request.body);
      return reply.status(202).header('location', `/v1/customers/${customer.id}`).send(customer);
    },
  );

  app.get(
    '/v1/customers/:customerId',
    {
      schema: {
        tags: ['customers'],
        summary: 'Get a customer',
        params: customerParams,
        headers: conditionalGetHeaders,
        response: conditionalGetResponses(versionedCustomerOutput),
      },
    },
    async (request, reply) => {
      const { view, version } = await getVersionedCustomerView(
        request.serviceContext(),
        request.params.customerId,
      );
      return answerConditionalGet(request, reply, view, version);
    },
  );

  app.patch(
    '/v1/customers/:customerId',
    {
      schema: {
        tags: ['customers'],
        summary: 'Update a customer (202 while a change of sold packages is applied)',
        description:
          'Send the `ETag` of the customer as read as `If-Match`: a change by someone else since then is refused with 412 `precondition_failed` instead of being overwritten (ADR 0092).',
        params: customerParams,
        headers: conditionalWriteHeaders,
        body: updateBody,
        response: { ...conditionalWriteResponses(versionedCustomerOutput), 202: versionedCustomerOutput },
      },
    },
    async (request, reply) => {
      const context = request.serviceContext();
      const { id } = await getCustomerView(context, request.params.customerId);
      const { view, version } = await updateVersionedCustomerDetails(
        context,
        id,
        request.body,
        ifMatchVersions(request),
      );
      const customer = withEtag(reply, view, version);
      // A change of the sold packages continues in the background (status `updating`).
      if (customer.status === 'updating') {
        return reply.status(202).header('location', `/v1/customers/${customer.id}`).send(customer);
      }
      return customer;
    },
  );

  app.delete(
    '/v1/customers/:customerId',
    {
      schema: {
        tags: ['customers'],
        summary: 'Delete a customer (removed in the background)',
        params: customerParams,
        response: { 202: customerOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = request.serviceContext();
      const { id } = await getCustomerView(context, request.params.customerId);
      const customer = await deleteCustomer(context, id);
      return reply.status(202).header('location', `/v1/customers/${customer.id}`).send(customer);
    },
  );
}
