// Takes a user's licences away downstream and removes the user there, before the record goes.
// A user still waiting for consent (pending_user_migration) was never provisioned downstream.
import { AppError } from '../../domain/errors.ts';
import { licenceChangeSteps } from '../../domain/provisioning/licence-change.ts';
import type { CustomerRow, UserRow } from '../../db/schema.ts';
import { ProvisioningFault, provisioningBackend } from './provisioning-backend.ts';
import { NO_LICENCES, holdingOf } from './user-licences.ts';

export async function removeUserDownstream(customer: CustomerRow, user: UserRow): Promise<void> {
  if (user.status === 'pending_user_migration') return;
  const backend = provisioningBackend();
  try {
    for (const step of licenceChangeSteps(holdingOf(user), NO_LICENCES)) {
      if (step.step === 'update_user_attributes') continue;
      await backend.perform({
        step: step.step,
        customerId: customer.id,
        userId: user.id,
        subject: step.licence,
      });
    }
    await backend.perform({ step: 'remove_user', customerId: customer.id, userId: user.id });
  } catch (error) {
    if (!(error instanceof ProvisioningFault)) throw error;
    throw new AppError(
      'unavailable',
      {
        en: 'The user could not be removed downstream; nothing changed. Retry later.',
        nl: 'De gebruiker kon niet in het achterliggende systeem worden verwijderd; er is niets gewijzigd. Probeer het later opnieuw.',
      },
      [
        {
          code: 'provisioning_failed',
          description: 'The user could not be removed downstream; retry later.',
          descriptionNl:
            'De gebruiker kon niet in het achterliggende systeem worden verwijderd; probeer het later opnieuw.',
        },
      ],
    );
  }
}
