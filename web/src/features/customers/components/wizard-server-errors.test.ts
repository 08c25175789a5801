import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error.ts';
import { wizardFieldOf, wizardServerErrors } from './wizard-server-errors.ts';

const t = (key: string) => key;

describe('wizardFieldOf', () => {
  it.each([
    ['externalId', 'externalId'],
    ['name', 'name'],
    ['address.city', 'city'],
    ['address.addressLine1', 'addressLine1'],
    ['firstLocation.name', 'locationName'],
    ['firstLocation.timeZone', 'locationTimeZone'],
    ['packages', 'packages'],
    ['packages.0.limit', 'packages'],
    ['firstLocation.country', null],
    ['unknown', null],
  ])('%s → %s', (path, field) => {
    expect(wizardFieldOf(path)).toBe(field);
  });
});

describe('wizardServerErrors', () => {
  it('sends the admin to the earliest step holding a refused field', () => {
    const error = new ApiError(
      409,
      'Taken',
      [
        { code: 'x', field: 'firstLocation.name', description: 'Bad location name' },
        { code: 'external_id_taken', field: 'externalId', description: 'Already used' },
      ],
      null,
    );
    expect(wizardServerErrors(error, t)).toEqual({
      byField: { locationName: 'Bad location name', externalId: 'Already used' },
      stepIndex: 0,
    });
  });

  it('stays put when no detail names a field', () => {
    const error = new ApiError(409, 'Taken', [{ code: 'x', description: 'Nope' }], null);
    expect(wizardServerErrors(error, t)).toEqual({ byField: {}, stepIndex: null });
  });
});
