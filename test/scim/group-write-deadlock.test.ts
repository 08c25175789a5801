// A SCIM group write locks the group, then the members whose groups changed; deleting a user locks
// the user, then (migration 0012's trigger) its groups. When both meet, PostgreSQL aborts one of
// them for the deadlock; the services run it again (retryingDeadlocks), so the identity provider
// gets its 200 and 204 instead of a 500. Two real connections interleaved: PostgreSQL only.
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, GROUP_SCHEMA, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';
import { lockWaiters } from '../helpers/lock-waiters.ts';

const testApp = useTestApp();

async function userId(scim: ScimCustomer, userName: string): Promise<string> {
  const response = await scim.request('POST', '/Users', scimUser(userName));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

describe.runIf(inject('testDatabase').kind === 'postgres')('SCIM group write meeting a user deletion', () => {
  it('answers both, one of them run again after PostgreSQL broke the deadlock', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const leaving = await userId(scim, 'leaving@deadlock.example');
    const joining = await userId(scim, 'joining@deadlock.example');
    const created = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Crossing',
      members: [{ value: leaving }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const groupId = (created.json() as { id: string }).id;

    // A third transaction holds the joining user, so the group write stops after it locked the group.
    let release = (): void => undefined;
    let held = (): void => undefined;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holder = harness.database.db.transaction().execute(async (trx) => {
      await sql`select id from users where id = ${joining} for update`.execute(trx);
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await holding;

    const replace = scim.request('PUT', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Crossing',
      members: [{ value: joining }],
    });
    await lockWaiters(harness.database, 1); // the group write, holding the group, waits for `joining`
    const remove = scim.request('DELETE', `/Users/${leaving}`);
    await lockWaiters(harness.database, 2); // the deletion, holding `leaving`, waits for the group
    release(); // the group write goes on to `leaving`: the two now wait for each other
    await holder;

    const [replaced, removed] = await Promise.all([replace, remove]);
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(removed.statusCode, removed.body).toBe(204);
    const group = (await scim.request('GET', `/Groups/${groupId}`)).json() as {
      members: { value: string }[];
    };
    expect(group.members.map((member) => member.value)).toEqual([joining]);
  });
});
