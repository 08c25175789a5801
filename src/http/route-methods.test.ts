import { describe, expect, it } from 'vitest';
import { allowedMethods, type ServedRoute } from './route-methods.ts';

const served: ServedRoute[] = [
  { method: 'GET', url: '/v1/wholesale/customers' },
  { method: 'POST', url: '/v1/wholesale/customers' },
  { method: 'POST', url: '/v1/wholesale/customers/validate' },
  { method: 'GET', url: '/v1/wholesale/customers/:customerId' },
  { method: 'HEAD', url: '/v1/wholesale/customers/:customerId' },
  { method: 'PUT', url: '/v1/wholesale/customers/:customerId' },
  { method: 'DELETE', url: '/v1/wholesale/customers/:customerId' },
  { method: 'POST', url: '/v1/subscribers/:subscriberId/emails/consentMove' },
  { method: 'GET', url: '/scim/v2/:customerId/Users/' },
  { method: 'POST', url: '/scim/v2/:customerId/Users/.search' },
  { method: 'GET', url: '/scim/v2/:customerId/Me/*' },
  { method: 'GET', url: '/docs/static/:file.:ext' },
  { method: 'GET', url: '/' },
];

describe('allowedMethods', () => {
  it.each([
    ['/v1/wholesale/customers', ['GET', 'POST']],
    // A parameter is never empty: a trailing slash is another path, not a customer "".
    ['/v1/wholesale/customers/', []],
    ['/v1/subscribers//emails/consentMove', []],
    ['/v1/wholesale/customers/abc', ['DELETE', 'GET', 'HEAD', 'PUT']],
    // A static route and the parameter both match `validate`: its methods are the union.
    ['/v1/wholesale/customers/validate', ['DELETE', 'GET', 'HEAD', 'POST', 'PUT']],
    ['/v1/subscribers/abc/emails/consentMove', ['POST']],
    // Percent-encoded as the router decodes it; an encoded slash stays inside its segment.
    ['/v1/subscribers/a%2Fb/emails/consent%4Dove', ['POST']],
    ['/scim/v2/c/Users/', ['GET']],
    ['/scim/v2/c/Users/.search', ['POST']],
    ['/scim/v2/c/Me/', ['GET']],
    ['/scim/v2/c/Me/a/b', ['GET']],
    ['/scim/v2/c/Me', []],
    ['/docs/static/index.html', ['GET']],
    ['/', ['GET']],
    ['/v1/wholesale/customers/abc/extra', []],
    ['/v1/wholesale/customerz', []],
    ['/V1/wholesale/customers', []],
    ['/v1/wholesale', []],
  ] as const)('%s → %j', (path, methods) => {
    expect(allowedMethods(served, path)).toEqual(methods);
  });
});
