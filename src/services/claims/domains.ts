// Verified email domains of a customer (SPEC §5): the customer publishes the TXT record
// `_wholesale-hub-challenge.<domain>` = `wholesale-hub-verification=<token>`; verifying looks it
// up through the resolver at the process edge. A domain is verified for one customer at a time.
import { randomBytes } from 'node:crypto';
import { conflict, notFound, validationFailed } from '../../domain/errors.ts';
import {
  challengeRecordName,
  challengeRecordValue,
  isChallengeSatisfied,
  normalizeDomain,
} from '../../domain/domains/dns-challenge.ts';
import {
  deleteCustomerDomain,
  domainVerifiedElsewhere,
  findCustomerDomain,
  insertCustomerDomain,
  listCustomerDomains,
  markDomainChecked,
} from '../../db/repositories/customer-domains.ts';
import type { CustomerDomainRow } from '../../db/repositories/lifecycle-schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { decodeIdCursor } from '../checked-cursor.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { isUniqueViolation } from '../db-errors.ts';
import { toPage, type Page } from '../paging.ts';
import { txtResolver } from './txt-resolver.ts';

export interface DomainView {
  readonly id: string;
  readonly domain: string;
  readonly status: 'pending' | 'verified';
  readonly verified: boolean;
  readonly token: string;
  readonly txtRecord: { readonly type: 'TXT'; readonly name: string; readonly value: string };
  readonly verifiedAt: string | null;
  readonly lastCheckedAt: string | null;
}

export function toDomainView(row: CustomerDomainRow): DomainView {
  return {
    id: row.id,
    domain: row.domain,
    status: row.status,
    verified: row.status === 'verified',
    token: row.token,
    txtRecord: { type: 'TXT', name: challengeRecordName(row.domain), value: challengeRecordValue(row.token) },
    verifiedAt: row.verified_at?.toISOString() ?? null,
    lastCheckedAt: row.last_checked_at?.toISOString() ?? null,
  };
}

const PROBLEMS = {
  empty: 'A domain is required.',
  invalid: 'This is not a valid domain name.',
  single_label: 'Give the full domain, such as example.com.',
  ip_address: 'An IP address is not a domain.',
  too_long: 'The domain is longer than 253 characters.',
} as const;

const PROBLEMS_NL: Readonly<Record<keyof typeof PROBLEMS, string>> = {
  empty: 'Een domein is verplicht.',
  invalid: 'Dit is geen geldige domeinnaam.',
  single_label: 'Geef het volledige domein, zoals example.com.',
  ip_address: 'Een IP-adres is geen domein.',
  too_long: 'Het domein is langer dan 253 tekens.',
};

/** A page of the customer's domains by name (SPEC §7 paging: `cursor` and `max`). */
export async function listDomains(
  context: ServiceContext,
  customerRef: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<DomainView>> {
  const after = decodeIdCursor(input.cursor);
  const customer = await requireCustomer(context, customerRef);
  const rows = await listCustomerDomains(context.db, customer.id, { after, limit: input.limit });
  const page = toPage(rows, input.limit, (row) => ({ key: row.domain, id: row.id }));
  return { items: page.items.map(toDomainView), nextCursor: page.nextCursor };
}

export async function addDomain(
  context: ServiceContext,
  customerRef: string,
  input: string,
): Promise<DomainView> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const normalized = normalizeDomain(input);
  if (!normalized.ok) {
    throw validationFailed([
      {
        code: `domain_${normalized.problem}`,
        field: 'domain',
        description: PROBLEMS[normalized.problem],
        descriptionNl: PROBLEMS_NL[normalized.problem],
      },
    ]);
  }
  return context.db.transaction().execute(async (trx) => {
    const existing = await findCustomerDomain(trx, customer.id, normalized.domain);
    if (existing) return toDomainView(existing);
    let row: CustomerDomainRow;
    try {
      row = await insertCustomerDomain(
        trx,
        customer.id,
        normalized.domain,
        randomBytes(24).toString('base64url'),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('The domain was just added.', [
          {
            code: 'domain_exists',
            field: 'domain',
            description: 'Retry.',
            descriptionNl: 'Probeer het opnieuw.',
          },
        ]);
      throw error;
    }
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'domain.add',
      targetType: 'domain',
      targetId: row.id,
      after: { domain: row.domain },
    });
    return toDomainView(row);
  });
}

export async function verifyDomain(
  context: ServiceContext,
  customerRef: string,
  domainRef: string,
): Promise<DomainView> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const row = await findCustomerDomain(context.db, customer.id, domainRef);
  if (!row) throw notFound('Domain', 'Domein');
  if (row.status === 'verified') return toDomainView(row);
  const records = await txtResolver().resolveTxt(challengeRecordName(row.domain));
  const found = isChallengeSatisfied(records, row.token);
  if (found && (await domainVerifiedElsewhere(context.db, customer.id, row.domain))) {
    throw conflict(
      {
        en: 'This domain is verified by another organization.',
        nl: 'Dit domein is al geverifieerd door een andere organisatie.',
      },
      [
        {
          code: 'domain_verified_elsewhere',
          field: 'domain',
          description: 'This domain is verified by another organization.',
          descriptionNl: 'Dit domein is geverifieerd door een andere organisatie.',
        },
      ],
    );
  }
  return context.db.transaction().execute(async (trx) => {
    const checked = await markDomainChecked(trx, customer.id, row.id, found);
    if (found) {
      await recordAudit(trx, context, {
        partnerId: customer.partner_id,
        customerId: customer.id,
        action: 'domain.verify',
        targetType: 'domain',
        targetId: row.id,
        before: { status: row.status },
        after: { status: 'verified', domain: row.domain },
      });
    }
    return toDomainView(checked);
  });
}

export async function removeDomain(
  context: ServiceContext,
  customerRef: string,
  domainRef: string,
): Promise<void> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerRef);
  const row = await findCustomerDomain(context.db, customer.id, domainRef);
  if (!row) throw notFound('Domain', 'Domein');
  await context.db.transaction().execute(async (trx) => {
    await deleteCustomerDomain(trx, customer.id, row.id);
    await recordAudit(trx, context, {
      partnerId: customer.partner_id,
      customerId: customer.id,
      action: 'domain.remove',
      targetType: 'domain',
      targetId: row.id,
      before: { domain: row.domain, status: row.status },
    });
  });
}
