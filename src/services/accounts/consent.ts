// Moving a free account into a customer (SPEC §5): the user waits in `pending_user_migration`
// until the person follows the signed link of the consent email. The Wholesale API's consentMove
// re-sends that email; consenting completes the move and the licences follow.
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import {
  CONSENT_LINK_TTL_SECONDS,
  consentUrl,
  signConsentToken,
  verifyConsentToken,
} from '../../domain/provisioning/consent-link.ts';
import { licenceChangeSteps } from '../../domain/provisioning/licence-change.ts';
import { deleteFreeAccount, findFreeAccountByEmail } from '../../db/repositories/free-accounts.ts';
import { updateUserRow } from '../../db/repositories/users.ts';
import type { CustomerRow, UserRow } from '../../db/schema.ts';
import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { holdingOf, NO_LICENCES, pushLicenceSteps } from '../provisioning/user-licences.ts';
import { emailLocale } from '../email/email-language.ts';
import { takeRecipientEmailSlot } from '../email/recipient-email-limit.ts';
import { queueEmail } from '../email/email-service.ts';
import type { EmailTemplate } from '../email/templates.ts';
import { linkBase, signingKey } from './links.ts';

export const CONSENT_TEMPLATE = 'consent-move' satisfies EmailTemplate;

/**
 * Writes the consent email for a pending user into the outbox (caller's transaction), in the
 * language of the customer the person is moving into.
 */
export async function queueConsentEmail(
  executor: Executor,
  customer: Pick<CustomerRow, 'id' | 'partner_id' | 'name' | 'language'>,
  user: Pick<UserRow, 'id' | 'email'>,
  nowEpochSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const token = signConsentToken(
    { userId: user.id, email: user.email, expiresAt: nowEpochSeconds + CONSENT_LINK_TTL_SECONDS },
    await signingKey(executor, 'consent-link'),
  );
  const link = consentUrl(linkBase(), token);
  return queueEmail(executor, {
    partnerId: customer.partner_id,
    customerId: customer.id,
    to: user.email,
    template: CONSENT_TEMPLATE,
    locale: emailLocale({ customerLanguage: customer.language, requestLocale: 'en' }),
    values: { link, customerName: customer.name, email: user.email },
  });
}

/**
 * A consent email re-sent within the per-recipient limit (ADR 0002, 2026-11-27): consentMove could
 * otherwise mail one person as often as the API limit allows (600 a minute). The partner asking
 * knows the subscriber, so the refusal is a plain 429 with the wait.
 */
export class ConsentEmailSentRecently extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', {
      en: 'A consent email was sent to this subscriber a short while ago. Try again later.',
      nl: 'Er is kort geleden al een toestemmingsmail naar deze abonnee gestuurd. Probeer het later opnieuw.',
    });
  }
}

/**
 * consentMove: re-sends the email of a user that is still waiting (204), else 409; within the
 * per-recipient limit, 429. Re-sends take a slot of that limit (shared with sign-up and reset
 * emails to the address); the email sent when the user was added takes none, so a re-send right
 * after it goes out.
 */
export async function resendConsentEmail(
  context: ServiceContext,
  customer: CustomerRow,
  user: UserRow,
): Promise<void> {
  if (user.status !== 'pending_user_migration') {
    throw conflict(
      {
        en: 'The subscriber is not in pending_user_migration state.',
        nl: 'De abonnee wacht niet op gebruikersmigratie.',
      },
      [
        {
          code: 'not_pending_user_migration',
          description: 'The subscriber is not in pending_user_migration state.',
          descriptionNl: 'De gebruiker wacht niet op toestemming (pending_user_migration).',
        },
      ],
    );
  }
  await context.db.transaction().execute(async (trx) => {
    const suppressed = await takeRecipientEmailSlot(trx, user.email, CONSENT_TEMPLATE);
    if (suppressed) throw new ConsentEmailSentRecently(suppressed.retryAfterSeconds);
    await queueConsentEmail(trx, customer, user);
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'user.consent_email',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

function invalidLink(): AppError {
  return new AppError(
    'validation_failed',
    {
      en: 'This consent link is not valid or has expired. Ask the organization to send a new one.',
      nl: 'Deze toestemmingslink is ongeldig of verlopen. Vraag de organisatie om een nieuwe.',
    },
    [
      {
        code: 'invalid_consent_link',
        description: 'The consent link is not valid or has expired.',
        descriptionNl: 'De toestemmingslink is ongeldig of verlopen.',
      },
    ],
  );
}

export interface ConsentOutcome {
  readonly result: 'moved' | 'already_moved';
  readonly email: string;
  readonly customerName: string;
}

/**
 * The person consents (public: the signed link is the credential). Completes the move once;
 * a second click answers `already_moved`.
 */
export async function acceptConsent(
  db: ServiceContext['db'],
  token: string,
  nowEpochSeconds = Math.floor(Date.now() / 1000),
): Promise<ConsentOutcome> {
  const verified = verifyConsentToken(token, await signingKey(db, 'consent-link'), nowEpochSeconds);
  if (!verified.ok) throw invalidLink();
  const { userId, email } = verified.claims;
  const found = await db
    .selectFrom('users')
    .innerJoin('customers', 'customers.id', 'users.customer_id')
    .selectAll('users')
    .select(['customers.name as customer_name'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!found || found.email.toLowerCase() !== email) throw notFound('Pending user', 'Wachtende gebruiker');
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', found.customer_id)
    .executeTakeFirstOrThrow();
  if (found.status !== 'pending_user_migration')
    return { result: 'already_moved', email, customerName: customer.name };
  const context: ServiceContext = {
    db,
    actor: { ...systemActor(customer.partner_id, `consent:${email}`) },
    requestId: `consent-${userId}`,
    locale: 'en',
  };
  const moved = await db.transaction().execute(async (trx) => {
    const row = await updateUserRow(trx, customer.id, userId, { status: 'provisioned', errors: '[]' });
    const account = await findFreeAccountByEmail(trx, email);
    if (account) await deleteFreeAccount(trx, account.id);
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'user.consent_accepted',
      targetType: 'user',
      targetId: userId,
      before: { status: 'pending_user_migration' },
      after: { status: 'provisioned' },
    });
    return row;
  });
  await pushLicenceSteps(context, customer, moved, licenceChangeSteps(NO_LICENCES, holdingOf(moved)));
  return { result: 'moved', email, customerName: customer.name };
}
