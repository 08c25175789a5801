// Admin accounts (SPEC §1): list, invite, get, change role/name/status, delete. Partner admins see
// their partner's admins (customer admins included), customer admins their own organization's.
// Nobody grants, or touches an account with, a role above their own.
import type { AppError } from '../../domain/errors.ts';
import { conflict, notFound, validationFailed } from '../../domain/errors.ts';
import {
  deleteAdmin,
  deleteAdminSessions,
  findAdmin,
  findAdminByEmail,
  insertAdmin,
  listAdmins,
  lockActivePartnerFullAdminIds,
  updateAdmin,
  type AdminStatus,
} from '../../db/repositories/admins.ts';
import { checkedEmail } from '../../domain/users/checked-email.ts';
import { ROLES, type AdminAccountRow, type Role } from '../../db/schema.ts';
import { isCustomerRole, READ_ONLY_ROLES } from '../access/actor.ts';
import { assertCanGrant, assertCanWrite, customerScope, mayGrant, maySeeHolderOf } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { revokeTokensCreatedBy } from '../tokens/revoke-tokens-created-by.ts';
import { sendInvite } from '../auth/account-flows.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { findCustomerNames } from '../../db/repositories/customers.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { isUniqueViolation } from '../db-errors.ts';
import { decodeIdCursor } from '../checked-cursor.ts';
import { toPage, type Page } from '../paging.ts';
import {
  emailTakenError,
  ProbeRateLimited,
  probingAsOneStep,
  recordEmailProbes,
  refuseWhileOverProbeBudget,
} from '../provisioning/email-probes.ts';
import { adminAuditState, toAdminView, type AdminAccountView } from './admin-view.ts';

const adminNotFound = () => notFound('Admin', 'Beheerder');

/** The views of some admin rows, with their customers' names (one query for all of them). */
async function presentAdmins(
  executor: Executor,
  rows: readonly AdminAccountRow[],
): Promise<AdminAccountView[]> {
  const names = await findCustomerNames(
    executor,
    rows.flatMap((row) => (row.customer_id ? [row.customer_id] : [])),
  );
  return rows.map((row) => ({
    ...toAdminView(row),
    customerName: row.customer_id ? (names.get(row.customer_id) ?? null) : null,
  }));
}

async function presentAdmin(executor: Executor, row: AdminAccountRow): Promise<AdminAccountView> {
  const [view] = await presentAdmins(executor, [row]);
  if (!view) throw new Error('presentAdmins returned no view');
  return view;
}

export async function listAdminViews(
  context: ServiceContext,
  input: { cursor?: string | undefined; limit: number; customerId?: string | undefined },
): Promise<Page<AdminAccountView>> {
  const customerId = input.customerId ? (await requireCustomer(context, input.customerId)).id : undefined;
  const rows = await listAdmins(context.db, customerScope(context.actor), {
    after: decodeIdCursor(input.cursor),
    limit: input.limit,
    customerId,
    withoutOperators: !maySeeHolderOf(context.actor, 'operator'),
  });
  const page = toPage(rows, input.limit, (row) => ({ key: row.email.toLowerCase(), id: row.id }));
  return { items: await presentAdmins(context.db, page.items), nextCursor: page.nextCursor };
}

/** Within a transaction (`trx`) the row is locked for the change that follows. */
async function requireAdmin(context: ServiceContext, id: string, trx?: Executor) {
  const row = await findAdmin(trx ?? context.db, customerScope(context.actor), id, {
    forUpdate: trx !== undefined,
  });
  if (!row || !maySeeHolderOf(context.actor, row.role)) throw adminNotFound();
  return row;
}

export async function getAdminView(context: ServiceContext, id: string): Promise<AdminAccountView> {
  return presentAdmin(context.db, await requireAdmin(context, id));
}

export interface InviteAdminInput {
  readonly email: string;
  readonly role: Role;
  readonly displayName?: string | undefined;
  /** Customer roles: the organization (id or externalId); customer admins default to their own. */
  readonly customerId?: string | undefined;
}

export async function inviteAdmin(
  context: ServiceContext,
  input: InviteAdminInput,
  publicUrl: string,
): Promise<AdminAccountView> {
  const { actor } = context;
  assertCanWrite(actor);
  assertCanGrant(actor, input.role);
  const email = checkedEmail(input.email);
  let customerId: string | null = null;
  let partnerId = actor.partnerId;
  if (isCustomerRole(input.role)) {
    const ref = input.customerId ?? actor.customerId;
    if (!ref) {
      throw validationFailed([
        {
          code: 'required',
          field: 'customerId',
          description: 'A customer role needs customerId.',
          descriptionNl: 'Een klantrol heeft een customerId nodig.',
        },
      ]);
    }
    const customer = await requireCustomer(context, ref);
    customerId = customer.id;
    partnerId = customer.partner_id;
  } else if (input.customerId !== undefined) {
    throw validationFailed([
      {
        code: 'not_allowed',
        field: 'customerId',
        description: 'customerId is only for the customer roles.',
        descriptionNl: 'customerId hoort alleen bij de klantrollen.',
      },
    ]);
  }

  await refuseAdminOutsideScope(context, email);

  return context.db.transaction().execute(async (trx) => {
    let row: AdminAccountRow;
    try {
      row = await insertAdmin(trx, {
        partnerId,
        customerId,
        email,
        displayName: input.displayName?.trim() || null,
        role: input.role,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(
          {
            en: `An admin account with email "${email}" already exists.`,
            nl: `Er bestaat al een beheerdersaccount met e-mailadres "${email}".`,
          },
          [
            {
              code: 'email_taken',
              field: 'email',
              description: 'The email already has an admin account.',
              descriptionNl: 'Dit e-mailadres heeft al een beheerdersaccount.',
            },
          ],
        );
      }
      throw error;
    }
    await sendInvite(trx, context, row, publicUrl);
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.customer_id,
      action: 'admin.invite',
      targetType: 'admin',
      targetId: row.id,
      after: adminAuditState(row),
    });
    return presentAdmin(trx, row);
  });
}

/**
 * Admin emails are unique across the deployment, so inviting one that an admin of another partner
 * or customer holds must fail; it fails like a user add with another organization's email (SPEC
 * §5): the public text, no hint that it is an admin account, audited and limited per actor as a
 * probe. An account the caller can see keeps the plain answer.
 */
async function refuseAdminOutsideScope(context: ServiceContext, email: string): Promise<void> {
  const verdict = await probingAsOneStep(context, async (probing) => {
    await refuseWhileOverProbeBudget(probing);
    const holder = await findAdminByEmail(probing.db, email);
    if (!holder) return 'free';
    const visible = await findAdmin(probing.db, customerScope(context.actor), holder.id);
    if (visible && maySeeHolderOf(context.actor, visible.role)) return 'free';
    const scope = { partnerId: context.actor.partnerId, customerId: context.actor.customerId };
    return (await recordEmailProbes(probing, scope, [email])).overBudget ? 'over budget' : 'taken';
  });
  if (verdict === 'over budget') throw new ProbeRateLimited();
  if (verdict === 'taken') throw emailTakenError();
}

/**
 * The API and SCIM tokens an admin created carry the admin's authority: when the admin loses it
 * (disabled or deleted: `role` null; demoted: the new role), the tokens that exceed it are revoked
 * with it, or a removed admin would keep working through them.
 */
async function revokeTokensBeyond(
  trx: Executor,
  context: ServiceContext,
  admin: AdminAccountRow,
  role: Role | null,
): Promise<void> {
  await revokeTokensCreatedBy(trx, context, admin.id, {
    apiTokenRoles: role === null ? ROLES : ROLES.filter((held) => held !== role && !mayGrant(role, held)),
    // SCIM tokens likewise (ADR 0069): any role that may write may create them, a read-only one not.
    scimTokens: role === null || READ_ONLY_ROLES.includes(role),
    reason: role === null ? 'creator_removed' : 'creator_demoted',
  });
}

export interface UpdateAdminInput {
  readonly role?: Role | undefined;
  readonly displayName?: string | null | undefined;
  readonly status?: 'active' | 'disabled' | undefined;
}

function cannotChangeSelf(): AppError {
  return conflict({
    en: 'You cannot change the role or status of your own account, or delete it.',
    nl: 'U kunt de rol of status van uw eigen account niet wijzigen en het account ook niet verwijderen.',
  });
}

/**
 * A partner keeps at least one active full admin: without one, nobody but the deployment's
 * operator could manage its admins again. Invited accounts do not count until they accept.
 */
async function assertPartnerKeepsAFullAdmin(
  executor: Executor,
  existing: AdminAccountRow,
  after: { role: Role; status: AdminStatus } | null,
): Promise<void> {
  const counts = (account: { role: Role; status: AdminStatus }) =>
    account.role === 'partner_full_admin' && account.status === 'active';
  if (existing.customer_id !== null || !counts(existing) || (after !== null && counts(after))) return;
  const others = (await lockActivePartnerFullAdminIds(executor, existing.partner_id)).filter(
    (id) => id !== existing.id,
  );
  if (others.length > 0) return;
  throw conflict(
    {
      en: "This is the partner's last active full admin. Invite another partner full admin, and let them accept, first.",
      nl: 'Dit is de laatste actieve volledige beheerder van de partner. Nodig eerst een andere volledige partnerbeheerder uit en wacht tot die de uitnodiging heeft geaccepteerd.',
    },
    [
      {
        code: 'last_partner_full_admin',
        description: 'A partner keeps at least one active partner full admin.',
        descriptionNl: 'Een partner moet minstens één actieve volledige partnerbeheerder hebben.',
      },
    ],
  );
}

export async function updateAdminAccount(
  context: ServiceContext,
  id: string,
  input: UpdateAdminInput,
): Promise<AdminAccountView> {
  const { actor } = context;
  assertCanWrite(actor);
  return context.db.transaction().execute(async (trx) => {
    const existing = await requireAdmin(context, id, trx);
    // Touching an account is granting its role: a customer admin cannot edit a partner admin.
    assertCanGrant(actor, existing.role);
    const isSelf = actor.type === 'admin' && actor.id === existing.id;
    if (input.role !== undefined && input.role !== existing.role) {
      if (isSelf) throw cannotChangeSelf();
      assertCanGrant(actor, input.role);
      if (isCustomerRole(input.role) !== isCustomerRole(existing.role)) {
        throw validationFailed([
          {
            code: 'role_level_change',
            field: 'role',
            description: 'A partner role cannot become a customer role or the other way round; invite anew.',
            descriptionNl:
              'Een partnerrol kan geen klantrol worden of andersom; nodig de beheerder opnieuw uit.',
          },
        ]);
      }
    }
    let status: AdminStatus | undefined;
    if (input.status !== undefined && input.status !== existing.status) {
      if (isSelf) throw cannotChangeSelf();
      // Enabling an invited account that never set a password would leave it without one.
      status = input.status === 'active' && !existing.password_hash ? 'invited' : input.status;
    }
    await assertPartnerKeepsAFullAdmin(trx, existing, {
      role: input.role ?? existing.role,
      status: status ?? existing.status,
    });
    const row = await updateAdmin(trx, existing.id, {
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.displayName !== undefined ? { displayName: input.displayName?.trim() || null } : {}),
      ...(status !== undefined ? { status } : {}),
    });
    if (status === 'disabled') await deleteAdminSessions(trx, row.id);
    await revokeTokensBeyond(trx, context, row, row.status === 'disabled' ? null : row.role);
    await recordAudit(trx, context, {
      partnerId: row.partner_id,
      customerId: row.customer_id,
      action: 'admin.update',
      targetType: 'admin',
      targetId: row.id,
      before: adminAuditState(existing),
      after: adminAuditState(row),
    });
    return presentAdmin(trx, row);
  });
}

export async function deleteAdminAccount(context: ServiceContext, id: string): Promise<void> {
  const { actor } = context;
  assertCanWrite(actor);
  await context.db.transaction().execute(async (trx) => {
    const existing = await requireAdmin(context, id, trx);
    assertCanGrant(actor, existing.role);
    if (actor.type === 'admin' && actor.id === existing.id) throw cannotChangeSelf();
    await assertPartnerKeepsAFullAdmin(trx, existing, null);
    await revokeTokensBeyond(trx, context, existing, null);
    await deleteAdmin(trx, existing.id);
    await recordAudit(trx, context, {
      partnerId: existing.partner_id,
      customerId: existing.customer_id,
      action: 'admin.delete',
      targetType: 'admin',
      targetId: existing.id,
      before: adminAuditState(existing),
    });
  });
}

/** Re-sends the invite of an account that has not accepted yet. */
export async function resendInvite(
  context: ServiceContext,
  id: string,
  publicUrl: string,
): Promise<AdminAccountView> {
  assertCanWrite(context.actor);
  return context.db.transaction().execute(async (trx) => {
    const existing = await requireAdmin(context, id, trx);
    assertCanGrant(context.actor, existing.role);
    if (existing.status !== 'invited') {
      throw conflict({
        en: 'The account has already accepted its invite.',
        nl: 'Het account heeft de uitnodiging al geaccepteerd.',
      });
    }
    await sendInvite(trx, context, existing, publicUrl);
    await recordAudit(trx, context, {
      partnerId: existing.partner_id,
      customerId: existing.customer_id,
      action: 'admin.reinvite',
      targetType: 'admin',
      targetId: existing.id,
    });
    return presentAdmin(trx, existing);
  });
}
