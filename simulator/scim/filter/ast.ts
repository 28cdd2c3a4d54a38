/**
 * The syntax tree of a SCIM filter (RFC 7644 §3.4.2.2) and of a PATCH path (RFC 7644 §3.5.2).
 * Names are kept as written; resolving them against a schema (case-insensitively) is the
 * evaluator's job.
 */

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** A `compValue`: JSON string, number, `true`, `false` or `null`. */
export type FilterValue = string | number | boolean | null;

/** `[URN ":"] ATTRNAME ["." subAttr]`, as written. */
export interface AttributePath {
  /** The schema URN prefix, when the path is qualified. */
  schema?: string;
  attribute: string;
  subAttribute?: string;
  /** 0-based offset of the path in the text it was parsed from. */
  position: number;
}

export interface CompareNode {
  type: 'compare';
  path: AttributePath;
  operator: CompareOperator;
  value: FilterValue;
}

export interface PresentNode {
  type: 'present';
  path: AttributePath;
}

/** `and` / `or` chains are n-ary, so long chains do not make deep trees. */
export interface LogicalNode {
  type: 'and' | 'or';
  filters: FilterNode[];
}

export interface NotNode {
  type: 'not';
  filter: FilterNode;
}

/**
 * `emails[type eq "work" and value co "@example.com"]`: matches when one value of the
 * multi-valued (or complex) attribute satisfies `filter`, whose paths name sub-attributes.
 */
export interface ValuePathNode {
  type: 'valuePath';
  path: AttributePath;
  filter: FilterNode;
}

export type FilterNode = CompareNode | PresentNode | LogicalNode | NotNode | ValuePathNode;

/**
 * A PATCH `path` (RFC 7644 §3.5.2): `attrPath / valuePath [subAttr]`.
 * `name.givenName` → attribute `name`, subAttribute `givenName`;
 * `emails[type eq "work"].value` → attribute `emails`, filter, subAttribute `value`;
 * `urn:…:enterprise:2.0:User:manager` → schema, attribute `manager`.
 */
export interface PatchPath {
  schema?: string;
  attribute: string;
  subAttribute?: string;
  filter?: FilterNode;
  /** The text the path was parsed from. */
  text: string;
}
