import { invalidValue } from '../errors.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonObject } from '../json.ts';

// RFC 7644 §3.5.2.2: `remove` of a single-valued attribute leaves it unassigned (so does a replace
// with null). The product always knows whether a user is suspended, and an unassigned `active` must
// neither reactivate a suspended user nor silently do nothing, so such a PATCH is refused as a PATCH
// that removes the required `userName` is (ADR 0069). Entra ID and Okta send `replace` true/false.

/** Throws 400 invalidValue when a patched User no longer has a boolean `active`. */
export function assertActiveStaysAssigned(patched: JsonObject): void {
  const active = getCi(patched, 'active');
  if (active === undefined || active === null) {
    throw invalidValue(
      '"active" cannot be removed or set to null: replace it with true (active) or false (suspended)',
    );
  }
}

/**
 * A PUT may leave `active` out (not asserted: the state is kept, ADR 0069), but `"active": null`
 * asks to unassign it, which the product cannot do: 400 invalidValue, as for a PATCH, rather than
 * a 200 that keeps the state.
 */
export function assertActiveNotNull(body: unknown): void {
  if (isJsonObject(body) && getCi(body, 'active') === null) {
    throw invalidValue(
      '"active" cannot be set to null: send true (active) or false (suspended), or leave it out to keep the state',
    );
  }
}
