import { describe, expect, it } from 'vitest';
import type { PackageId } from '../../domain/packages/catalog.ts';
import {
  callingParametersUse,
  isCallingEntitled,
  type CallingParametersUse,
  type SubscriberCalling,
} from './subscriber-calling-parameters.ts';

const OWN = '0b7f3c1e-5a2d-4c8e-9f10-2b3c4d5e6f70';
const FOREIGN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const WEBEX_ID = 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzEyMzQ';

const entitled: SubscriberCalling = { location_id: OWN, extension: '5100', phone_number: null };
const withNumberOnly: SubscriberCalling = { location_id: OWN, extension: null, phone_number: '+31201234567' };
const meetings: SubscriberCalling = { location_id: null, extension: null, phone_number: null };
const locationOnly: SubscriberCalling = { location_id: OWN, extension: null, phone_number: null };

const cases: ReadonlyArray<{
  name: string;
  subscriber: SubscriberCalling;
  packageId: PackageId;
  locationId: string | undefined;
  expected: CallingParametersUse['kind'];
}> = [
  {
    name: 'not entitled, to calling, own id',
    subscriber: meetings,
    packageId: 'webex_calling',
    locationId: OWN,
    expected: 'use',
  },
  {
    name: 'not entitled, to calling, a name',
    subscriber: meetings,
    packageId: 'webex_calling',
    locationId: 'HQ',
    expected: 'use',
  },
  {
    name: 'not entitled, to calling, no location',
    subscriber: meetings,
    packageId: 'webex_suite',
    locationId: undefined,
    expected: 'use',
  },
  {
    name: 'not entitled, to calling, foreign id',
    subscriber: meetings,
    packageId: 'webex_calling',
    locationId: FOREIGN,
    expected: 'unknown_location',
  },
  {
    name: 'location without number or extension is not entitled',
    subscriber: locationOnly,
    packageId: 'webex_calling',
    locationId: OWN,
    expected: 'use',
  },
  {
    name: 'entitled, own id',
    subscriber: entitled,
    packageId: 'webex_suite',
    locationId: OWN,
    expected: 'ignore',
  },
  {
    name: 'entitled by number, own id',
    subscriber: withNumberOnly,
    packageId: 'webex_suite',
    locationId: OWN,
    expected: 'ignore',
  },
  {
    name: 'entitled, a Webex id',
    subscriber: entitled,
    packageId: 'webex_suite',
    locationId: WEBEX_ID,
    expected: 'ignore',
  },
  {
    name: 'entitled, a name',
    subscriber: entitled,
    packageId: 'webex_calling',
    locationId: 'Foreign HQ',
    expected: 'ignore',
  },
  {
    name: 'entitled, foreign id',
    subscriber: entitled,
    packageId: 'webex_suite',
    locationId: FOREIGN,
    expected: 'unknown_location',
  },
  {
    name: 'to Meetings, own id',
    subscriber: meetings,
    packageId: 'webex_meetings',
    locationId: OWN,
    expected: 'ignore',
  },
  {
    name: 'to Meetings, a name',
    subscriber: meetings,
    packageId: 'webex_meetings',
    locationId: 'HQ',
    expected: 'ignore',
  },
  {
    name: 'to Meetings, foreign id',
    subscriber: meetings,
    packageId: 'webex_meetings',
    locationId: FOREIGN,
    expected: 'unknown_location',
  },
  {
    name: 'entitled to Meetings, own id',
    subscriber: entitled,
    packageId: 'webex_meetings',
    locationId: OWN,
    expected: 'ignore',
  },
];

describe('callingParametersUse', () => {
  it.each(cases)('$name: $expected', ({ subscriber, packageId, locationId, expected }) => {
    const own = new Set([OWN]);
    const use = callingParametersUse({
      subscriber,
      packageId,
      locationId,
      isOwnLocation: (id) => own.has(id),
    });
    expect(use).toEqual(
      expected === 'unknown_location' ? { kind: expected, locationId } : { kind: expected },
    );
  });

  it('asks about a location only for an id-shaped value', () => {
    const asked: string[] = [];
    for (const locationId of ['HQ', WEBEX_ID, undefined, OWN]) {
      callingParametersUse({
        subscriber: entitled,
        packageId: 'webex_suite',
        locationId,
        isOwnLocation: (id) => {
          asked.push(id);
          return true;
        },
      });
    }
    expect(asked).toEqual([OWN]);
  });
});

describe('isCallingEntitled', () => {
  it.each([
    { subscriber: entitled, expected: true },
    { subscriber: withNumberOnly, expected: true },
    { subscriber: locationOnly, expected: false },
    { subscriber: meetings, expected: false },
    { subscriber: { location_id: null, extension: '5100', phone_number: null }, expected: false },
  ])('$subscriber → $expected', ({ subscriber, expected }) => {
    expect(isCallingEntitled(subscriber)).toBe(expected);
  });
});
