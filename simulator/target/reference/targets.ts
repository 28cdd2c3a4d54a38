import type { FilterNode } from '../../scim/filter/ast.js';
import { FilterSyntaxError, InvalidFilterError } from '../../scim/filter/errors.js';
import { compileValueFilter, type FilterPredicate } from '../../scim/filter/evaluate.js';
import { parsePath } from '../../scim/filter/parser.js';
import { findSubAttribute, type ResolvedAttribute, type SchemaLookup } from '../../scim/schema/lookup.js';
import type { ScimAttributeDefinition, ScimSchemaDefinition } from '../../scim/schema/types.js';
import { badRequest } from './errors.js';

/** What a PATCH path (or a key of a path-less PATCH value / POST body) points at. */
export type Target =
  | { kind: 'extension'; schema: ScimSchemaDefinition; text: string }
  | {
      kind: 'attribute';
      resolved: ResolvedAttribute;
      attribute: ScimAttributeDefinition;
      sub?: ScimAttributeDefinition;
      filter?: { node: FilterNode; test: FilterPredicate };
      text: string;
    };

type Resolution = { target: Target } | { problem: string };

function resolve(text: string, lookup: SchemaLookup): Resolution {
  const trimmed = text.trim();
  const extension = lookup.extensions.find((schema) => schema.id.toLowerCase() === trimmed.toLowerCase());
  if (extension) return { target: { kind: 'extension', schema: extension, text } };
  let parsed;
  try {
    parsed = parsePath(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { problem: `'${text}' is not a valid path: ${error.message}` };
    throw error;
  }
  const resolved = lookup.resolve({ ...(parsed.schema !== undefined ? { schema: parsed.schema } : {}), attribute: parsed.attribute });
  if (!resolved) return { problem: `'${text}' names no attribute of the ${lookup.core.name} schema or its extensions` };
  const attribute = resolved.attribute;
  let sub: ScimAttributeDefinition | undefined;
  if (parsed.subAttribute !== undefined) {
    sub = findSubAttribute(attribute, parsed.subAttribute);
    if (!sub) return { problem: `'${attribute.name}' has no sub-attribute '${parsed.subAttribute}'` };
  }
  if (!parsed.filter) return { target: { kind: 'attribute', resolved, attribute, ...(sub ? { sub } : {}), text } };
  if (!attribute.multiValued || attribute.type !== 'complex') {
    return { problem: `a value filter needs a multi-valued complex attribute; '${attribute.name}' is not one` };
  }
  try {
    const test = compileValueFilter(parsed.filter, attribute);
    return { target: { kind: 'attribute', resolved, attribute, ...(sub ? { sub } : {}), filter: { node: parsed.filter, test }, text } };
  } catch (error) {
    if (error instanceof InvalidFilterError) return { problem: `invalid value filter in '${text}': ${error.message}` };
    throw error;
  }
}

/** Resolve a PATCH `path`; anything unresolvable is 400 `invalidPath`. */
export function resolvePatchPath(text: string, lookup: SchemaLookup): Target {
  const resolution = resolve(text, lookup);
  if ('problem' in resolution) throw badRequest('invalidPath', `Invalid path: ${resolution.problem}.`);
  return resolution.target;
}

/**
 * Resolve a key of a resource body or of a path-less PATCH value: `userName`, `name.givenName`
 * (Entra's dotted keys), `urn:…:enterprise:2.0:User:employeeNumber`, an extension URN. Unknown
 * attributes are ignored (RFC 7644 §3.3 lets a server ignore what it does not support).
 */
export function resolveBodyKey(key: string, lookup: SchemaLookup): Target | undefined {
  const resolution = resolve(key, lookup);
  return 'target' in resolution ? resolution.target : undefined;
}
