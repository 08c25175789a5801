// Writes a planned user change (add, modify, remove) with its audit row, inside the caller's
// transaction. Shared by the single-user API, the 25-user batch, package changes and SCIM.
import { conflict, validationFailed, type ErrorDetail } from '../../domain/errors.ts';
import { EMAIL_TAKEN_TEXT, issueText } from '../../domain/messages/row-messages.ts';
import type { RowErrorCode } from '../../domain/users/plan-issues.ts';
import type { UserPlan } from '../../domain/users/plan-user-change.ts';
import { deleteUserRow, insertUser, updateUserRow, userStateColumns } from '../../db/repositories/users.ts';
import type { CustomerRow, NewUser, UserRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { isUniqueViolation } from '../db-errors.ts';

/** Plan errors that are conflicts with another user's data (SPEC §7: conflict 409). */
const CONFLICT_CODES: ReadonlySet<RowErrorCode> = new Set(['extension_taken', 'number_taken']);

/**
 * Plan errors as the API reports them: the public text for a taken email (409); an extension or
 * number held by another user (409) when nothing else is wrong with the request; else 400.
 */
export function planErrorsToAppError(plan: UserPlan, context: ServiceContext): Error {
  if (plan.errors.some((issue) => issue.code === 'email_taken_elsewhere')) {
    return conflict(EMAIL_TAKEN_TEXT, [
      { code: 'email_taken', field: 'email', description: EMAIL_TAKEN_TEXT },
    ]);
  }
  const details: ErrorDetail[] = plan.errors.map((issue) => ({
    code: issue.code,
    description: issueText(issue, context.locale),
    ...(issue.column ? { field: issue.column } : {}),
  }));
  if (plan.errors.length > 0 && plan.errors.every((issue) => CONFLICT_CODES.has(issue.code))) {
    return conflict(
      {
        en: 'The extension or phone number is already used by another user.',
        nl: 'Het toestelnummer of telefoonnummer is al aan een andere gebruiker toegewezen.',
      },
      details,
    );
  }
  return validationFailed(details);
}

/** Answers the stored row after the change (undefined when the user was removed or nothing changed). */
export async function applyUserPlan(
  executor: Executor,
  context: ServiceContext,
  customer: CustomerRow,
  plan: UserPlan,
  existing: UserRow | undefined,
  extra: Partial<NewUser> = {},
): Promise<UserRow | undefined> {
  const audit = (action: string, targetId: string) =>
    recordAudit(executor, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action,
      targetType: 'user',
      targetId,
      before: plan.before,
      after: plan.after,
    });
  try {
    switch (plan.action) {
      case 'add': {
        if (!plan.after) return undefined;
        const row = await insertUser(executor, customer.id, plan.after, extra);
        await audit('user.create', row.id);
        return row;
      }
      case 'modify': {
        if (!plan.after || !existing) return existing;
        const row = await updateUserRow(executor, customer.id, existing.id, {
          ...userStateColumns(plan.after),
          ...extra,
        });
        await audit('user.update', row.id);
        return row;
      }
      case 'remove': {
        if (!existing) return undefined;
        await deleteUserRow(executor, customer.id, existing.id);
        await audit('user.delete', existing.id);
        return undefined;
      }
      case 'unchanged':
        return existing;
      case 'error':
        throw planErrorsToAppError(plan, context);
    }
  } catch (error) {
    // A concurrent writer took the email, extension or number between planning and writing.
    if (isUniqueViolation(error)) {
      if (isUniqueViolation(error, 'users_email'))
        throw conflict(EMAIL_TAKEN_TEXT, [
          { code: 'email_taken', field: 'email', description: EMAIL_TAKEN_TEXT },
        ]);
      throw conflict(
        {
          en: 'The extension or phone number was just taken by another user.',
          nl: 'Het toestelnummer of telefoonnummer is zojuist aan een andere gebruiker toegewezen.',
        },
        [
          {
            code: 'taken_concurrently',
            description: 'Retry the request.',
            descriptionNl: 'Probeer het opnieuw.',
          },
        ],
      );
    }
    throw error;
  }
}
