// A subscriber update's `provisioningParameters.locationId` in the form of our location ids (a
// UUID) must name a location of the subscriber's own customer. The update ignores the parameters
// of an entitled subscriber (public description), which made another tenant's location a 200 that
// changed nothing; it is refused here as POST refuses an unknown location (400,
// location_not_found), with the same answer whether that UUID is a location elsewhere or none at
// all. A value of another form cannot be one of our ids (the public description's example carries
// a Webex id): for an entitled subscriber it stays ignored, as the public description says, and
// for the others the planner refuses it as unknown, as before.
import { subscriberPackagesFromPublic } from '../../../domain/provisioning/public-subscriber.ts';
import { keepsCallingFields } from '../../../domain/packages/rules.ts';
import { findLocationOfCustomer } from '../../../services/locations/location-service.ts';
import type { ServiceContext } from '../../../services/context.ts';
import { isUuidLike } from '../../../services/db-errors.ts';
import { requireSubscriber } from '../../../services/provisioning/wholesale-subscribers.ts';
import { unknownLocationError } from '../../../services/users/refuse-unusable-location.ts';

export async function refuseLocationOutsideSubscriber(
  context: ServiceContext,
  subscriberId: string,
  locationRef: string | undefined,
): Promise<void> {
  if (locationRef === undefined || !isUuidLike(locationRef)) return;
  const subscriber = await requireSubscriber(context, subscriberId);
  const location = await findLocationOfCustomer(context.db, subscriber.customer_id, locationRef);
  if (!location) throw unknownLocationError(locationRef, context);
}

/**
 * The update without its `provisioningParameters` when the package it asks for holds no number or
 * location (Meetings): the public description asks for them only on a change to calling, and the
 * Wholesale API stays tolerant and ignores them there, where the admin API refuses a location.
 */
export function withoutUnusedCallingParameters<
  T extends {
    package?: string | undefined;
    packages?: readonly string[] | undefined;
    provisioningParameters?: object | undefined;
  },
>(body: T): T {
  if (body.provisioningParameters === undefined) return body;
  const choice = subscriberPackagesFromPublic(body);
  if (!choice.ok || keepsCallingFields(choice.value.packageId)) return body;
  return { ...body, provisioningParameters: undefined };
}
