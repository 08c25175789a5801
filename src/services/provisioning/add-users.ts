// Adds users to a customer: the manual add of SPEC §5 (1–25 at once), the Wholesale API's
// subscriber create (one), and claimed accounts (up to 250). Each user is planned by the one
// planner and written in one transaction, each user behind its own savepoint (applyUserPlan); a
// user whose email is a free account waits in `pending_user_migration` (consent email) unless it
// was claimed through a verified domain; licences go to the provisioning backend after the commit.
// One bad user never blocks the others, also when a concurrent request took its email a moment ago.
import { isAppError, type AppError } from '../../domain/errors.ts';
import { conflict, validationFailed } from '../../domain/errors.ts';
import { warningDetail, type WarningDetail } from '../../domain/messages/row-messages.ts';
import { canStart, customerBusy } from '../../domain/provisioning/customer-lifecycle.ts';
import { licenceChangeSteps } from '../../domain/provisioning/licence-change.ts';
import { planUserChange, type UserPlan } from '../../domain/users/plan-user-change.ts';
import { deleteFreeAccount, freeAccountsByEmail } from '../../db/repositories/free-accounts.ts';
import { emailsTakenElsewhere } from '../../db/repositories/users.ts';
import type { CustomerRow, UserRow } from '../../db/schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import type { ServiceContext } from '../context.ts';
import { queueConsentEmail } from '../accounts/consent.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { retryingDeadlocks } from '../db-errors.ts';
import { applyUserPlan, planErrorsToAppError, userExistsError } from '../users/apply-user-plan.ts';
import { loadPlanningState, type PlanningState } from '../users/planning-state.ts';
import { unusableLocationError } from '../users/refuse-unusable-location.ts';
import { toDesiredChange, type UserFieldsInput } from '../users/user-input.ts';
import { toUserView, type UserView } from '../users/user-view.ts';
import {
  emailTakenError,
  ProbeRateLimited,
  probingAsOneStep,
  recordEmailProbes,
  refuseWhileOverProbeBudget,
} from './email-probes.ts';
import { holdingOf, NO_LICENCES, pushLicenceSteps } from './user-licences.ts';

export const MAX_MANUAL_ADD = 25;
export const MAX_CLAIM = 250;

export interface NewUserInput extends UserFieldsInput {
  readonly email: string;
}

export type AddUserResult =
  | {
      readonly email: string;
      readonly result: 'created' | 'pending_user_migration';
      readonly user: UserView;
      readonly warnings: WarningDetail[];
    }
  | { readonly email: string; readonly result: 'failed'; readonly error: AppError };

export interface AddUsersOptions {
  /** `claim`: every email must be a verified free account, moved at once (no consent). */
  readonly mode: 'add' | 'claim';
  readonly max: number;
  /**
   * Only the Wholesale API's subscriber create: the partner's provisioning interface adds users
   * while directory sync is on (ADR 0067). Manual add and claims are refused then.
   */
  readonly allowWhileDirectorySync?: boolean;
  /**
   * A `location` the new user would not get. `refuse` (default: the admin API's create and batch,
   * the CLI): a 400 for this user, as PATCH and PUT …/package answer it, an unknown one whatever the
   * package, a known one for a package without a location `location_not_used`. `plan`: the
   * planner's rule (unknown on a calling package: an error; on another: `calling_fields_ignored`),
   * which the Wholesale API's subscriber create keeps.
   */
  readonly unusableLocation?: 'refuse' | 'plan';
}

/** SPEC §5, ADR 0067: while directory sync is on, the directory creates the customer's users. */
export function refuseWhileDirectorySync(customer: CustomerRow): void {
  if (!customer.directory_sync_enabled) return;
  throw conflict(
    {
      en: "Users cannot be added manually while directory synchronization is on: the directory creates this organization's users. Add them in the directory, or turn directory synchronization off first. Nothing was added.",
      nl: 'U kunt geen gebruikers handmatig toevoegen zolang directorysynchronisatie aanstaat: de directory maakt de gebruikers van deze klant aan. Voeg ze toe in de directory of zet directorysynchronisatie eerst uit. Er is niets toegevoegd.',
    },
    [
      {
        code: 'directory_sync_on',
        field: 'users',
        description: 'Users are created by the directory while directory synchronization is on.',
        descriptionNl: 'Zolang directorysynchronisatie aanstaat, maakt de directory de gebruikers aan.',
      },
    ],
  );
}

export function tooManyUsers(count: number, max: number): AppError {
  return validationFailed(
    [
      {
        code: 'too_many_users',
        field: 'users',
        description: `At most ${max} users can be added at once; this request has ${count}. Nothing was added.`,
        descriptionNl: `Er kunnen maximaal ${max} gebruikers tegelijk worden toegevoegd; dit verzoek bevat er ${count}. Er is niets toegevoegd.`,
      },
    ],
    {
      en: `At most ${max} users can be added at once; this request has ${count}. Nothing was added.`,
      nl: `U kunt maximaal ${max} gebruikers tegelijk toevoegen; dit verzoek bevat er ${count}. Er is niets toegevoegd.`,
    },
  );
}

function noUsersGiven(): AppError {
  return validationFailed(
    [
      {
        code: 'no_users',
        field: 'users',
        description: 'Give at least one user to add.',
        descriptionNl: 'Geef ten minste één gebruiker op om toe te voegen.',
      },
    ],
    {
      en: 'No users to add: give at least one.',
      nl: 'Geen gebruikers om toe te voegen: geef er ten minste één op.',
    },
  );
}

function duplicateError(email: string): AppError {
  return validationFailed([
    {
      code: 'duplicate_email_in_file',
      field: 'email',
      description: `${email} appears more than once in this request.`,
      descriptionNl: `${email} komt meer dan één keer voor in dit verzoek.`,
    },
  ]);
}

function notClaimable(email: string): AppError {
  return validationFailed([
    {
      code: 'not_claimable',
      field: 'email',
      description: `${email} is not a free account in a verified domain of this customer.`,
      descriptionNl: `${email} is geen gratis account in een geverifieerd domein van deze klant.`,
    },
  ]);
}

/**
 * What an add refuses for the whole request before its transaction: the caller's role (not for a
 * precheck, which read-only admins may run too), the number of users, the customer's state,
 * directory sync, and (audited, rate-limited) the emails other customers' users hold, which it
 * answers.
 */
async function startAdding(
  context: ServiceContext,
  customerRef: string,
  inputs: readonly NewUserInput[],
  options: AddUsersOptions,
  purpose: 'add' | 'check' = 'add',
): Promise<{ customer: CustomerRow; emails: string[]; taken: ReadonlySet<string> }> {
  if (purpose === 'add') assertCanWrite(context.actor);
  if (inputs.length === 0) throw noUsersGiven();
  if (inputs.length > options.max) throw tooManyUsers(inputs.length, options.max);
  const customer = await requireCustomer(context, customerRef);
  if (!canStart('manage_users', customer.status)) throw customerBusy(customer.status);
  // The whole request, before any email is probed or anything is stored.
  if (!options.allowWhileDirectorySync) refuseWhileDirectorySync(customer);
  const emails = inputs.map((input) => input.email.trim().toLowerCase());

  // Existing accounts of other customers: audited and rate-limited before anything is written.
  const { taken, overBudget } = await probingAsOneStep(context, async (probing) => {
    await refuseWhileOverProbeBudget(probing);
    const found = await emailsTakenElsewhere(probing.db, customer.id, emails);
    if (found.size === 0) return { taken: found, overBudget: false };
    const recorded = await recordEmailProbes(
      probing,
      { partnerId: customer.partner_id, customerId: customer.id },
      [...found],
    );
    return { taken: found, overBudget: recorded.overBudget };
  });
  if (overBudget) throw new ProbeRateLimited();
  return { customer, emails, taken };
}

function planningKeys(emails: readonly string[], inputs: readonly NewUserInput[]) {
  return {
    emails,
    extensions: inputs.flatMap((input) => (input.extension ? [input.extension] : [])),
    phoneNumbers: inputs.flatMap((input) => (input.phoneNumber ? [input.phoneNumber] : [])),
  };
}

/** Why this email cannot be added, or null: refused before anything about the user is planned. */
function refuseEmail(
  email: string,
  known: {
    readonly seen: ReadonlySet<string>;
    readonly taken: ReadonlySet<string>;
    readonly rowsByEmail: ReadonlyMap<string, unknown>;
  },
): AppError | null {
  if (known.seen.has(email)) return duplicateError(email);
  if (known.taken.has(email)) return emailTakenError();
  if (known.rowsByEmail.has(email)) return userExistsError(email);
  return null;
}

/** The new user's plan, or why it cannot be added: what the planner and the location rule say. */
function planNewUser(
  context: ServiceContext,
  email: string,
  input: NewUserInput,
  state: PlanningState['state'],
  options: AddUsersOptions,
): { ok: true; plan: UserPlan } | { ok: false; error: AppError } {
  const change = toDesiredChange(email, input, (ref) => state.locationById(ref)?.name ?? ref);
  // The package the user would get: the one given, else the customer's template. Without
  // either the planner's `package_required` is the answer, not the location.
  const target = input.package ?? state.defaultPackageTemplate;
  const locationError =
    (options.unusableLocation ?? 'refuse') === 'refuse' && target !== null
      ? unusableLocationError(change.location, target, state, context)
      : null;
  if (locationError) return { ok: false, error: locationError };
  const plan = planUserChange({
    current: null,
    change,
    behaviour: 'add-only',
    channel: 'api',
    context: state,
  });
  if (plan.action === 'add') return { ok: true, plan };
  return {
    ok: false,
    error:
      plan.action === 'error'
        ? (planErrorsToAppError(plan, context) as AppError)
        : validationFailed([
            {
              code: 'package_required',
              field: 'package',
              description: 'A package is required.',
              descriptionNl: 'Een pakket is verplicht.',
            },
          ]),
  };
}

export async function addUsers(
  context: ServiceContext,
  customerRef: string,
  inputs: readonly NewUserInput[],
  options: AddUsersOptions = { mode: 'add', max: MAX_MANUAL_ADD },
  claimableDomains: readonly string[] = [],
): Promise<AddUserResult[]> {
  const { customer, emails, taken } = await startAdding(context, customerRef, inputs, options);

  let results: AddUserResult[] = [];
  let pushes: UserRow[] = [];
  // Emails another customer's user took while this request ran: probes too, audited after the commit.
  let takenMeanwhile: string[] = [];
  // Two batches inserting shared emails in opposite orders wait for each other: PostgreSQL aborts
  // one, which is then run again whole (nothing of it was kept).
  await retryingDeadlocks(() =>
    context.db.transaction().execute(async (trx) => {
      results = new Array<AddUserResult>(inputs.length);
      pushes = [];
      takenMeanwhile = [];
      const { state, rowsByEmail } = await loadPlanningState(trx, customer, planningKeys(emails, inputs));
      const freeAccounts = await freeAccountsByEmail(trx, emails);
      const seen = new Set<string>();
      for (const [index, input] of inputs.entries()) {
        const email = emails[index] ?? '';
        const fail = (error: AppError) => {
          results[index] = { email, result: 'failed', error };
        };
        const refused = refuseEmail(email, { seen, taken, rowsByEmail });
        seen.add(email);
        if (refused) {
          fail(refused);
          continue;
        }
        const freeAccount = freeAccounts.get(email);
        const claimable =
          freeAccount !== undefined &&
          freeAccount.status === 'active' &&
          claimableDomains.includes(email.split('@')[1] ?? '');
        if (options.mode === 'claim' && !claimable) {
          fail(notClaimable(email));
          continue;
        }

        const planned = planNewUser(context, email, input, state, options);
        if (!planned.ok) {
          fail(planned.error);
          continue;
        }
        const { plan } = planned;
        const pending = freeAccount !== undefined && options.mode === 'add';
        // The planner saw every key this batch touches; a write that still collides (another
        // request took the email or number, or deleted the location, a moment ago) fails this user
        // only, with the 409 it would get on its own, and nothing of it is kept.
        let row: UserRow | undefined;
        try {
          row = await applyUserPlan(
            trx,
            context,
            customer,
            plan,
            undefined,
            pending ? { status: 'pending_user_migration' } : {},
          );
        } catch (error) {
          if (!isAppError(error)) throw error;
          if (error.details.some((detail) => detail.code === 'email_taken')) takenMeanwhile.push(email);
          fail(error);
          continue;
        }
        if (!row) continue;
        state.apply(plan);
        if (pending) await queueConsentEmail(trx, customer, row);
        else pushes.push(row);
        if (freeAccount && options.mode === 'claim') await deleteFreeAccount(trx, freeAccount.id);
        results[index] = {
          email,
          result: pending ? 'pending_user_migration' : 'created',
          user: toUserView(row, row.location_id ? (state.locationById(row.location_id)?.name ?? null) : null),
          warnings: plan.warnings.map((issue) => warningDetail(issue, context.locale)),
        };
      }
    }),
  );
  if (takenMeanwhile.length > 0)
    await recordEmailProbes(
      context,
      { partnerId: customer.partner_id, customerId: customer.id },
      takenMeanwhile,
    );

  // Downstream, after the commit: a failure leaves that user in `error`, the others untouched.
  for (const row of pushes) {
    const after = await pushLicenceSteps(
      context,
      customer,
      row,
      licenceChangeSteps(NO_LICENCES, holdingOf(row)),
    );
    const index = results.findIndex((result) => result.result !== 'failed' && result.user.id === row.id);
    const previous = results[index];
    if (previous && previous.result !== 'failed') {
      results[index] = {
        ...previous,
        user: { ...previous.user, status: after.status, errors: after.errors },
      };
    }
  }
  return results;
}

const ONE_USER_OPTIONS: AddUsersOptions = {
  mode: 'add',
  max: MAX_MANUAL_ADD,
  allowWhileDirectorySync: true,
  unusableLocation: 'plan',
};

/**
 * The single-user form (Wholesale subscriber create, admin API create): the failure is thrown. Adds
 * while directory sync is on; the admin API's single create refuses that first
 * (refuseWhileDirectorySync) and passes `refuse` for a location the user would not get.
 */
export async function addOneUser(
  context: ServiceContext,
  customer: CustomerRow,
  input: NewUserInput,
  unusableLocation: 'refuse' | 'plan' = 'plan',
): Promise<Extract<AddUserResult, { result: 'created' | 'pending_user_migration' }>> {
  const [result] = await addUsers(context, customer.id, [input], { ...ONE_USER_OPTIONS, unusableLocation });
  if (!result) throw new Error('addUsers answered no result');
  if (result.result === 'failed') throw result.error;
  return result;
}

/**
 * The Wholesale subscriber precheck: the refusals of addOneUser (`plan`), thrown as it throws
 * them, by the very steps it takes (but the write role), up to the write. `email` stops after the
 * email's own checks (a precheck without a package). Writes nothing but the probe audit a create
 * writes too.
 */
export async function checkOneUser(
  context: ServiceContext,
  customer: CustomerRow,
  input: NewUserInput,
  upTo: 'email' | 'plan',
): Promise<void> {
  const inputs = [input];
  const start = await startAdding(context, customer.id, inputs, ONE_USER_OPTIONS, 'check');
  const email = start.emails[0] ?? '';
  const { state, rowsByEmail } = await loadPlanningState(
    context.db,
    start.customer,
    planningKeys(start.emails, inputs),
    { purpose: 'check' },
  );
  const refused = refuseEmail(email, { seen: new Set(), taken: start.taken, rowsByEmail });
  if (refused) throw refused;
  if (upTo === 'email') return;
  const planned = planNewUser(context, email, input, state, ONE_USER_OPTIONS);
  if (!planned.ok) throw planned.error;
}
