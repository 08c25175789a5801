import { invalidSyntax, invalidValue } from '../errors.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonObject } from '../json.ts';
import { canonicalizeResource } from '../resources/canonicalize.ts';
import { assertResourceSchemas } from '../resources/resource-schemas.ts';
import { CORE_GROUP_SCHEMA } from '../schema-urns.ts';
import { etagOf } from '../users/render-scim-user.ts';

// A SCIM Group: display name, external id and members (ids of users of the same customer; the
// service drops ids it does not know, as SPEC §7 says).

export interface ScimGroupInput {
  readonly displayName: string;
  readonly externalId: string | null;
  readonly memberIds: readonly string[];
}

export function parseScimGroup(body: unknown): ScimGroupInput {
  if (!isJsonObject(body)) throw invalidSyntax('The request body must be a JSON object');
  assertResourceSchemas(body, 'Group');
  return groupInputFromDocument(canonicalizeResource(body, 'Group'));
}

export function groupInputFromDocument(document: JsonObject): ScimGroupInput {
  const displayName = document.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '')
    throw invalidValue('"displayName" is required');
  const externalId = document.externalId;
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    throw invalidValue('"externalId" must be a string');
  }
  const members = document.members;
  const list = Array.isArray(members) ? members : members === undefined || members === null ? [] : [members];
  const memberIds = new Set<string>();
  for (const member of list) {
    const value = isJsonObject(member) ? getCi(member, 'value') : member;
    if (typeof value !== 'string' || value.trim() === '') throw invalidValue('Each member needs a "value"');
    memberIds.add(value.trim());
  }
  return {
    displayName: displayName.trim(),
    externalId: typeof externalId === 'string' && externalId !== '' ? externalId : null,
    memberIds: [...memberIds],
  };
}

export interface StoredScimGroup {
  readonly id: string;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly members: readonly { readonly value: string; readonly display: string | null }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: string;
}

export function renderScimGroup(group: StoredScimGroup, baseUrl: string): JsonObject {
  const resource: JsonObject = { schemas: [CORE_GROUP_SCHEMA], id: group.id, displayName: group.displayName };
  if (group.externalId !== null) resource.externalId = group.externalId;
  resource.members = group.members.map((member) => ({
    value: member.value,
    ...(member.display !== null ? { display: member.display } : {}),
    $ref: `${baseUrl}/Users/${member.value}`,
    type: 'User',
  }));
  resource.meta = {
    resourceType: 'Group',
    created: group.createdAt.toISOString(),
    lastModified: group.updatedAt.toISOString(),
    location: `${baseUrl}/Groups/${group.id}`,
    version: etagOf(group.version),
  };
  return resource;
}
