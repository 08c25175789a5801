import { describe, expect, it } from 'vitest';
import { jobDefinitions } from './registry.ts';
import { lanesFor, OTHER_LANE, WORKER_LANES } from './worker-lanes.ts';

describe('worker lanes', () => {
  it('give every registered job kind exactly one named lane', () => {
    for (const { kind } of jobDefinitions)
      expect(WORKER_LANES.filter((lane) => lane.kinds.includes(kind)).map((lane) => lane.name)).toHaveLength(
        1,
      );
  });

  it('name no kind that is not registered', () => {
    const registered = jobDefinitions.map((definition) => definition.kind);
    expect(WORKER_LANES.flatMap((lane) => lane.kinds).filter((kind) => !registered.includes(kind))).toEqual(
      [],
    );
  });

  it.each([
    {
      given: jobDefinitions.map((definition) => definition.kind),
      lanes: WORKER_LANES.map((lane) => ({ name: lane.name, kinds: [...lane.kinds] })),
    },
    { given: ['import-users'], lanes: [{ name: 'customers', kinds: ['import-users'] }] },
    { given: ['sign-up'], lanes: [{ name: 'email', kinds: ['sign-up'] }] },
    {
      given: ['test.a', 'deliver-email', 'test.b'],
      lanes: [
        { name: 'email', kinds: ['deliver-email'] },
        { name: OTHER_LANE, kinds: ['test.a', 'test.b'] },
      ],
    },
    { given: [], lanes: [] },
  ])('run $given in $lanes.length lane(s)', ({ given, lanes }) => {
    expect(lanesFor(given)).toEqual(lanes);
  });
});
