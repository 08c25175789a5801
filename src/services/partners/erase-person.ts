// GDPR erasure of a person from a partner's audit log (SPEC §1): their email and names become a
// tombstone; who did what, when and to which target stays. The only change the append-only
// trigger lets through, and only inside this transaction.
import { createHash } from 'node:crypto';
import { validationFailed } from '../../domain/errors.ts';
import { isEmail } from '../../domain/customers/customer-input.ts';
import {
  allowAuditErasure,
  findAuditRowsMentioning,
  namesOfPerson,
  rewriteAuditRow,
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
    // The erasure itself is a fact worth keeping, named only by the tombstone.
    await recordAudit(trx, context, {
      partnerId: partner.id,
      customerId: null,
      action: 'person.erase',
      targetType: 'person',
      targetId: tombstone,
      after: { tombstone, erasedEvents: rows.length },
    });
    return { tombstone, erasedEvents: rows.length };
  });
}
