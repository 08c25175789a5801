// The forms' package rules read the web catalog's flags (which the contract test
// test/contract/web-package-catalog.test.ts holds to the server's catalog), never a list of their own.
import { describe, expect, it } from 'vitest';
import { userPackages } from '../../../lib/package-catalog.ts';
import { allowsAttendantConsole, packageChoices } from './package-choices.ts';

describe('package choices derived from the web catalog', () => {
  it.each(userPackages.map((entry) => [entry.id, entry.allowsAttendantConsole] as const))(
    'Attendant Console next to %s: %s',
    (id, allowed) => {
      expect(allowsAttendantConsole(id)).toBe(allowed);
      expect(packageChoices(null, null).find((choice) => choice.entry.id === id)?.addOn !== null).toBe(
        allowed,
      );
    },
  );

  it.each(userPackages.map((entry) => [entry.id, entry.professionalCalling] as const))(
    'a user on %s may not move to Calling Standard: %s',
    (from, forbidden) => {
      const standard = packageChoices(null, from).find(
        (choice) => choice.entry.id === 'webex_calling_standard',
      );
      expect(standard?.disabledReason === 'changePackage.forbiddenStandard').toBe(forbidden);
    },
  );

  it.each([null, undefined, 'attendant_console', 'common_area_calling', 'unknown'])(
    'allows no Attendant Console next to %s',
    (id) => {
      expect(allowsAttendantConsole(id)).toBe(false);
    },
  );
});
