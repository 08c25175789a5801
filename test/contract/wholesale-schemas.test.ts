// Our zod request schemas accept every example request of the public description, and the pure
// mappings produce bodies that its response schemas accept. The type assertions at the bottom keep
// the route schemas and the domain's shapes from drifting apart.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  customerCreateSchema,
  customerUpdateSchema,
  customerValidateSchema,
  publicCustomerSchema,
  publicSubscriberSchema,
  subscriberCreateSchema,
  subscriberListQuerySchema,
  customerListQuerySchema,
  subscriberUpdateSchema,
  subscriberValidateSchema,
} from '../../src/http/routes/wholesale/schemas.ts';
import {
  toPublicCustomer,
  type PublicCustomerCreateInput,
  type PublicCustomerShape,
  type PublicCustomerUpdateInput,
} from '../../src/domain/provisioning/public-customer.ts';
import {
  toPublicSubscriber,
  type PublicSubscriberShape,
} from '../../src/domain/provisioning/public-subscriber.ts';
import { PRECHECK_SUCCESS } from '../../src/domain/provisioning/wholesale-codes.ts';
import {
  exampleRequests,
  validateResponse,
  wholesaleContract,
  type HttpMethod,
} from './wholesale-contract.ts';

describe('request schemas accept the public examples', () => {
  it.each([
    ['post', '/v1/wholesale/customers', customerCreateSchema],
    ['put', '/v1/wholesale/customers/{customerId}', customerUpdateSchema],
    ['post', '/v1/wholesale/customers/validate', customerValidateSchema],
    ['post', '/v1/wholesale/subscribers', subscriberCreateSchema],
    ['put', '/v1/wholesale/subscribers/{subscriberId}', subscriberUpdateSchema],
    ['post', '/v1/wholesale/subscribers/validate', subscriberValidateSchema],
  ] as const)('%s %s', (method: HttpMethod, path: string, schema: z.ZodType) => {
    const examples = exampleRequests(method, path);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const result = schema.safeParse(example);
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  it('refuses the customer example verbatim: its stray quotes are the document, not the data (SPEC §7)', () => {
    const paths = wholesaleContract().document['paths'] as Record<string, Record<string, unknown>>;
    const operation = paths['/wholesale/customers']?.['post'] as {
      requestBody: { content: Record<string, { example: unknown }> };
    };
    const verbatim = operation.requestBody.content['application/json']?.example;
    const result = customerCreateSchema.safeParse(verbatim);
    const refused = (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(refused).toEqual(
      expect.arrayContaining(['address.country', 'customerInfo.primaryEmail', 'customerInfo.language']),
    );
  });

  it('refuses both package and packages, and neither', () => {
    const [example] = exampleRequests('post', '/v1/wholesale/subscribers');
    expect(subscriberCreateSchema.safeParse({ ...example, package: 'webex_calling' }).success).toBe(false);
    expect(subscriberCreateSchema.safeParse({ ...example, packages: undefined }).success).toBe(false);
  });

  it('refuses a customer without addressLine1, city or country', () => {
    const [example] = exampleRequests('post', '/v1/wholesale/customers');
    for (const field of ['addressLine1', 'city', 'country']) {
      const address = { ...(example?.['address'] as object), [field]: undefined };
      expect(customerCreateSchema.safeParse({ ...example, address }).success, field).toBe(false);
    }
  });

  it('applies the subscriber list defaults and bounds', () => {
    expect(subscriberListQuerySchema.parse({})).toMatchObject({
      max: 50,
      offset: 0,
      sortBy: 'created',
      sortOrder: 'ASC',
    });
    expect(subscriberListQuerySchema.safeParse({ max: '101' }).success).toBe(false);
    expect(
      subscriberListQuerySchema.parse({ sortBy: 'userCreationTimestamp', sortOrder: 'desc' }),
    ).toMatchObject({
      sortBy: 'created',
      sortOrder: 'DESC',
    });
    expect(subscriberListQuerySchema.parse({ after: '1579046400245' }).after?.toISOString()).toBe(
      '2020-01-15T00:00:00.245Z',
    );
    expect(customerListQuerySchema.parse({ status: 'provisioned,error' }).status).toEqual([
      'provisioned',
      'error',
    ]);
    expect(customerListQuerySchema.safeParse({ status: 'active' }).success).toBe(false);
  });
});

describe('mapped bodies validate against the public response schemas', () => {
  const customer = toPublicCustomer({
    id: '5e2b8a9c-0000-4000-8000-000000000001',
    externalId: 'c1677a16-557a-4fb4-b48f-24adde57ec99',
    status: 'provisioned_with_errors',
    addressLine1: '771 Alder Drive',
    addressLine2: 'Cisco Site 5',
    city: 'Milpitas',
    stateOrProvince: 'CA',
    zipCode: '95035',
    country: 'US',
    packages: [
      { packageId: 'common_area_calling', limit: 50 },
      { packageId: 'webex_calling', limit: 50 },
    ],
    errors: [
      {
        code: 'provisioning_failed',
        description: 'Webex Calling could not be enabled.',
        packageId: 'webex_calling',
      },
      { code: 'admin_invite_failed', description: 'The customer full admin could not be invited.' },
    ],
  });
  const subscriber = toPublicSubscriber(
    {
      id: '5e2b8a9c-0000-4000-8000-000000000002',
      customerId: '5e2b8a9c-0000-4000-8000-000000000001',
      email: 'john.anderson@acme.com',
      package: 'webex_calling',
      attendantConsole: true,
      status: 'error',
      errors: [{ code: 'license_update_failed', description: 'Cannot update user license.' }],
      createdAt: new Date(),
      statusChangedAt: new Date(),
    },
    { externalId: 'c1677a16-557a-4fb4-b48f-24adde57ec99' },
  );

  it('customer, alone and in a list', () => {
    expect(validateResponse('get', '/v1/wholesale/customers/{id}', 200, customer).errors).toEqual([]);
    expect(validateResponse('get', '/v1/wholesale/customers', 200, { items: [customer] }).errors).toEqual([]);
    expect(publicCustomerSchema.safeParse(customer).success).toBe(true);
  });

  it('subscriber, alone and in a list', () => {
    expect(validateResponse('get', '/v1/wholesale/subscribers/{id}', 200, subscriber).errors).toEqual([]);
    expect(validateResponse('get', '/v1/wholesale/subscribers', 200, { items: [subscriber] }).errors).toEqual(
      [],
    );
    expect(publicSubscriberSchema.safeParse(subscriber).success).toBe(true);
  });

  it('precheck success', () => {
    expect(
      validateResponse('post', '/v1/wholesale/customers/validate', 200, PRECHECK_SUCCESS).errors,
    ).toEqual([]);
    expect(
      validateResponse('post', '/v1/wholesale/subscribers/validate', 200, PRECHECK_SUCCESS).errors,
    ).toEqual([]);
  });
});

describe('types line up', () => {
  it('route schemas feed the domain mappers, and the mappers feed the response schemas', () => {
    expectTypeOf<z.output<typeof customerCreateSchema>>().toExtend<PublicCustomerCreateInput>();
    expectTypeOf<z.output<typeof customerUpdateSchema>>().toExtend<PublicCustomerUpdateInput>();
    expectTypeOf<PublicCustomerShape>().toExtend<z.input<typeof publicCustomerSchema>>();
    expectTypeOf<PublicSubscriberShape>().toExtend<z.input<typeof publicSubscriberSchema>>();
  });
});
