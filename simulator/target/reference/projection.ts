import { FilterSyntaxError } from '../../scim/filter/errors.js';
import { parsePath } from '../../scim/filter/parser.js';
import { isPlainObject } from '../../scim/filter/values.js';
import { findSubAttribute, type SchemaLookup } from '../../scim/schema/lookup.js';
import type { ScimAttributeDefinition } from '../../scim/schema/types.js';
import { badRequest } from './errors.js';

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) on rendered resources.
 * Entries are attribute paths, case-insensitive, optionally URN-qualified (`urn:…:User:manager`)
 * or a whole extension URN; a value filter in an entry (`emails[type eq "work"]`) is ignored
 * and the attribute taken whole. Unknown attributes are ignored. `returned: always` attributes
 * (`schemas`, `id`) are always kept; `returned: never` ones never reach this point.
 */

/** `'all'` = the attribute whole; a set = only these sub-attributes. */
type Selection = Map<string, Map<string, 'all' | Set<string>>>;

const CORE = '';

function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '\\') i += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '[') depth += 1;
    else if (char === ']') depth -= 1;
    else if (char === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((item) => item.trim()).filter((item) => item !== '');
}

/** Read an `attributes`-style parameter: a comma-separated string or (in .search) a list of strings. */
export function attributeList(raw: unknown, name: string): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return splitList(raw);
  if (Array.isArray(raw) && raw.every((item) => typeof item === 'string')) return raw.flatMap((item: string) => splitList(item));
  throw badRequest('invalidValue', `"${name}" must be a comma-separated string or a list of attribute names.`);
}

function select(entries: string[] | undefined, lookup: SchemaLookup, parameter: string): Selection | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  const selection: Selection = new Map();
  const add = (container: string, attribute: string, sub: string | undefined) => {
    let attributes = selection.get(container);
    if (!attributes) selection.set(container, (attributes = new Map()));
    const current = attributes.get(attribute);
    if (sub === undefined || current === 'all') attributes.set(attribute, 'all');
    else attributes.set(attribute, new Set([...(current ?? []), sub]));
  };
  for (const entry of entries) {
    const extension = lookup.extensions.find((schema) => schema.id.toLowerCase() === entry.toLowerCase());
    if (extension) {
      add(extension.id, '*', undefined);
      continue;
    }
    let parsed;
    try {
      parsed = parsePath(entry);
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw badRequest('invalidValue', `"${parameter}": '${entry}' is not an attribute path (${error.message}).`);
      throw error;
    }
    const resolved = lookup.resolve({ ...(parsed.schema !== undefined ? { schema: parsed.schema } : {}), attribute: parsed.attribute });
    if (!resolved) continue;
    let sub: string | undefined;
    if (parsed.subAttribute !== undefined) {
      sub = findSubAttribute(resolved.attribute, parsed.subAttribute)?.name;
      if (sub === undefined) continue;
    }
    add(resolved.inExtension ? resolved.schemaUrn : CORE, resolved.attribute.name, sub);
  }
  return selection;
}

function pickSubs(value: unknown, subs: Set<string>, definition: ScimAttributeDefinition | undefined, keep: boolean): unknown {
  const pick = (item: unknown) => {
    if (!isPlainObject(item)) return item;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(item)) {
      const always = definition ? findSubAttribute(definition, key)?.returned === 'always' : false;
      if (subs.has(key) === keep || always) out[key] = inner;
    }
    return out;
  };
  if (Array.isArray(value)) return value.map(pick).filter((item) => !isPlainObject(item) || Object.keys(item).length > 0);
  return pick(value);
}

function isEmpty(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
}

export type Projector = (resource: Record<string, unknown>) => Record<string, unknown>;

/** Build the projection for one request; throws 400 `invalidValue` on malformed entries. */
export function compileProjection(lookup: SchemaLookup, attributes?: string[], excludedAttributes?: string[]): Projector {
  const included = select(attributes, lookup, 'attributes');
  const excluded = select(excludedAttributes, lookup, 'excludedAttributes');
  if (!included && !excluded) return (resource) => resource;
  const definitionOf = (container: string, name: string): ScimAttributeDefinition | undefined =>
    lookup.resolve(container === CORE ? { attribute: name } : { schema: container, attribute: name })?.attribute;

  function project(holder: Record<string, unknown>, container: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const wanted = included?.get(container);
    const unwanted = excluded?.get(container);
    for (const [key, value] of Object.entries(holder)) {
      if (container === CORE && lookup.isExtension(key)) {
        if (included && !included.has(key)) continue;
        if (excluded?.get(key)?.get('*') === 'all') continue;
        const inner = project(value as Record<string, unknown>, key);
        if (!isEmpty(inner)) out[key] = inner;
        continue;
      }
      const definition = definitionOf(container, key);
      if (definition?.returned === 'always') {
        out[key] = value;
        continue;
      }
      let result: unknown = value;
      if (included && wanted?.get('*') !== 'all') {
        const selected = wanted?.get(key);
        if (selected === undefined) continue;
        if (selected !== 'all') result = pickSubs(value, selected, definition, true);
      }
      const dropped = unwanted?.get(key);
      if (dropped === 'all') continue;
      if (dropped) result = pickSubs(result, dropped, definition, false);
      if (!isEmpty(result)) out[key] = result;
    }
    return out;
  }
  return (resource) => project(resource, CORE);
}
