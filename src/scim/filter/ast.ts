// Typed AST of an RFC 7644 §3.4.2.2 filter. Names keep the client's spelling; matching is case-insensitive.

/** `[uri:]attr[.subAttr]`; `uri` is set only when the client wrote a schema URN prefix. */
export interface AttributePath {
  readonly uri?: string;
  readonly attr: string;
  readonly subAttr?: string;
}

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterLiteral = string | number | boolean | null;

export interface CompareNode {
  readonly kind: 'compare';
  readonly path: AttributePath;
  readonly op: CompareOperator;
  readonly value: FilterLiteral;
}

export interface PresentNode {
  readonly kind: 'present';
  readonly path: AttributePath;
}

export interface LogicalNode {
  readonly kind: 'and' | 'or';
  readonly left: FilterNode;
  readonly right: FilterNode;
}

export interface NotNode {
  readonly kind: 'not';
  readonly expr: FilterNode;
}

/** `emails[type eq "work"]`: the inner filter's paths are relative to each value of `path`. */
export interface ValuePathNode {
  readonly kind: 'valuePath';
  readonly path: AttributePath;
  readonly filter: FilterNode;
}

export type FilterNode = CompareNode | PresentNode | LogicalNode | NotNode | ValuePathNode;

/** A PATCH target (RFC 7644 §3.5.2): `attrPath` or `valuePath[.subAttr]`. */
export interface PatchPath {
  readonly uri?: string;
  /** Absent only when the path is a bare extension schema URN (the whole extension object). */
  readonly attr?: string;
  readonly filter?: FilterNode;
  readonly subAttr?: string;
}

export const COMPARE_OPERATORS: readonly CompareOperator[] = [
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
];
