import { describe, expect, it } from 'vitest';
import { allowedMethods, type ServedRoute } from './unknown-routes.ts';

const served: ServedRoute[] = [
  { method: 'GET', url: '/v1/wholesale/customers' },
  { method: 'POST', url: '/v1/wholesale/customers' },
  { method: 'POST', url: '/v1/wholesale/customers/validate' },
  { method: 'GET', url: '/v1/wholesale/customers/:customerId' },
  { method: 'HEAD', url: '/v1/wholesale/customers/:customerId' },
  { method: 'PUT', url: '/v1/wholesale/customers/:customerId' },
  { method: 'DELETE', url: '/v1/wholesale/customers/:customerId' },
  { method: 'POST', url: '/v1/subscribers/:subscriberId/emails/consentMove' },
];

describe('allowedMethods', () => {
  it.each([
    ['/v1/wholesale/customers', ['GET', 'POST']],
    ['/v1/wholesale/customers/', ['GET', 'POST']],
    ['/v1/wholesale/customers/abc', ['DELETE', 'GET', 'HEAD', 'PUT']],
    // A static route and the parameter both match `validate`: its methods are the union.
    ['/v1/wholesale/customers/validate', ['DELETE', 'GET', 'HEAD', 'POST', 'PUT']],
    ['/v1/subscribers/abc/emails/consentMove', ['POST']],
    ['/v1/wholesale/customers/abc/extra', []],
    ['/v1/wholesale/customerz', []],
    ['/v1/wholesale', []],
  ] as const)('%s → %j', (path, methods) => {
    expect(allowedMethods(served, path)).toEqual(methods);
  });
});
