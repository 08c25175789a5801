import { describe, expect, it } from 'vitest';
import { suggestedPoolSize, workerConnections } from './worker-connections.ts';

describe('worker connections', () => {
  it.each([
    // The inline worker before the customers lane had loops: helper-160's 5.
    { loops: 2, housekeeping: true, sharesPoolWithHttp: true, connections: 3, pool: 5 },
    // The default now: two customers loops, the email loop, housekeeping, and HTTP.
    { loops: 3, housekeeping: true, sharesPoolWithHttp: true, connections: 4, pool: 6 },
    // `hub worker`: no HTTP requests share its pool.
    { loops: 3, housekeeping: true, sharesPoolWithHttp: false, connections: 4, pool: 4 },
    { loops: 5, housekeeping: false, sharesPoolWithHttp: true, connections: 5, pool: 7 },
  ])(
    '$loops loops (housekeeping $housekeeping, HTTP $sharesPoolWithHttp): $connections connections, a pool of $pool',
    (needs) => {
      expect(workerConnections(needs)).toBe(needs.connections);
      expect(suggestedPoolSize(needs)).toBe(needs.pool);
    },
  );
});
