export type {
  ScimAttributeDefinition,
  ScimAttributeType,
  ScimMutability,
  ScimReturned,
  ScimSchemaDefinition,
  ScimUniqueness,
} from './types.js';
export * from './urns.js';
export { commonAttributes, externalIdAttribute, idAttribute, metaAttribute, schemasAttribute } from './common.js';
export { userSchema } from './user.js';
export { groupSchema } from './group.js';
export { enterpriseUserSchema } from './enterprise-user.js';
export {
  createSchemaLookup,
  findAttribute,
  findSubAttribute,
  groupLookup,
  splitAttributePath,
  userLookup,
  type AttributePathParts,
  type ResolvedAttribute,
  type SchemaLookup,
} from './lookup.js';
