// The provisioning prechecks (SPEC §7): would a customer or subscriber create succeed? Success is
// `{"message":"success","info":[{"infoCode":100,...}]}`; failures are 400 with the public errors.
import { precheckWholesaleCustomer } from '../../../services/provisioning/wholesale-customers.ts';
import { precheckWholesaleSubscriber } from '../../../services/provisioning/wholesale-subscribers.ts';
import type { App } from '../../app.ts';
import { partnerLevelOnly } from '../partner-level-guards.ts';
import { TAG, publicErrorResponses } from './common.ts';
import {
  customerValidateSchema,
  onBehalfQuerySchema,
  precheckResponseSchema,
  subscriberValidateSchema,
} from './schemas.ts';

export async function wholesalePrecheckRoutes(app: App): Promise<void> {
  app.post(
    '/v1/wholesale/customers/validate',
    {
      preValidation: partnerLevelOnly,
      schema: {
        tags: [TAG],
        summary: 'Precheck a Wholesale Customer Provisioning',
        querystring: onBehalfQuerySchema,
        body: customerValidateSchema,
        response: { 200: precheckResponseSchema, ...publicErrorResponses },
      },
    },
    async (request) => {
      const result = await precheckWholesaleCustomer(request.serviceContext(), request.body);
      return { message: result.message, info: [...result.info] };
    },
  );

  app.post(
    '/v1/wholesale/subscribers/validate',
    {
      schema: {
        tags: [TAG],
        summary: 'Precheck a Wholesale Subscriber Provisioning',
        querystring: onBehalfQuerySchema,
        body: subscriberValidateSchema,
        response: { 200: precheckResponseSchema, ...publicErrorResponses },
      },
    },
    async (request) => {
      const result = await precheckWholesaleSubscriber(request.serviceContext(), request.body);
      return { message: result.message, info: [...result.info] };
    },
  );
}
