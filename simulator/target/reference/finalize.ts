import { isPlainObject, isPresent } from '../../scim/filter/values.js';
import type { ScimSchemaDefinition } from '../../scim/schema/types.js';
import { assertSinglePrimary } from './coerce.js';
import { badRequest } from './errors.js';
import type { ResourceTypeConfig } from './resource-types.js';
import type { ResourceData, ResourceStore, StoredMember } from './store.js';

/**
 * The checks every write (POST, PUT, PATCH) ends with, on the data about to be stored:
 * required attributes present and non-empty (400 `invalidValue`), at most one primary value per
 * multi-valued attribute, and for Groups `members` that reference existing Users or Groups
 * (400 `invalidValue`), de-duplicated and stored as `{ value, type }` with the type the server
 * knows (`$ref` and `display` are filled when rendering). Uniqueness is the store's job.
 */
export function finalizeData(type: ResourceTypeConfig, data: ResourceData, store: ResourceStore, selfId?: string): ResourceData {
  const schemas: Array<{ schema: ScimSchemaDefinition; holder: Record<string, unknown> | undefined }> = [
    { schema: type.schema, holder: data },
    ...type.extensions.map((schema) => ({ schema, holder: isPlainObject(data[schema.id]) ? (data[schema.id] as Record<string, unknown>) : undefined })),
  ];
  for (const { schema, holder } of schemas) {
    for (const attribute of schema.attributes) {
      const value = holder?.[attribute.name];
      if (attribute.required && attribute.mutability !== 'readOnly') {
        const empty = !isPresent(value) || (typeof value === 'string' && value.trim() === '');
        if (empty) throw badRequest('invalidValue', `Attribute '${attribute.name}' is required and must not be empty.`);
      }
      if (attribute.multiValued && Array.isArray(value)) assertSinglePrimary(value, attribute.name);
    }
  }
  if (type.name === 'Group' && data.members !== undefined) {
    const members = resolveMembers(data.members, store, selfId);
    if (members.length > 0) data.members = members;
    else delete data.members;
  }
  return data;
}

function resolveMembers(raw: unknown, store: ResourceStore, selfId: string | undefined): StoredMember[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const seen = new Set<string>();
  const members: StoredMember[] = [];
  for (const item of list) {
    const value = isPlainObject(item) ? item.value : undefined;
    if (typeof value !== 'string' || value === '') {
      throw badRequest('invalidValue', 'Every member needs a "value" with the id of a User or Group.');
    }
    if (value === selfId) throw badRequest('invalidValue', 'A group cannot be a member of itself.');
    const memberType = store.typeOf(value);
    if (!memberType) throw badRequest('invalidValue', `Member '${value}' is not the id of an existing User or Group.`);
    if (seen.has(value)) continue;
    seen.add(value);
    members.push({ value, type: memberType });
  }
  return members;
}
