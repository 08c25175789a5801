import { describe, expect, it } from 'vitest';
import type { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import type { ResourceKind } from './canonicalize.ts';
import { assertResourceSchemas } from './resource-schemas.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('assertResourceSchemas (RFC 7643 §3)', () => {
  const accepted: Array<[ResourceKind, JsonObject]> = [
    ['User', { schemas: [USER] }],
    ['User', { schemas: [ENTERPRISE, USER] }],
    ['User', { Schemas: [USER.toUpperCase()] }],
    ['User', {}],
    ['Group', { schemas: [GROUP] }],
  ];
  it.each(accepted)('accepts a %s with %j', (kind, body) => {
    expect(() => assertResourceSchemas(body, kind)).not.toThrow();
  });

  const refused: Array<[ResourceKind, JsonObject]> = [
    ['User', { schemas: [GROUP] }],
    ['User', { schemas: [ENTERPRISE] }],
    ['User', { schemas: [] }],
    ['User', { schemas: [42] }],
    ['Group', { schemas: [USER] }],
  ];
  it.each(refused)('refuses a %s with %j as invalidSyntax', (kind, body) => {
    let caught: ScimError | undefined;
    try {
      assertResourceSchemas(body, kind);
    } catch (error) {
      caught = error as ScimError;
    }
    expect(caught).toMatchObject({ status: 400, scimType: 'invalidSyntax' });
  });
});
