import { describe, expect, it } from 'vitest';
import { derivedOperationId, withOperationIds } from './openapi-operation-ids.ts';

describe('derivedOperationId', () => {
  it.each([
    ['get', '/v1/customers', 'getCustomers'],
    ['post', '/v1/customers', 'postCustomers'],
    ['get', '/v1/customers/{customerId}', 'getCustomersByCustomerId'],
    ['delete', '/v1/customers/{customerId}/users/{userId}', 'deleteCustomersByCustomerIdUsersByUserId'],
    [
      'get',
      '/v1/customers/{customerId}/imports/{importId}/error-report.csv',
      'getCustomersByCustomerIdImportsByImportIdErrorReportCsv',
    ],
    [
      'post',
      '/v1/subscribers/{subscriberId}/emails/consentMove',
      'postSubscribersBySubscriberIdEmailsConsentMove',
    ],
    ['get', '/v1/wholesale/subPartners', 'getWholesaleSubPartners'],
    ['PUT', '/v1/customers/{customerId}/directory-sync', 'putCustomersByCustomerIdDirectorySync'],
    // Only a leading v1 is left out: another version keeps its name apart.
    ['get', '/v2/customers', 'getV2Customers'],
    ['get', '/scim/v2/{customerId}/Users/.search', 'getScimV2ByCustomerIdUsersSearch'],
    ['get', '/scim/v2/{customerId}/{*}', 'getScimV2ByCustomerIdByWildcard'],
    ['get', '/', 'getRoot'],
  ])('%s %s → %s', (method, path, expected) => {
    expect(derivedOperationId(method, path)).toBe(expected);
  });
});

describe('withOperationIds', () => {
  const document = {
    openapi: '3.0.3',
    paths: {
      '/v1/tokens': {
        get: { responses: {} },
        post: { operationId: 'createToken', responses: {} },
        query: { responses: {} },
        parameters: [],
        'x-internal': true,
      },
    },
  };

  it('names the operations without a name and keeps the names given', () => {
    const named = withOperationIds(document);
    expect(named.paths['/v1/tokens']).toMatchObject({
      get: { operationId: 'getTokens' },
      post: { operationId: 'createToken' },
    });
  });

  it('drops path item keys OAS 3.0.3 does not allow (the QUERY method of an app.all route), keeps its fields', () => {
    expect(Object.keys(withOperationIds(document).paths['/v1/tokens'])).toEqual([
      'get',
      'post',
      'parameters',
      'x-internal',
    ]);
  });

  it('leaves the given document as it was', () => {
    withOperationIds(document);
    expect(document.paths['/v1/tokens'].get).toEqual({ responses: {} });
  });

  it('gives the same name whatever other routes the document has', () => {
    const alone = withOperationIds({ paths: { '/v1/admins/{adminId}': { get: { responses: {} } } } });
    const among = withOperationIds({
      paths: {
        '/v1/admins': { get: { responses: {} } },
        '/v1/admins/{adminId}': { get: { responses: {} } },
      },
    });
    expect(among.paths['/v1/admins/{adminId}']).toEqual(alone.paths['/v1/admins/{adminId}']);
  });
});
