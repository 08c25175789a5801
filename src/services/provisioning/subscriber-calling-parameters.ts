// Which `provisioningParameters` a Wholesale subscriber update plans with. The public description
// asks for them only on a change to calling and ignores them for an entitled subscriber, so the
// API stays tolerant and ignores them in both cases. A `locationId` in the form of our location ids
// (a UUID) must still name a location of the subscriber's own customer: ignoring another tenant's
// location made a 200 that changed nothing, so it is refused as POST refuses an unknown location,
// whichever case applies, with the same answer whether that UUID is a location elsewhere or none at
// all. A value of another form cannot be one of our ids (the public description's example carries a
// Webex id): ignored where the parameters are, planned (and refused as unknown) where they are not.
import type { PackageId } from '../../domain/packages/catalog.ts';
import { keepsCallingFields } from '../../domain/packages/rules.ts';
import { isUuidLike } from '../db-errors.ts';

/** The calling fields the subscriber holds now. */
export interface SubscriberCalling {
  readonly location_id: string | null;
  readonly extension: string | null;
  readonly phone_number: string | null;
}

export interface CallingParametersQuestion {
  readonly subscriber: SubscriberCalling;
  /** The package the update asks for. */
  readonly packageId: PackageId;
  /** `provisioningParameters.locationId` as given, if any. */
  readonly locationId: string | undefined;
  /** Whether an id names a location of the subscriber's own customer. */
  readonly isOwnLocation: (id: string) => boolean;
}

/** `use`: plan with the parameters; `ignore`: plan without them; `unknown_location`: refuse. */
export type CallingParametersUse =
  | { readonly kind: 'use' }
  | { readonly kind: 'ignore' }
  | { readonly kind: 'unknown_location'; readonly locationId: string };

/**
 * "If this subscriber is an existing Webex Calling entitled user, these attributes are optional and
 * if provided are ignored" (public description of the update): a user who already has a location
 * and a number or extension keeps them.
 */
export function isCallingEntitled(subscriber: SubscriberCalling): boolean {
  return (
    subscriber.location_id !== null && (subscriber.extension !== null || subscriber.phone_number !== null)
  );
}

export function callingParametersUse(question: CallingParametersQuestion): CallingParametersUse {
  const { locationId } = question;
  if (locationId !== undefined && isUuidLike(locationId) && !question.isOwnLocation(locationId)) {
    return { kind: 'unknown_location', locationId };
  }
  // A package holding no number or location (Meetings): the admin API refuses a location there, the
  // Wholesale API ignores the parameters.
  if (!keepsCallingFields(question.packageId)) return { kind: 'ignore' };
  return { kind: isCallingEntitled(question.subscriber) ? 'ignore' : 'use' };
}
