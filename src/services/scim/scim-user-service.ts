// SCIM user use cases (SPEC §5, §7). The product's user rules are the planner's: a SCIM write becomes
// a DesiredUserChange on channel `scim`, planned and applied by the same code as the admin API and
// CSV. Only what SCIM adds lives here: userName (unique per customer), externalId, the stored SCIM
// document, `active` (suspension), clearing fields that a replace leaves out, and versions (ETags).
import { AppError, conflict, notFound, validationFailed } from '../../domain/errors.ts';
import { EMAIL_TAKEN_TEXT, issueText } from '../../domain/messages/row-messages.ts';
import { isPackageId } from '../../domain/packages/catalog.ts';
import { keepsCallingFields } from '../../domain/packages/rules.ts';
import type { DesiredUserChange } from '../../domain/users/desired-change.ts';
import { planUserChange } from '../../domain/users/plan-user-change.ts';
import type { TextField } from '../../domain/users/user-fields.ts';
import {
  findScimUser,
  findUserIdByUserName,
  queryScimUsers,
  upsertScimUserRow,
} from '../../db/repositories/scim-users.ts';
import type { ScimUserQuery, ScimUserRecord } from '../../db/repositories/scim-users.ts';
import {
  customerFullAdminEmails,
  emailsTakenElsewhere,
  lockUser,
  toUserState,
  updateUserRow,
} from '../../db/repositories/users.ts';
import type { CustomerRow, UserRow, UserUpdate } from '../../db/schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { canStart, customerBusy } from '../../domain/provisioning/customer-lifecycle.ts';
import { isUniqueViolation, isUuidLike } from '../db-errors.ts';
import { revokeTokensOfAdminSuspendedByDirectory } from '../admins/directory-suspension-revokes-tokens.ts';
import { applyUserPlan, planErrorsToAppError } from '../users/apply-user-plan.ts';
import { loadPlanningState, lockUsageOfCustomer } from '../users/planning-state.ts';
import { deleteUser } from '../users/user-service.ts';
import { DirectoryPlanningContext } from './directory-planning-context.ts';
import {
  probeOneEmail,
  ProbeRateLimited,
  probingAsOneStep,
  recordEmailProbes,
} from '../provisioning/email-probes.ts';

/** What a SCIM create or replace asks for (the SCIM edge maps a User resource onto it). */
export interface ScimUserWrite {
  readonly userName: string;
  readonly externalId: string | null;
  /** The identity email (SPEC §7), already chosen and validated by the edge. */
  readonly email: string;
  /** `undefined`: unassigned; a create makes an active user, a replace keeps the current state. */
  readonly active: boolean | undefined;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly displayName: string | null;
  readonly title: string | null;
  readonly preferredLanguage: string | null;
  readonly department: string | null;
  readonly manager: string | null;
  /**
   * `undefined`: keep; `null`: clear. A held package is never cleared: no other channel sets a user
   * to no package, so it is refused (PACKAGE_NOT_CLEARABLE).
   */
  readonly product: {
    readonly packageId?: string | null;
    readonly location?: string | null;
    readonly extension?: string | null;
  };
  readonly document: Record<string, unknown>;
}

export const VERSION_MISMATCH = 'version_mismatch';
export const USER_NAME_TAKEN = 'user_name_taken';
/** Detail code of a write that clears the package of a user who holds one (SCIM: 400 `mutability`). */
export const PACKAGE_NOT_CLEARABLE = 'package_not_clearable';
/** Detail code of a write that clears a calling user's location or extension (SCIM: 400 `mutability`). */
export const CALLING_FIELD_NOT_CLEARABLE = 'calling_field_not_clearable';

const TEXT_COLUMNS: ReadonlyArray<[TextField, keyof ScimUserWrite, keyof UserUpdate]> = [
  ['firstName', 'firstName', 'first_name'],
  ['lastName', 'lastName', 'last_name'],
  ['displayName', 'displayName', 'display_name'],
  ['title', 'title', 'title'],
  ['preferredLanguage', 'preferredLanguage', 'preferred_language'],
  ['department', 'department', 'department'],
  ['manager', 'manager', 'manager'],
];

function versionMismatch(): AppError {
  return new AppError(
    'conflict',
    {
      en: 'The resource changed since the version you sent (If-Match).',
      nl: 'De bron is gewijzigd sinds de meegestuurde versie (If-Match).',
    },
    [{ code: VERSION_MISMATCH, description: 'Fetch the resource again and retry.' }],
  );
}

function userNameTaken(userName: string): AppError {
  return conflict(
    {
      en: `userName "${userName}" is already used in this organization.`,
      nl: `userName "${userName}" wordt al gebruikt in deze organisatie.`,
    },
    [{ code: USER_NAME_TAKEN, field: 'userName', description: 'userName is unique within the customer.' }],
  );
}

/**
 * The admin API has no "no package" change (PUT …/package and PATCH take a package id only), and a
 * CSV row that leaves a user without one removes the user (SPEC §6). SCIM does not invent a third
 * meaning: clearing a held package is refused, naming the way that exists (DELETE).
 */
function packageNotClearable(current: string): AppError {
  return validationFailed(
    [
      {
        code: PACKAGE_NOT_CLEARABLE,
        field: 'package',
        description: `The user holds ${current}; give another package, or remove the user (DELETE) to end the subscription.`,
        descriptionNl: `De gebruiker heeft ${current}; geef een ander pakket op, of verwijder de gebruiker (DELETE) om het abonnement te beëindigen.`,
      },
    ],
    {
      en: '"urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User:package" cannot be cleared: a user holds a package until removed.',
      nl: '"urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User:package" kan niet worden leeggemaakt: een gebruiker houdt een pakket tot hij wordt verwijderd.',
    },
  );
}

/**
 * The admin API has no way to clear a user's location or extension either (PATCH …/users/{id} takes
 * a location or an extension, never null): they go with a move to a package without calling, which
 * releases them (SPEC §3). A SCIM clear of a held one is refused alike (400 mutability), unless the
 * same write moves the user to such a package; never a 2xx that keeps the value.
 */
function assertCallingFieldsKept(input: ScimUserWrite, existing: UserRow): void {
  const target = input.product.packageId ?? existing.package;
  if (!keepsCallingFields(target !== null && isPackageId(target) ? target : null)) return;
  const held: ReadonlyArray<[string, string | null, string | null | undefined]> = [
    ['location', existing.location_id, input.product.location],
    ['extension', existing.extension, input.product.extension],
  ];
  for (const [attribute, current, given] of held) {
    if (given !== null || current === null) continue;
    const path = `urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User:${attribute}`;
    throw validationFailed(
      [
        {
          code: CALLING_FIELD_NOT_CLEARABLE,
          field: attribute,
          description: `${target} keeps the user's ${attribute}: give another ${attribute}, or move the user to a package without calling, which releases location, extension and number.`,
          descriptionNl: `${target} houdt de ${attribute === 'location' ? 'locatie' : 'extensie'} van de gebruiker: geef een andere op, of zet de gebruiker op een pakket zonder bellen, dat locatie, extensie en nummer vrijgeeft.`,
        },
      ],
      {
        en: `"${path}" cannot be cleared while the user's package includes calling.`,
        nl: `"${path}" kan niet worden leeggemaakt zolang het pakket van de gebruiker bellen bevat.`,
      },
    );
  }
}

/** Thrown inside the write's transaction; answered (and audited as a probe) after it rolled back. */
class EmailTakenElsewhere extends Error {}

/**
 * An email another customer holds is a probe (SPEC §5), by SCIM as by any other channel: audited
 * and limited per token, so a SCIM token cannot map which emails exist in the deployment. The
 * write checked it before its transaction (`probeOneEmail`, already recorded then); one that
 * another customer took while the write ran is recorded here, after the rollback, as its own
 * step for the actor: the write's transaction never takes the actor's lock.
 */
async function refuseEmailProbe(
  context: ServiceContext,
  customer: CustomerRow,
  email: string,
  recordedAlready: boolean,
): Promise<never> {
  if (!recordedAlready) {
    const scope = { partnerId: customer.partner_id, customerId: customer.id };
    const recorded = await probingAsOneStep(context, (probing) => recordEmailProbes(probing, scope, [email]));
    if (recorded.overBudget) throw new ProbeRateLimited();
  }
  throw emailTaken();
}

function emailTaken(): AppError {
  return conflict(EMAIL_TAKEN_TEXT, [{ code: 'email_taken', field: 'email', description: EMAIL_TAKEN_TEXT }]);
}

function toDesiredChange(email: string, write: ScimUserWrite): DesiredUserChange {
  const text: Partial<Record<TextField, string>> = {};
  for (const [field, key] of TEXT_COLUMNS) {
    const value = write[key];
    if (typeof value === 'string') text[field] = value;
  }
  const { packageId, location, extension } = write.product;
  if (packageId !== undefined && packageId !== null && !isPackageId(packageId)) {
    throw validationFailed([
      { code: 'unknown_package', field: 'package', description: `Unknown package "${packageId}".` },
    ]);
  }
  return {
    email,
    text,
    ...(typeof location === 'string' ? { location } : {}),
    ...(typeof extension === 'string' ? { extension } : {}),
    packages: typeof packageId === 'string' ? { [packageId]: true } : {},
    addOns: {},
    basicLicences: {},
  };
}

/** Columns a replace clears (the planner never clears free text) and the SCIM-only columns. */
function extraColumns(
  write: ScimUserWrite,
  existing: UserRow | undefined,
  newEmail: string | undefined,
): UserUpdate {
  const extra: UserUpdate = {};
  if (write.active !== undefined) extra.suspended = !write.active;
  else if (existing === undefined) extra.suspended = false;
  if (newEmail !== undefined) extra.email = newEmail;
  if (existing === undefined) return extra;
  for (const [, key, column] of TEXT_COLUMNS) {
    if (write[key] === null && existing[column as keyof UserRow] !== null)
      (extra as Record<string, unknown>)[column] = null;
  }
  return extra;
}

async function checkUserName(
  executor: Executor,
  customerId: string,
  userName: string,
  userId: string | undefined,
): Promise<void> {
  const holder = await findUserIdByUserName(executor, customerId, userName);
  if (holder !== undefined && holder !== userId) throw userNameTaken(userName);
}

async function write(
  context: ServiceContext,
  customer: CustomerRow,
  input: ScimUserWrite,
  existingId: string | undefined,
  expectedVersion: string | undefined,
): Promise<string> {
  // Over its probe budget, a token learns nothing more this minute, taken email or free. A free
  // email costs a budget read and a lookup, no lock. A taken one is re-checked and recorded as one
  // step per token under its lock, committed before the write's transaction takes the customer's
  // usage lock: parallel writes wait for each other there, so no more than the budget's number are
  // answered "taken" (ADR 0077).
  const probe = await probeOneEmail(
    context,
    { partnerId: customer.partner_id, customerId: customer.id },
    input.email,
  );
  if (probe.overBudget) throw new ProbeRateLimited();
  try {
    return await context.db.transaction().execute(async (trx) => {
      const locked = await lockUsageOfCustomer(trx, customer.id); // before the user's row (ADR 0073)
      let existing: UserRow | undefined;
      if (existingId !== undefined) {
        existing = isUuidLike(existingId) ? await lockUser(trx, customer.id, existingId) : undefined;
        if (!existing) throw notFound('User', 'Gebruiker');
        if (expectedVersion !== undefined) {
          const current = await findScimUser(trx, customer.id, existing.id);
          if (current?.version !== expectedVersion) throw versionMismatch();
        }
        if (input.product.packageId === null && existing.package !== null)
          throw packageNotClearable(existing.package);
        assertCallingFieldsKept(input, existing);
      }
      await checkUserName(trx, customer.id, input.userName, existing?.id);
      const currentEmail = existing?.email.toLowerCase();
      const emailChanges = existing !== undefined && currentEmail !== input.email;
      const { state, rowsByEmail } = await loadPlanningState(
        trx,
        locked,
        {
          emails: existing !== undefined && emailChanges ? [existing.email, input.email] : [input.email],
          extensions: typeof input.product.extension === 'string' ? [input.product.extension] : [],
          phoneNumbers: [],
        },
        { purpose: 'locked' },
      );
      if (existing === undefined || emailChanges) {
        const holder = rowsByEmail.get(input.email);
        if (holder !== undefined && holder.id !== existing?.id) throw emailTaken();
        // A new user's email is checked against other customers by the planner; a changed one here.
        if (emailChanges && (await emailsTakenElsewhere(trx, customer.id, [input.email])).size > 0)
          throw new EmailTakenElsewhere();
      }
      const plan = planUserChange({
        current: existing ? toUserState(existing) : null,
        change: toDesiredChange(currentEmail ?? input.email, input),
        behaviour: 'add-only',
        channel: 'scim',
        context: new DirectoryPlanningContext(state),
      });
      if (plan.action === 'error') {
        if (plan.errors.some((issue) => issue.code === 'email_taken_elsewhere'))
          throw new EmailTakenElsewhere();
        throw planErrorsToAppError(plan, context, 'scim');
      }
      const extra = extraColumns(input, existing, emailChanges ? input.email : undefined);
      let row = await applyUserPlan(trx, context, customer, plan, existing, extra);
      if (existing !== undefined && plan.action === 'unchanged') {
        // Nothing the planner models changed; SCIM-only columns may have.
        row = await updateUserRow(trx, customer.id, existing.id, extra);
      }
      if (!row)
        throw validationFailed([
          {
            code: 'package_required',
            field: 'package',
            description: issueText({ code: 'package_required' }, context.locale, 'scim'),
          },
        ]);
      // A suspended user's admin account can no longer sign in; its tokens go too (ADR 0085).
      if (row.suspended) await revokeTokensOfAdminSuspendedByDirectory(trx, context, customer.id, row.email);
      await upsertScimUserRow(trx, {
        userId: row.id,
        customerId: customer.id,
        userName: input.userName,
        externalId: input.externalId,
        document: input.document,
      });
      await recordAudit(trx, context, {
        partnerId: customer.partner_id,
        customerId: customer.id,
        action: existing ? 'scim.user.replace' : 'scim.user.create',
        targetType: 'user',
        targetId: row.id,
        before: existing ? { email: existing.email, suspended: existing.suspended } : null,
        after: {
          userName: input.userName,
          externalId: input.externalId,
          email: row.email,
          active: !row.suspended,
        },
      });
      return row.id;
    });
  } catch (error) {
    if (error instanceof EmailTakenElsewhere)
      return refuseEmailProbe(context, customer, input.email, probe.taken);
    if (isUniqueViolation(error, 'scim_users_user_name')) throw userNameTaken(input.userName);
    if (isUniqueViolation(error, 'users_email')) throw emailTaken();
    throw error;
  }
}

export async function createScimUser(
  context: ServiceContext,
  customerId: string,
  input: ScimUserWrite,
): Promise<ScimUserRecord> {
  assertCanWrite(context.actor);
  const customer = await settledCustomer(context, customerId);
  const id = await write(context, customer, input, undefined, undefined);
  return readBack(context, customer.id, id);
}

export async function replaceScimUser(
  context: ServiceContext,
  customerId: string,
  userId: string,
  input: ScimUserWrite,
  expectedVersion?: string,
): Promise<ScimUserRecord> {
  assertCanWrite(context.actor);
  const customer = await settledCustomer(context, customerId);
  await write(context, customer, input, userId, expectedVersion);
  return readBack(context, customer.id, userId);
}

/** Users change only while the customer is settled, as in every other channel (SPEC §2). */
async function settledCustomer(context: ServiceContext, customerId: string) {
  const customer = await requireCustomer(context, customerId);
  if (!canStart('manage_users', customer.status)) throw customerBusy(customer.status);
  return customer;
}

async function readBack(
  context: ServiceContext,
  customerId: string,
  userId: string,
): Promise<ScimUserRecord> {
  const record = await findScimUser(context.db, customerId, userId);
  if (!record) throw notFound('User', 'Gebruiker');
  return record;
}

export async function getScimUser(
  context: ServiceContext,
  customerId: string,
  userId: string,
): Promise<ScimUserRecord> {
  const customer = await requireCustomer(context, customerId);
  const record = isUuidLike(userId) ? await findScimUser(context.db, customer.id, userId) : undefined;
  if (!record) throw notFound('User', 'Gebruiker');
  return record;
}

export async function listScimUsers(
  context: ServiceContext,
  customerId: string,
  query: ScimUserQuery,
): Promise<{ readonly total: number; readonly records: ScimUserRecord[] }> {
  const customer = await requireCustomer(context, customerId);
  return queryScimUsers(context.db, customer.id, query);
}

/** Removes the user (SPEC §5: number and extension back to the pool, email free). */
export async function deleteScimUser(
  context: ServiceContext,
  customerId: string,
  userId: string,
  expectedVersion?: string,
): Promise<void> {
  const customer = await settledCustomer(context, customerId);
  const current = await getScimUser(context, customer.id, userId);
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw versionMismatch();
  // SPEC §3: the customer's only full admin cannot be removed by CSV or SCIM.
  const admins = await customerFullAdminEmails(context.db, customer.id);
  if (admins.length <= 1 && admins.includes(current.email.toLowerCase())) {
    throw validationFailed(
      [
        {
          code: 'only_full_admin_removal',
          field: 'userName',
          description: 'Make another person a full admin of the organization first.',
        },
      ],
      {
        en: "The user is the organization's only full admin and cannot be removed.",
        nl: 'De gebruiker is de enige volledige beheerder van de organisatie en kan niet worden verwijderd.',
      },
    );
  }
  await deleteUser(context, customer.id, userId);
}
