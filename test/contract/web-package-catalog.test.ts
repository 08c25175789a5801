// The web app keeps its own copy of SPEC §3's catalog (it cannot import server code): the facts its
// forms judge by must be the server's.
import { describe, expect, it } from 'vitest';
import { PACKAGES, type PackageId } from '../../src/domain/packages/catalog.ts';
import { userPackages } from '../../web/src/lib/package-catalog.ts';

describe("the web app's package catalog", () => {
  it('lists the packages a user can hold', () => {
    expect(userPackages.map((entry) => entry.id).sort()).toEqual(Object.keys(PACKAGES).sort());
  });

  it.each(userPackages.map((entry) => [entry.id, entry]))(
    '%s has the server rank (full admins may not move lower) and number + location flag',
    (id, entry) => {
      const server = PACKAGES[id as PackageId];
      expect({ rank: entry.rank, requiresNumberAndLocation: entry.requiresNumberAndLocation }).toEqual({
        rank: server.rank,
        requiresNumberAndLocation: server.requiresNumberAndLocation,
      });
    },
  );
});
