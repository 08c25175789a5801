import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { applyPatch } from '../patch/apply-patch.ts';
import { parsePatchRequest } from '../patch/parse-patch-request.ts';
import { assertActiveStaysAssigned } from './active-stays-assigned.ts';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const suspended = (): JsonObject => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'a@b.org',
  active: false,
});

function patched(operations: unknown[]): JsonObject {
  return applyPatch(suspended(), parsePatchRequest({ schemas: [PATCH_OP], Operations: operations }));
}

describe('assertActiveStaysAssigned', () => {
  it.each([
    ['remove active', [{ op: 'remove', path: 'active' }]],
    ['remove Active (case)', [{ op: 'Remove', path: 'Active' }]],
    ['remove by URN', [{ op: 'remove', path: 'urn:ietf:params:scim:schemas:core:2.0:User:active' }]],
    ['replace with null', [{ op: 'replace', path: 'active', value: null }]],
    ['replace without path, null', [{ op: 'replace', value: { active: null } }]],
  ])('refuses %s with 400 invalidValue', (_name, operations) => {
    let thrown: unknown;
    try {
      assertActiveStaysAssigned(patched(operations));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScimError);
    expect(thrown).toMatchObject({ status: 400, scimType: 'invalidValue' });
  });

  it.each([
    ['replace active true', [{ op: 'replace', path: 'active', value: true }]],
    ['replace active "False"', [{ op: 'replace', path: 'active', value: 'False' }]],
    ['remove another attribute', [{ op: 'remove', path: 'title' }]],
  ])('lets %s through', (_name, operations) => {
    expect(() => assertActiveStaysAssigned(patched(operations))).not.toThrow();
  });
});
