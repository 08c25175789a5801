import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors.ts';
import { parseFilter } from './parser.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PRODUCT = 'urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User';

// A value that cannot be of the attribute's type is the client's mistake: 400 invalidFilter, not
// an empty list (RFC 7644 §3.4.2.2).
const refused: Array<[string]> = [
  ['meta.created gt "not-a-date"'],
  ['meta.lastModified ge "2026-13-45T00:00:00Z"'],
  ['meta.created lt 5'],
  ['meta.created eq true'],
  ['active eq "maybe"'],
  ['active eq 1'],
  ['active ne "yes"'],
  ['active gt true'],
  ['emails[primary eq "perhaps"]'],
  ['addresses[primary eq 0]'],
  ['not (active eq "maybe")'],
  ['userName pr and active eq "maybe"'],
  ['userName eq true'],
  ['displayName eq false'],
  ['members[value eq true]'],
  [`${ENTERPRISE}:department eq true`],
];

const accepted: Array<[string]> = [
  ['meta.created gt "2026-01-31T12:00:00Z"'],
  ['meta.lastModified ge "2026-01-31T12:00:00.123+01:00"'],
  ['meta.created ge "2026-01-31"'],
  ['meta.created sw "2026"'],
  ['active eq true'],
  ['active ne false'],
  ['active eq "True"'],
  ['active eq null'],
  ['emails[primary eq true]'],
  ['userName eq 5'],
  [`${PRODUCT}:extension eq 1234`],
  ['displayName eq null'],
  ['members[value eq "x"]'],
  ['unknownAttribute eq "maybe"'],
];

describe('filter literals checked against the attribute type', () => {
  it.each(refused)('%s is refused with invalidFilter', (filter) => {
    let caught: unknown;
    try {
      parseFilter(filter);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect((caught as ScimError).scimType).toBe('invalidFilter');
    expect((caught as ScimError).status).toBe(400);
  });

  it.each(accepted)('%s is accepted', (filter) => {
    expect(() => parseFilter(filter)).not.toThrow();
  });
});
