// The Wholesale API's package enums mirror the public description (they name packages we do not
// sell, in its order), so they stay literal lists; this holds them to SPEC §3's catalog.
import { describe, expect, it } from 'vitest';
import { ADD_ON_IDS, PACKAGE_IDS, SELLABLE_IDS } from '../../src/domain/packages/catalog.ts';
import {
  PUBLIC_CUSTOMER_PACKAGES,
  PUBLIC_SUBSCRIBER_PACKAGE,
  PUBLIC_SUBSCRIBER_PACKAGES,
} from '../../src/http/routes/wholesale/schemas.ts';

describe("the Wholesale API's package enums and the catalog", () => {
  it('has exactly the catalog packages as the subscriber `package` values', () => {
    expect([...PUBLIC_SUBSCRIBER_PACKAGE].sort()).toEqual([...PACKAGE_IDS].sort());
  });

  it.each(SELLABLE_IDS.map((id) => [id]))('accepts sellable %s as a customer package', (id) => {
    expect(PUBLIC_CUSTOMER_PACKAGES).toContain(id);
  });

  it.each(ADD_ON_IDS.map((id) => [id]))('accepts add-on %s in a subscriber `packages` array', (id) => {
    expect(PUBLIC_SUBSCRIBER_PACKAGES).toContain(id);
  });
});
