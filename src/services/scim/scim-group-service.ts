// SCIM groups (SPEC §7): members are users of the same customer; unknown member ids are ignored.
import { AppError, notFound } from '../../domain/errors.ts';
import {
  deleteScimGroupRow,
  findScimGroup,
  insertScimGroup,
  queryScimGroups,
  setScimGroupMembers,
  updateScimGroupRow,
} from '../../db/repositories/scim-groups.ts';
import type { ScimGroupRecord } from '../../db/repositories/scim-groups.ts';
import { findCustomerUsers } from '../../db/repositories/scim-users.ts';
import type { Expression, SqlBool } from 'kysely';
import type { CustomerRow } from '../../db/schema.ts';
import { assertCanWrite } from '../access/policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor, ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { isUuidLike, retryingDeadlocks } from '../db-errors.ts';
import { VERSION_MISMATCH } from './scim-user-service.ts';
import { touchUsersWhoseGroupsChanged, usersWhoseGroupsChanged } from './touch-member-users.ts';

export interface ScimGroupWrite {
  readonly displayName: string;
  readonly externalId: string | null;
  readonly memberIds: readonly string[];
}

function versionMismatch(): AppError {
  return new AppError(
    'conflict',
    {
      en: 'The resource changed since the version you sent (If-Match).',
      nl: 'De bron is gewijzigd sinds de meegestuurde versie (If-Match).',
    },
    [{ code: VERSION_MISMATCH, description: 'Fetch the resource again and retry.' }],
  );
}

async function knownMembers(
  executor: Executor,
  customerId: string,
  ids: readonly string[],
): Promise<string[]> {
  const candidates = ids.filter(isUuidLike);
  const found = new Set((await findCustomerUsers(executor, customerId, candidates)).map((user) => user.id));
  return candidates.filter((id) => found.has(id));
}

async function audit(
  executor: Executor,
  context: ServiceContext,
  customer: CustomerRow,
  action: string,
  id: string,
  before: ScimGroupRecord | null,
  after: ScimGroupWrite | null,
) {
  await recordAudit(executor, context, {
    partnerId: customer.partner_id,
    customerId: customer.id,
    action,
    targetType: 'scim_group',
    targetId: id,
    before: before && {
      displayName: before.displayName,
      externalId: before.externalId,
      members: before.members.map((m) => m.value),
    },
    after: after && {
      displayName: after.displayName,
      externalId: after.externalId,
      members: after.memberIds,
    },
  });
}

export async function createScimGroup(
  context: ServiceContext,
  customerId: string,
  input: ScimGroupWrite,
): Promise<ScimGroupRecord> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerId);
  const id = await retryingDeadlocks(() =>
    context.db.transaction().execute(async (trx) => {
      const members = await knownMembers(trx, customer.id, input.memberIds);
      const groupId = await insertScimGroup(trx, customer.id, input);
      await setScimGroupMembers(trx, customer.id, groupId, members);
      await touchUsersWhoseGroupsChanged(trx, customer.id, members);
      await audit(trx, context, customer, 'scim.group.create', groupId, null, {
        ...input,
        memberIds: members,
      });
      return groupId;
    }),
  );
  return getScimGroup(context, customer.id, id);
}

export async function replaceScimGroup(
  context: ServiceContext,
  customerId: string,
  groupId: string,
  input: ScimGroupWrite,
  expectedVersion?: string,
): Promise<ScimGroupRecord> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerId);
  await retryingDeadlocks(() =>
    context.db.transaction().execute(async (trx) => {
      const existing = isUuidLike(groupId) ? await findScimGroup(trx, customer.id, groupId, true) : undefined;
      if (!existing) throw notFound('Group', 'Groep');
      if (expectedVersion !== undefined && existing.version !== expectedVersion) throw versionMismatch();
      const members = await knownMembers(trx, customer.id, input.memberIds);
      await updateScimGroupRow(trx, customer.id, groupId, input);
      await setScimGroupMembers(trx, customer.id, groupId, members);
      await touchUsersWhoseGroupsChanged(
        trx,
        customer.id,
        usersWhoseGroupsChanged(
          { displayName: existing.displayName, memberIds: existing.members.map((member) => member.value) },
          { displayName: input.displayName, memberIds: members },
        ),
      );
      await audit(trx, context, customer, 'scim.group.replace', groupId, existing, {
        ...input,
        memberIds: members,
      });
    }),
  );
  return getScimGroup(context, customer.id, groupId);
}

export async function getScimGroup(
  context: ServiceContext,
  customerId: string,
  groupId: string,
): Promise<ScimGroupRecord> {
  const customer = await requireCustomer(context, customerId);
  const record = isUuidLike(groupId) ? await findScimGroup(context.db, customer.id, groupId) : undefined;
  if (!record) throw notFound('Group', 'Groep');
  return record;
}

export async function listScimGroups(
  context: ServiceContext,
  customerId: string,
  query: { readonly where?: Expression<SqlBool>; readonly offset: number; readonly limit: number | null },
): Promise<{ readonly total: number; readonly records: ScimGroupRecord[] }> {
  const customer = await requireCustomer(context, customerId);
  return queryScimGroups(context.db, customer.id, query);
}

export async function deleteScimGroup(
  context: ServiceContext,
  customerId: string,
  groupId: string,
  expectedVersion?: string,
): Promise<void> {
  assertCanWrite(context.actor);
  const customer = await requireCustomer(context, customerId);
  await retryingDeadlocks(() =>
    context.db.transaction().execute(async (trx) => {
      const existing = isUuidLike(groupId) ? await findScimGroup(trx, customer.id, groupId, true) : undefined;
      if (!existing) throw notFound('Group', 'Groep');
      if (expectedVersion !== undefined && existing.version !== expectedVersion) throw versionMismatch();
      await deleteScimGroupRow(trx, customer.id, groupId);
      await touchUsersWhoseGroupsChanged(
        trx,
        customer.id,
        existing.members.map((member) => member.value),
      );
      await audit(trx, context, customer, 'scim.group.delete', groupId, existing, null);
    }),
  );
}
