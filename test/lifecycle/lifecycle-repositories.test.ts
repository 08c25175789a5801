// The tables of migration 0003 on a real database: free accounts, customer domains (one tenant
// cannot read another's), claimable accounts and the status-change time kept by a trigger.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deleteCustomerDomain,
  domainVerifiedElsewhere,
  findCustomerDomain,
  insertCustomerDomain,
  listCustomerDomains,
  markDomainChecked,
  verifiedDomains,
} from '../../src/db/repositories/customer-domains.ts';
import {
  findFreeAccountByEmail,
  insertFreeAccount,
  listClaimableAccounts,
  markFreeAccountVerified,
} from '../../src/db/repositories/free-accounts.ts';
import { useTestDatabase } from '../helpers/database.ts';

const database = useTestDatabase();
let customerA: string;
let customerB: string;

beforeAll(async () => {
  const { db } = database();
  const partner = await db
    .insertInto('partners')
    .values({ name: 'Partner' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const insert = (externalId: string) =>
    db
      .insertInto('customers')
      .values({
        partner_id: partner.id,
        name: externalId,
        external_id: externalId,
        admin_email: `${externalId}@x.com`,
        country: 'NL',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  customerA = (await insert('a')).id;
  customerB = (await insert('b')).id;
});

describe('free accounts', () => {
  it('are unique by email, case-insensitively', async () => {
    const { db } = database();
    await insertFreeAccount(db, {
      email: 'Jan@Acme.com',
      firstName: 'Jan',
      lastName: null,
      source: 'operator',
      active: true,
    });
    await expect(
      insertFreeAccount(db, {
        email: 'jan@acme.COM',
        firstName: null,
        lastName: null,
        source: 'signup',
        active: false,
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await findFreeAccountByEmail(db, 'JAN@acme.com'))?.email).toBe('jan@acme.com');
  });

  it('become active when verified', async () => {
    const { db } = database();
    const account = await insertFreeAccount(db, {
      email: 'new@acme.com',
      firstName: null,
      lastName: null,
      source: 'signup',
      active: false,
    });
    expect(account.status).toBe('unverified');
    const verified = await markFreeAccountVerified(db, account.id);
    expect(verified?.status).toBe('active');
    expect(verified?.email_verified_at).toBeInstanceOf(Date);
  });

  it('are claimable only when active, in the domain and not a user anywhere', async () => {
    const { db } = database();
    await insertFreeAccount(db, {
      email: 'piet@acme.com',
      firstName: null,
      lastName: null,
      source: 'operator',
      active: true,
    });
    await insertFreeAccount(db, {
      email: 'unverified@acme.com',
      firstName: null,
      lastName: null,
      source: 'signup',
      active: false,
    });
    await insertFreeAccount(db, {
      email: 'sub@mail.acme.com',
      firstName: null,
      lastName: null,
      source: 'operator',
      active: true,
    });
    await insertFreeAccount(db, {
      email: 'pending@acme.com',
      firstName: null,
      lastName: null,
      source: 'operator',
      active: true,
    });
    await db
      .insertInto('users')
      .values({ customer_id: customerB, email: 'Pending@acme.com', status: 'pending_user_migration' })
      .execute();
    const claimable = await listClaimableAccounts(db, ['acme.com'], { afterEmail: null, limit: 10 });
    expect(claimable.map((row) => row.email)).toEqual(['jan@acme.com', 'new@acme.com', 'piet@acme.com']);
    const second = await listClaimableAccounts(db, ['acme.com'], { afterEmail: 'jan@acme.com', limit: 1 });
    expect(second.map((row) => row.email)).toEqual(['new@acme.com']);
  });
});

describe('customer domains', () => {
  it('are read and written only through their customer', async () => {
    const { db } = database();
    const row = await insertCustomerDomain(db, customerA, 'acme.com', 'tokentokentoken123');
    expect(await findCustomerDomain(db, customerB, row.id)).toBeUndefined();
    expect(await findCustomerDomain(db, customerB, 'acme.com')).toBeUndefined();
    expect(await listCustomerDomains(db, customerB)).toEqual([]);
    await deleteCustomerDomain(db, customerB, row.id);
    expect((await findCustomerDomain(db, customerA, 'ACME.com'))?.id).toBe(row.id);
  });

  it('may be verified by one customer only', async () => {
    const { db } = database();
    const mine = await insertCustomerDomain(db, customerA, 'shared.example', 'tokentokentoken123');
    const theirs = await insertCustomerDomain(db, customerB, 'shared.example', 'othertokenothertoken');
    await markDomainChecked(db, customerA, mine.id, true);
    expect(await verifiedDomains(db, customerA)).toEqual(['shared.example']);
    expect(await domainVerifiedElsewhere(db, customerB, 'shared.example')).toBe(true);
    await expect(markDomainChecked(db, customerB, theirs.id, true)).rejects.toMatchObject({ code: '23505' });
  });
});

describe('users.status_changed_at', () => {
  it('moves when the status changes and only then', async () => {
    const { db } = database();
    const user = await db
      .insertInto('users')
      .values({ customer_id: customerA, email: 'status@acme.com', status: 'pending_user_migration' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const read = async () =>
      (
        await sql<{ at: Date }>`select status_changed_at as at from users where id = ${user.id}`.execute(db)
      ).rows[0]?.at.getTime();
    await sql`update users set status_changed_at = now() - interval '1 hour' where id = ${user.id}`.execute(
      db,
    );
    const before = await read();
    await db.updateTable('users').set({ first_name: 'Name' }).where('id', '=', user.id).execute();
    expect(await read()).toBe(before);
    await db.updateTable('users').set({ status: 'provisioned' }).where('id', '=', user.id).execute();
    expect(await read()).toBeGreaterThan(before ?? 0);
  });
});
