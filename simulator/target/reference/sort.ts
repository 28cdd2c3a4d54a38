import { asList, getIgnoreCase, isPlainObject } from '../../scim/filter/values.js';
import { findSubAttribute, type SchemaLookup } from '../../scim/schema/lookup.js';
import type { ScimAttributeDefinition } from '../../scim/schema/types.js';

/**
 * `sortBy` / `sortOrder` (RFC 7644 §3.4.2.3). The sort value of a multi-valued attribute is its
 * primary value, else its first; a complex attribute without sub-attribute sorts by `value`.
 * Strings compare with the attribute's `caseExact`, numbers numerically, dateTimes
 * chronologically, false before true. Resources without a value sort last when ascending and
 * first when descending. Ties keep the default (creation) order. An unknown `sortBy` leaves
 * the default order (the RFC does not say; refusing would break clients probing sort support).
 */

type Key = string | number | undefined;

function keyOf(value: unknown, definition: ScimAttributeDefinition): Key {
  if (value === undefined || value === null) return undefined;
  switch (definition.type) {
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) : undefined;
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : undefined;
    case 'dateTime': {
      const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isFinite(time) ? time : undefined;
    }
    default:
      if (typeof value !== 'string') return undefined;
      return definition.caseExact ? value : value.toLowerCase();
  }
}

export function sortResources<T extends { view: Record<string, unknown> }>(
  resources: T[],
  sortBy: string,
  order: 'ascending' | 'descending',
  lookup: SchemaLookup,
): T[] {
  const resolved = lookup.find(sortBy);
  if (!resolved) return resources;
  const { attribute, subAttribute } = resolved;
  const valueSub = subAttribute ?? (attribute.type === 'complex' ? findSubAttribute(attribute, 'value') : undefined);
  if (attribute.type === 'complex' && !valueSub) return resources;
  const definition = valueSub ?? attribute;
  const extract = (resource: Record<string, unknown>): Key => {
    const holder = resolved.inExtension ? getIgnoreCase(resource, resolved.schemaUrn) : resource;
    let value = getIgnoreCase(holder, attribute.name);
    if (attribute.multiValued) {
      const list = asList(value);
      value = list.find((item) => isPlainObject(item) && item.primary === true) ?? list[0];
    }
    if (valueSub) value = getIgnoreCase(value, valueSub.name);
    return keyOf(value, definition);
  };
  const direction = order === 'descending' ? -1 : 1;
  const keyed = resources.map((resource) => ({ resource, key: extract(resource.view) }));
  keyed.sort((a, b) => {
    if (a.key === b.key) return 0;
    if (a.key === undefined) return direction; // missing: last ascending, first descending
    if (b.key === undefined) return -direction;
    return (a.key < b.key ? -1 : 1) * direction;
  });
  return keyed.map((entry) => entry.resource);
}
