// GDPR erasure of a person from a partner's audit log (SPEC §1): their email and names become a
// tombstone; who did what, when and to which target stays. The only change the append-only
// trigger lets through, and only inside this transaction. The partner's outbox is scrubbed too:
// its copies of emails to or about the person would otherwise keep their address and name, and
// one still waiting to be sent to them is not sent.
import { createHash } from 'node:crypto';
import { validationFailed } from '../../domain/errors.ts';
import { isEmail } from '../../domain/customers/customer-input.ts';
import {
  allowAuditErasure,
  findAuditRowsMentioning,
  findOutboxEmailsMentioning,
  namesOfPerson,
  rewriteAuditRow,
  rewriteOutboxEmail,
} from '../../db/repositories/audit-erasure.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { assertCanManagePartner, canSeePartner, requirePartner } from './partner-service.ts';
import { notFound } from '../../domain/errors.ts';

export function tombstoneOf(email: string): string {
  return `erased:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the email wherever it occurs in a string, and a name where it is the whole value. */
function scrub(value: unknown, email: RegExp, names: ReadonlySet<string>, tombstone: string): unknown {
  if (typeof value === 'string') {
    if (names.has(value.trim())) return tombstone;
    return value.replace(email, tombstone);
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, email, names, tombstone));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, scrub(item, email, names, tombstone)]),
    );
  }
  return value;
}

export interface ErasureResult {
  readonly tombstone: string;
  readonly erasedEvents: number;
  readonly erasedEmails: number;
}

/** A name inside free text (an email's greeting), as a whole word: "Jan" is not in "January". */
function namePattern(names: ReadonlySet<string>): RegExp | null {
  const usable = [...names].map((name) => name.trim()).filter((name) => name.length > 1);
  if (usable.length === 0) return null;
  const alternatives = usable.sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

function scrubText(text: string, email: RegExp, name: RegExp | null, tombstone: string): string {
  const withoutEmail = text.replace(email, tombstone);
  return name ? withoutEmail.replace(name, tombstone) : withoutEmail;
}

export async function eraseAuditPersonalData(
  context: ServiceContext,
  partnerId: string,
  rawEmail: string,
): Promise<ErasureResult> {
  if (!canSeePartner(context.actor, partnerId)) throw notFound('Partner');
  assertCanManagePartner(context.actor);
  const email = rawEmail.trim().toLowerCase();
  if (!isEmail(email)) {
    throw validationFailed([
      { code: 'invalid_email', field: 'email', description: `"${rawEmail}" is not a valid email address.` },
    ]);
  }
  const tombstone = tombstoneOf(email);
  const emailPattern = new RegExp(escapeRegExp(email), 'gi');
  return context.db.transaction().execute(async (trx) => {
    const partner = await requirePartner(context, partnerId, trx);
    await allowAuditErasure(trx);
    const names = new Set(await namesOfPerson(trx, email));
    const rows = await findAuditRowsMentioning(trx, partner.id, email);
    for (const row of rows) {
      await rewriteAuditRow(trx, row.id, {
        actorLabel: row.actor_label?.toLowerCase() === email ? tombstone : row.actor_label,
        before: scrub(row.before, emailPattern, names, tombstone) as Record<string, unknown> | null,
        after: scrub(row.after, emailPattern, names, tombstone) as Record<string, unknown> | null,
      });
    }
    const namesInText = namePattern(names);
    const emails = await findOutboxEmailsMentioning(trx, partner.id, email);
    for (const outgoing of emails) {
      const toPerson = outgoing.to_address.trim().toLowerCase() === email;
      const unsent = toPerson && outgoing.status === 'pending';
      await rewriteOutboxEmail(trx, outgoing.id, {
        to_address: toPerson ? tombstone : outgoing.to_address,
        subject: scrubText(outgoing.subject, emailPattern, namesInText, tombstone),
        body_text: scrubText(outgoing.body_text, emailPattern, namesInText, tombstone),
        status: unsent ? 'failed' : outgoing.status,
        last_error: unsent
          ? 'recipient erased'
          : outgoing.last_error && scrubText(outgoing.last_error, emailPattern, namesInText, tombstone),
      });
    }
    // The erasure itself is a fact worth keeping, named only by the tombstone.
    await recordAudit(trx, context, {
      partnerId: partner.id,
      customerId: null,
      action: 'person.erase',
      targetType: 'person',
      targetId: tombstone,
      after: { tombstone, erasedEvents: rows.length, erasedEmails: emails.length },
    });
    return { tombstone, erasedEvents: rows.length, erasedEmails: emails.length };
  });
}
