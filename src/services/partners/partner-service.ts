// Partners (SPEC §1): the operator lists, creates and edits them; a partner's own admins read it
// (and its full admins edit its settings). Anyone else is answered 404, as for any foreign row.
import { conflict, forbidden, notFound, validationFailed } from '../../domain/errors.ts';
import { checkLanguage } from '../../domain/customers/customer-input.ts';
import { canonicalLanguageTag } from '../../domain/locale/language-tag.ts';
import {
  findPartnerById,
  insertPartner,
  listPartners,
  updatePartner,
} from '../../db/repositories/partners.ts';
import type { PartnerRow } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertOperator } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { isUniqueViolation } from '../db-errors.ts';
import { decodeIdCursor } from '../checked-cursor.ts';
import { toPage, type Page } from '../paging.ts';

export interface PartnerView {
  readonly id: string;
  readonly name: string;
  readonly defaultLanguage: string;
  readonly isDefault: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function toPartnerView(row: PartnerRow): PartnerView {
  return {
    id: row.id,
    name: row.name,
    defaultLanguage: row.default_language,
    isDefault: row.is_default,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const partnerNotFound = () => notFound('Partner');

/** The unique index on lower(btrim(name)) (migration 0014). */
const NAME_INDEX = 'partners_name_unique';

/**
 * `--partner NAME` finds a partner by its name (ADR 0064): a namesake could not be told apart. The
 * unique index decides, so two creations at once cannot both pass a check made beforehand.
 */
function partnerNameTaken(name: string): Error {
  return conflict(
    {
      en: `A partner named "${name}" already exists.`,
      nl: `Er bestaat al een partner met de naam "${name}".`,
    },
    [
      {
        code: 'partner_name_taken',
        field: 'name',
        description: 'Partner names are unique (case-insensitive): choose another name.',
        descriptionNl: 'Partnernamen zijn uniek (hoofdletters tellen niet mee): kies een andere naam.',
      },
    ],
  );
}

async function orNameTaken<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error, NAME_INDEX)) throw partnerNameTaken(name);
    throw error;
  }
}

function auditState(row: PartnerRow): Record<string, unknown> {
  return { name: row.name, defaultLanguage: row.default_language };
}

/** The operator reaches every partner; partner roles only their own; customer roles none. */
export function canSeePartner(actor: Actor, partnerId: string): boolean {
  if (actor.role === 'operator') return true;
  return (
    (actor.role === 'partner_full_admin' || actor.role === 'partner_readonly_admin') &&
    actor.partnerId === partnerId
  );
}

/**
 * Finds a partner the actor may see (locked inside a transaction), else 404. The lock is `for no
 * key update`, as the operator's erasure takes it (lockAllPartners): it excludes another holder of
 * the same lock (a second erasure of the partner, a settings change), but not the foreign-key
 * checks of inserts of the partner's rows (customers, imports, admins, tokens), which `for update`
 * made wait for the whole erasure.
 */
export async function requirePartner(
  context: ServiceContext,
  id: string,
  trx?: Executor,
): Promise<PartnerRow> {
  if (!canSeePartner(context.actor, id)) throw partnerNotFound();
  const row = await findPartnerById(trx ?? context.db, id, { forNoKeyUpdate: trx !== undefined });
  if (!row) throw partnerNotFound();
  return row;
}

/** Partner settings are changed by the operator and the partner's own full admins. */
export function assertCanManagePartner(actor: Actor): void {
  if (actor.role !== 'operator' && actor.role !== 'partner_full_admin') throw forbidden();
}

export async function listPartnerViews(
  context: ServiceContext,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<PartnerView>> {
  assertOperator(context.actor);
  const rows = await listPartners(context.db, { after: decodeIdCursor(input.cursor), limit: input.limit });
  const page = toPage(rows, input.limit, (row) => ({ key: row.name.toLowerCase(), id: row.id }));
  return { items: page.items.map(toPartnerView), nextCursor: page.nextCursor };
}

/**
 * A partner's default language is a language and region that exist, as a customer's is (SPEC §2),
 * stored in one spelling (nl-nl → nl_NL): the route checks only its shape ("xx" has it).
 */
function checkedDefaultLanguage(language: string | undefined): string | undefined {
  if (language === undefined) return undefined;
  const details = checkLanguage(language, 'defaultLanguage');
  if (details.length > 0) throw validationFailed(details);
  return canonicalLanguageTag(language) ?? language;
}

export async function createPartner(
  context: ServiceContext,
  input: { name: string; defaultLanguage?: string | undefined },
): Promise<PartnerView> {
  assertOperator(context.actor);
  const name = input.name.trim();
  const defaultLanguage = checkedDefaultLanguage(input.defaultLanguage);
  return orNameTaken(name, () =>
    context.db.transaction().execute(async (trx) => {
      const row = await insertPartner(trx, {
        name,
        defaultLanguage: defaultLanguage ?? 'en',
      });
      await recordAudit(trx, context, {
        partnerId: row.id,
        customerId: null,
        action: 'partner.create',
        targetType: 'partner',
        targetId: row.id,
        after: auditState(row),
      });
      return toPartnerView(row);
    }),
  );
}

export async function getPartnerView(context: ServiceContext, id: string): Promise<PartnerView> {
  return toPartnerView(await requirePartner(context, id));
}

export async function updatePartnerSettings(
  context: ServiceContext,
  id: string,
  input: { name?: string | undefined; defaultLanguage?: string | undefined },
): Promise<PartnerView> {
  if (!canSeePartner(context.actor, id)) throw partnerNotFound();
  assertCanManagePartner(context.actor);
  const name = input.name?.trim();
  const defaultLanguage = checkedDefaultLanguage(input.defaultLanguage);
  return orNameTaken(name, () =>
    context.db.transaction().execute(async (trx) => {
      const existing = await requirePartner(context, id, trx);
      // Names are unique across partners, so a refused rename would tell a partner which other
      // partners exist (SPEC §1: nothing of one partner is visible to another). The operator, who
      // sees every partner and creates them, names them.
      if (name !== undefined && name !== existing.name && context.actor.role !== 'operator') {
        throw forbidden({
          en: 'Only the operator renames a partner; ask the operator of this deployment.',
          nl: 'Alleen de operator wijzigt de naam van een partner; vraag het de operator van deze omgeving.',
        });
      }
      const row = await updatePartner(trx, existing.id, {
        name,
        defaultLanguage,
      });
      await recordAudit(trx, context, {
        partnerId: row.id,
        customerId: null,
        action: 'partner.update',
        targetType: 'partner',
        targetId: row.id,
        before: auditState(existing),
        after: auditState(row),
      });
      return toPartnerView(row);
    }),
  );
}
