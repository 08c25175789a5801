// Pure rules of the GDPR erasure (SPEC §1): which audit events concern a person, what they teach
// about the person (ids, emails used over time, names), and how their values become the tombstone.
// The list of personal fields is data (personal-data-fields.ts); nothing here names a field.
import {
  PERSON_TARGET_TYPES,
  personalDataKind,
  type PersonalDataKind,
  type PersonTargetType,
} from './personal-data-fields.ts';

/** Everything that identifies one person in a partner's log, grown until nothing new turns up. */
export interface PersonIdentity {
  /** Lower-case; every address the person had (an email may change over time). */
  readonly emails: Set<string>;
  readonly userIds: Set<string>;
  readonly adminIds: Set<string>;
  readonly freeAccountIds: Set<string>;
}

export function emptyIdentity(email: string): PersonIdentity {
  return {
    emails: new Set([email.trim().toLowerCase()]),
    userIds: new Set(),
    adminIds: new Set(),
    freeAccountIds: new Set(),
  };
}

export function identitySize(identity: PersonIdentity): number {
  return identity.emails.size + identity.userIds.size + identity.adminIds.size + identity.freeAccountIds.size;
}

/** The columns of an audit event the erasure reads. */
export interface AuditEventFacts {
  readonly actor_type: string;
  readonly actor_id: string | null;
  readonly actor_label: string | null;
  readonly target_type: string;
  readonly target_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * How an event concerns the person:
 * - `target`: it is about them (their user, admin or free account, or their email as target):
 *   every personal field in it is theirs.
 * - `actor`: they did it (their admin id or address as actor): their label goes.
 * Neither, but one of their emails occurs in it (e.g. as a customer's primary admin email): only
 * that address goes. Other people's data in the event stays.
 */
export interface Concern {
  readonly target: boolean;
  readonly actor: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A field-level change `{ field, before, after }` (user updates list these): its field's kind. */
function changedFieldKind(node: Record<string, unknown>): PersonalDataKind | undefined {
  if (typeof node.field !== 'string' || !('before' in node) || !('after' in node)) return undefined;
  return personalDataKind(node.field);
}

/** The string values of personal fields of these kinds, wherever they sit in a JSON value. */
export function collectPersonalValues(value: unknown, kinds: ReadonlySet<PersonalDataKind>): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    const changed = changedFieldKind(node);
    if (changed && kinds.has(changed)) {
      for (const side of [node.before, node.after]) if (typeof side === 'string') found.push(side);
    }
    for (const [key, item] of Object.entries(node)) {
      const kind = personalDataKind(key);
      if (kind && kinds.has(kind)) {
        if (typeof item === 'string') found.push(item);
      } else {
        visit(item);
      }
    }
  };
  visit(value);
  return found;
}

const IDENTITY: ReadonlySet<PersonalDataKind> = new Set(['identity']);
const NAMES: ReadonlySet<PersonalDataKind> = new Set(['name']);

/** The emails an event records for its target (lower-case). */
function targetEmails(event: AuditEventFacts): string[] {
  return [...collectPersonalValues(event.before, IDENTITY), ...collectPersonalValues(event.after, IDENTITY)]
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value.includes('@'));
}

function isPersonTarget(type: string): type is PersonTargetType {
  return (PERSON_TARGET_TYPES as readonly string[]).includes(type);
}

function idsOf(identity: PersonIdentity, type: PersonTargetType): Set<string> | undefined {
  switch (type) {
    case 'user':
      return identity.userIds;
    case 'admin':
      return identity.adminIds;
    case 'free_account':
      return identity.freeAccountIds;
    case 'email':
      return undefined;
  }
}

function isTargetOf(event: AuditEventFacts, identity: PersonIdentity): boolean {
  const type = event.target_type;
  if (!isPersonTarget(type)) return false;
  if (type === 'email') return identity.emails.has((event.target_id ?? '').trim().toLowerCase());
  if (event.target_id !== null && idsOf(identity, type)?.has(event.target_id)) return true;
  // The event records its target's email: the same address is the same person (also when an
  // import could not name the removed row's id).
  return targetEmails(event).some((email) => identity.emails.has(email));
}

function isActor(event: AuditEventFacts, identity: PersonIdentity): boolean {
  if (event.actor_type === 'admin' && event.actor_id !== null && identity.adminIds.has(event.actor_id)) {
    return true;
  }
  return event.actor_label !== null && containsEmail(event.actor_label, identity.emails);
}

function mentions(event: AuditEventFacts, identity: PersonIdentity): boolean {
  return containsEmail(`${JSON.stringify(event.before)} ${JSON.stringify(event.after)}`, identity.emails);
}

function containsEmail(text: string, emails: Iterable<string>): boolean {
  const pattern = emailsPattern(emails);
  return pattern !== null && text.search(pattern) >= 0;
}

/** How the event concerns the person; null when it does not name them at all. */
export function concernOf(event: AuditEventFacts, identity: PersonIdentity): Concern | null {
  const concern = { target: isTargetOf(event, identity), actor: isActor(event, identity) };
  return concern.target || concern.actor || mentions(event, identity) ? concern : null;
}

/** Adds the target's id and every email it had to the identity; true when anything was new. */
export function learnFromEvent(event: AuditEventFacts, identity: PersonIdentity): boolean {
  if (!isTargetOf(event, identity)) return false;
  const before = identitySize(identity);
  const type = event.target_type;
  if (isPersonTarget(type) && event.target_id !== null) {
    if (type === 'email') identity.emails.add(event.target_id.trim().toLowerCase());
    else idsOf(identity, type)?.add(event.target_id);
  }
  for (const email of targetEmails(event)) identity.emails.add(email);
  return identitySize(identity) > before;
}

/** The names an event about the person records for them (for whole-word scrubbing of mail). */
export function namesInEvent(event: AuditEventFacts): string[] {
  return [...collectPersonalValues(event.before, NAMES), ...collectPersonalValues(event.after, NAMES)];
}

/** Every personal field (and personal field-level change) of a JSON value becomes the tombstone. */
export function scrubPersonalFields(value: unknown, tombstone: string): unknown {
  if (Array.isArray(value)) return value.map((item) => scrubPersonalFields(item, tombstone));
  if (!isRecord(value)) return value;
  const changed = changedFieldKind(value) !== undefined;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const personal =
        personalDataKind(key) !== undefined || (changed && (key === 'before' || key === 'after'));
      if (personal) return [key, item === null || item === undefined ? item : tombstone];
      return [key, scrubPersonalFields(item, tombstone)];
    }),
  );
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Any of the emails, anywhere in a string, case-insensitive, as a whole address: erasing
 * ann@example.org leaves joann@example.org and ann@example.org.uk alone (a sentence's final dot
 * is not part of the address).
 */
export function emailsPattern(emails: Iterable<string>): RegExp | null {
  const alternatives = [...new Set(emails)]
    .filter((email) => email.length > 0)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  if (alternatives.length === 0) return null;
  return new RegExp(
    `(?<![\\p{L}\\p{N}._%+\\-'!#$&*/=?^\`{|}~])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}\\-]|\\.[\\p{L}\\p{N}])`,
    'giu',
  );
}

/**
 * A name inside free text (an email's greeting), as a whole word and as written: "Jan" is not in
 * "January", and "pieters" in lower case is a word, not the name.
 */
export function namesPattern(names: Iterable<string>): RegExp | null {
  const usable = [...new Set([...names].map((name) => name.trim()))].filter((name) => name.length > 1);
  if (usable.length === 0) return null;
  const alternatives = usable.sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

export function scrubText(text: string, patterns: readonly (RegExp | null)[], tombstone: string): string {
  return patterns.reduce(
    (current, pattern) => (pattern ? current.replace(pattern, tombstone) : current),
    text,
  );
}

/** The person's emails wherever they occur in strings (and keys) of a JSON value. */
export function scrubEmails(value: unknown, emails: RegExp | null, tombstone: string): unknown {
  if (!emails) return value;
  if (typeof value === 'string') return value.replace(emails, tombstone);
  if (Array.isArray(value)) return value.map((item) => scrubEmails(item, emails, tombstone));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key.replace(emails, tombstone),
      scrubEmails(item, emails, tombstone),
    ]),
  );
}

/** A string value that is wholly one of the person's names (e.g. in a nested record) goes too. */
function scrubWholeNames(value: unknown, names: ReadonlySet<string>, tombstone: string): unknown {
  if (typeof value === 'string') return names.has(value.trim().toLowerCase()) ? tombstone : value;
  if (Array.isArray(value)) return value.map((item) => scrubWholeNames(item, names, tombstone));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, scrubWholeNames(item, names, tombstone)]),
  );
}

export interface ErasureTerms {
  readonly tombstone: string;
  readonly emails: RegExp | null;
  /** Lower-case, trimmed. */
  readonly names: ReadonlySet<string>;
}

export interface ScrubbedEvent {
  readonly actor_label: string | null;
  readonly target_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** The event with the person's data replaced, per how it concerns them; other facts unchanged. */
export function scrubEvent(event: AuditEventFacts, concern: Concern, terms: ErasureTerms): ScrubbedEvent {
  const { tombstone, emails } = terms;
  const side = (value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    const withoutEmails = scrubEmails(value, emails, tombstone);
    if (!concern.target) return withoutEmails;
    return scrubWholeNames(scrubPersonalFields(withoutEmails, tombstone), terms.names, tombstone);
  };
  return {
    actor_label: scrubLabel(event.actor_label, concern.actor, terms),
    target_id:
      concern.target && event.target_type === 'email' && event.target_id !== null
        ? tombstone
        : event.target_id,
    before: side(event.before),
    after: side(event.after),
  };
}

/** `signup:<email>` keeps its prefix; a label of the person that is no known address goes whole. */
function scrubLabel(label: string | null, actorIsPerson: boolean, terms: ErasureTerms): string | null {
  if (label === null) return null;
  const replaced = terms.emails ? label.replace(terms.emails, terms.tombstone) : label;
  if (replaced !== label || !actorIsPerson) return replaced;
  return terms.tombstone;
}
