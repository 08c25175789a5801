// Factories that fill a test database through the real services (or, for credentials, the
// repositories), so tests start from states the product itself can produce.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../src/db/schema.ts';
import { insertApiToken } from '../../src/db/repositories/credentials.ts';
import type { Actor } from '../../src/services/access/actor.ts';
import { systemActor } from '../../src/services/access/actor.ts';
import { API_TOKEN_PREFIX, hashToken, randomToken } from '../../src/services/auth/secrets.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import {
  createCustomer,
  getCustomerView,
  type CreateCustomerInput,
} from '../../src/services/customers/customer-service.ts';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { runCustomerProvisioning } from '../../src/services/provisioning/customer-provisioning.ts';

export async function createPartner(
  db: Kysely<DB>,
  name = `Partner ${randomUUID().slice(0, 6)}`,
): Promise<string> {
  const row = await db.insertInto('partners').values({ name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function createApiToken(
  db: Kysely<DB>,
  grant: { partnerId: string; role: Role; customerId?: string | null; name?: string },
): Promise<string> {
  const token = randomToken(API_TOKEN_PREFIX);
  await insertApiToken(db, {
    partnerId: grant.partnerId,
    customerId: grant.customerId ?? null,
    createdBy: null,
    name: grant.name ?? grant.role,
    role: grant.role,
    tokenHash: hashToken(token),
    prefix: token.slice(0, 10),
    expiresAt: null,
  });
  return token;
}

export function operatorContext(
  db: Kysely<DB>,
  partnerId: string,
  actor: Partial<Actor> = {},
): ServiceContext {
  return {
    db,
    actor: { ...systemActor(partnerId, 'test'), ...actor },
    requestId: `test-${randomUUID()}`,
    locale: 'en',
  };
}

let counter = 0;

/**
 * A customer of the partner, with all packages sold unless given. `provision: true` runs its
 * provisioning at once (users can be added only then; it also invites the customer's admin).
 */
export async function createTestCustomer(
  db: Kysely<DB>,
  partnerId: string,
  overrides: Partial<CreateCustomerInput> & { provision?: boolean } = {},
): Promise<CustomerView> {
  const { provision = false, ...fields } = overrides;
  counter += 1;
  const customer = await createCustomer(operatorContext(db, partnerId), {
    name: `Customer ${counter}`,
    externalId: `EXT-${counter}-${randomUUID().slice(0, 6)}`,
    adminEmail: `admin${counter}@customer.example`,
    country: 'NL',
    packages: [
      { id: 'webex_voice' },
      { id: 'webex_calling' },
      { id: 'webex_calling_standard' },
      { id: 'webex_meetings' },
      { id: 'webex_suite' },
      { id: 'cx_essentials' },
      { id: 'attendant_console' },
    ],
    ...fields,
  });
  if (!provision) return customer;
  await runCustomerProvisioning(db, { customerId: customer.id });
  return getCustomerView(operatorContext(db, partnerId), customer.id);
}
