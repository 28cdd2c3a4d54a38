import type { ScimSchemaDefinition } from '../../scim/schema/types.js';
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from '../../scim/schema/urns.js';
import { MAX_RESULTS } from './query.js';
import type { ResourceTypeConfig } from './resource-types.js';

/**
 * The discovery documents (RFC 7644 §4, RFC 7643 §5–§7): what this server advertises about
 * itself, which is exactly what it does — PATCH, filter (max 200 results), sort and ETags
 * supported; bulk and password change not; bearer tokens.
 */

function meta(resourceType: string, location: string, since: string) {
  return { resourceType, created: since, lastModified: since, location };
}

export function serviceProviderConfig(baseUrl: string, since: string): Record<string, unknown> {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: 'https://www.rfc-editor.org/rfc/rfc7644',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a bearer token in the Authorization header.',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: meta('ServiceProviderConfig', `${baseUrl}/ServiceProviderConfig`, since),
  };
}

export function resourceTypeDocument(type: ResourceTypeConfig, baseUrl: string, since: string): Record<string, unknown> {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema.id,
    ...(type.extensions.length > 0
      ? { schemaExtensions: type.extensions.map((extension) => ({ schema: extension.id, required: false })) }
      : {}),
    meta: meta('ResourceType', `${baseUrl}/ResourceTypes/${type.name}`, since),
  };
}

export function schemaDocument(schema: ScimSchemaDefinition, baseUrl: string, since: string): Record<string, unknown> {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: meta('Schema', `${baseUrl}/Schemas/${schema.id}`, since),
  };
}

/** Every schema served from `/Schemas`: each type's core schema, then the extensions (User, Group, EnterpriseUser…). */
export function servedSchemasOf(types: readonly ResourceTypeConfig[]): ScimSchemaDefinition[] {
  const schemas = [...types.map((type) => type.schema), ...types.flatMap((type) => type.extensions)];
  return schemas.filter((schema, index) => schemas.findIndex((other) => other.id === schema.id) === index);
}

export function findResourceType(types: readonly ResourceTypeConfig[], id: string): ResourceTypeConfig | undefined {
  return types.find((type) => type.name.toLowerCase() === id.toLowerCase());
}

export function findSchema(types: readonly ResourceTypeConfig[], id: string): ScimSchemaDefinition | undefined {
  return servedSchemasOf(types).find((schema) => schema.id.toLowerCase() === id.toLowerCase());
}
