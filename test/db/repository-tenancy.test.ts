// Every repository takes the tenant id; none may read or write another tenant's rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/repositories/audit-events.ts';
import { findCustomerById, findCustomerByRef, listCustomers } from '../../src/db/repositories/customers.ts';
import {
  deleteLocationRow,
  findLocation,
  findLocationByName,
  listLocations,
  updateLocationRow,
} from '../../src/db/repositories/locations.ts';
import {
  deleteFreePhoneNumbers,
  findPhoneNumber,
  listPhoneNumbers,
} from '../../src/db/repositories/phone-numbers.ts';
import {
  deleteUserRow,
  findRelevantUsers,
  findUser,
  findUserByEmail,
  listUsers,
  updateUserRow,
} from '../../src/db/repositories/users.ts';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { createLocation } from '../../src/services/locations/location-service.ts';
import { addNumbers } from '../../src/services/numbers/number-service.ts';
import { createUser } from '../../src/services/users/user-service.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { createPartner, createTestCustomer, operatorContext } from '../helpers/factories.ts';

describe('repositories never cross tenants', () => {
  const database = useTestDatabase();
  let partnerA: string;
  let partnerB: string;
  let customerA: CustomerView;
  let customerB: CustomerView;
  let locationA: string;
  let userA: string;

  beforeAll(async () => {
    const { db } = database();
    partnerA = await createPartner(db, 'Partner A');
    partnerB = await createPartner(db, 'Partner B');
    customerA = await createTestCustomer(db, partnerA, { externalId: 'SAME-EXT', provision: true });
    customerB = await createTestCustomer(db, partnerB, { externalId: 'SAME-EXT' });
    const context = operatorContext(db, partnerA);
    locationA = (
      await createLocation(context, customerA.id, { name: 'HQ', country: 'NL', timeZone: 'Europe/Amsterdam' })
    ).id;
    await createLocation(operatorContext(db, partnerB), customerB.id, {
      name: 'HQ',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
    await addNumbers(context, customerA.id, 'HQ', ['+31201234500-+31201234509']);
    userA = (
      await createUser(context, customerA.id, {
        email: 'anna@a.example',
        firstName: 'Anna',
        package: 'webex_calling',
        location: 'HQ',
        extension: '1001',
        phoneNumber: '+31201234501',
        preferredWebexSite: 'a.webex.com',
      })
    ).id;
  });

  it('customers: a partner scope sees only its own customers, also by externalId', async () => {
    const { db } = database();
    expect(
      await findCustomerById(db, { partnerId: partnerB, customerId: null }, customerA.id),
    ).toBeUndefined();
    expect(
      await findCustomerById(db, { partnerId: null, customerId: customerB.id }, customerA.id),
    ).toBeUndefined();
    const byRef = await findCustomerByRef(
      db,
      { partnerId: partnerB, customerId: null, actingPartnerId: partnerB },
      'SAME-EXT',
    );
    expect(byRef?.id).toBe(customerB.id);
    const listed = await listCustomers(
      db,
      { partnerId: partnerB, customerId: null },
      { after: null, limit: 100 },
    );
    expect(listed.map((row) => row.id)).toEqual([customerB.id]);
  });

  it('locations: another customer can neither read, edit nor delete them', async () => {
    const { db } = database();
    expect(await findLocation(db, customerB.id, locationA)).toBeUndefined();
    expect((await listLocations(db, customerB.id)).map((row) => row.id)).not.toContain(locationA);
    expect((await findLocationByName(db, customerB.id, 'HQ'))?.id).not.toBe(locationA);
    expect(await updateLocationRow(db, customerB.id, locationA, { name: 'Stolen' })).toBeUndefined();
    await deleteLocationRow(db, customerB.id, locationA);
    expect((await findLocation(db, customerA.id, locationA))?.name).toBe('HQ');
  });

  it('phone numbers: invisible and undeletable from another customer', async () => {
    const { db } = database();
    expect(await listPhoneNumbers(db, customerB.id, { limit: 100 })).toEqual([]);
    expect(await findPhoneNumber(db, customerB.id, '+31201234500')).toBeUndefined();
    expect(await deleteFreePhoneNumbers(db, customerB.id, ['+31201234500'])).toEqual([]);
    expect(await findPhoneNumber(db, customerA.id, '+31201234500')).toBeDefined();
  });

  it('users: another customer can neither read, update nor delete them', async () => {
    const { db } = database();
    expect(await findUser(db, customerB.id, userA)).toBeUndefined();
    expect(await findUserByEmail(db, customerB.id, 'anna@a.example')).toBeUndefined();
    expect(
      await findRelevantUsers(db, customerB.id, {
        emails: ['anna@a.example'],
        extensions: ['1001'],
        phoneNumbers: ['+31201234501'],
      }),
    ).toEqual([]);
    expect(await listUsers(db, customerB.id, { after: null, limit: 100 })).toEqual([]);
    await expect(updateUserRow(db, customerB.id, userA, { first_name: 'Mallory' })).rejects.toThrow();
    await deleteUserRow(db, customerB.id, userA);
    expect((await findUser(db, customerA.id, userA))?.first_name).toBe('Anna');
  });

  it('audit events: each customer reads only its own', async () => {
    const { db } = database();
    const eventsB = await listAuditEvents(db, customerB.id, { beforeId: null, limit: 100 });
    expect(eventsB.length).toBeGreaterThan(0);
    expect(eventsB.every((event) => event.customer_id === customerB.id)).toBe(true);
  });

  it('the schema refuses a user holding a number of another location or customer', async () => {
    const { db } = database();
    const stolenNumber = updateUserRow(db, customerA.id, userA, { phone_number: '+31209999999' });
    await expect(stolenNumber).rejects.toMatchObject({ code: '23503' });
  });
});
