// /v1/wholesale/customers (SPEC §7): list with the public filters, provision (202 + Location),
// get, update (202 + Location), delete (202), shaped like the public Webex Wholesale API.
import {
  createWholesaleCustomer,
  deleteWholesaleCustomer,
  getWholesaleCustomer,
  listWholesaleCustomers,
  updateWholesaleCustomer,
} from '../../../services/provisioning/wholesale-customers.ts';
import type { App } from '../../app.ts';
import { partnerAdminsOnly } from '../partner-level-guards.ts';
import { TAG, noContentSchema, publicErrorResponses, resourcePath, resourceUrl } from './common.ts';
import { withLicenseIds } from './license-ids.ts';
import { offsetPage } from './offset-paging.ts';
import {
  acceptedWithLocationSchema,
  customerCreateSchema,
  customerIdParamsSchema,
  customerListQuerySchema,
  customerListSchema,
  customerUpdateSchema,
  customerWithLocationSchema,
  includePackageLicenseInfoSchema,
  onBehalfQuerySchema,
} from './schemas.ts';

export async function wholesaleCustomerRoutes(app: App): Promise<void> {
  app.get(
    '/v1/wholesale/customers',
    {
      schema: {
        tags: [TAG],
        summary: 'List Wholesale Customers',
        querystring: customerListQuerySchema,
        response: { 200: customerListSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => ({
      items: await offsetPage(app, request, reply, request.query, (max) =>
        listWholesaleCustomers(request.serviceContext(), { ...request.query, max }),
      ),
    }),
  );

  app.post(
    '/v1/wholesale/customers',
    {
      preValidation: partnerAdminsOnly,
      schema: {
        tags: [TAG],
        summary: 'Provision a Wholesale Customer (continues in the background)',
        querystring: onBehalfQuerySchema,
        body: customerCreateSchema,
        response: { 202: acceptedWithLocationSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      const id = await createWholesaleCustomer(request.serviceContext(), request.body);
      return reply
        .status(202)
        .header('location', resourcePath('customers', id))
        .send({ url: resourceUrl(app, request, 'customers', id) });
    },
  );

  app.get(
    '/v1/wholesale/customers/:customerId',
    {
      schema: {
        tags: [TAG],
        summary: 'Get a Wholesale Customer',
        params: customerIdParamsSchema,
        querystring: onBehalfQuerySchema.extend({
          includePackageLicenseInfo: includePackageLicenseInfoSchema,
        }),
        response: { 200: customerWithLocationSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      const customer = await getWholesaleCustomer(request.serviceContext(), request.params.customerId);
      return reply
        .header('location', resourcePath('customers', customer.id))
        .send(request.query.includePackageLicenseInfo ? withLicenseIds(customer) : customer);
    },
  );

  app.put(
    '/v1/wholesale/customers/:customerId',
    {
      schema: {
        tags: [TAG],
        summary: 'Update a Wholesale Customer (the packages list replaces the old one)',
        params: customerIdParamsSchema,
        querystring: onBehalfQuerySchema,
        body: customerUpdateSchema,
        response: { 202: acceptedWithLocationSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      const id = await updateWholesaleCustomer(
        request.serviceContext(),
        request.params.customerId,
        request.body,
      );
      return reply
        .status(202)
        .header('location', resourcePath('customers', id))
        .send({ url: resourceUrl(app, request, 'customers', id) });
    },
  );

  app.delete(
    '/v1/wholesale/customers/:customerId',
    {
      schema: {
        tags: [TAG],
        summary: 'Remove a Wholesale Customer (continues in the background)',
        params: customerIdParamsSchema,
        querystring: onBehalfQuerySchema,
        response: { 202: noContentSchema('Accepted'), ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteWholesaleCustomer(request.serviceContext(), request.params.customerId);
      // The public description documents no body for this 202: none is sent, not even `null`.
      return reply.status(202).send(undefined);
    },
  );
}
