import { invalidSyntax, invalidValue } from '../errors.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { canonicalizeResource } from '../resources/canonicalize.ts';
import { assertNestingDepth } from '../resources/nesting-depth.ts';
import { keepFirstPrimary } from '../resources/one-primary.ts';
import { assertResourceSchemas } from '../resources/resource-schemas.ts';
import { ENTERPRISE_USER_SCHEMA, PRODUCT_USER_SCHEMA } from '../schema-urns.ts';
import { fieldProblem, type LimitedField } from '../../domain/users/field-rules.ts';
import { identityEmail } from './identity-email.ts';

// A SCIM User as the product understands it: the fields it models (SPEC §7 mapping) next to the whole
// canonical document, which is stored so unmodelled attributes (addresses, roles…) come back as given.

/** `undefined`: the request did not mention it (keep); `null`: clear it. */
export interface ScimProductFields {
  readonly packageId?: string | null;
  readonly location?: string | null;
  readonly extension?: string | null;
}

export interface ScimUserInput {
  readonly userName: string;
  readonly externalId: string | null;
  readonly email: string;
  /**
   * `undefined`: not given or null, i.e. unassigned. A create then makes an active user; a replace
   * keeps the current state (RFC 7644 §3.5.1 lets the provider treat an omitted readWrite attribute
   * as not asserted): a PUT that leaves `active` out must not reactivate a suspended user (ADR 0069).
   */
  readonly active: boolean | undefined;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly displayName: string | null;
  readonly title: string | null;
  readonly preferredLanguage: string | null;
  readonly department: string | null;
  /** The manager's id as the directory gives it (enterprise extension `manager.value`). */
  readonly manager: string | null;
  readonly product: ScimProductFields;
  /** Canonical document without id, meta, schemas and password. */
  readonly document: JsonObject;
}

/**
 * The product's reading of a SCIM User body. `stored`: the user's document before a PATCH; the
 * field rules (ADR 0083) then bind only the attributes the PATCH changes, so a value stored
 * before the rules (an over-long title) does not block a change of another attribute.
 */
export function parseScimUser(body: unknown, stored?: JsonObject): ScimUserInput {
  if (!isJsonObject(body)) throw invalidSyntax('The request body must be a JSON object');
  assertResourceSchemas(body, 'User');
  assertNestingDepth(body);
  const document = keepFirstPrimary(canonicalizeResource(body, 'User'));
  delete document.id;
  delete document.meta;
  delete document.schemas;
  delete document.password;
  const userName = document.userName;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw invalidValue('"userName" is required');
  }
  document.userName = userName.trim();
  const externalId = document.externalId;
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    throw invalidValue('"externalId" must be a string');
  }
  const before = stored ?? {};
  const storedName = isJsonObject(before.name) ? before.name : {};
  const storedEnterprise = isJsonObject(before[ENTERPRISE_USER_SCHEMA])
    ? (before[ENTERPRISE_USER_SCHEMA] as JsonObject)
    : {};
  const active = document.active ?? undefined;
  if (active !== undefined && typeof active !== 'boolean') throw invalidValue('"active" must be a boolean');
  const name = isJsonObject(document.name) ? document.name : {};
  const enterprise = isJsonObject(document[ENTERPRISE_USER_SCHEMA])
    ? (document[ENTERPRISE_USER_SCHEMA] as JsonObject)
    : {};
  const manager = enterprise.manager;
  const product = isJsonObject(document[PRODUCT_USER_SCHEMA])
    ? (document[PRODUCT_USER_SCHEMA] as JsonObject)
    : undefined;
  // Read before blanks go: an empty package, location or extension is a clear the service judges.
  const productInput = product === undefined ? {} : productFields(product);
  dropBlankStrings(document);
  const storedUserName = typeof before.userName === 'string' ? before.userName : undefined;
  checkAttribute('userName', 'scimUserName', document.userName, storedUserName);
  if (typeof externalId === 'string')
    checkAttribute('externalId', 'scimExternalId', externalId, before.externalId);
  checkAttribute('name.givenName', 'firstName', getCi(name, 'givenName'), getCi(storedName, 'givenName'));
  checkAttribute('name.familyName', 'lastName', getCi(name, 'familyName'), getCi(storedName, 'familyName'));
  checkAttribute('displayName', 'displayName', document.displayName, before.displayName);
  checkAttribute('title', 'title', document.title, before.title);
  checkAttribute(
    'preferredLanguage',
    'preferredLanguage',
    document.preferredLanguage,
    before.preferredLanguage,
  );
  checkAttribute('department', 'department', enterprise.department, storedEnterprise.department);
  const storedManager = storedEnterprise.manager;
  checkAttribute(
    isJsonObject(manager) ? 'manager.value' : 'manager',
    'manager',
    isJsonObject(manager) ? getCi(manager, 'value') : manager,
    isJsonObject(storedManager) ? getCi(storedManager, 'value') : storedManager,
  );
  return {
    userName: document.userName,
    externalId: typeof externalId === 'string' && externalId !== '' ? externalId : null,
    email: identityEmail(document.userName, document.emails, storedUserName),
    active,
    firstName: text(name.givenName, 'name.givenName'),
    lastName: text(name.familyName, 'name.familyName'),
    displayName: text(document.displayName, 'displayName'),
    title: text(document.title, 'title'),
    preferredLanguage: text(document.preferredLanguage, 'preferredLanguage'),
    department: text(enterprise.department, 'department'),
    manager: isJsonObject(manager)
      ? text(getCi(manager, 'value') ?? null, 'manager.value')
      : text(manager ?? null, 'manager'),
    product: productInput,
    document,
  };
}

/**
 * An empty string is no value: RFC 7643 §2.5 makes unassigned and null one state, and the modelled
 * attributes (`title`, `name.givenName`…) already read "" as a clear. Stored-only attributes
 * (`nickName`, `name.middleName`, `addresses[].locality`, the enterprise `costCenter`…) follow, so a
 * replace with "" leaves them unassigned rather than stored and shown as "". `active` keeps its ""
 * (not a boolean: 400) and the product extension its own reading (a held value cannot be cleared).
 */
function dropBlankStrings(value: JsonObject): void {
  for (const [key, item] of Object.entries(value)) {
    if (key === 'active' || key === PRODUCT_USER_SCHEMA) continue;
    if (typeof item === 'string' && item.trim() === '') delete value[key];
    else if (isJsonObject(item)) dropBlankStrings(item);
    else if (Array.isArray(item))
      for (const element of item) if (isJsonObject(element)) dropBlankStrings(element);
  }
}

function productFields(product: JsonObject): ScimProductFields {
  const out: { packageId?: string | null; location?: string | null; extension?: string | null } = {};
  if ('package' in product) out.packageId = text(product.package ?? null, 'package');
  if ('location' in product) out.location = text(product.location ?? null, 'location');
  if ('extension' in product) {
    const extension = product.extension;
    out.extension = typeof extension === 'number' ? String(extension) : text(extension ?? null, 'extension');
  }
  return out;
}

/**
 * The field rules (ADR 0083) on one attribute, named as SCIM names it: 400 invalidValue. A value
 * equal to the stored one passes. Types are checked by `text` below.
 */
function checkAttribute(
  attribute: string,
  field: LimitedField,
  value: JsonValue | undefined,
  storedValue: JsonValue | undefined,
): void {
  if (typeof value !== 'string') return;
  const given = value.trim();
  if (typeof storedValue === 'string' && given === storedValue.trim()) return;
  const problem = fieldProblem(field, given);
  if (problem === null) return;
  throw invalidValue(
    problem.kind === 'too_long'
      ? `"${attribute}" has ${problem.length} characters; at most ${problem.limit} are allowed`
      : `"${attribute}" contains a control or text-direction character (${problem.character}), which is not allowed`,
  );
}

function text(value: JsonValue | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidValue(`"${field}" must be a string`);
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
