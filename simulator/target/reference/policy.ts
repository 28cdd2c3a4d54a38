import { groupType, userType, type ResourceTypeConfig, type ResourceTypeName } from './resource-types.js';
import type { ResourceData, StoredResource } from './store.js';

/**
 * What a service provider's own rules add to the plain RFC server, consulted by every SCIM
 * write. The plain policy adds nothing; the dbt account (dbt/provisioning.ts) adds the dbt
 * platform's rules while its SCIM setting is on.
 */
export interface ResourcePolicy {
  /** The schema, extensions and lookup a resource type has right now. */
  resourceType(name: ResourceTypeName): ResourceTypeConfig;
  /** POST: an existing resource the request takes over instead of creating one (dbt: a pre-existing user matched by userName). */
  adopt(type: ResourceTypeConfig, data: ResourceData): StoredResource | undefined;
  /** The data about to be stored (after `finalizeData`); throws a `ScimError` to refuse, nothing stored. */
  check(type: ResourceTypeConfig, data: ResourceData, current: StoredResource | undefined): void;
  /** After a create, adoption, replace or patch went through (`previous` = the data before; undefined for a create). */
  written(type: ResourceTypeConfig, resource: StoredResource, previous: ResourceData | undefined): void;
  /** After a DELETE. */
  deleted(type: ResourceTypeConfig, resource: StoredResource): void;
}

const plainTypes: Record<ResourceTypeName, ResourceTypeConfig> = { User: userType, Group: groupType };

export const plainPolicy: ResourcePolicy = {
  resourceType: (name) => plainTypes[name],
  adopt: () => undefined,
  check: () => undefined,
  written: () => undefined,
  deleted: () => undefined,
};
