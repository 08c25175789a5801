// GDPR erasure of a person from a partner's audit log, outbox and imports (SPEC §1): checks who
// may ask, runs the erasure engine (services/privacy/erasure-engine.ts) over the partner's rows in
// one transaction (the only one the append-only trigger lets rewrite the log) and audits the
// erasure itself, named only by the tombstone.
import { notFound } from '../../domain/errors.ts';
import { checkedEmail } from '../../domain/users/checked-email.ts';
import { allowAuditErasure } from '../../db/repositories/audit-erasure.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { erasePersonWithin, tombstoneOf } from '../privacy/erasure-engine.ts';
import { assertCanManagePartner, canSeePartner, requirePartner } from './partner-service.ts';

export interface ErasureResult {
  readonly tombstone: string;
  readonly erasedEvents: number;
  readonly erasedEmails: number;
  /** Import row results rewritten (rows endpoint, error report). */
  readonly erasedImportRows: number;
  /** Uploaded import files deleted because they held the person's email. */
  readonly deletedImportFiles: number;
  /** Of those, imports cancelled (queued, running, or a dry run not yet applied). */
  readonly cancelledImports: number;
}

export async function eraseAuditPersonalData(
  context: ServiceContext,
  partnerId: string,
  rawEmail: string,
): Promise<ErasureResult> {
  if (!canSeePartner(context.actor, partnerId)) throw notFound('Partner');
  assertCanManagePartner(context.actor);
  const email = checkedEmail(rawEmail, { stored: true });
  const tombstone = tombstoneOf(email);
  return context.db.transaction().execute(async (trx) => {
    const partner = await requirePartner(context, partnerId, trx);
    await allowAuditErasure(trx);
    const erased = await erasePersonWithin(trx, partner.id, email, tombstone);
    const erasedEvents = erased.auditEventIds.size;
    const erasedEmails = erased.outboxEmailIds.size;
    const result: ErasureResult = {
      tombstone,
      erasedEvents,
      erasedEmails,
      erasedImportRows: erased.imports.importRows,
      deletedImportFiles: erased.imports.importFiles,
      cancelledImports: erased.imports.cancelledImports,
    };
    // The erasure itself is a fact worth keeping, named only by the tombstone.
    await recordAudit(trx, context, {
      partnerId: partner.id,
      customerId: null,
      action: 'person.erase',
      targetType: 'person',
      targetId: tombstone,
      after: result,
    });
    return result;
  });
}
