// Invites and password resets: a single-use random token (stored hashed in action_tokens) sent by
// email through the outbox. Invite links live 7 days, reset links 1 hour.
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../domain/errors.ts';
import {
  consumeActionToken,
  deleteAdminSessions,
  findAdminByEmail,
  findAdminById,
  insertActionToken,
  revokeActionTokens,
  updateAdmin,
} from '../../db/repositories/admins.ts';
import { findCustomerById } from '../../db/repositories/customers.ts';
import { findPartnerById } from '../../db/repositories/partners.ts';
import type { AdminAccountRow, CustomerRow, DB, PartnerRow } from '../../db/schema.ts';
import { isCustomerRole, type Actor } from '../access/actor.ts';
import { adminAuditState, toAdminView, type AdminView } from '../admins/admin-view.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, Locale, ServiceContext } from '../context.ts';
import { emailLocale } from '../email/email-language.ts';
import { queueEmail } from '../email/email-service.ts';
import {
  recipientEmailLimit,
  takeRecipientEmailSlot,
  type SuppressedEmail,
} from '../email/recipient-email-limit.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { invalidLink } from './invalid-link.ts';
import { revokeTokensCreatedBy } from '../tokens/revoke-tokens-created-by.ts';
import { hashToken, randomToken } from './secrets.ts';
import { forgetSignInFailures } from './sign-in-account-limit.ts';

interface AdminRecipient {
  readonly partner: PartnerRow | undefined;
  /** Customer admins only. */
  readonly customer: CustomerRow | undefined;
  /** The customer's language for a customer admin, else the partner's, else the requester's. */
  readonly locale: Locale;
}

async function adminRecipient(
  executor: Executor,
  admin: AdminAccountRow,
  requestLocale: Locale,
): Promise<AdminRecipient> {
  const partner = await findPartnerById(executor, admin.partner_id);
  const customer = admin.customer_id
    ? await findCustomerById(
        executor,
        { partnerId: admin.partner_id, customerId: admin.customer_id },
        admin.customer_id,
      )
    : undefined;
  const locale = emailLocale({
    customerLanguage: customer?.language,
    partnerLanguage: partner?.default_language,
    requestLocale,
  });
  return { partner, customer, locale };
}

export const INVITE_TTL_HOURS = 7 * 24;
export const RESET_TTL_HOURS = 1;

/** An invite re-sent within the per-recipient limit: the admin who asked is told, and when. */
export class InviteSentRecently extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', {
      en: 'An invite was sent to this address a short while ago. Try again later.',
      nl: 'Er is kort geleden al een uitnodiging naar dit adres gestuurd. Probeer het later opnieuw.',
    });
  }
}

/**
 * Re-sending is the one way to mail an invited address again, and any admin who may manage the
 * account can do it as often as the API limit allows: the same per-recipient limit as sign-up and
 * reset emails applies (ADR 0002, 2026-11-27), counted from the account's own invite links (one
 * per email sent). The admin asking knows the account exists, so the refusal is a plain 429. An
 * account's first invite (created, or provisioned) has no earlier link and is never refused.
 */
async function assertInviteMayBeSent(trx: Executor, adminId: string): Promise<void> {
  const { cooldownMinutes, perDay } = recipientEmailLimit();
  // Two re-sends at once queue here, so the second sees the first one's link.
  await trx.selectFrom('admin_accounts').select('id').where('id', '=', adminId).forUpdate().execute();
  const sent = await trx
    .selectFrom('action_tokens')
    .select([
      sql<number>`count(*)::int`.as('today'),
      sql<
        number | null
      >`ceil(extract(epoch from (max(created_at) + make_interval(mins => ${cooldownMinutes}) - now())))::int`.as(
        'cooldown_left',
      ),
      sql<number | null>`ceil(extract(epoch from (min(created_at) + interval '1 day' - now())))::int`.as(
        'day_left',
      ),
    ])
    .where('subject_id', '=', adminId)
    .where('purpose', '=', 'invite')
    .where('created_at', '>', sql<Date>`now() - interval '1 day'`)
    .executeTakeFirst();
  const cooldownLeft = Number(sent?.cooldown_left ?? 0);
  if (cooldownLeft > 0) throw new InviteSentRecently(cooldownLeft);
  if (Number(sent?.today ?? 0) >= perDay)
    throw new InviteSentRecently(Math.max(1, Number(sent?.day_left ?? 1)));
}

/** Writes the invite token and its email in the caller's transaction. */
export async function sendInvite(
  trx: Executor,
  context: ServiceContext,
  admin: AdminAccountRow,
  publicUrl: string,
): Promise<void> {
  await assertInviteMayBeSent(trx, admin.id);
  const token = randomToken('', 32);
  await revokeActionTokens(trx, admin.id, 'invite');
  await insertActionToken(trx, {
    tokenHash: hashToken(token),
    purpose: 'invite',
    subjectId: admin.id,
    ttlHours: INVITE_TTL_HOURS,
  });
  const { partner, customer, locale } = await adminRecipient(trx, admin, context.locale);
  await queueEmail(trx, {
    partnerId: admin.partner_id,
    customerId: admin.customer_id,
    to: admin.email,
    template: 'admin_invite',
    locale,
    values: {
      link: `${publicUrl}/invite/${token}`,
      partnerName: partner?.name ?? 'Wholesale Hub',
      customerName: isCustomerRole(admin.role) ? customer?.name : undefined,
      readOnly: admin.role === 'partner_readonly_admin' || admin.role === 'customer_readonly_admin',
      // Only a person is named as the sender: a job or token label ("provisioning") means nothing
      // to the recipient.
      inviter: context.actor.type === 'admin' ? context.actor.label : undefined,
    },
  });
}

/** The person acting on their own account through an emailed link. */
function selfContext(
  db: Kysely<DB>,
  admin: AdminAccountRow,
  requestId: string,
  locale: Locale,
): ServiceContext {
  const actor: Actor = {
    type: 'admin',
    id: admin.id,
    label: admin.email,
    role: admin.role,
    partnerId: admin.partner_id,
    customerId: admin.customer_id,
  };
  return { db, actor, requestId, locale };
}

export async function acceptInvite(
  db: Kysely<DB>,
  input: { token: string; password: string; displayName?: string | undefined },
  request: { requestId: string; locale: Locale },
): Promise<AdminView> {
  await checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const adminId = await consumeActionToken(trx, hashToken(input.token), 'invite');
    const admin = adminId ? await findAdminById(trx, adminId) : undefined;
    if (!admin || admin.status !== 'invited') throw invalidLink();
    const displayName = input.displayName?.trim();
    const updated = await updateAdmin(trx, admin.id, {
      passwordHash,
      status: 'active',
      ...(displayName ? { displayName } : {}),
    });
    await recordAudit(trx, selfContext(db, admin, request.requestId, request.locale), {
      partnerId: admin.partner_id,
      customerId: admin.customer_id,
      action: 'admin.accept_invite',
      targetType: 'admin',
      targetId: admin.id,
      before: adminAuditState(admin),
      after: adminAuditState(updated),
    });
    return toAdminView(updated);
  });
}

/** Always succeeds from the caller's view: whether the email has an account is not revealed. */
export const PASSWORD_RESET_JOB = 'send-password-reset';

export interface PasswordResetRequest {
  readonly email: string;
  readonly publicUrl: string;
  readonly locale: Locale;
}

/**
 * A reset request only queues its work: the answer costs one INSERT whether or not the email
 * has an account, so neither its text nor its timing tells (the lookup, the token and the email
 * happen in the job).
 */
export async function requestPasswordReset(db: Kysely<DB>, input: PasswordResetRequest): Promise<void> {
  await enqueueJob(db, {
    kind: PASSWORD_RESET_JOB,
    payload: { email: input.email, publicUrl: input.publicUrl, locale: input.locale },
    maxAttempts: 3,
  });
}

/**
 * The job's work: a reset link for an active account, nothing for any other email. An address
 * that got an unsolicited email within the per-recipient limit gets none (ADR 0002, 2026-11-27):
 * no new link is written and the one it holds stays valid; the answer says why, for the job's log.
 */
export async function sendPasswordReset(
  db: Kysely<DB>,
  input: PasswordResetRequest,
): Promise<SuppressedEmail | undefined> {
  const admin = await findAdminByEmail(db, input.email);
  if (!admin || admin.status !== 'active') return undefined;
  const token = randomToken('', 32);
  return db.transaction().execute(async (trx) => {
    const suppressed = await takeRecipientEmailSlot(trx, admin.email, 'password_reset');
    if (suppressed) return suppressed;
    await revokeActionTokens(trx, admin.id, 'password_reset');
    await insertActionToken(trx, {
      tokenHash: hashToken(token),
      purpose: 'password_reset',
      subjectId: admin.id,
      ttlHours: RESET_TTL_HOURS,
    });
    const { locale } = await adminRecipient(trx, admin, input.locale);
    await queueEmail(trx, {
      partnerId: admin.partner_id,
      customerId: admin.customer_id,
      to: admin.email,
      template: 'password_reset',
      locale,
      values: { link: `${input.publicUrl}/reset-password/${token}` },
    });
    return undefined;
  });
}

export async function confirmPasswordReset(
  db: Kysely<DB>,
  input: { token: string; password: string },
  request: { requestId: string; locale: Locale },
): Promise<void> {
  await checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const adminId = await consumeActionToken(trx, hashToken(input.token), 'password_reset');
    const admin = adminId ? await findAdminById(trx, adminId) : undefined;
    if (!admin || admin.status !== 'active') throw invalidLink();
    await updateAdmin(trx, admin.id, { passwordHash });
    const context = selfContext(db, admin, request.requestId, request.locale);
    // Whoever held the old password loses their sessions, and the tokens they could have made
    // with it (ADR 0002, 2026-11-27). Accepting an invite sets a first password: nothing to end.
    await deleteAdminSessions(trx, admin.id);
    // The owner proved the mailbox: the new password signs in now, not after the window (ADR 0082).
    await forgetSignInFailures(trx, admin.email);
    // Each revoked token gets its own `token.revoke` / `scim_token.revoke` row (reason password_reset).
    await revokeTokensCreatedBy(trx, context, admin.id, { scimTokens: true, reason: 'password_reset' });
    await recordAudit(trx, context, {
      partnerId: admin.partner_id,
      customerId: admin.customer_id,
      action: 'admin.password_reset',
      targetType: 'admin',
      targetId: admin.id,
    });
  });
}
