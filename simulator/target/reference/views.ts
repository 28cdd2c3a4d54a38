import type { FilterNode } from '../../scim/filter/ast.js';
import type { ResolvedAttribute } from '../../scim/schema/lookup.js';
import { etagOf } from './render.js';
import { groupType, userType, type ResourceTypeConfig } from './resource-types.js';
import type { StoredResource } from './store.js';

/**
 * A cheap stand-in for the rendered resource, for filtering and sorting: the stored data plus
 * `schemas`, `id` and `meta` (without `location`), built once per resource version and cached.
 * It lacks what rendering computes from other resources or from the request — User `groups`,
 * Group `members[].display/$ref`, `manager.displayName`, `meta.location` — so a query that
 * looks at those renders fully instead (see `needsFullRender`).
 */

const cache = new WeakMap<StoredResource, { version: number; type: ResourceTypeConfig; view: Record<string, unknown> }>();

/** `type`: the resource type as the server has it now (its extensions make `schemas`); default the plain one. */
export function queryView(resource: StoredResource, type: ResourceTypeConfig = resource.type === 'User' ? userType : groupType): Record<string, unknown> {
  const cached = cache.get(resource);
  if (cached && cached.version === resource.version && cached.type === type) return cached.view;
  const { password: _password, ...data } = resource.data;
  const view: Record<string, unknown> = {
    schemas: [type.schema.id, ...type.extensions.filter((extension) => data[extension.id] !== undefined).map((extension) => extension.id)],
    id: resource.id,
    ...data,
    meta: { resourceType: type.name, created: resource.created, lastModified: resource.lastModified, version: etagOf(resource) },
  };
  cache.set(resource, { version: resource.version, type, view });
  return view;
}

/** (attribute, sub-attribute) pairs, lower-case, that only a full render has. */
const COMPUTED: ReadonlyArray<[string, string | undefined]> = [
  ['groups', undefined],
  ['meta', 'location'],
  ['members', 'display'],
  ['members', '$ref'],
  ['manager', 'displayname'],
];

function computed(attribute: string, sub: string | undefined): boolean {
  const a = attribute.toLowerCase();
  const s = sub?.toLowerCase();
  return COMPUTED.some(([name, subName]) => name === a && (subName === undefined || s === undefined || subName === s));
}

/** Does this filter look at an attribute the query view does not have? */
export function filterNeedsFullRender(node: FilterNode, parent?: string): boolean {
  switch (node.type) {
    case 'compare':
    case 'present':
      return parent !== undefined ? computed(parent, node.path.attribute) : computed(node.path.attribute, node.path.subAttribute);
    case 'and':
    case 'or':
      return node.filters.some((child) => filterNeedsFullRender(child, parent));
    case 'not':
      return filterNeedsFullRender(node.filter, parent);
    case 'valuePath':
      return computed(node.path.attribute, undefined) || filterNeedsFullRender(node.filter, node.path.attribute);
  }
}

/** Does sorting by this attribute need a full render? */
export function sortNeedsFullRender(resolved: ResolvedAttribute | undefined): boolean {
  return resolved !== undefined && computed(resolved.attribute.name, resolved.subAttribute?.name);
}
