// The web app keeps its own copy of SPEC §3's catalog (it cannot import server code): every fact the
// copy holds must be the server's, so a drift in any field fails here.
import { describe, expect, it } from 'vitest';
import {
  ADD_ON_IDS,
  ADD_ONS,
  CUSTOMER_LEVEL_IDS,
  CUSTOMER_LEVEL_PACKAGES,
  PACKAGES,
  PACKAGE_IDS,
  isPackageId,
  type PackageId,
} from '../../src/domain/packages/catalog.ts';
import en from '../../web/src/i18n/locales/en.json' with { type: 'json' };
import nl from '../../web/src/i18n/locales/nl.json' with { type: 'json' };
import { sellableExtras, userPackages, type WebPackage } from '../../web/src/lib/package-catalog.ts';

/** What the web copy should say of a package, read from the server's catalog. */
function serverFacts(id: PackageId): Omit<WebPackage, 'nameKey'> {
  const entry = PACKAGES[id];
  return {
    id,
    requiresNumberAndLocation: entry.requiresNumberAndLocation,
    calling: entry.calling !== 'none',
    professionalCalling: entry.calling === 'professional',
    allowsAttendantConsole: ADD_ONS.attendant_console.allowedWith.includes(id),
    rank: entry.rank,
  };
}

function serverNames(id: string): { en: string; nl: string } {
  if (isPackageId(id)) return { en: PACKAGES[id].displayName, nl: PACKAGES[id].displayNameNl };
  if (id === 'attendant_console') {
    return { en: ADD_ONS.attendant_console.displayName, nl: ADD_ONS.attendant_console.displayName };
  }
  const customerLevel = CUSTOMER_LEVEL_PACKAGES[id as keyof typeof CUSTOMER_LEVEL_PACKAGES];
  return { en: customerLevel.displayName, nl: customerLevel.displayNameNl };
}

/** The text a `packages.<id>` key shows in one language. */
function webName(messages: { packages: Record<string, string> }, nameKey: string): string | undefined {
  return messages.packages[nameKey.replace(/^packages\./, '')];
}

describe("the web app's package catalog", () => {
  it('lists the packages a user can hold', () => {
    expect(userPackages.map((entry) => entry.id).sort()).toEqual([...PACKAGE_IDS].sort());
  });

  it('lists the add-on and the customer-level packages as the extras a customer may be sold', () => {
    expect(sellableExtras.map((entry) => entry.id).sort()).toEqual(
      [...ADD_ON_IDS, ...CUSTOMER_LEVEL_IDS].sort(),
    );
  });

  it.each(userPackages.map((entry) => [entry.id, entry] as const))(
    '%s has every server fact: number + location, calling, professional, add-on host, rank',
    (id, entry) => {
      const { nameKey: _nameKey, ...facts } = entry;
      expect(facts).toEqual(serverFacts(id as PackageId));
    },
  );

  it.each([...userPackages, ...sellableExtras].map((entry) => [entry.id, entry] as const))(
    '%s has the server names in English and Dutch',
    (id, entry) => {
      expect(entry.nameKey).toBe(`packages.${id}`);
      expect({ en: webName(en, entry.nameKey), nl: webName(nl, entry.nameKey) }).toEqual(serverNames(id));
    },
  );

  it('holds no user-package facts on the extras: no rank, number, professional calling or add-on', () => {
    for (const entry of sellableExtras) {
      expect(entry).toMatchObject({
        requiresNumberAndLocation: false,
        professionalCalling: false,
        allowsAttendantConsole: false,
        rank: null,
      });
    }
  });

  it('marks common area calling as calling, as the server does, and the add-on as not', () => {
    const calling = Object.fromEntries(sellableExtras.map((entry) => [entry.id, entry.calling]));
    expect(calling).toEqual({
      attendant_console: false,
      ...Object.fromEntries(CUSTOMER_LEVEL_IDS.map((id) => [id, CUSTOMER_LEVEL_PACKAGES[id].calling])),
    });
  });
});
