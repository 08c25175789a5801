// SCIM's `package` attribute offers exactly the catalog's package ids (SPEC §3 keeps them in one file).
import { describe, expect, it } from 'vitest';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import { PRODUCT_USER_SCHEMA } from '../schema-urns.ts';
import { ATTRIBUTES_BY_SCHEMA } from './schema-definitions.ts';

describe('the product schema', () => {
  it('offers the catalog ids, and only those, as the canonical values of `package`', () => {
    const attributes = ATTRIBUTES_BY_SCHEMA.get(PRODUCT_USER_SCHEMA) ?? [];
    const values = attributes.find((entry) => entry.name === 'package')?.canonicalValues;
    if (!Array.isArray(values)) throw new Error('package has no canonical values');
    const sorted = values.map(String).sort();
    expect(sorted).toEqual([
      'cx_essentials',
      'webex_calling',
      'webex_calling_standard',
      'webex_meetings',
      'webex_suite',
      'webex_voice',
    ]);
    expect(sorted).toEqual([...PACKAGE_IDS].sort());
  });
});
