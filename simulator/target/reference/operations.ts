import { isDeepStrictEqual } from 'node:util';
import type { FilterNode } from '../../scim/filter/ast.js';
import { asList, isPlainObject } from '../../scim/filter/values.js';
import { findSubAttribute, type SchemaLookup } from '../../scim/schema/lookup.js';
import type { ScimAttributeDefinition } from '../../scim/schema/types.js';
import { assertSinglePrimary, coerceSingle, coerceValue } from './coerce.js';
import { badRequest } from './errors.js';
import type { ResourceData } from './store.js';
import { resolveBodyKey, type Target } from './targets.js';

/**
 * `add`, `replace` and `remove` (RFC 7644 §3.5.2.1–3) on a resource's data, in place. The caller
 * works on a copy, so an operation that throws leaves the stored resource untouched.
 * POST and PUT bodies go through the same code as a series of `add`s in `write` mode, where
 * read-only attributes are ignored instead of refused (RFC 7644 §3.3, §3.5.1).
 */

export type OperationName = 'add' | 'replace' | 'remove';

export interface OperationContext {
  lookup: SchemaLookup;
  mode: 'patch' | 'write';
  /** The resource id, so a path-less value repeating it (Okta group rename) is not a change. */
  id?: string;
}

type AttributeTarget = Extract<Target, { kind: 'attribute' }>;
type Container = Record<string, unknown>;

function container(data: ResourceData, target: AttributeTarget, create: boolean): Container | undefined {
  if (!target.resolved.inExtension) return data;
  const urn = target.resolved.schemaUrn;
  const existing = data[urn];
  if (isPlainObject(existing)) return existing;
  if (!create) return undefined;
  const fresh: Container = {};
  data[urn] = fresh;
  return fresh;
}

/** Drop empty lists, objects and extension containers left behind by an operation. */
function tidy(data: ResourceData, target: AttributeTarget): void {
  const holder = container(data, target, false);
  if (!holder) return;
  const name = target.attribute.name;
  const value = holder[name];
  if (Array.isArray(value)) {
    const kept = value.filter((item) => !(isPlainObject(item) && Object.keys(item).length === 0));
    if (kept.length === 0) delete holder[name];
    else if (kept.length !== value.length) holder[name] = kept;
  } else if (value === undefined || (isPlainObject(value) && Object.keys(value).length === 0)) {
    delete holder[name];
  }
  if (target.resolved.inExtension && Object.keys(holder).length === 0) delete data[target.resolved.schemaUrn];
}

function pathOf(target: AttributeTarget): string {
  return target.sub ? `${target.resolved.path}.${target.sub.name}` : target.resolved.path;
}

function hasValue(data: ResourceData, target: AttributeTarget): boolean {
  const value = container(data, target, false)?.[target.attribute.name];
  if (value === undefined) return false;
  if (!target.sub) return true;
  return asList(value).some((item) => isPlainObject(item) && item[target.sub!.name] !== undefined);
}

/** RFC 7644 §3.5.2: operations must respect mutability (RFC 7643 §7). */
function checkMutability(op: OperationName, data: ResourceData, target: AttributeTarget, value: unknown): void {
  const { attribute, sub } = target;
  const name = pathOf(target);
  if (attribute.mutability === 'readOnly' || sub?.mutability === 'readOnly') {
    throw badRequest('mutability', `Attribute '${name}' is readOnly and cannot be modified.`);
  }
  const clears = op === 'remove' || (op === 'replace' && value === null);
  if (clears && !sub && !target.filter && attribute.required) {
    throw badRequest('mutability', `Attribute '${name}' is required and cannot be removed.`);
  }
  const immutable = sub ? sub.mutability === 'immutable' : attribute.mutability === 'immutable';
  if (immutable && (op !== 'add' || hasValue(data, target))) {
    throw badRequest('mutability', `Attribute '${name}' is immutable and already has a value.`);
  }
}

/** Two values of a multi-valued attribute are the same value (no duplicates on add). */
function sameValue(attribute: ScimAttributeDefinition, a: unknown, b: unknown): boolean {
  if (attribute.name === 'members' && isPlainObject(a) && isPlainObject(b)) return a.value === b.value;
  return isDeepStrictEqual(a, b);
}

/** RFC 7644 §3.5.2: setting `primary: true` on a value sets it false on all the others. */
function settlePrimary(list: unknown[], written: Set<unknown>, path: string): unknown[] {
  const winner = [...written].some((item) => isPlainObject(item) && item.primary === true);
  const settled = winner
    ? list.map((item) => (!written.has(item) && isPlainObject(item) && item.primary === true ? { ...item, primary: false } : item))
    : list;
  assertSinglePrimary(settled, path);
  return settled;
}

/** For Entra's `Add` on `emails[type eq "work"].value` when no work email exists yet: the new value's fields. */
function equalityTemplate(node: FilterNode, attribute: ScimAttributeDefinition): Container | undefined {
  if (node.type === 'compare') {
    if (node.operator !== 'eq' || node.value === null || node.path.schema !== undefined || node.path.subAttribute !== undefined) return undefined;
    const sub = findSubAttribute(attribute, node.path.attribute);
    return sub ? { [sub.name]: node.value } : undefined;
  }
  if (node.type === 'and') {
    const parts = node.filters.map((child) => equalityTemplate(child, attribute));
    return parts.every((part) => part !== undefined) ? Object.assign({}, ...parts) : undefined;
  }
  return undefined;
}

function setSub(element: unknown, sub: ScimAttributeDefinition, value: unknown): Container {
  const copy: Container = isPlainObject(element) ? { ...element } : {};
  if (value === undefined) delete copy[sub.name];
  else copy[sub.name] = value;
  return copy;
}

function applyFiltered(op: OperationName, data: ResourceData, target: AttributeTarget, value: unknown): void {
  const { attribute, sub, filter } = target;
  const holder = container(data, target, op !== 'remove');
  const list = asList(holder?.[attribute.name]);
  const matched = new Set(list.filter((item) => filter!.test(item)));
  const path = pathOf(target);
  if (op === 'remove') {
    if (!holder || matched.size === 0) return; // nothing to remove: idempotent (Okta retries removals)
    holder[attribute.name] = sub
      ? list.map((item) => (matched.has(item) ? setSub(item, sub, undefined) : item))
      : list.filter((item) => !matched.has(item));
    tidy(data, target);
    return;
  }
  if (matched.size === 0) {
    // Microsoft Entra sends `Add` for `emails[type eq "work"].value` when the user has no work
    // email yet, expecting the value to be created; an equality filter says what to create.
    const template = op === 'add' ? equalityTemplate(filter!.node, attribute) : undefined;
    if (!template) throw badRequest('noTarget', `No value of '${attribute.name}' matches the filter in '${target.text}'.`);
    const element = sub ? { ...template, [sub.name]: value } : { ...template, ...(isPlainObject(value) ? value : {}) };
    const created = coerceSingle(attribute, element, path);
    if (created === undefined) return;
    holder![attribute.name] = settlePrimary([...list, created], new Set([created]), path);
    return;
  }
  const written = new Set<unknown>();
  const next = list.flatMap((item) => {
    if (!matched.has(item)) return [item];
    let replacement: unknown;
    if (sub) replacement = setSub(item, sub, coerceValue(sub, value, path));
    else if (op === 'add') replacement = { ...(item as Container), ...((coerceSingle(attribute, value, path) as Container | undefined) ?? {}) };
    else replacement = coerceSingle(attribute, value, path);
    if (replacement === undefined) return [];
    written.add(replacement);
    return [replacement];
  });
  holder![attribute.name] = settlePrimary(next, written, path);
  tidy(data, target);
}

function applyToAttribute(op: OperationName, data: ResourceData, target: AttributeTarget, value: unknown): void {
  const { attribute, sub } = target;
  const path = pathOf(target);
  if (target.filter) return applyFiltered(op, data, target, value);
  if (sub) {
    if (attribute.multiValued) {
      if (op === 'remove') {
        const holder = container(data, target, false);
        if (holder && holder[attribute.name] !== undefined) {
          holder[attribute.name] = asList(holder[attribute.name]).map((item) => setSub(item, sub, undefined));
          tidy(data, target);
        }
        return;
      }
      throw badRequest('invalidPath', `'${target.text}' addresses '${sub.name}' of every value of '${attribute.name}'; select the values with a filter, e.g. ${attribute.name}[type eq "work"].${sub.name}.`);
    }
    const coerced = op === 'remove' ? undefined : coerceValue(sub, value, path);
    const holder = container(data, target, coerced !== undefined);
    if (!holder) return;
    const next = setSub(holder[attribute.name], sub, coerced);
    holder[attribute.name] = next;
    tidy(data, target);
    return;
  }
  if (op === 'remove') {
    const holder = container(data, target, false);
    if (!holder) return;
    if (attribute.multiValued && value !== undefined && value !== null) {
      // Microsoft Entra (default dialect) removes members with
      // {"op":"Remove","path":"members","value":[{"value":"<id>"}]}: remove just those values.
      const drop = asList(value);
      holder[attribute.name] = asList(holder[attribute.name]).filter((item) => !drop.some((wanted) => matchesRemoval(attribute, item, wanted)));
    } else {
      delete holder[attribute.name];
    }
    tidy(data, target);
    return;
  }
  const coerced = coerceValue(attribute, value, path);
  const holder = container(data, target, coerced !== undefined);
  if (!holder) return;
  const current = holder[attribute.name];
  if (coerced === undefined) {
    if (op === 'replace') delete holder[attribute.name]; // replace with null/[]/"" (complex) clears
  } else if (attribute.multiValued) {
    const incoming = coerced as unknown[];
    if (op === 'replace') holder[attribute.name] = incoming;
    else {
      const merged = asList(current).slice();
      const written = new Set<unknown>();
      for (const item of incoming) {
        if (merged.some((existing) => sameValue(attribute, existing, item))) continue;
        merged.push(item);
        written.add(item);
      }
      holder[attribute.name] = settlePrimary(merged, written, path);
    }
  } else if (attribute.type === 'complex') {
    holder[attribute.name] = { ...(isPlainObject(current) ? current : {}), ...(coerced as Container) };
  } else {
    holder[attribute.name] = coerced;
  }
  tidy(data, target);
}

/** Does a stored value match one of the values given to a `remove` (Entra's value-list form)? */
function matchesRemoval(attribute: ScimAttributeDefinition, item: unknown, wanted: unknown): boolean {
  if (!isPlainObject(item)) return isDeepStrictEqual(item, wanted);
  const fields: Container = isPlainObject(wanted) ? wanted : { value: wanted };
  const entries = Object.entries(fields).filter(([, expected]) => expected !== null && expected !== undefined);
  if (entries.length === 0) return false;
  return entries.every(([key, expected]) => {
    const sub = findSubAttribute(attribute, key);
    if (!sub) return key === '$ref'; // a client-side $ref is not compared
    if (sub.name === '$ref' || sub.name === 'display') return true;
    const actual = item[sub.name];
    if (typeof actual === 'string' && typeof expected === 'string') {
      return sub.caseExact ? actual === expected : actual.toLowerCase() === expected.toLowerCase();
    }
    return isDeepStrictEqual(actual, expected);
  });
}

/** Apply an operation with a target (a PATCH path, or one key of a body / path-less value). */
export function applyToTarget(op: OperationName, data: ResourceData, target: Target, value: unknown, context: OperationContext): void {
  // Adding null adds nothing (RFC 7643 §2.5: null is "unassigned").
  if (op === 'add' && value === null) return;
  if (target.kind === 'extension') {
    if (op === 'remove' || value === null) {
      delete data[target.schema.id];
      return;
    }
    if (!isPlainObject(value)) throw badRequest('invalidValue', `The value for '${target.text}' must be an object of ${target.schema.name} attributes.`);
    for (const [key, inner] of Object.entries(value)) {
      const innerTarget = resolveBodyKey(`${target.schema.id}:${key}`, context.lookup);
      if (innerTarget) applyToTarget(op, data, innerTarget, inner, context);
    }
    return;
  }
  if (context.mode === 'write') {
    if (target.attribute.mutability === 'readOnly' || target.sub?.mutability === 'readOnly') return;
  } else {
    checkMutability(op, data, target, value);
  }
  if (op !== 'remove' && value === undefined) throw badRequest('invalidValue', `The '${op}' operation on '${target.text}' needs a value.`);
  applyToAttribute(op, data, target, value);
}

/**
 * A path-less `add`/`replace` (RFC 7644 §3.5.2.1, .3) or a POST/PUT body: an object whose keys
 * are attributes. Keys may be URN-qualified, an extension URN with an object of its attributes,
 * the core schema URN wrapping core attributes, or dotted (`"name.givenName"`, Entra's
 * aadOptscim062020 dialect). Unknown keys are ignored; `schemas` and `meta` are not attributes
 * a client sets.
 */
export function applyValueObject(op: 'add' | 'replace', data: ResourceData, value: unknown, context: OperationContext): void {
  if (!isPlainObject(value)) {
    throw badRequest(context.mode === 'write' ? 'invalidSyntax' : 'invalidValue', context.mode === 'write'
      ? 'The request body must be a JSON object.'
      : `A '${op}' without a path needs an object of attributes as its value.`);
  }
  const coreUrn = context.lookup.core.id.toLowerCase();
  for (const [key, inner] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas' || lower === 'meta') continue;
    if (lower === coreUrn) {
      // Attributes wrapped in the core schema URN (SCIM Verify's "alternative" create body).
      if (isPlainObject(inner)) applyValueObject(op, data, inner, context);
      continue;
    }
    const target = resolveBodyKey(key, context.lookup);
    if (!target) continue;
    if (target.kind === 'attribute' && target.attribute.name === 'id' && !target.resolved.inExtension) {
      // Okta's group rename repeats the id: {"op":"replace","value":{"id":"<id>","displayName":…}}.
      if (context.mode === 'write' || inner === context.id) continue;
    }
    applyToTarget(op, data, target, inner, context);
  }
}
