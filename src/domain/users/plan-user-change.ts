// The one user-change planner of SPEC §3–§6. Every channel (CSV rows, single and batch APIs,
// package change, SCIM) turns its input into a DesiredUserChange and asks this function what the
// change means: add, modify (field by field), remove, unchanged, or error — with typed issues.
// Pure: it reads the customer through PlanningContext and never writes.
import {
  ADD_ON_IDS,
  BASIC_LICENCES,
  PACKAGE_IDS,
  type AddOnId,
  type PackageId,
} from '../packages/catalog.ts';
import {
  checkCallingInfo,
  checkFullAdminChange,
  checkPackageAvailable,
  checkPackageChange,
  checkPreferredSite,
  isAddOnAllowed,
  keepsCallingFields,
  type PackageViolation,
} from '../packages/rules.ts';
import { normalizePhoneNumber } from '../phone/normalize-phone.ts';
import type { Channel, DesiredUserChange, ImportBehaviour } from './desired-change.ts';
import { codePointLabel, fieldProblem, type FieldProblem } from './field-rules.ts';
import { emailProblem, lookalikeCharacter, normalizeEmail, overlongLocalPart } from './is-valid-email.ts';
import type { RowError, RowWarning } from './plan-issues.ts';
import type { PlanningContext } from './planning-context.ts';
import { DIRECTORY_OWNED_FIELDS, TEXT_FIELDS, type TextField } from './user-fields.ts';
import { canonicalTimeZone, isPreferredLanguage } from './user-text-rules.ts';
import { emptyUser, type UserState, type UserTextFields } from './user-state.ts';

export type PlanAction = 'add' | 'modify' | 'remove' | 'unchanged' | 'error';

export type FieldValue = string | boolean | null;

export interface FieldChange {
  /** User-column key (csv/user-columns.ts); `location` shows location names, not ids. */
  readonly field: string;
  readonly before: FieldValue;
  readonly after: FieldValue;
}

export interface UserPlan {
  readonly action: PlanAction;
  readonly email: string;
  readonly before: UserState | null;
  /** The user after the change; null for `remove`; equal to `before` for `unchanged` and `error`. */
  readonly after: UserState | null;
  /** Field-level before -> after of a `modify`; empty for the other actions. */
  readonly changes: readonly FieldChange[];
  readonly errors: readonly RowError[];
  readonly warnings: readonly RowWarning[];
}

export interface PlanInput {
  readonly current: UserState | null;
  readonly change: DesiredUserChange;
  readonly behaviour: ImportBehaviour;
  readonly channel: Channel;
  readonly context: PlanningContext;
}

function violationToError(violation: PackageViolation): RowError {
  switch (violation.code) {
    case 'package_not_sold':
      return {
        code: 'package_not_sold',
        column: violation.packageId,
        params: { package: violation.packageId },
      };
    case 'package_limit_reached':
      return {
        code: 'package_limit_reached',
        column: violation.packageId,
        params: { package: violation.packageId, limit: violation.limit },
      };
    case 'forbidden_change':
      return {
        code: 'forbidden_change',
        column: violation.to,
        params: { from: violation.from, to: violation.to },
      };
    case 'admin_downgrade':
      return violation.to === null
        ? { code: 'only_full_admin_removal', column: violation.from, params: { from: violation.from } }
        : {
            code: 'admin_downgrade',
            column: violation.to,
            params: { from: violation.from, to: violation.to },
          };
    case 'add_on_not_allowed':
      return {
        code: 'add_on_not_allowed',
        column: violation.addOn,
        params: { addOn: violation.addOn, package: violation.packageId ?? '' },
      };
    case 'number_or_extension_required':
      return {
        code: 'number_or_extension_required',
        column: 'extension',
        params: { package: violation.packageId },
      };
    case 'location_required':
      return { code: 'location_required', column: 'location', params: { package: violation.packageId } };
  }
}

function result(
  action: PlanAction,
  email: string,
  before: UserState | null,
  after: UserState | null,
  changes: readonly FieldChange[],
  errors: readonly RowError[],
  warnings: readonly RowWarning[],
): UserPlan {
  return { action, email, before, after, changes, errors, warnings };
}

/** The package the row asks for, given the import behaviour (SPEC §6 import-semantics table). */
type PackageDecision =
  | { kind: 'target'; packageId: PackageId | null }
  | { kind: 'nothing_assigned' }
  | { kind: 'error'; error: RowError };

function decidePackage(input: PlanInput): PackageDecision {
  const { current, change, behaviour, channel, context } = input;
  // A loop, not a filter: no array per row for the one package (or none) nearly every row asks for.
  let asked: PackageId | null = null;
  for (const id of PACKAGE_IDS) {
    if (change.packages[id] !== true) continue;
    if (asked !== null) {
      const chosen = PACKAGE_IDS.filter((each) => change.packages[each] === true);
      return {
        kind: 'error',
        error: { code: 'multiple_packages', column: chosen[1], params: { packages: chosen.join(', ') } },
      };
    }
    asked = id;
  }
  if (asked !== null) return { kind: 'target', packageId: asked };
  if (current === null) {
    // FALSE on the template's column declines it only where FALSE means something (add-remove);
    // add-only ignores FALSE (SPEC §6 table).
    const template = context.defaultPackageTemplate;
    if (template && (behaviour === 'add-only' || change.packages[template] !== false))
      return { kind: 'target', packageId: template };
    const assignsSomething =
      ADD_ON_IDS.some((id) => change.addOns[id] === true) ||
      BASIC_LICENCES.some((id) => change.basicLicences[id] === true);
    if (channel === 'csv' && !assignsSomething) return { kind: 'nothing_assigned' };
    return { kind: 'error', error: { code: 'package_required' } };
  }
  const from = current.packageId;
  if (behaviour === 'add-remove' && from !== null && change.packages[from] === false) {
    return { kind: 'target', packageId: null };
  }
  return { kind: 'target', packageId: from };
}

export function planUserChange(input: PlanInput): UserPlan {
  const { current, change, behaviour, channel, context } = input;
  const email = normalizeEmail(change.email);
  const errors: RowError[] = [];
  const warnings: RowWarning[] = [];

  if (email === '')
    return result('error', email, current, current, [], [{ code: 'email_required', column: 'email' }], []);
  // An invisible or look-alike character is refused in a new identity; a user stored with one
  // (before ADR 0083) is still found by it and can be changed or removed.
  const emailIssue = emailProblem(email);
  if (emailIssue === 'shape' || (emailIssue === 'lookalike' && current === null)) {
    const character = emailIssue === 'lookalike' ? lookalikeCharacter(email) : null;
    const localPartLength = character ? null : overlongLocalPart(email);
    const params = {
      value: change.email.trim(),
      ...(character ? { character: codePointLabel(character) } : {}),
      ...(localPartLength !== null ? { localPartLength } : {}),
    };
    return result(
      'error',
      email,
      current,
      current,
      [],
      [{ code: 'invalid_email', column: 'email', params }],
      [],
    );
  }
  if (current === null && context.emailTakenElsewhere(email)) {
    return result('error', email, null, null, [], [{ code: 'email_taken_elsewhere', column: 'email' }], []);
  }

  const decision = decidePackage(input);
  if (decision.kind === 'error') return result('error', email, current, current, [], [decision.error], []);
  if (decision.kind === 'nothing_assigned') {
    // `REMOVE|<number>` must name the user's number, else a row error (SPEC §6, ADR 0062): an
    // email nobody holds has no number, and a silent `unchanged` would hide the admin's typo.
    if (change.removePhoneNumber !== undefined)
      return result('error', email, null, null, [], [removeNumberNotHeld(change.removePhoneNumber)], []);
    return result(
      'unchanged',
      email,
      null,
      null,
      [],
      [],
      [{ code: 'unknown_user_nothing_assigned', column: 'email' }],
    );
  }
  const target = decision.packageId;
  const from = current?.packageId ?? null;
  const isFullAdmin = context.isCustomerFullAdmin(email);

  // A row removes the user when they end with no package (SPEC §6).
  if (current !== null && from !== null && target === null) {
    const adminViolation = checkFullAdminChange({
      from,
      to: null,
      isCustomerFullAdmin: isFullAdmin,
      isOnlyCustomerFullAdmin: isFullAdmin && context.customerFullAdminCount <= 1,
    });
    if (adminViolation)
      return result('error', email, current, current, [], [violationToError(adminViolation)], []);
    // `REMOVE|<number>` must name the user's number in either behaviour (SPEC §6), also in a row
    // that removes the user (and with them their number).
    if (
      change.removePhoneNumber !== undefined &&
      !removesHeldNumber(change.removePhoneNumber, current, context)
    )
      return result(
        'error',
        email,
        current,
        current,
        [],
        [removeNumberNotHeld(change.removePhoneNumber)],
        [],
      );
    return result('remove', email, current, null, [{ field: from, before: true, after: false }], [], []);
  }

  if (target !== null && target !== from) {
    // In this order (the row's messages follow it), without an array of them per row.
    const changeViolation = checkPackageChange(from, target);
    if (changeViolation) errors.push(violationToError(changeViolation));
    const adminViolation = checkFullAdminChange({
      from,
      to: target,
      isCustomerFullAdmin: isFullAdmin,
      isOnlyCustomerFullAdmin: isFullAdmin && context.customerFullAdminCount <= 1,
    });
    if (adminViolation) errors.push(violationToError(adminViolation));
    const availability = checkPackageAvailable(target, context.soldPackages, context.usage(target));
    if (availability) errors.push(violationToError(availability));
  }

  // One empty user for every row that adds one: it is only read.
  const base = current ?? NO_USER;

  // Free text. While directory sync is on, the directory owns names (SPEC §5).
  const text = pickText(base);
  for (const field of TEXT_FIELDS) {
    const given = change.text[field];
    const value = given === null ? null : given?.trim();
    if (value === undefined || value === '') continue;
    if (
      context.directorySync &&
      current !== null &&
      DIRECTORY_OWNED_FIELDS.includes(field) &&
      value !== base[field]
    ) {
      errors.push({ code: 'directory_sync_read_only', column: field });
      continue;
    }
    if (value === null) {
      text[field] = null;
      continue;
    }
    // Length and characters (ADR 0083) bind what is given, not what is stored: a stored value
    // given back as it is (an export re-imported) stays `unchanged`.
    if (value !== base[field]) {
      const problem = fieldProblem(field, value);
      if (problem !== null) {
        errors.push(fieldProblemError(field, problem));
        continue;
      }
    }
    // Time zone and language have a fixed vocabulary; a stored value given back as it is stays
    // readable (an export of older data re-imports unchanged).
    if (field === 'timeZone' && value !== base.timeZone) {
      const zone = canonicalTimeZone(value);
      if (zone === null) errors.push({ code: 'invalid_time_zone', column: field, params: { value } });
      else text.timeZone = zone;
      continue;
    }
    if (field === 'preferredLanguage' && value !== base.preferredLanguage && !isPreferredLanguage(value)) {
      errors.push({ code: 'invalid_preferred_language', column: field, params: { value } });
      continue;
    }
    text[field] = value;
  }
  // A created user without a site gets the customer's default (SPEC §2), stored like a given one.
  if (current === null && text.preferredWebexSite === null && context.defaultPreferredWebexSite) {
    text.preferredWebexSite = context.defaultPreferredWebexSite;
  }

  // Jabber: both columns are required in a CSV row that creates a user with a package (SPEC §3).
  if (current === null && channel === 'csv' && target !== null) {
    if (change.jabberWithTeams === undefined)
      errors.push({ code: 'jabber_required', column: 'jabberWithTeams' });
    if (change.jabberCalling === undefined) errors.push({ code: 'jabber_required', column: 'jabberCalling' });
  }
  const jabberWithTeams = change.jabberWithTeams ?? base.jabberWithTeams;
  const jabberCalling = change.jabberCalling ?? base.jabberCalling;

  // Calling fields: kept for Voice and calling packages, released otherwise (SPEC §3).
  let locationId = base.locationId;
  let extension = base.extension;
  let phoneNumber = base.phoneNumber;
  let callerIdNumber = base.callerIdNumber;
  const callingErrorsBefore = errors.length;
  let locationUnknown = false;
  if (keepsCallingFields(target)) {
    if (change.location !== undefined) {
      const location = context.locationByName(change.location);
      if (location) locationId = location.id;
      else {
        locationUnknown = true;
        errors.push({
          code: 'unknown_location',
          column: 'location',
          params: { name: change.location.trim() },
        });
      }
    }
    const country = locationId ? (context.locationById(locationId)?.country ?? null) : null;

    if (change.extension !== undefined) {
      const value = change.extension.trim();
      if (!/^\d+$/.test(value))
        errors.push({ code: 'invalid_extension', column: 'extension', params: { value } });
      else if (value.length !== context.extensionLength) {
        errors.push({
          code: 'extension_wrong_length',
          column: 'extension',
          params: { value, length: context.extensionLength },
        });
      } else {
        const holder = context.extensionHolder(value);
        if (holder !== null && holder !== email)
          errors.push({ code: 'extension_taken', column: 'extension', params: { value } });
        else extension = value;
      }
    }

    if (change.removePhoneNumber !== undefined) {
      if (removesHeldNumber(change.removePhoneNumber, base, context, country)) phoneNumber = null;
      else errors.push(removeNumberNotHeld(change.removePhoneNumber));
    }
    if (change.phoneNumber !== undefined && locationId === null && !locationUnknown) {
      // A number belongs to a location's inventory and is read with its country (SPEC §3, §4):
      // without a location it can be neither read nor checked, so that is what the row is told.
      errors.push({
        code: 'phone_number_needs_location',
        column: 'location',
        params: { value: change.phoneNumber.trim() },
      });
    } else if (change.phoneNumber !== undefined) {
      const normalized = normalizePhoneNumber(change.phoneNumber, country);
      if (!normalized.ok) {
        errors.push({
          code: 'invalid_phone_number',
          column: 'phoneNumber',
          params: { value: change.phoneNumber.trim() },
        });
      } else {
        if (normalized.plusRestored)
          warnings.push(plusRestored('phoneNumber', change.phoneNumber, normalized.e164));
        phoneNumber = normalized.e164;
      }
    }

    // Inventory: the number belongs to the user's location and to nobody else (SPEC §4). With an
    // unknown location that cannot be judged: the unknown location is the one error to report.
    if (
      !locationUnknown &&
      phoneNumber !== null &&
      (phoneNumber !== base.phoneNumber || locationId !== base.locationId)
    ) {
      const entry = context.numberEntry(phoneNumber);
      const locationName = locationId ? (context.locationById(locationId)?.name ?? '') : '';
      if (!entry || entry.locationId !== locationId) {
        errors.push({
          code: 'number_not_in_location',
          column: 'phoneNumber',
          params: { number: phoneNumber, location: locationName },
        });
      } else if (entry.holder !== null && entry.holder !== email) {
        errors.push({ code: 'number_taken', column: 'phoneNumber', params: { number: phoneNumber } });
      }
    }
  } else {
    // `REMOVE|<number>` must name the user's number in either case (SPEC §6), also when the
    // package releases it anyway.
    if (change.removePhoneNumber !== undefined && !removesHeldNumber(change.removePhoneNumber, base, context))
      errors.push(removeNumberNotHeld(change.removePhoneNumber));
    if (change.location !== undefined || change.extension !== undefined || change.phoneNumber !== undefined)
      warnings.push({
        code: 'calling_fields_ignored',
        column: 'extension',
        params: { package: target ?? '' },
      });
  }
  if (!keepsCallingFields(target)) {
    locationId = null;
    extension = null;
    phoneNumber = null;
  }

  if (change.callerIdNumber === null) callerIdNumber = null;
  else if (change.callerIdNumber !== undefined) {
    // The location's country; a user without a location (Meetings, say) has none, and a national
    // Caller ID Number is then one of the customer's own country (SPEC §4: stored in E.164).
    const country = locationId
      ? (context.locationById(locationId)?.country ?? null)
      : (context.customerCountry ?? null);
    const normalized = normalizePhoneNumber(change.callerIdNumber, country);
    if (normalized.ok) {
      if (normalized.plusRestored)
        warnings.push(plusRestored('callerIdNumber', change.callerIdNumber, normalized.e164));
      callerIdNumber = normalized.e164;
    } else
      errors.push({
        code: 'invalid_phone_number',
        column: 'callerIdNumber',
        params: { value: change.callerIdNumber.trim() },
      });
  }

  // Required calling information, unless an error on the same fields already explains it.
  if (target !== null && errors.length === callingErrorsBefore) {
    for (const violation of checkCallingInfo(target, { extension, phoneNumber, locationId })) {
      errors.push(violationToError(violation));
    }
  }

  const addOns = planAddOns(input, target, errors, warnings);
  const basicLicences = planBasicLicences(base, current !== null, change, behaviour, target, context);

  if (target !== null) {
    const siteWarning = checkPreferredSite(target, text.preferredWebexSite);
    if (siteWarning)
      warnings.push({
        code: 'preferred_site_missing',
        column: 'preferredWebexSite',
        params: { package: target },
      });
  }

  if (errors.length > 0) return result('error', email, current, current, [], errors, warnings);

  const after: UserState = {
    firstName: text.firstName,
    lastName: text.lastName,
    displayName: text.displayName,
    title: text.title,
    department: text.department,
    manager: text.manager,
    callerIdFirstName: text.callerIdFirstName,
    callerIdLastName: text.callerIdLastName,
    preferredLanguage: text.preferredLanguage,
    timeZone: text.timeZone,
    preferredWebexSite: text.preferredWebexSite,
    email,
    extension,
    phoneNumber,
    callerIdNumber,
    locationId,
    jabberWithTeams,
    jabberCalling,
    packageId: target,
    addOns,
    basicLicences,
  };
  // An add has no "before": its changes would list every field it sets, and nobody reads them.
  if (current === null) return result('add', email, null, after, [], [], warnings);
  const changes = diffUsers(current, after, context);
  if (changes.length === 0) return result('unchanged', email, current, current, [], [], warnings);
  return result('modify', email, current, after, changes, [], warnings);
}

/** What a row that adds a user starts from (read, never changed; its email is not read). */
const NO_USER: UserState = emptyUser('');

/** A literal with every field (not Object.fromEntries): keeps V8's fast object shapes on hot paths. */
function pickText(user: UserTextFields): Record<TextField, string | null> {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    title: user.title,
    department: user.department,
    manager: user.manager,
    callerIdFirstName: user.callerIdFirstName,
    callerIdLastName: user.callerIdLastName,
    preferredLanguage: user.preferredLanguage,
    timeZone: user.timeZone,
    preferredWebexSite: user.preferredWebexSite,
  };
}

function planAddOns(
  input: PlanInput,
  target: PackageId | null,
  errors: RowError[],
  warnings: RowWarning[],
): Record<AddOnId, boolean> {
  const { current, change, behaviour, context } = input;
  const addOns = { ...(current?.addOns ?? { attendant_console: false }) };
  for (const addOn of ADD_ON_IDS) {
    const holds = addOns[addOn];
    const wanted = change.addOns[addOn];
    if (wanted === true) {
      if (!isAddOnAllowed(addOn, target)) {
        errors.push(violationToError({ code: 'add_on_not_allowed', addOn, packageId: target }));
      } else if (!holds) {
        const violation = checkPackageAvailable(addOn, context.soldPackages, context.usage(addOn));
        if (violation) errors.push(violationToError(violation));
        else addOns[addOn] = true;
      }
    } else if (wanted === false && behaviour === 'add-remove') {
      addOns[addOn] = false;
    } else if (holds && !isAddOnAllowed(addOn, target)) {
      // A package change that no longer allows the add-on drops it with a warning (SPEC §3).
      addOns[addOn] = false;
      warnings.push({ code: 'add_on_dropped', column: addOn, params: { addOn, package: target ?? '' } });
    }
  }
  return addOns;
}

function planBasicLicences(
  base: UserState,
  exists: boolean,
  change: DesiredUserChange,
  behaviour: ImportBehaviour,
  target: PackageId | null,
  context: PlanningContext,
): UserState['basicLicences'] {
  // add-only: a user who ends with a package gets them automatically (when the setting is on).
  const autoAssign = behaviour === 'add-only' && context.autoAssignBasicLicences && target !== null;
  const next = { ...base.basicLicences };
  for (const licence of BASIC_LICENCES) {
    const wanted = change.basicLicences[licence];
    if (wanted === true) next[licence] = true;
    else if (wanted === false) {
      if (behaviour === 'add-remove') next[licence] = false;
      // add-only ignores FALSE, and for a stored user it also keeps the licence from being
      // assigned automatically: a cell equal to what is stored is `unchanged` (SPEC §6), so an
      // export of a user without the licence re-imports unchanged. A new user still gets it.
      else if (autoAssign && !exists) next[licence] = true;
    } else if (autoAssign) next[licence] = true;
  }
  return next;
}

/**
 * Whether `REMOVE|<number>` names the number the user holds (SPEC §6). A national number is read
 * with the country of the location the held number belongs to (SPEC §4): the user's stored
 * location, also when the same row moves them to a location in another country.
 */
function removesHeldNumber(
  given: string,
  base: UserState,
  context: PlanningContext,
  rowCountry: string | null = null,
): boolean {
  if (base.phoneNumber === null) return false;
  const held = base.phoneNumber;
  const heldCountry = base.locationId ? (context.locationById(base.locationId)?.country ?? null) : null;
  const names = (country: string | null): boolean => {
    const removal = normalizePhoneNumber(given, country);
    return removal.ok && removal.e164 === held;
  };
  // A number stored without a location (older data) is read with the row's location instead.
  return names(heldCountry) || (heldCountry === null && rowCountry !== null && names(rowCountry));
}

/** A field rule's refusal as a row error on the field's column. */
export function fieldProblemError(column: string, problem: FieldProblem): RowError {
  return problem.kind === 'too_long'
    ? { code: 'value_too_long', column, params: { length: problem.length, limit: problem.limit } }
    : { code: 'forbidden_character', column, params: { character: problem.character } };
}

/**
 * A number typed without its `+` that was read as international (a spreadsheet stripped it): one
 * warning for the Phone Number and the Caller ID Number alike, on the column that held it.
 */
function plusRestored(column: 'phoneNumber' | 'callerIdNumber', given: string, e164: string): RowWarning {
  return { code: 'phone_plus_restored', column, params: { value: given.trim(), number: e164 } };
}

function removeNumberNotHeld(given: string): RowError {
  return { code: 'remove_number_not_held', column: 'phoneNumber', params: { value: given } };
}

/** Field-level before -> after, keyed by CSV column keys; locations by name, as the CSV has them. */
function diffUsers(previous: UserState, after: UserState, context: PlanningContext): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (field: string, from: FieldValue, to: FieldValue): void => {
    if (from !== to) changes.push({ field, before: from, after: to });
  };
  for (const field of TEXT_FIELDS) push(field, previous[field], after[field]);
  push('extension', previous.extension, after.extension);
  push('phoneNumber', previous.phoneNumber, after.phoneNumber);
  push('callerIdNumber', previous.callerIdNumber, after.callerIdNumber);
  if (previous.locationId !== after.locationId) {
    push('location', locationName(previous.locationId, context), locationName(after.locationId, context));
  }
  push('jabberWithTeams', previous.jabberWithTeams, after.jabberWithTeams);
  push('jabberCalling', previous.jabberCalling, after.jabberCalling);
  push('package', previous.packageId, after.packageId);
  for (const addOn of ADD_ON_IDS) push(addOn, previous.addOns[addOn], after.addOns[addOn]);
  for (const licence of BASIC_LICENCES)
    push(licence, previous.basicLicences[licence], after.basicLicences[licence]);
  return changes;
}

/** A location's name for a preview; its id when the location is gone (never blank for a set one). */
function locationName(id: string | null, context: PlanningContext): string | null {
  if (id === null) return null;
  return context.locationById(id)?.name ?? id;
}
