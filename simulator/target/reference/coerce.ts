import { findSubAttribute } from '../../scim/schema/lookup.js';
import type { ScimAttributeDefinition } from '../../scim/schema/types.js';
import { isPlainObject } from '../../scim/filter/values.js';
import { badRequest } from './errors.js';

/**
 * Checking and normalising a client-supplied value against its attribute definition
 * (RFC 7643 §2.3 data types). Returns the value to store, or `undefined` for "unassigned"
 * (null, empty array, empty complex value: RFC 7643 §2.5). Wrong types → 400 `invalidValue`.
 *
 * Leniencies, each needed by a real client:
 * - booleans accept the strings "true"/"false" in any case and store real booleans — Microsoft
 *   Entra sends `"active": "False"` (its Switch() mappings produce strings) and
 *   `roles[].primary: "True"`;
 * - a complex attribute with a `value` sub-attribute accepts a bare string as `{ value }` —
 *   Entra patches `manager` with `"value": "<id>"` and legacy Entra sends member ids as strings;
 * - a single-valued complex attribute accepts a one-element array — Entra's default dialect
 *   sends `manager` as `[{ "value": "<id>" }]`;
 * - an empty string for a complex attribute clears it — Entra removes a manager by replacing it
 *   with "";
 * - a multi-valued attribute accepts a single value as a one-element list (RFC 7644 examples
 *   and Okta send arrays; legacy Entra group PATCHes do not).
 * Read-only sub-attributes (`manager.displayName`) are dropped: the client cannot set them.
 */

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function invalid(path: string, expected: string, value: unknown): never {
  throw badRequest('invalidValue', `Attribute '${path}' must be ${expected}, got ${describe(value)}.`);
}

/** A boolean from a boolean or a "true"/"false" string (any case). */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

function coerceScalar(definition: ScimAttributeDefinition, value: unknown, path: string): unknown {
  switch (definition.type) {
    case 'string':
    case 'reference':
      return typeof value === 'string' ? value : invalid(path, 'a string', value);
    case 'boolean': {
      const bool = toBoolean(value);
      return bool === undefined ? invalid(path, 'a boolean', value) : bool;
    }
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : invalid(path, 'an integer', value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? value : invalid(path, 'a number', value);
    case 'dateTime':
      return typeof value === 'string' && DATE_TIME.test(value) && Number.isFinite(Date.parse(value))
        ? value
        : invalid(path, 'an xsd:dateTime string such as 2024-01-31T12:00:00Z', value);
    case 'binary':
      return typeof value === 'string' && BASE64.test(value) ? value : invalid(path, 'a base64 string', value);
    case 'complex':
      return coerceComplex(definition, value, path);
  }
}

function coerceComplex(definition: ScimAttributeDefinition, value: unknown, path: string): Record<string, unknown> | undefined {
  if (value === '') return undefined;
  if (typeof value === 'string' && findSubAttribute(definition, 'value')) return { value };
  if (!isPlainObject(value)) return invalid(path, 'an object', value);
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const sub = findSubAttribute(definition, key);
    if (!sub || sub.mutability === 'readOnly') continue;
    const coerced = coerceValue(sub, raw, `${path}.${sub.name}`);
    if (coerced !== undefined) out[sub.name] = coerced;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Coerce one element of a multi-valued attribute (or the value of a single-valued one). */
export function coerceSingle(definition: ScimAttributeDefinition, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (definition.type === 'complex' && !definition.multiValued && value.length <= 1) {
      return value.length === 0 ? undefined : coerceSingle(definition, value[0], path);
    }
    return invalid(path, definition.type === 'complex' ? 'an object' : `a single ${definition.type}`, value);
  }
  return coerceScalar(definition, value, path);
}

/** Coerce a whole attribute value (a list for multi-valued attributes). */
export function coerceValue(definition: ScimAttributeDefinition, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (!definition.multiValued) return coerceSingle(definition, value, path);
  const list = Array.isArray(value) ? value : [value];
  const out: unknown[] = [];
  for (const item of list) {
    if (Array.isArray(item)) invalid(path, 'a list of single values', value);
    const coerced = coerceSingle(definition, item, path);
    if (coerced !== undefined) out.push(coerced);
  }
  assertSinglePrimary(out, path);
  return out.length > 0 ? out : undefined;
}

/** RFC 7643 §2.4: the primary attribute value `true` MUST appear no more than once. */
export function assertSinglePrimary(values: unknown[], path: string): void {
  let primaries = 0;
  for (const value of values) if (isPlainObject(value) && value.primary === true) primaries += 1;
  if (primaries > 1) throw badRequest('invalidValue', `Attribute '${path}' has ${primaries} values with primary true; at most one is allowed (RFC 7643 §2.4).`);
}
