// The erasure engine (SPEC §1, ADR 0024) that both erasures run: a partner's
// (services/partners/erase-person.ts) and the operator's across the deployment
// (erase-person-everywhere.ts). It finds everything that identified the person over time (emails,
// user, admin and free-account ids) and rewrites each row about them: every personal field of
// every audit event becomes the tombstone, while who did what, when, to which target and in which
// request stays. The outbox is scrubbed too: its copies of emails to or about the person would
// otherwise keep their address and name, and one still waiting to be sent to them is not sent.
// Which fields are personal data is data: domain/privacy/personal-data-fields.ts. Directory-sync
// tokens and imports that name the person as their creator or uploader get the tombstone too, and
// so do the import row results about them; uploaded files naming them are deleted
// (erase-import-results.ts).
import { createHash } from 'node:crypto';
import {
  concernOf,
  emailsPattern,
  emptyIdentity,
  identitySize,
  learnFromEvent,
  namesInEvent,
  namesPattern,
  scrubEvent,
  scrubText,
  type PersonIdentity,
} from '../../domain/privacy/scrub-personal-data.ts';
import {
  findAuditRowsConcerning,
  findOutboxEmailsMentioning,
  findPersonRecords,
  rewriteAuditRow,
  rewriteOutboxEmail,
  scrubCreatorLabels,
  type ErasureScope,
  type PersonKeys,
} from '../../db/repositories/audit-erasure.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import { eraseImportResults, type ErasedImports } from '../partners/erase-import-results.ts';
import type { Executor } from '../context.ts';
import { TOMBSTONE_PREFIX } from '../../domain/privacy/tombstone.ts';

/** What the person's address becomes: the prefix and a hash, never an email (ADR 0024). */
export function tombstoneOf(email: string): string {
  return `${TOMBSTONE_PREFIX}${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
}

function keysOf(identity: PersonIdentity): PersonKeys {
  return {
    emails: [...identity.emails],
    userIds: [...identity.userIds],
    adminIds: [...identity.adminIds],
    freeAccountIds: [...identity.freeAccountIds],
  };
}

/** Bounds the search on a pathological log; each round only follows what the last one found. */
const MAX_ROUNDS = 10;

interface FoundPerson {
  readonly identity: PersonIdentity;
  readonly scope: ErasureScope;
  readonly names: Set<string>;
  readonly rows: AuditEventRow[];
}

/**
 * Grows what identifies the person until nothing new turns up: the tables' current rows give ids
 * and emails, each event about one of their ids gives the emails it recorded (old ones too), and
 * each such email finds more. Names come from the same rows and events. `partnerId: null` looks at
 * the deployment-level rows only (the operator's erasure, which covers every partner besides).
 */
async function findPerson(trx: Executor, partnerId: string | null, email: string): Promise<FoundPerson> {
  const identity = emptyIdentity(email);
  const names = new Set<string>();
  let scope: ErasureScope = { partnerId, withUnscoped: false };
  let rows: AuditEventRow[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const size = identitySize(identity);
    const widened = scope.withUnscoped;
    for (const record of await findPersonRecords(trx, partnerId, keysOf(identity))) {
      identity.emails.add(record.email.trim().toLowerCase());
      if (record.kind === 'user') identity.userIds.add(record.id);
      else if (record.kind === 'admin') identity.adminIds.add(record.id);
      else identity.freeAccountIds.add(record.id);
      for (const name of record.names) if (name) names.add(name);
    }
    // Known to this partner (a user or admin of it, now or in its log): their deployment-level
    // events (free-account sign-up, probes) are erased with the rest.
    scope = { partnerId, withUnscoped: identity.userIds.size + identity.adminIds.size > 0 };
    rows = await findAuditRowsConcerning(trx, scope, keysOf(identity));
    for (const row of rows) learnFromEvent(row, identity);
    if (identitySize(identity) === size && scope.withUnscoped === widened) break;
  }
  for (const row of rows) {
    if (concernOf(row, identity)?.target) for (const name of namesInEvent(row)) names.add(name);
  }
  return { identity, scope, names, rows };
}

/** What one pass of the erasure rewrote, by id: passes that reach the same row count it once. */
export interface ErasedRows {
  readonly identity: PersonIdentity;
  readonly auditEventIds: ReadonlySet<number>;
  readonly outboxEmailIds: ReadonlySet<string>;
  /** Directory-sync tokens and imports whose creator label became the tombstone. */
  readonly creatorLabels: number;
  /** The partner's import results and files (none in the deployment-level pass: imports have a partner). */
  readonly imports: ErasedImports;
}

/**
 * Erases the person from one partner's rows (and, once known to it, the deployment-level rows
 * about them), or with `partnerId: null` from the deployment-level rows only. Runs inside the
 * caller's transaction, after allowAuditErasure; the caller checks who may ask and audits it.
 */
export async function erasePersonWithin(
  trx: Executor,
  partnerId: string | null,
  email: string,
  tombstone: string,
): Promise<ErasedRows> {
  const { identity, scope, names, rows } = await findPerson(trx, partnerId, email);
  const terms = {
    tombstone,
    emails: emailsPattern(identity.emails),
    names: new Set([...names].map((name) => name.trim().toLowerCase()).filter((name) => name.length > 0)),
  };
  const auditEventIds = new Set<number>();
  for (const row of rows) {
    const concern = concernOf(row, identity);
    if (!concern) continue;
    const scrubbed = scrubEvent(row, concern, terms);
    await rewriteAuditRow(trx, row.id, {
      actorLabel: scrubbed.actor_label,
      targetId: scrubbed.target_id,
      before: scrubbed.before,
      after: scrubbed.after,
    });
    auditEventIds.add(Number(row.id));
  }
  const inText = [terms.emails, namesPattern(names)];
  const emails = await findOutboxEmailsMentioning(trx, scope, [...identity.emails]);
  for (const outgoing of emails) {
    const toPerson = identity.emails.has(outgoing.to_address.trim().toLowerCase());
    const unsent = toPerson && outgoing.status === 'pending';
    await rewriteOutboxEmail(trx, outgoing.id, {
      to_address: toPerson ? tombstone : outgoing.to_address,
      subject: scrubText(outgoing.subject, inText, tombstone),
      body_text: scrubText(outgoing.body_text, inText, tombstone),
      status: unsent ? 'failed' : outgoing.status,
      last_error: unsent
        ? 'recipient erased'
        : outgoing.last_error && scrubText(outgoing.last_error, inText, tombstone),
    });
  }
  const creatorLabels =
    partnerId === null ? 0 : await scrubCreatorLabels(trx, partnerId, [...identity.emails], tombstone);
  const imports =
    partnerId === null
      ? { importRows: 0, importFiles: 0, cancelledImports: 0 }
      : await eraseImportResults(trx, partnerId, identity.emails, tombstone);
  return {
    identity,
    auditEventIds,
    outboxEmailIds: new Set(emails.map((outgoing) => outgoing.id)),
    creatorLabels,
    imports,
  };
}
