import { describe, expect, it } from 'vitest';
import { isLeftOutScimPath, SCIM_PATH_PREFIX, withScimDocumentation } from './scim-openapi.ts';

describe('isLeftOutScimPath', () => {
  it.each([
    ['/Users', false],
    ['/Users/{id}', false],
    ['/Users/.search', false],
    ['/Bulk', false],
    ['/ServiceProviderConfig', false],
    ['/users', true],
    ['/users/{id}', true],
    ['/Users/', true],
    ['/groups/', true],
    ['/serviceConfiguration', true],
    ['/serviceconfiguration', true],
    ['/Me', true],
    ['/me/{*}', true],
    ['/{*}', true],
    // A route added later, not in the table yet: documented, not hidden.
    ['/Devices', false],
  ])('%s → %s', (subPath, leftOut) => {
    expect(isLeftOutScimPath(subPath)).toBe(leftOut);
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
      `${SCIM_PATH_PREFIX}/Devices`,
    ]);
    expect(paths['/v1/customers']?.get).toBe(swaggerDefault);
    expect(paths[`${SCIM_PATH_PREFIX}/Users`]?.post).toMatchObject({
      operationId: 'createUser',
      tags: ['scim'],
      security: [{ scimBearer: [] }],
    });
    expect(Object.keys(paths[`${SCIM_PATH_PREFIX}/Users`]?.post?.responses ?? {})).toContain('201');
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
    expect(documented.tags).toEqual([{ name: 'customers' }, expect.objectContaining({ name: 'scim' })]);
  });
});
