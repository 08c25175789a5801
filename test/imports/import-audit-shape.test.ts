// An import's audit rows have the before -> after of the same change made through the API
// (apply-user-plan.ts): whole user states, `before` null for a create and `after` null for a
// delete. The audit page and API consumers read both channels alike.
import { describe, expect, it } from 'vitest';
import { toUserState } from '../../src/db/repositories/users.ts';
import type { UserRow } from '../../src/db/schema.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile } from './import-helpers.ts';
import { createFixtureCustomer, fixture } from './import-setup.ts';

describe('audit rows of a CSV import', () => {
  const database = useTestDatabase();

  it('record each user change as whole user states before and after', async () => {
    const customer = await createFixtureCustomer(database());
    const first = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      fixture('01-add-basic.csv'),
      'add-only',
    );
    const user = async (email: string): Promise<UserRow | undefined> =>
      database().db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    const annaBefore = await user('anna@devries.example');
    const carlaBefore = await user('carla@devries.example');
    if (!annaBefore || !carlaBefore) throw new Error('01-add-basic.csv did not add Anna and Carla');

    const outcome = await runImportFile(
      database(),
      customer.context,
      customer.customerId,
      fixture('04-add-and-remove.csv'),
      'add-remove',
    );
    const carlaAfter = await user('carla@devries.example');
    if (!carlaAfter) throw new Error('04-add-and-remove.csv removed Carla');
    const audits = (job: string) =>
      database()
        .db.selectFrom('audit_events')
        .select(['action', 'target_id', 'before', 'after'])
        .where('job_id', '=', job)
        .orderBy('id')
        .execute();

    expect(await audits(outcome.view.id)).toEqual([
      { action: 'user.delete', target_id: annaBefore.id, before: toUserState(annaBefore), after: null },
      {
        action: 'user.update',
        target_id: carlaBefore.id,
        before: toUserState(carlaBefore),
        after: toUserState(carlaAfter),
      },
    ]);
    const created = (await audits(first.view.id)).find((row) => row.target_id === carlaBefore.id);
    expect(created).toEqual({
      action: 'user.create',
      target_id: carlaBefore.id,
      before: null,
      after: toUserState(carlaBefore),
    });
  });
});
