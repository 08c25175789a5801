// Schema URNs this server knows. Attribute paths may be prefixed with any of them (RFC 7644 §3.10).
export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PRODUCT_USER_SCHEMA = 'urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

export const KNOWN_SCHEMA_URNS: readonly string[] = [
  CORE_USER_SCHEMA,
  CORE_GROUP_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  PRODUCT_USER_SCHEMA,
];

/** Core schemas keep their attributes at the top level of a resource; extensions nest them under the URN. */
export function isCoreSchema(urn: string): boolean {
  const lower = urn.toLowerCase();
  return lower === CORE_USER_SCHEMA.toLowerCase() || lower === CORE_GROUP_SCHEMA.toLowerCase();
}

/** The known URN spelled as we spell it, for a URN given in any case. */
export function canonicalSchemaUrn(urn: string): string | undefined {
  const lower = urn.toLowerCase();
  return KNOWN_SCHEMA_URNS.find((known) => known.toLowerCase() === lower);
}
