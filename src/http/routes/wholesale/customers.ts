// /v1/wholesale/customers (SPEC §7): list with the public filters, provision (202 + Location),
// get, update (202 + Location), delete (202), shaped like the public Webex Wholesale API.
import { z } from 'zod';
import {
  createWholesaleCustomer,
  deleteWholesaleCustomer,
  getWholesaleCustomer,
  listWholesaleCustomers,
  updateWholesaleCustomer,
} from '../../../services/provisioning/wholesale-customers.ts';
import type { App } from '../../app.ts';
import { partnerAdminsOnly } from '../partner-level-guards.ts';
import { TAG, publicErrorResponses, resourcePath, resourceUrl } from './common.ts';
import {
  acceptedWithLocationSchema,
  customerCreateSchema,
  customerIdParamsSchema,
  customerListQuerySchema,
  customerListSchema,
  customerUpdateSchema,
  publicCustomerSchema,
} from './schemas.ts';

const onBehalf = z.object({ onBehalfOfSubPartnerOrgId: z.string().optional() });

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
    async (request) => ({ items: await listWholesaleCustomers(request.serviceContext(), request.query) }),
  );

  app.post(
    '/v1/wholesale/customers',
    {
      preValidation: partnerAdminsOnly,
      schema: {
        tags: [TAG],
        summary: 'Provision a Wholesale Customer (continues in the background)',
        querystring: onBehalf,
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
        querystring: onBehalf.extend({ includePackageLicenseInfo: z.string().optional() }),
        response: { 200: publicCustomerSchema, ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      const customer = await getWholesaleCustomer(request.serviceContext(), request.params.customerId);
      return reply.header('location', resourcePath('customers', customer.id)).send(customer);
    },
  );

  app.put(
    '/v1/wholesale/customers/:customerId',
    {
      schema: {
        tags: [TAG],
        summary: 'Update a Wholesale Customer (the packages list replaces the old one)',
        params: customerIdParamsSchema,
        querystring: onBehalf,
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
        querystring: onBehalf,
        response: { 202: z.null().describe('Accepted: no body'), ...publicErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteWholesaleCustomer(request.serviceContext(), request.params.customerId);
      return reply.status(202).send(null);
    },
  );
}
