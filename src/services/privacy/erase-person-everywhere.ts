// The operator's GDPR erasure (SPEC §1, ADR 0024 "Operator erasure"): one request erases a person
// from the whole deployment. Each partner's rows (log, outbox, import results and uploads) go
// through that partner's own erasure, found from the requested email as the partner would find
// them; the deployment-level rows (free-account sign-up and verification, the outbox's
// verification emails) through the same pass without a partner; the person's free account is
// deleted. Only the operator may ask: a partner erases only
// the people it had (POST /v1/partners/{id}/erasures), everyone else gets 404.
import { allowAuditErasure } from '../../db/repositories/audit-erasure.ts';
import {
  countLiveHolders,
  deleteFreeAccountsOf,
  eraseJobsNaming,
  lockAllPartners,
} from '../../db/repositories/deployment-erasure.ts';
import { SIGNUP_JOB } from '../accounts/free-accounts.ts';
import { PASSWORD_RESET_JOB } from '../auth/account-flows.ts';
import { assertOperator } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceContext } from '../context.ts';
import { erasePersonWithin, tombstoneOf } from './erasure-engine.ts';
import { checkedEmail } from '../../domain/users/checked-email.ts';

/** Jobs whose payload names a person by email (and names): the request's own words. */
const JOBS_NAMING_A_PERSON = [SIGNUP_JOB, PASSWORD_RESET_JOB];

export interface DeploymentErasureResult {
  readonly tombstone: string;
  /** Audit events rewritten, in every partner's log and the deployment's. */
  readonly erasedEvents: number;
  /** Outgoing emails scrubbed (one still waiting for the person is not sent). */
  readonly erasedEmails: number;
  readonly deletedFreeAccounts: number;
  /** Import row results rewritten, in every partner's imports (rows endpoint, error report). */
  readonly erasedImportRows: number;
  /** Uploaded import files deleted because they held the person's email. */
  readonly deletedImportFiles: number;
  /** Of those, imports cancelled (queued, running, or a dry run not yet applied). */
  readonly cancelledImports: number;
  /** Partners whose log, outbox or imports held something of the person (each got a `person.erase` event). */
  readonly partners: number;
  /**
   * Live users and admins that still have the address: the log is scrubbed, the rows stay until
   * their partner removes them (removing a subscriber is a change with consequences of its own).
   */
  readonly stillHeldBy: { readonly users: number; readonly admins: number };
}

export async function erasePersonEverywhere(
  context: ServiceContext,
  rawEmail: string,
): Promise<DeploymentErasureResult> {
  assertOperator(context.actor);
  const email = checkedEmail(rawEmail, { stored: true });
  const tombstone = tombstoneOf(email);
  return context.db.transaction().execute(async (trx) => {
    const partnerIds = await lockAllPartners(trx);
    // First: a sign-up or password reset queued for the person would act after the erasure (a
    // sign-up would create the account again), and one running now must finish before the passes
    // below read what it wrote (it holds its job's row until then).
    await eraseJobsNaming(trx, JOBS_NAMING_A_PERSON, [email], tombstone);
    await allowAuditErasure(trx);
    const auditEventIds = new Set<number>();
    const outboxEmailIds = new Set<string>();
    let partners = 0;
    const imports = { erasedImportRows: 0, deletedImportFiles: 0, cancelledImports: 0 };
    for (const partnerId of partnerIds) {
      const erased = await erasePersonWithin(trx, partnerId, email, tombstone);
      const { importRows, importFiles, cancelledImports } = erased.imports;
      const touched =
        erased.auditEventIds.size +
        erased.outboxEmailIds.size +
        erased.creatorLabels +
        importRows +
        importFiles;
      erased.auditEventIds.forEach((id) => auditEventIds.add(id));
      erased.outboxEmailIds.forEach((id) => outboxEmailIds.add(id));
      // Each partner's pass reaches only that partner's imports: the sums count each row once.
      imports.erasedImportRows += importRows;
      imports.deletedImportFiles += importFiles;
      imports.cancelledImports += cancelledImports;
      if (touched === 0) continue;
      partners += 1;
      // The partner's log shows that, and how much of it, the operator erased: no personal data.
      await recordAudit(trx, context, {
        partnerId,
        customerId: null,
        action: 'person.erase',
        targetType: 'person',
        targetId: tombstone,
        after: {
          tombstone,
          erasedEvents: erased.auditEventIds.size,
          erasedEmails: erased.outboxEmailIds.size,
          erasedImportRows: importRows,
          deletedImportFiles: importFiles,
          cancelledImports,
        },
      });
    }
    const deployment = await erasePersonWithin(trx, null, email, tombstone);
    deployment.auditEventIds.forEach((id) => auditEventIds.add(id));
    deployment.outboxEmailIds.forEach((id) => outboxEmailIds.add(id));
    // A free account is nothing but the person (email and names): it goes. One waiting to move into
    // a customer leaves its pending user there; accepting the consent no longer finds an account.
    const deletedFreeAccounts = await deleteFreeAccountsOf(
      trx,
      [...deployment.identity.freeAccountIds],
      [email],
    );
    // Again with every address the identity grew to: jobs asked under an older one.
    await eraseJobsNaming(trx, JOBS_NAMING_A_PERSON, [...deployment.identity.emails], tombstone);
    const result: DeploymentErasureResult = {
      tombstone,
      erasedEvents: auditEventIds.size,
      erasedEmails: outboxEmailIds.size,
      deletedFreeAccounts,
      ...imports,
      partners,
      stillHeldBy: await countLiveHolders(trx, email),
    };
    // The erasure itself is a fact worth keeping, named only by the tombstone; counts are no one's.
    await recordAudit(trx, context, {
      partnerId: null,
      customerId: null,
      action: 'person.erase',
      targetType: 'person',
      targetId: tombstone,
      after: { ...result, scope: 'deployment' },
    });
    return result;
  });
}
