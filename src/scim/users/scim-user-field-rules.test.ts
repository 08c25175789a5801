import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { parseScimUser } from './scim-user-input.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function body(extra: JsonObject): JsonObject {
  return { schemas: [USER, ENTERPRISE], userName: 'anna@fr.example', ...extra };
}

function refusal(run: () => unknown): { scimType: string | undefined; detail: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return { scimType: error.scimType, detail: error.message };
  }
}

describe('parseScimUser: field rules (ADR 0083)', () => {
  it.each([
    [
      { name: { givenName: 'G'.repeat(101) } },
      '"name.givenName" has 101 characters; at most 100 are allowed',
    ],
    [
      { name: { familyName: 'F\u0007' } },
      '"name.familyName" contains a control or text-direction character (U+0007)',
    ],
    [{ displayName: 'A\u202Eb' }, '"displayName" contains a control or text-direction character (U+202E)'],
    [{ title: 'T'.repeat(201) }, '"title" has 201 characters; at most 200 are allowed'],
    [{ [ENTERPRISE]: { department: 'D'.repeat(201) } }, '"department" has 201 characters'],
    [{ [ENTERPRISE]: { manager: { value: 'M'.repeat(201) } } }, '"manager.value" has 201 characters'],
    [{ externalId: 'x'.repeat(257) }, '"externalId" has 257 characters; at most 256 are allowed'],
    [{ userName: 'u'.repeat(321), emails: [{ value: 'u@fr.example', primary: true }] }, '"userName" has 321'],
    [
      { userName: 'anna\u200b@fr.example' },
      '"userName" "anna\u200b@fr.example" is not a valid email address',
    ],
    [{ userName: 'ＡＮＮＡ@fr.example' }, 'invisible or look-alike character (U+FF41)'],
  ])('refuses %j with invalidValue', (extra, detail) => {
    const refused = refusal(() => parseScimUser(body(extra)));
    expect(refused?.scimType).toBe('invalidValue');
    expect(refused?.detail).toContain(detail);
  });

  it('accepts values at the limits', () => {
    const input = parseScimUser(
      body({ name: { givenName: 'G'.repeat(100), familyName: 'Ågård' }, title: 'T'.repeat(200) }),
    );
    expect(input.firstName).toHaveLength(100);
  });

  it('in a PATCH, keeps what is stored: only changed attributes are checked', () => {
    const stored = body({ title: 'T'.repeat(500), userName: 'anna\u200b@fr.example' });
    const patched = { ...stored, displayName: 'Anna' };
    expect(parseScimUser(patched, stored).title).toHaveLength(500);
    const changed = { ...stored, title: 'U'.repeat(500) };
    expect(refusal(() => parseScimUser(changed, stored))?.detail).toContain('"title" has 500 characters');
  });
});
