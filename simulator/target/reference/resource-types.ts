import { createSchemaLookup, type SchemaLookup } from '../../scim/schema/lookup.js';
import { enterpriseUserSchema } from '../../scim/schema/enterprise-user.js';
import { groupSchema } from '../../scim/schema/group.js';
import type { ScimSchemaDefinition } from '../../scim/schema/types.js';
import { userSchema } from '../../scim/schema/user.js';

export type ResourceTypeName = 'User' | 'Group';

/** What the server knows about one resource type (RFC 7643 §6). */
export interface ResourceTypeConfig {
  name: ResourceTypeName;
  /** `/Users`, `/Groups`. */
  endpoint: string;
  description: string;
  schema: ScimSchemaDefinition;
  extensions: ScimSchemaDefinition[];
  lookup: SchemaLookup;
  /** The attribute that must be unique case-insensitively: `userName`, `displayName`. */
  uniqueAttribute: string;
}

/**
 * The Group schema as this server implements it: RFC 7643 §8.7.1 plus what §4.2 says and what
 * Entra requires — `displayName` is REQUIRED (§4.2) and unique (Entra matches groups on it).
 */
export const referenceGroupSchema: ScimSchemaDefinition = {
  ...groupSchema,
  attributes: groupSchema.attributes.map((attribute) =>
    attribute.name === 'displayName' ? { ...attribute, required: true, uniqueness: 'server' } : attribute,
  ),
};

export const userType: ResourceTypeConfig = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: userSchema,
  extensions: [enterpriseUserSchema],
  lookup: createSchemaLookup(userSchema, [enterpriseUserSchema]),
  uniqueAttribute: 'userName',
};

export const groupType: ResourceTypeConfig = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: referenceGroupSchema,
  extensions: [],
  lookup: createSchemaLookup(referenceGroupSchema),
  uniqueAttribute: 'displayName',
};

export const resourceTypes: readonly ResourceTypeConfig[] = [userType, groupType];

/** Every schema the server serves from `/Schemas`. */
export const servedSchemas: readonly ScimSchemaDefinition[] = [userSchema, referenceGroupSchema, enterpriseUserSchema];
