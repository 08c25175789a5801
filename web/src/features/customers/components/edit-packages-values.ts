import type { Customer } from '../api/customer-types.ts';
import { soldPackages } from '../api/customer-types.ts';

/** One sellable package in the form: sold or not, and its limit ('' = no limit). */
export interface PackageChoice {
  selected: boolean;
  limit: string;
}

export type PackageChoices = Record<string, PackageChoice>;

export function packageChoicesOf(customer: Customer, packageIds: readonly string[]): PackageChoices {
  const sold = new Map(soldPackages(customer).map((entry) => [entry.id, entry]));
  const ids = [...packageIds, ...[...sold.keys()].filter((id) => !packageIds.includes(id))];
  return Object.fromEntries(
    ids.map((id) => {
      const entry = sold.get(id);
      const limit = entry?.limit;
      return [
        id,
        { selected: entry !== undefined, limit: limit === undefined || limit === null ? '' : String(limit) },
      ];
    }),
  );
}

/** Ids whose limit is not a whole number ≥ 0 (only sold packages count). */
export function invalidLimits(choices: PackageChoices): string[] {
  return Object.entries(choices)
    .filter(([, choice]) => choice.selected && choice.limit.trim() !== '')
    .filter(([, choice]) => !/^\d+$/.test(choice.limit.trim()))
    .map(([id]) => id);
}

/**
 * Ids whose new limit is below the users who hold the package now (SPEC §2: the server refuses
 * it). `used` holds the counts the customer record gave; a package without a count is not judged.
 */
export function limitsBelowUse(
  choices: PackageChoices,
  used: ReadonlyMap<string, number | undefined>,
): string[] {
  return Object.entries(choices)
    .filter(([, choice]) => choice.selected && /^\d+$/.test(choice.limit.trim()))
    .filter(([id, choice]) => Number(choice.limit.trim()) < (used.get(id) ?? 0))
    .map(([id]) => id);
}

/** The `packages` to send, or null when nothing changed (then no request is made). */
export function packagesPatchOf(
  choices: PackageChoices,
  initial: PackageChoices,
): { id: string; limit?: number }[] | null {
  const sent = (from: PackageChoices) =>
    Object.entries(from)
      .filter(([, choice]) => choice.selected)
      .map(([id, choice]) =>
        choice.limit.trim() === '' ? { id } : { id, limit: Number(choice.limit.trim()) },
      );
  const next = sent(choices);
  return JSON.stringify(next) === JSON.stringify(sent(initial)) ? null : next;
}
