// Sorts the owners of the numbers a request adds into what the caller may be told (ADR 0074):
// numbers already in the target location (nothing to do), numbers the caller can see elsewhere
// (its own customer's other locations; for partner admins, the partner's other customers), and
// numbers it cannot see, which it must not learn more of than "some are unavailable".
import type { NumberOwner } from '../../db/repositories/phone-numbers.ts';
import type { CustomerScope } from '../access/policy.ts';

export interface ClassifiedOwners {
  readonly present: readonly NumberOwner[];
  readonly visibleElsewhere: readonly NumberOwner[];
  readonly foreign: readonly NumberOwner[];
}

export function maySeeOwner(
  scope: CustomerScope,
  owner: Pick<NumberOwner, 'partner_id' | 'customer_id'>,
): boolean {
  if (scope.partnerId === null) return true;
  if (owner.partner_id !== scope.partnerId) return false;
  return scope.customerId === null || owner.customer_id === scope.customerId;
}

export function classifyNumberOwners(
  owners: readonly NumberOwner[],
  target: { readonly customerId: string; readonly locationId: string },
  scope: CustomerScope,
): ClassifiedOwners {
  const present: NumberOwner[] = [];
  const visibleElsewhere: NumberOwner[] = [];
  const foreign: NumberOwner[] = [];
  for (const owner of owners) {
    if (owner.customer_id === target.customerId && owner.location_id === target.locationId)
      present.push(owner);
    else if (maySeeOwner(scope, owner)) visibleElsewhere.push(owner);
    else foreign.push(owner);
  }
  return { present, visibleElsewhere, foreign };
}
