import type { SchemaLookup } from '../schema/lookup.js';
import type { PatchPath } from './ast.js';
import { compileValueFilter } from './evaluate.js';
import { parsePath } from './parser.js';
import { asList, getIgnoreCase } from './values.js';

/**
 * The values a path names in a resource: `userName` → [the user name];
 * `emails[type eq "work"].value` → the values of the work emails; `members[value eq "x"]` →
 * the matching member objects; `urn:…:enterprise:2.0:User:manager.value` → [manager id].
 * Multi-valued attributes are flattened; absent values are left out (so [] = nothing there).
 * A string path is parsed with `parsePath` (throws `FilterSyntaxError`).
 */
export function selectValues(resource: unknown, path: string | PatchPath, lookup?: SchemaLookup): unknown[] {
  const parsed = typeof path === 'string' ? parsePath(path) : path;
  let values: unknown[];
  let definition;
  if (lookup) {
    const resolved = lookup.resolve({ ...(parsed.schema !== undefined ? { schema: parsed.schema } : {}), attribute: parsed.attribute });
    if (!resolved) return [];
    const container = resolved.inExtension ? getIgnoreCase(resource, resolved.schemaUrn) : resource;
    values = asList(getIgnoreCase(container, resolved.attribute.name));
    definition = resolved.attribute;
  } else {
    const container = parsed.schema !== undefined ? (getIgnoreCase(resource, parsed.schema) ?? resource) : resource;
    values = asList(getIgnoreCase(container, parsed.attribute));
  }
  if (parsed.filter) values = values.filter(compileValueFilter(parsed.filter, definition));
  if (parsed.subAttribute !== undefined) {
    const sub = parsed.subAttribute;
    values = values.flatMap((value) => asList(getIgnoreCase(value, sub)));
  }
  return values.filter((value) => value !== undefined && value !== null);
}
