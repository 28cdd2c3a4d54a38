import { isPlainObject } from '../../scim/filter/values.js';
import type { ScimSchemaDefinition } from '../../scim/schema/types.js';
import type { ResourceTypeConfig, ResourceTypeName } from './resource-types.js';
import { groupType, userType } from './resource-types.js';
import type { ResourceStore, StoredMember, StoredResource } from './store.js';

/** Where rendered resources live: the absolute base URL (`http://host:port/scim/v2`). */
export interface RenderContext {
  baseUrl: string;
  store: ResourceStore;
  /** The resource types as the server has them now (the extensions rendered); default the plain ones. */
  resourceType?: (name: ResourceTypeName) => ResourceTypeConfig;
}

export function etagOf(resource: StoredResource): string {
  return `W/"${resource.version}"`;
}

export function locationOf(resource: StoredResource, baseUrl: string): string {
  const type = resource.type === 'User' ? userType : groupType;
  return `${baseUrl}${type.endpoint}/${resource.id}`;
}

function displayOf(resource: StoredResource): string | undefined {
  const { displayName, userName } = resource.data;
  if (typeof displayName === 'string' && displayName !== '') return displayName;
  return typeof userName === 'string' ? userName : undefined;
}

/** Copy `holder`'s attributes in schema order, leaving out `returned: never` (password). */
function copyAttributes(schema: ScimSchemaDefinition, holder: Record<string, unknown>, out: Record<string, unknown>): void {
  for (const attribute of schema.attributes) {
    if (attribute.returned === 'never') continue;
    const value = holder[attribute.name];
    if (value !== undefined) out[attribute.name] = value;
  }
}

/**
 * The full representation of a stored resource (before projection): `schemas` (core + the
 * extensions present), `id`, `externalId`, attributes in schema order, extension containers,
 * `meta`. Computed here: User `groups` (direct memberships), Group `members[].$ref/display`,
 * enterprise `manager.displayName`, `meta.location` from the request's base URL.
 */
export function renderResource(resource: StoredResource, context: RenderContext): Record<string, unknown> {
  const type: ResourceTypeConfig = context.resourceType?.(resource.type) ?? (resource.type === 'User' ? userType : groupType);
  const { data } = resource;
  const { baseUrl, store } = context;
  const presentExtensions = type.extensions.filter((extension) => isPlainObject(data[extension.id]));
  const out: Record<string, unknown> = {
    schemas: [type.schema.id, ...presentExtensions.map((extension) => extension.id)],
    id: resource.id,
  };
  if (data.externalId !== undefined) out.externalId = data.externalId;
  copyAttributes(type.schema, data, out);
  if (type.name === 'User') {
    const groups = store.groupsOf(resource.id).map((group) => ({
      value: group.id,
      $ref: `${baseUrl}${groupType.endpoint}/${group.id}`,
      display: group.data.displayName,
      type: 'direct',
    }));
    if (groups.length > 0) out.groups = groups;
  } else if (Array.isArray(data.members)) {
    out.members = (data.members as StoredMember[]).map((member) => {
      const target = store.get(member.type, member.value);
      const display = target ? displayOf(target) : undefined;
      return {
        value: member.value,
        $ref: `${baseUrl}${member.type === 'User' ? userType.endpoint : groupType.endpoint}/${member.value}`,
        ...(display !== undefined ? { display } : {}),
        type: member.type,
      };
    });
  }
  for (const extension of presentExtensions) {
    const holder = data[extension.id] as Record<string, unknown>;
    const rendered: Record<string, unknown> = {};
    copyAttributes(extension, holder, rendered);
    const manager = rendered.manager;
    if (isPlainObject(manager) && typeof manager.value === 'string') {
      const managerUser = store.get('User', manager.value);
      const display = managerUser ? displayOf(managerUser) : undefined;
      if (display !== undefined) rendered.manager = { ...manager, displayName: display };
    }
    out[extension.id] = rendered;
  }
  out.meta = {
    resourceType: type.name,
    created: resource.created,
    lastModified: resource.lastModified,
    location: `${baseUrl}${type.endpoint}/${resource.id}`,
    version: etagOf(resource),
  };
  return out;
}
