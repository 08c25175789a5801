// Writes a planned user change (add, modify, remove) with its audit row, inside the caller's
// transaction. Shared by the single-user API, the 25-user batch, package changes and SCIM. A write
// that a concurrent request beat (the email, extension or number just taken; the location or the
// number just deleted) is answered with the 409 the same request would get a moment later, naming
// the field, and leaves the caller's transaction usable: the batch goes on with its next user.
import { sql } from 'kysely';
import { conflict, validationFailed, type AppError, type ErrorDetail } from '../../domain/errors.ts';
import { EMAIL_TAKEN_TEXT, issueText } from '../../domain/messages/row-messages.ts';
import type { Channel } from '../../domain/users/desired-change.ts';
import type { RowError, RowErrorCode } from '../../domain/users/plan-issues.ts';
import type { UserPlan } from '../../domain/users/plan-user-change.ts';
import { deleteUserRow, insertUser, updateUserRow, userStateColumns } from '../../db/repositories/users.ts';
import type { CustomerRow, NewUser, UserRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../db-errors.ts';
import { apiFieldOf } from './user-input.ts';

/** Plan errors that are conflicts with another user's data (SPEC §7: conflict 409). */
const CONFLICT_CODES: ReadonlySet<RowErrorCode> = new Set(['extension_taken', 'number_taken']);

/**
 * A package limit the customer's other users have used up: a conflict with stored state, 409 as the
 * customer PATCH answers a limit below use (ADR 0091).
 */
const LIMIT_CODES: ReadonlySet<RowErrorCode> = new Set(['package_limit_reached']);

/**
 * Plan errors as the API reports them: the public text for a taken email (409); an extension or
 * number held by another user, or a used-up package limit (409, ADR 0091), when nothing else is
 * wrong with the request; else 400.
 */
export function planErrorsToAppError(
  plan: UserPlan,
  context: ServiceContext,
  channel: Exclude<Channel, 'csv'> = 'api',
): Error {
  if (plan.errors.some((issue) => issue.code === 'email_taken_elsewhere')) {
    return conflict(EMAIL_TAKEN_TEXT, [
      { code: 'email_taken', field: 'email', description: EMAIL_TAKEN_TEXT },
    ]);
  }
  const details: ErrorDetail[] = plan.errors.map((issue) => ({
    code: issue.code,
    description: issueText(issue, context.locale, channel),
    ...(issue.column ? { field: apiFieldOf(issue.column) } : {}),
  }));
  if (plan.errors.length > 0 && plan.errors.every((issue) => LIMIT_CODES.has(issue.code))) {
    return conflict(
      {
        en: "The package's limit is used up: raise the customer's limit or free a place first.",
        nl: 'De limiet van het pakket is bereikt: verhoog de limiet van de klant of maak eerst een plaats vrij.',
      },
      details,
    );
  }
  if (plan.errors.length > 0 && plan.errors.every((issue) => CONFLICT_CODES.has(issue.code))) {
    return conflict(
      {
        en: 'The extension or phone number is already used by another user.',
        nl: 'Het toestelnummer of telefoonnummer is al aan een andere gebruiker toegewezen.',
      },
      details,
    );
  }
  if (
    plan.errors.length > 0 &&
    plan.errors.every((issue) => CONFLICT_CODES.has(issue.code) || LIMIT_CODES.has(issue.code))
  ) {
    return conflict(
      {
        en: "The package's limit is used up, and the extension or phone number is already used by another user.",
        nl: 'De limiet van het pakket is bereikt en het toestelnummer of telefoonnummer is al aan een andere gebruiker toegewezen.',
      },
      details,
    );
  }
  return validationFailed(details);
}

/** SPEC §5: an email of this organization's own user; the sequential and the concurrent path say this. */
export function userExistsError(email: string): AppError {
  return conflict(
    {
      en: `A user with email ${email} already exists in this organization.`,
      nl: `Er bestaat bij deze klant al een gebruiker met e-mailadres ${email}.`,
    },
    [
      {
        code: 'user_exists',
        field: 'email',
        // Self-contained: a batch answer carries only the details, not the message.
        description: 'A user with this email already exists in this organization: update that user instead.',
        descriptionNl:
          'Er bestaat bij deze klant al een gebruiker met dit e-mailadres: werk die gebruiker bij.',
      },
    ],
  );
}

function emailTakenElsewhereError(): AppError {
  return conflict(EMAIL_TAKEN_TEXT, [{ code: 'email_taken', field: 'email', description: EMAIL_TAKEN_TEXT }]);
}

/** The planner's own issue for what a concurrent writer just took, so both paths word it alike. */
function takenError(issue: RowError): AppError {
  return conflict(
    {
      en: 'The extension or phone number is already used by another user.',
      nl: 'Het toestelnummer of telefoonnummer is al aan een andere gebruiker toegewezen.',
    },
    [
      {
        code: issue.code,
        description: issueText(issue, 'en'),
        descriptionNl: issueText(issue, 'nl'),
        ...(issue.column ? { field: apiFieldOf(issue.column) } : {}),
      },
    ],
  );
}

// The users table's composite foreign keys (migration 0001): the location, and the number in the
// inventory of that location.
const LOCATION_FOREIGN_KEY = 'users_customer_id_location_id_fkey';
const NUMBER_FOREIGN_KEY = 'users_customer_id_location_id_phone_number_fkey';

function locationGoneError(): AppError {
  return conflict(
    {
      en: 'The location was deleted while this request was being handled. Choose another location and try again.',
      nl: 'De locatie is verwijderd terwijl dit verzoek werd verwerkt. Kies een andere locatie en probeer het opnieuw.',
    },
    [
      {
        // The planner's code for a location that does not exist (Wholesale: location_not_found).
        code: 'unknown_location',
        field: 'location',
        description: 'The location was just deleted.',
        descriptionNl: 'De locatie is zojuist verwijderd.',
      },
    ],
  );
}

function numberGoneError(number: string): AppError {
  return conflict(
    {
      en: `The phone number ${number} was removed from the inventory while this request was being handled. Choose another number and try again.`,
      nl: `Het telefoonnummer ${number} is uit de nummervoorraad verwijderd terwijl dit verzoek werd verwerkt. Kies een ander nummer en probeer het opnieuw.`,
    },
    [
      {
        // The planner's code for a number outside the location's inventory (Wholesale: number_unavailable).
        code: 'number_not_in_location',
        field: 'phoneNumber',
        description: `${number} was just removed from the inventory of the location.`,
        descriptionNl: `${number} is zojuist uit de nummervoorraad van de locatie verwijderd.`,
      },
    ],
  );
}

/**
 * The 409 for a write a concurrent writer beat, or undefined for any other failure. Runs after the
 * failed write was rolled back to its savepoint, so it may read: an email is taken by a user of
 * this organization (`user_exists`, as the planner would have said) or of another one (public text).
 */
async function concurrentWriteConflict(
  executor: Executor,
  customer: CustomerRow,
  plan: UserPlan,
  extra: Partial<NewUser>,
  error: unknown,
): Promise<AppError | undefined> {
  const after = plan.after;
  if (isUniqueViolation(error, 'users_email')) {
    const email = (extra.email ?? plan.email).toLowerCase();
    const holder = await executor
      .selectFrom('users')
      .select('customer_id')
      .where(sql`lower(email)`, '=', email)
      .executeTakeFirst();
    return holder?.customer_id === customer.id ? userExistsError(email) : emailTakenElsewhereError();
  }
  if (isUniqueViolation(error, 'users_extension'))
    return takenError({
      code: 'extension_taken',
      column: 'extension',
      params: { value: after?.extension ?? '' },
    });
  if (isUniqueViolation(error, 'users_phone_number'))
    return takenError({
      code: 'number_taken',
      column: 'phoneNumber',
      params: { number: after?.phoneNumber ?? '' },
    });
  if (isForeignKeyViolation(error, LOCATION_FOREIGN_KEY)) return locationGoneError();
  if (isForeignKeyViolation(error, NUMBER_FOREIGN_KEY)) return numberGoneError(after?.phoneNumber ?? '');
  return undefined;
}

/**
 * Runs the write so that its failure undoes only it: in PostgreSQL a failed statement aborts the
 * whole transaction, unless it ran after a savepoint that is then rolled back to.
 */
async function inSavepoint<T>(executor: Executor, write: () => Promise<T>): Promise<T> {
  if (!executor.isTransaction) return write();
  await sql`savepoint apply_user_plan`.execute(executor);
  let result: T;
  try {
    result = await write();
  } catch (error) {
    await sql`rollback to savepoint apply_user_plan`.execute(executor);
    throw error;
  }
  await sql`release savepoint apply_user_plan`.execute(executor);
  return result;
}

/**
 * Answers the stored row after the change (undefined when the user was removed or nothing changed).
 * Throws an AppError for a refused plan or a write a concurrent writer beat; then nothing of this
 * user was written and the caller's transaction can go on.
 */
export async function applyUserPlan(
  executor: Executor,
  context: ServiceContext,
  customer: CustomerRow,
  plan: UserPlan,
  existing: UserRow | undefined,
  extra: Partial<NewUser> = {},
): Promise<UserRow | undefined> {
  if (plan.action === 'error') throw planErrorsToAppError(plan, context);
  if (plan.action === 'unchanged') return existing;
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
    return await inSavepoint(executor, async () => {
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
      }
    });
  } catch (error) {
    throw (await concurrentWriteConflict(executor, customer, plan, extra, error)) ?? error;
  }
}
