// The served OpenAPI document (and so /docs) lists every route of the lifecycle issue.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

const ROUTES: readonly [string, string][] = [
  ['get', '/v1/wholesale/customers'],
  ['post', '/v1/wholesale/customers'],
  ['post', '/v1/wholesale/customers/validate'],
  ['get', '/v1/wholesale/customers/{customerId}'],
  ['put', '/v1/wholesale/customers/{customerId}'],
  ['delete', '/v1/wholesale/customers/{customerId}'],
  ['get', '/v1/wholesale/subscribers'],
  ['post', '/v1/wholesale/subscribers'],
  ['post', '/v1/wholesale/subscribers/validate'],
  ['get', '/v1/wholesale/subscribers/{subscriberId}'],
  ['put', '/v1/wholesale/subscribers/{subscriberId}'],
  ['delete', '/v1/wholesale/subscribers/{subscriberId}'],
  ['post', '/v1/subscribers/{subscriberId}/emails/consentMove'],
  ['get', '/v1/wholesale/subPartners'],
  ['get', '/v1/wholesale/billing/reports'],
  ['post', '/v1/customers/{customerId}/users/batch'],
  ['put', '/v1/customers/{customerId}/users/{userId}/package'],
  ['post', '/v1/customers/{customerId}/users/{userId}/repair'],
  ['get', '/v1/customers/{customerId}/settings'],
  ['patch', '/v1/customers/{customerId}/settings'],
  ['get', '/v1/customers/{customerId}/domains'],
  ['post', '/v1/customers/{customerId}/domains'],
  ['post', '/v1/customers/{customerId}/domains/{domain}/verify'],
  ['delete', '/v1/customers/{customerId}/domains/{domain}'],
  ['get', '/v1/customers/{customerId}/claims'],
  ['post', '/v1/customers/{customerId}/claims'],
  ['post', '/v1/customers/{customerId}/claims/csv'],
  ['post', '/v1/signup'],
  ['post', '/v1/signup/verify'],
  ['post', '/v1/accounts/free'],
  ['post', '/v1/consent'],
];

describe('/openapi.json', () => {
  it('documents every lifecycle and Wholesale API route', async () => {
    const { app } = harness();
    const response = await app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    const missing = ROUTES.filter(([method, path]) => !paths[path]?.[method]).map(([m, p]) => `${m} ${p}`);
    expect(missing).toEqual([]);
  });

  it('shows the public field names of the Wholesale schemas', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    // The Wholesale schemas are components (WholesaleSubscriber, WholesaleError, …) the paths refer to.
    const text = JSON.stringify(document);
    for (const field of ['externalCustomerId', 'lastStatusChange', 'pending_user_migration', 'errorCode']) {
      expect(text).toContain(field);
    }
  });
});
