// Pushes a user's licence change to the provisioning backend, after the change has committed, and
// records the outcome on the user: a half-way failure leaves status `error` with the public text
// and the remedy (SPEC §5); a later success (a package change, or repair) clears it.
import {
  errorForFailedStep,
  type LicenceHolding,
  type LicenceStep,
} from '../../domain/provisioning/licence-change.ts';
import { REPAIR_REMEDY_TEXT } from '../../domain/provisioning/wholesale-codes.ts';
import { updateUserRow } from '../../db/repositories/users.ts';
import type { CustomerRow, UserRow } from '../../db/schema.ts';
import { isPackageId } from '../../domain/packages/catalog.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { ProvisioningFault, provisioningBackend } from './provisioning-backend.ts';

export interface StoredUserError {
  readonly code: string;
  readonly description: string;
  readonly remedy?: string;
}

export function holdingOf(
  row: Pick<UserRow, 'package' | 'attendant_console' | 'extension' | 'phone_number' | 'location_id'>,
): LicenceHolding {
  return {
    packageId: row.package && isPackageId(row.package) ? row.package : null,
    attendantConsole: row.attendant_console,
    hasCallingAttributes: Boolean((row.extension || row.phone_number) && row.location_id),
  };
}

export const NO_LICENCES: LicenceHolding = {
  packageId: null,
  attendantConsole: false,
  hasCallingAttributes: false,
};

/**
 * Performs the steps; answers the user row as it stands afterwards. `action` names the audit
 * entry of the outcome when the status changes (e.g. `user.repair`).
 */
export async function pushLicenceSteps(
  context: ServiceContext,
  customer: CustomerRow,
  user: UserRow,
  steps: readonly LicenceStep[],
  action = 'user.provisioning',
): Promise<UserRow> {
  const backend = provisioningBackend();
  for (const step of steps) {
    try {
      await backend.perform({
        step: step.step,
        customerId: customer.id,
        userId: user.id,
        ...(step.step === 'update_user_attributes' ? {} : { subject: step.licence }),
      });
    } catch (error) {
      if (!(error instanceof ProvisioningFault)) throw error;
      const failure = errorForFailedStep(step.step);
      const stored: StoredUserError = { ...failure, remedy: REPAIR_REMEDY_TEXT };
      return setProvisioningState(context, customer, user, 'error', [stored], `${action}.failed`, step.step);
    }
  }
  if (user.status === 'error')
    return setProvisioningState(context, customer, user, 'provisioned', [], `${action}.cleared`);
  return user;
}

async function setProvisioningState(
  context: ServiceContext,
  customer: CustomerRow,
  user: UserRow,
  status: 'provisioned' | 'error',
  errors: readonly StoredUserError[],
  action: string,
  failedStep?: string,
): Promise<UserRow> {
  return context.db.transaction().execute(async (trx) => {
    const row = await updateUserRow(trx, customer.id, user.id, { status, errors: JSON.stringify(errors) });
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action,
      targetType: 'user',
      targetId: user.id,
      before: { status: user.status, errors: user.errors },
      after: { status, errors, ...(failedStep ? { failedStep } : {}) },
    });
    return row;
  });
}
