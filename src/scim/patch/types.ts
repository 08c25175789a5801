import type { JsonValue } from '../json.ts';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: string;
  readonly value?: JsonValue;
}

/** What the patcher needs to know about a resource type's schema; names are lower-case. */
export interface PatchSchema {
  /** Multi-valued attributes (any schema): values are appended on add, filtered by value paths. */
  readonly multiValued: ReadonlySet<string>;
  /** Boolean attributes and sub-attributes: Entra's "True"/"False" strings become booleans. */
  readonly booleans: ReadonlySet<string>;
  /**
   * Singular complex attributes whose value must be an object (`name`). Not `manager`: Entra sends
   * its id as a bare string, which the resource mapping reads as `manager.value`.
   */
  readonly objects: ReadonlySet<string>;
  /** Attributes a client may never set through a path (RFC 7643 mutability readOnly). */
  readonly readOnly: ReadonlySet<string>;
  readonly knownUrns?: readonly string[];
}

export const DEFAULT_PATCH_SCHEMA: PatchSchema = {
  multiValued: new Set([
    'emails',
    'phonenumbers',
    'ims',
    'photos',
    'addresses',
    'groups',
    'entitlements',
    'roles',
    'x509certificates',
    'members',
  ]),
  booleans: new Set(['active', 'primary']),
  objects: new Set(['name']),
  readOnly: new Set(['id', 'meta', 'groups']),
};
