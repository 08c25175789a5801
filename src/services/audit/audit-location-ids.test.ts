import { describe, expect, it } from 'vitest';
import { auditLocationIds } from './audit-location-ids.ts';

const hq = '0b5c7a3e-1f2d-4c1b-9e8a-2a6f0c3d4e5f';
const branch = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

describe('auditLocationIds', () => {
  it.each([
    ['a user state', { target_type: 'user', target_id: 'u1', before: null, after: { locationId: hq } }, [hq]],
    [
      'a move between locations',
      { target_type: 'user', target_id: 'u1', before: { locationId: hq }, after: { locationId: branch } },
      [hq, branch],
    ],
    [
      'a location target',
      { target_type: 'location', target_id: hq, before: null, after: { ranges: ['+31201234500'] } },
      [hq],
    ],
    [
      'numbers nested in a list',
      { target_type: 'user', target_id: 'u1', before: null, after: { numbers: [{ locationId: branch }] } },
      [branch],
    ],
    [
      'names and non-ids',
      {
        target_type: 'location',
        target_id: 'Amsterdam HQ',
        before: { locationId: 'Amsterdam HQ' },
        after: { locationId: null, location: hq },
      },
      [],
    ],
    ['no states', { target_type: 'customer', target_id: 'c1', before: null, after: null }, []],
  ])('%s', (_, event, ids) => {
    expect([...auditLocationIds(event)].sort()).toEqual([...ids].sort());
  });
});
