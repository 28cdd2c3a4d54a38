import { dateTimeAttribute, complexAttribute, referenceAttribute, stringAttribute } from './define.js';
import type { ScimAttributeDefinition } from './types.js';

/**
 * The attributes every resource carries besides its schema's own (RFC 7643 §3, §3.1):
 * `schemas`, `id`, `externalId`, `meta`. RFC 7643 §8.7.1 leaves them out of the User and Group
 * schema listings, so they are kept apart here; combine them with a resource schema to describe
 * a full resource representation.
 */

/** RFC 7643 §3: the URIs of the schemas the representation uses. REQUIRED, always returned. */
export const schemasAttribute: ScimAttributeDefinition = referenceAttribute(
  'schemas',
  ['uri'],
  'The schema URIs that define the attributes present in the representation. REQUIRED.',
  { multiValued: true, required: true, caseExact: true, mutability: 'readOnly', returned: 'always' },
);

/** RFC 7643 §3.1 `id`: server-assigned, caseExact, readOnly, returned always. */
export const idAttribute: ScimAttributeDefinition = stringAttribute(
  'id',
  'A unique identifier for a SCIM resource as defined by the service provider. REQUIRED, READ-ONLY.',
  { required: true, caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' },
);

/** RFC 7643 §3.1 `externalId`: set by the provisioning client, caseExact. */
export const externalIdAttribute: ScimAttributeDefinition = stringAttribute(
  'externalId',
  'An identifier for the resource as defined by the provisioning client. OPTIONAL.',
  { caseExact: true },
);

/** RFC 7643 §3.1 `meta`: resource metadata maintained by the service provider. */
export const metaAttribute: ScimAttributeDefinition = complexAttribute(
  'meta',
  'A complex attribute containing resource metadata. READ-ONLY.',
  [
    stringAttribute('resourceType', 'The name of the resource type of the resource.', {
      caseExact: true,
      mutability: 'readOnly',
    }),
    dateTimeAttribute('created', 'The DateTime that the resource was added to the service provider.', {
      mutability: 'readOnly',
    }),
    dateTimeAttribute('lastModified', 'The most recent DateTime that the details of this resource were updated.', {
      mutability: 'readOnly',
    }),
    referenceAttribute('location', ['uri'], 'The URI of the resource being returned.', {
      caseExact: true,
      mutability: 'readOnly',
    }),
    stringAttribute('version', 'The version (ETag) of the resource being returned.', {
      caseExact: true,
      mutability: 'readOnly',
    }),
  ],
  { mutability: 'readOnly' },
);

/** `schemas`, `id`, `externalId`, `meta`, in that order. */
export const commonAttributes: readonly ScimAttributeDefinition[] = [
  schemasAttribute,
  idAttribute,
  externalIdAttribute,
  metaAttribute,
];
