import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { dropPrototypeKeys } from '../resources/drop-prototype-keys.ts';
import { CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA, PRODUCT_USER_SCHEMA } from '../schema-urns.ts';

// A stored user as a SCIM User. The stored SCIM document gives everything as the directory sent it;
// the product's own columns win for what it models, so a change made in the UI or by CSV shows here.

export interface StoredScimUser {
  readonly id: string;
  readonly userName: string;
  readonly externalId: string | null;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly displayName: string | null;
  readonly title: string | null;
  readonly preferredLanguage: string | null;
  readonly department: string | null;
  readonly manager: string | null;
  readonly suspended: boolean;
  readonly packageId: string | null;
  readonly locationName: string | null;
  readonly extension: string | null;
  /** The canonical SCIM document last written through SCIM; `{}` for users created elsewhere. */
  readonly document: JsonObject;
  readonly groups: readonly { readonly value: string; readonly display: string }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: string;
}

export function etagOf(version: string): string {
  return `W/"${version}"`;
}

export function renderScimUser(user: StoredScimUser, baseUrl: string): JsonObject {
  // A key that sets a prototype, stored before it was refused, is dropped before Object.assign
  // would set the resource's prototype with it (resources/drop-prototype-keys.ts).
  const doc = structuredClone(user.document);
  dropPrototypeKeys(doc);
  const resource: JsonObject = { schemas: [CORE_USER_SCHEMA], id: user.id };
  Object.assign(resource, doc);
  resource.userName = user.userName;
  setOrDelete(resource, 'externalId', user.externalId);
  resource.active = !user.suspended;
  const name = isJsonObject(resource.name) ? resource.name : {};
  setOrDelete(name, 'givenName', user.firstName);
  setOrDelete(name, 'familyName', user.lastName);
  if (Object.keys(name).length > 0) resource.name = name;
  else delete resource.name;
  setOrDelete(resource, 'displayName', user.displayName);
  setOrDelete(resource, 'title', user.title);
  setOrDelete(resource, 'preferredLanguage', user.preferredLanguage);
  if (!Array.isArray(resource.emails) || resource.emails.length === 0) {
    resource.emails = [{ value: user.email, type: 'work', primary: true }];
  }
  if (user.groups.length > 0) {
    resource.groups = user.groups.map((group) => ({
      value: group.value,
      display: group.display,
      $ref: `${baseUrl}/Groups/${group.value}`,
      type: 'direct',
    }));
  } else {
    delete resource.groups;
  }

  const enterprise = isJsonObject(resource[ENTERPRISE_USER_SCHEMA])
    ? (resource[ENTERPRISE_USER_SCHEMA] as JsonObject)
    : {};
  setOrDelete(enterprise, 'department', user.department);
  if (user.manager === null) delete enterprise.manager;
  else if (!isJsonObject(enterprise.manager) || enterprise.manager.value !== user.manager)
    enterprise.manager = { value: user.manager };
  const product: JsonObject = {};
  setOrDelete(product, 'package', user.packageId);
  setOrDelete(product, 'location', user.locationName);
  setOrDelete(product, 'extension', user.extension);
  attachExtension(resource, ENTERPRISE_USER_SCHEMA, enterprise);
  attachExtension(resource, PRODUCT_USER_SCHEMA, product);

  resource.meta = {
    resourceType: 'User',
    created: user.createdAt.toISOString(),
    lastModified: user.updatedAt.toISOString(),
    location: `${baseUrl}/Users/${user.id}`,
    version: etagOf(user.version),
  };
  return resource;
}

function attachExtension(resource: JsonObject, urn: string, value: JsonObject): void {
  if (Object.keys(value).length === 0) {
    delete resource[urn];
    return;
  }
  resource[urn] = value;
  (resource.schemas as JsonValue[]).push(urn);
}

function setOrDelete(target: JsonObject, key: string, value: string | null): void {
  if (value === null) delete target[key];
  else target[key] = value;
}
