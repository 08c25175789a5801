// The customer lifecycle in the background (SPEC §2): provisioning creates the org, its
// locations, enables the sold packages and invites the customer's full admin (outbox); an update
// enables and disables the packages that changed; deletion removes the org downstream first.
// Backend faults become the customer's status and errors, never a retried job: the partner sees
// `provisioned_with_errors` or `error` with `errors[{code, description}]`. Each error is stored
// with its Dutch text too (`descriptionNl`): the job has no reader, so the admin API picks the
// text in the language of whoever reads the customer; the public API answers the English one.
import type { Kysely } from 'kysely';
import { packageDisplayName } from '../../domain/packages/catalog.ts';
import { statusAfter } from '../../domain/provisioning/customer-lifecycle.ts';
import type { ProvisioningErrorRecord } from '../../domain/provisioning/public-customer.ts';
import { findAdminByEmail, insertAdmin } from '../../db/repositories/admins.ts';
import {
  listCustomerPackages,
  lockCustomerForDeletion,
  updateCustomer,
} from '../../db/repositories/customers.ts';
import { listLocations } from '../../db/repositories/locations.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';
import { systemActor } from '../access/actor.ts';
import { linkBase } from '../accounts/links.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { sendInvite } from '../auth/account-flows.ts';
import type { ServiceContext } from '../context.ts';
import { ProvisioningFault, provisioningBackend } from './provisioning-backend.ts';

export interface ProvisioningJobPayload {
  readonly customerId: string;
  /** Updates only: the sold packages that were added and removed. */
  readonly added?: readonly string[] | undefined;
  readonly removed?: readonly string[] | undefined;
  /** Updates only: a first location created by the update. */
  readonly locationIds?: readonly string[] | undefined;
}

function jobContext(db: Kysely<DB>, customer: CustomerRow, jobId: string | undefined): ServiceContext {
  return {
    db,
    actor: systemActor(customer.partner_id, 'provisioning'),
    requestId: jobId ? `job:${jobId}` : `provisioning:${customer.id}`,
    locale: 'en',
    ...(jobId ? { jobId } : {}),
  };
}

async function attempt(
  step: () => Promise<void>,
  onFault: (fault: ProvisioningFault) => void,
): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    if (!(error instanceof ProvisioningFault)) throw error;
    onFault(error);
    return false;
  }
}

async function finish(
  context: ServiceContext,
  customer: CustomerRow,
  status: CustomerRow['status'],
  errors: readonly ProvisioningErrorRecord[],
  action: string,
): Promise<void> {
  await context.db.transaction().execute(async (trx) => {
    await updateCustomer(trx, customer.id, { status, errors: JSON.stringify(errors) });
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action,
      targetType: 'customer',
      targetId: customer.id,
      before: { status: customer.status },
      after: { status, errors },
    });
  });
}

/** Invites the customer full admin unless an admin account with the email exists already. */
async function inviteCustomerAdmin(
  context: ServiceContext,
  customer: CustomerRow,
): Promise<ProvisioningErrorRecord | null> {
  const existing = await findAdminByEmail(context.db, customer.admin_email);
  if (existing) {
    if (existing.customer_id === customer.id) return null;
    // Another partner's account is not this partner's business: say only that the email is taken.
    const ownPartner = existing.partner_id === customer.partner_id;
    const why = ownPartner
      ? 'already has an admin account'
      : 'is already associated with an existing account';
    const whyNl = ownPartner ? 'heeft al een beheerdersaccount' : 'is al gekoppeld aan een bestaand account';
    return {
      code: 'admin_invite_failed',
      description: `The customer full admin could not be invited: ${customer.admin_email} ${why}.`,
      descriptionNl: `De volledige beheerder van de klant kon niet worden uitgenodigd: ${customer.admin_email} ${whyNl}.`,
    };
  }
  await context.db.transaction().execute(async (trx) => {
    const admin = await insertAdmin(trx, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      email: customer.admin_email.toLowerCase(),
      displayName: null,
      role: 'customer_full_admin',
    });
    await sendInvite(trx, context, admin, linkBase());
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'admin.invite',
      targetType: 'admin',
      targetId: admin.id,
      after: { email: admin.email, role: admin.role },
    });
  });
  return null;
}

export async function runCustomerProvisioning(
  db: Kysely<DB>,
  payload: ProvisioningJobPayload,
  jobId?: string,
): Promise<void> {
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', payload.customerId)
    .executeTakeFirst();
  if (!customer || (customer.status !== 'provisioning' && customer.status !== 'updating')) return;
  const context = jobContext(db, customer, jobId);
  const backend = provisioningBackend();
  const errors: ProvisioningErrorRecord[] = [];
  const base = { customerId: customer.id };

  if (customer.status === 'provisioning') {
    const created = await attempt(
      () =>
        backend.perform({
          ...base,
          step: 'create_org',
          details: { name: customer.name, country: customer.country },
        }),
      (fault) =>
        errors.push({
          code: 'provisioning_failed',
          description: `The organization could not be created: ${fault.message}`,
          // The backend's own text is in its language, not the reader's: a Dutch reader gets it
          // as given, labelled as that system's message, since it is the only reason there is.
          descriptionNl: `De organisatie kon niet worden aangemaakt. Melding van het inrichtingssysteem: ${fault.message}`,
        }),
    );
    if (!created) {
      await finish(
        context,
        customer,
        statusAfter({ orgCreated: false, failedSteps: 1 }),
        errors,
        'customer.provisioning_failed',
      );
      return;
    }
  }
  const locations = await listLocations(db, customer.id);
  const newLocations =
    customer.status === 'provisioning'
      ? locations
      : locations.filter((location) => payload.locationIds?.includes(location.id));
  for (const location of newLocations) {
    await attempt(
      () =>
        backend.perform({
          ...base,
          step: 'create_location',
          subject: location.id,
          details: { name: location.name },
        }),
      () =>
        errors.push({
          code: 'location_failed',
          description: `The location "${location.name}" could not be created.`,
          descriptionNl: `De locatie "${location.name}" kon niet worden aangemaakt.`,
        }),
    );
  }
  const sold = (await listCustomerPackages(db, [customer.id])).map((entry) => entry.package_id);
  const toEnable = customer.status === 'provisioning' ? sold : (payload.added ?? []);
  for (const packageId of toEnable) {
    await attempt(
      () => backend.perform({ ...base, step: 'enable_package', subject: packageId }),
      () =>
        errors.push({
          code: 'provisioning_failed',
          description: `${packageDisplayName(packageId, 'en')} could not be enabled.`,
          descriptionNl: `${packageDisplayName(packageId, 'nl')} kon niet worden ingeschakeld.`,
          packageId,
        }),
    );
  }
  for (const packageId of customer.status === 'updating' ? (payload.removed ?? []) : []) {
    await attempt(
      () => backend.perform({ ...base, step: 'disable_package', subject: packageId }),
      () =>
        errors.push({
          code: 'provisioning_failed',
          description: `${packageDisplayName(packageId, 'en')} could not be disabled.`,
          descriptionNl: `${packageDisplayName(packageId, 'nl')} kon niet worden uitgeschakeld.`,
        }),
    );
  }
  if (customer.status === 'provisioning') {
    const inviteError = await inviteCustomerAdmin(context, customer);
    if (inviteError) errors.push(inviteError);
  }
  const status = statusAfter({ orgCreated: true, failedSteps: errors.length });
  await finish(
    context,
    customer,
    status,
    errors,
    customer.status === 'provisioning' ? 'customer.provisioned' : 'customer.updated',
  );
}

/**
 * Removes the org downstream, then the customer (users, numbers, locations, admins cascade).
 * A downstream fault leaves the customer in `error`, so the partner can retry the deletion.
 */
export async function runCustomerDeletion(db: Kysely<DB>, customerId: string, jobId?: string): Promise<void> {
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer || customer.status !== 'deleting') return;
  const context = jobContext(db, customer, jobId);
  const deleted = await attempt(
    () => provisioningBackend().perform({ customerId, step: 'delete_org' }),
    () => undefined,
  );
  if (!deleted) {
    await finish(
      context,
      customer,
      'error',
      [
        {
          code: 'provisioning_failed',
          description: 'The organization could not be deleted; delete the customer again to retry.',
          descriptionNl:
            'De organisatie kon niet worden verwijderd; verwijder de klant opnieuw om het nog eens te proberen.',
        },
      ],
      'customer.delete_failed',
    );
    return;
  }
  await db.transaction().execute(async (trx) => {
    // The customer row first, then its users: the lock order of every user write (ADR 0073). Users
    // first would wait for a write that holds the usage lock while it waits for one of these users.
    const locked = await lockCustomerForDeletion(trx, customerId);
    if (locked?.status !== 'deleting') return;
    await trx.deleteFrom('users').where('customer_id', '=', customerId).execute();
    await trx.deleteFrom('customers').where('id', '=', customerId).execute();
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId,
      action: 'customer.deleted',
      targetType: 'customer',
      targetId: customerId,
      before: { status: 'deleting', name: customer.name },
    });
  });
}
