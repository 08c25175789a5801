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

/**
 * Longest group displayName, in characters after trimming. The same bound as the column's check
 * (migration 0004) and a user's display name in Webex (256); without it a 1 MB name reached the
 * database and answered 500. Local until the shared user field limits (src/domain/users/) exist.
 */
export const MAX_GROUP_DISPLAY_NAME_LENGTH = 256;

export function groupInputFromDocument(document: JsonObject): ScimGroupInput {
  const displayName = document.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '')
    throw invalidValue('"displayName" is required');
  if (displayName.trim().length > MAX_GROUP_DISPLAY_NAME_LENGTH) {
    throw invalidValue(
      `"displayName" may have at most ${MAX_GROUP_DISPLAY_NAME_LENGTH} characters; this one has ${displayName.trim().length}`,
    );
  }
  const externalId = document.externalId;
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    throw invalidValue('"externalId" must be a string');
  }
  const members = document.members;
  // Every member must be an object with a `value`: since unknown ids are dropped (SPEC §7), a
  // malformed member read as an id would silently empty the group.
  if (members !== undefined && members !== null && !Array.isArray(members) && !isJsonObject(members)) {
    throw invalidValue('"members" must be a list of objects, e.g. [{"value": "<user id>"}]');
  }
  const list = Array.isArray(members) ? members : members === undefined || members === null ? [] : [members];
  const memberIds = new Set<string>();
  for (const member of list) {
    const value = isJsonObject(member) ? getCi(member, 'value') : undefined;
    if (typeof value !== 'string' || value.trim() === '')
      throw invalidValue('Each of "members" needs a "value" (the user\'s id)');
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
