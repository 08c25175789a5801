// Demo data for `npm start` (`hub serve --demo`): added once, and only to an empty deployment.
// The credentials are kept in the data dir so every later demo start can print them again.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Runtime } from '../../runtime.ts';
import { systemActor } from '../access/actor.ts';
import { API_TOKEN_PREFIX, hashToken, randomToken } from '../auth/secrets.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { ServiceContext } from '../context.ts';
import { createCustomer } from '../customers/customer-service.ts';
import { createLocation } from '../locations/location-service.ts';
import { addNumbers } from '../numbers/number-service.ts';
import { runCustomerProvisioning } from '../provisioning/customer-provisioning.ts';
import { createUser } from '../users/user-service.ts';
import { insertApiToken } from '../../db/repositories/credentials.ts';
import { makeDirectory } from '../../lib/make-directory.ts';

export interface DemoCredentials {
  readonly email: string;
  readonly password: string;
  readonly token: string;
  readonly customerId: string;
}

const DEMO_EMAIL = 'admin@demo-partner.example';

function credentialsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-credentials.json');
}

async function isEmpty(runtime: Runtime): Promise<boolean> {
  const row = await sql<{ customers: number; admins: number }>`
    select (select count(*)::int from customers) as customers, (select count(*)::int from admin_accounts) as admins`.execute(
    runtime.database.db,
  );
  const counts = row.rows[0];
  return !counts || (counts.customers === 0 && counts.admins === 0);
}

/** Seeds when the deployment is empty; answers the demo credentials (null when never seeded here). */
export async function seedDemo(runtime: Runtime): Promise<DemoCredentials | null> {
  const { db } = runtime.database;
  if (!(await isEmpty(runtime))) {
    try {
      return JSON.parse(await readFile(credentialsFile(runtime.config.dataDir), 'utf8')) as DemoCredentials;
    } catch {
      return null;
    }
  }
  const partner = runtime.deployment.defaultPartner;
  await db.updateTable('partners').set({ name: 'Demo Partner' }).where('id', '=', partner.id).execute();
  const password = randomBytes(9).toString('base64url');
  const admin = await db
    .insertInto('admin_accounts')
    .values({
      partner_id: partner.id,
      email: DEMO_EMAIL,
      display_name: 'Demo Admin',
      role: 'partner_full_admin',
      password_hash: await hashPassword(password),
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = randomToken(API_TOKEN_PREFIX);
  await insertApiToken(db, {
    partnerId: partner.id,
    customerId: null,
    createdBy: admin.id,
    name: 'demo',
    role: 'partner_full_admin',
    tokenHash: hashToken(token),
    prefix: token.slice(0, 10),
    expiresAt: null,
  });

  const context: ServiceContext = {
    db,
    actor: systemActor(partner.id, 'demo-seed'),
    requestId: 'demo-seed',
    locale: 'en',
  };
  const customer = await createCustomer(context, {
    name: 'Bakkerij De Vries',
    externalId: 'DEVRIES-001',
    adminEmail: 'beheer@devries.example',
    country: 'NL',
    address: { addressLine1: 'Damrak 1', city: 'Amsterdam', zipCode: '1012 LG' },
    language: 'nl_NL',
    packages: [
      { id: 'webex_voice' },
      { id: 'webex_calling' },
      { id: 'webex_calling_standard' },
      { id: 'webex_meetings' },
      { id: 'webex_suite', limit: 50 },
      { id: 'attendant_console', limit: 5 },
    ],
  });
  // Provision now rather than in the worker: users can be added only to a provisioned customer.
  await runCustomerProvisioning(db, { customerId: customer.id });
  await createLocation(context, customer.id, {
    name: 'Amsterdam HQ',
    country: 'NL',
    city: 'Amsterdam',
    addressLine1: 'Damrak 1',
    timeZone: 'Europe/Amsterdam',
  });
  await addNumbers(context, customer.id, 'Amsterdam HQ', ['+31201234500-+31201234599']);
  const users = [
    {
      email: 'anna@devries.example',
      firstName: 'Anna',
      lastName: 'de Vries',
      package: 'webex_calling',
      extension: '1001',
      phoneNumber: '+31201234501',
    },
    {
      email: 'bram@devries.example',
      firstName: 'Bram',
      lastName: 'Jansen',
      package: 'webex_suite',
      extension: '1002',
    },
    { email: 'carla@devries.example', firstName: 'Carla', lastName: 'Bakker', package: 'webex_meetings' },
    { email: 'dirk@devries.example', firstName: 'Dirk', lastName: 'Smit', package: 'webex_voice' },
  ] as const;
  for (const user of users) {
    await createUser(context, customer.id, {
      ...user,
      preferredWebexSite: user.package === 'webex_voice' ? undefined : 'devries.webex.com',
      location: 'extension' in user ? 'Amsterdam HQ' : undefined,
    });
  }
  const credentials: DemoCredentials = { email: DEMO_EMAIL, password, token, customerId: customer.id };
  await keepCredentials(runtime, credentials);
  return credentials;
}

/**
 * Writes the credentials for later starts to print. A data dir that cannot be written (on
 * PostgreSQL nothing else needs it) costs only that: the database is seeded already and its
 * password exists nowhere else, so the login is still answered, and printed, this once.
 */
async function keepCredentials(runtime: Runtime, credentials: DemoCredentials): Promise<void> {
  const file = credentialsFile(runtime.config.dataDir);
  try {
    // On PostgreSQL nothing else has made the data dir: the database lives elsewhere.
    await makeDirectory(runtime.config.dataDir);
    await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  } catch (error) {
    runtime.logger.warn(
      { file, reason: (error as Error).message },
      'could not keep the demo credentials in the data dir (HUB_DATA_DIR): the login below is printed this once only, note it',
    );
  }
}
