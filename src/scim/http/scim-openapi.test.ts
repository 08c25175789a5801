import { describe, expect, it } from 'vitest';
import { SCIM_PATH_PREFIX, scimSpelling, withScimDocumentation } from './scim-openapi.ts';

describe('scimSpelling', () => {
  it.each([
    ['/Users', { kind: 'documented', canonical: '/Users', variant: '' }],
    ['/Users/{id}', { kind: 'documented', canonical: '/Users/{id}', variant: '' }],
    ['/Users/.search', { kind: 'documented', canonical: '/Users/.search', variant: '' }],
    ['/users', { kind: 'documented', canonical: '/Users', variant: 'LowerCase' }],
    ['/users/{id}', { kind: 'documented', canonical: '/Users/{id}', variant: 'LowerCase' }],
    ['/Users/', { kind: 'documented', canonical: '/Users', variant: 'TrailingSlash' }],
    ['/groups/', { kind: 'documented', canonical: '/Groups', variant: 'LowerCaseTrailingSlash' }],
    ['/bulk', { kind: 'documented', canonical: '/Bulk', variant: 'LowerCase' }],
    [
      '/serviceConfiguration',
      {
        kind: 'documented',
        canonical: '/ServiceProviderConfig',
        baseId: 'getServiceConfiguration',
        variant: '',
      },
    ],
    [
      '/serviceconfiguration',
      {
        kind: 'documented',
        canonical: '/ServiceProviderConfig',
        baseId: 'getServiceConfiguration',
        variant: 'LowerCase',
      },
    ],
    ['/Me', { kind: 'documented', canonical: '/Me', variant: '' }],
    ['/me', { kind: 'documented', canonical: '/Me', variant: 'LowerCase' }],
    ['/Me/{*}', { kind: 'left-out' }],
    ['/me/{*}', { kind: 'left-out' }],
    ['/{*}', { kind: 'left-out' }],
    // A route added later, not in the table yet.
    ['/Devices', { kind: 'unknown' }],
  ])('%s', (subPath, expected) => {
    expect(scimSpelling(subPath)).toEqual(expected);
  });
});

describe('withScimDocumentation', () => {
  const swaggerDefault = { responses: { 200: { description: 'Default Response' } } };
  const document = {
    openapi: '3.0.3',
    tags: [{ name: 'customers' }],
    paths: {
      '/v1/customers': { get: swaggerDefault },
      [`${SCIM_PATH_PREFIX}/Users`]: { get: swaggerDefault, post: swaggerDefault },
      [`${SCIM_PATH_PREFIX}/users`]: { get: swaggerDefault },
      [`${SCIM_PATH_PREFIX}/Devices`]: { get: swaggerDefault },
      [`${SCIM_PATH_PREFIX}/Me`]: { get: swaggerDefault, trace: swaggerDefault, query: swaggerDefault },
      [`${SCIM_PATH_PREFIX}/{*}`]: { get: swaggerDefault, query: swaggerDefault },
    },
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } }, schemas: {} },
  };
  const documented = withScimDocumentation(document);
  const paths = documented.paths as Record<string, Record<string, Record<string, unknown>>>;

  it('documents the known operations with their answers and leaves the other paths as they were', () => {
    expect(Object.keys(paths)).toEqual([
      '/v1/customers',
      `${SCIM_PATH_PREFIX}/Users`,
      `${SCIM_PATH_PREFIX}/users`,
      `${SCIM_PATH_PREFIX}/Devices`,
      `${SCIM_PATH_PREFIX}/Me`,
    ]);
    expect(paths['/v1/customers']?.get).toBe(swaggerDefault);
    expect(paths[`${SCIM_PATH_PREFIX}/Users`]?.post).toMatchObject({
      operationId: 'createUser',
      tags: ['scim'],
      security: [{ scimBearer: [] }],
    });
    expect(Object.keys(paths[`${SCIM_PATH_PREFIX}/Users`]?.post?.responses ?? {})).toContain('201');
  });

  it('documents a spelling as the operation it spells, under a name and tag of its own', () => {
    const canonical = paths[`${SCIM_PATH_PREFIX}/Users`]?.get;
    const spelled = paths[`${SCIM_PATH_PREFIX}/users`]?.get;
    expect(spelled).toMatchObject({ operationId: 'listUsersLowerCase', tags: ['scim-compatibility'] });
    expect(spelled?.responses).toEqual(canonical?.responses);
    expect(spelled?.description).toContain('listUsers');
  });

  it('documents /Me as 501 for the methods RFC 7644 gives it, and no other', () => {
    const me = paths[`${SCIM_PATH_PREFIX}/Me`];
    expect(Object.keys(me ?? {})).toEqual(['get']);
    expect(me?.get).toMatchObject({ operationId: 'getMe', tags: ['scim-compatibility'] });
    expect(Object.keys(me?.get?.responses ?? {})).toContain('501');
  });

  it('gives a SCIM operation it does not know the tag, the SCIM token and the error answers', () => {
    const unknown = paths[`${SCIM_PATH_PREFIX}/Devices`]?.get;
    expect(unknown).toMatchObject({ tags: ['scim'], security: [{ scimBearer: [] }] });
    expect(Object.keys(unknown?.responses ?? {})).toEqual(['200', '401', '403', '429', '503']);
  });

  it("adds its components beside the document's own", () => {
    expect(documented.components).toMatchObject({
      securitySchemes: { bearerAuth: { type: 'http' }, scimBearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ScimUser: { type: 'object' }, ScimError: { type: 'object' } },
    });
    expect(documented.tags).toEqual([
      { name: 'customers' },
      expect.objectContaining({ name: 'scim' }),
      expect.objectContaining({ name: 'scim-compatibility' }),
    ]);
  });
});
