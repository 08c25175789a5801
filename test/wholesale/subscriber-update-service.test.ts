// The Wholesale subscriber update's location rule lives in the service, not in the route: called
// directly, updateWholesaleSubscriber refuses a `locationId` in the form of our ids that is not a
// location of the subscriber's customer (400 unknown_location, as the route answers 10012) and
// changes nothing, whatever its package asks; it decides that in the update's own transaction,
// under the user's lock (PostgreSQL: a second connection holds that lock, and the refusal waits).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import {
  createWholesaleSubscriber,
  updateWholesaleSubscriber,
  type SubscriberUpdateInput,
} from '../../src/services/provisioning/wholesale-subscribers.ts';
import { useTestApp } from '../helpers/app.ts';
import { createPartner, createTestCustomer, operatorContext } from '../helpers/factories.ts';
import { holdLockInTransaction, lockWaiters } from '../helpers/lock-waiters.ts';

const harness = useTestApp();

let context: ServiceContext;
let customerId = '';
let ownLocationId = '';
let foreignLocationId = '';

async function addLocation(owner: string, name: string): Promise<string> {
  const { app, tokens, auth } = harness();
  const response = await app.inject({
    method: 'POST',
    url: `/v1/customers/${owner}/locations`,
    headers: auth(tokens.operator),
    payload: {
      name,
      country: 'NL',
      city: 'Utrecht',
      addressLine1: 'Oudegracht 1',
      timeZone: 'Europe/Amsterdam',
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function addSubscriber(email: string, pkg: string, withCalling: boolean): Promise<string> {
  const subscriber = await createWholesaleSubscriber(context, {
    customerId,
    email,
    package: pkg,
    provisioningParameters: withCalling ? { locationId: ownLocationId, extension: nextExtension() } : {},
  });
  return subscriber.id;
}

let extension = 6100;
function nextExtension(): string {
  extension += 1;
  return String(extension);
}

/** Everything an update could change: the user's row, its audit trail and the queued jobs. */
async function traceOf(userId: string) {
  const { database } = harness();
  const user = await database.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  const audits = await database.db
    .selectFrom('audit_events')
    .select(['id', 'action'])
    .where('target_id', '=', userId)
    .orderBy('id')
    .execute();
  const jobs = await database.db.selectFrom('jobs').select('id').orderBy('id').execute();
  return { user, audits, jobs };
}

async function refusal(userId: string, input: SubscriberUpdateInput): Promise<AppError> {
  const error: unknown = await updateWholesaleSubscriber(context, userId, input).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The planner's refusal of an unknown location, which the Wholesale API answers as 10012. */
function unknownLocation(locationId: string) {
  return [
    expect.objectContaining({
      code: 'unknown_location',
      field: 'location',
      description: expect.stringContaining(locationId),
    }),
  ];
}

beforeAll(async () => {
  const { database, partnerId } = harness();
  context = operatorContext(database.db, partnerId, { type: 'token', role: 'partner_full_admin' });
  const own = await createTestCustomer(database.db, partnerId, { provision: true });
  const otherPartner = await createPartner(database.db, 'Elsewhere Partner');
  const foreign = await createTestCustomer(database.db, otherPartner, { provision: true });
  customerId = own.id;
  ownLocationId = await addLocation(own.id, 'Service HQ');
  foreignLocationId = await addLocation(foreign.id, 'Elsewhere HQ');
});

describe('updateWholesaleSubscriber with a locationId outside the subscriber’s customer', () => {
  const subjects = [
    { name: 'an entitled Calling subscriber', pkg: 'webex_calling', withCalling: true, to: 'webex_suite' },
    {
      name: 'a Meetings subscriber moving to Calling',
      pkg: 'webex_meetings',
      withCalling: false,
      to: 'webex_calling',
    },
    {
      name: 'a Meetings subscriber staying on Meetings',
      pkg: 'webex_meetings',
      withCalling: false,
      to: 'webex_meetings',
    },
  ];

  it.each(subjects)('$name: refused as unknown, nothing changes', async (subject) => {
    const id = await addSubscriber(
      `${subject.to}-${subject.pkg}@update-service.example`,
      subject.pkg,
      subject.withCalling,
    );
    for (const locationId of [foreignLocationId, randomUUID()]) {
      const before = await traceOf(id);
      const error = await refusal(id, {
        package: subject.to,
        provisioningParameters: { locationId, extension: nextExtension() },
      });
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual(unknownLocation(locationId));
      expect(await traceOf(id)).toEqual(before);
    }
  });

  it('the same update with the customer’s own location goes through', async () => {
    const id = await addSubscriber('own@update-service.example', 'webex_meetings', false);
    const updated = await updateWholesaleSubscriber(context, id, {
      package: 'webex_calling',
      provisioningParameters: { locationId: ownLocationId, extension: nextExtension() },
    });
    expect(updated).toMatchObject({ package: 'webex_calling' });
    const { user } = await traceOf(id);
    expect(user).toMatchObject({ package: 'webex_calling', location_id: ownLocationId });
  });

  it('an entitled subscriber given its own location id in upper case: ignored, as before', async () => {
    const id = await addSubscriber('own-upper@update-service.example', 'webex_calling', true);
    const updated = await updateWholesaleSubscriber(context, id, {
      package: 'webex_suite',
      provisioningParameters: { locationId: ownLocationId.toUpperCase(), extension: nextExtension() },
    });
    expect(updated).toMatchObject({ package: 'webex_suite' });
  });
});

describe.runIf(inject('testDatabase').kind === 'postgres')('the location rule and the update’s lock', () => {
  it('refuses only once it holds the user’s lock: the rule runs in the update’s transaction', async () => {
    const { database } = harness();
    const id = await addSubscriber('locked@update-service.example', 'webex_calling', true);
    const lock = await holdLockInTransaction(database, (trx) =>
      trx.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute(),
    );
    const update = refusal(id, {
      package: 'webex_suite',
      provisioningParameters: { locationId: foreignLocationId, extension: nextExtension() },
    });
    try {
      await lockWaiters(database, 1);
    } finally {
      await lock.release();
    }
    expect((await update).details).toEqual(unknownLocation(foreignLocationId));
  });
});
