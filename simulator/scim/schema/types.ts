/**
 * SCIM schema definitions as data, in the representation of RFC 7643 §7 / §8.7.1
 * (the JSON a service provider serves from `/Schemas`).
 *
 * Fields the RFC leaves out of an attribute fall back to the §7 defaults:
 * `required` false, `caseExact` false, `mutability` readWrite, `returned` default,
 * `uniqueness` none. The definitions in this folder spell every field out the way §8.7.1 does
 * (complex and boolean attributes carry no `caseExact`; booleans carry no `uniqueness`).
 */

/** RFC 7643 §2.3 data types. */
export type ScimAttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';

/** RFC 7643 §7 `mutability`. */
export type ScimMutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** RFC 7643 §7 `returned`. */
export type ScimReturned = 'always' | 'never' | 'default' | 'request';

/** RFC 7643 §7 `uniqueness`. */
export type ScimUniqueness = 'none' | 'server' | 'global';

export interface ScimAttributeDefinition {
  name: string;
  type: ScimAttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  /** Absent on complex and boolean attributes, as in RFC 7643 §8.7.1 (default false). */
  caseExact?: boolean;
  canonicalValues?: string[];
  mutability: ScimMutability;
  returned: ScimReturned;
  /** Absent on boolean attributes, as in RFC 7643 §8.7.1 (default none). */
  uniqueness?: ScimUniqueness;
  /** Only on `reference` attributes: resource type names, `external` or `uri`. */
  referenceTypes?: string[];
  /** Only on `complex` attributes. */
  subAttributes?: ScimAttributeDefinition[];
}

/** One schema (RFC 7643 §7): what `/Schemas/{id}` returns, minus `schemas` and `meta`. */
export interface ScimSchemaDefinition {
  /** The schema URN, e.g. `urn:ietf:params:scim:schemas:core:2.0:User`. */
  id: string;
  name: string;
  description: string;
  attributes: ScimAttributeDefinition[];
}
