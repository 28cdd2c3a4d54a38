import { stringAttribute } from '../../../scim/schema/define.js';
import { enterpriseUserSchema } from '../../../scim/schema/enterprise-user.js';
import { createSchemaLookup } from '../../../scim/schema/lookup.js';
import type { ScimSchemaDefinition } from '../../../scim/schema/types.js';
import { userSchema } from '../../../scim/schema/user.js';
import { userType, type ResourceTypeConfig } from '../resource-types.js';
import { LICENSE_TYPES } from './license.js';

/** Seed 002: "External namespace: urn:ietf:params:scim:schemas:extension:dbtLabs:2.0:User". */
export const DBT_USER_EXTENSION = 'urn:ietf:params:scim:schemas:extension:dbtLabs:2.0:User';

/**
 * The dbt license extension. Seed 002: "Data type: string", "Variable name: licenseType",
 * "External name: licenseType", "Enum: Select the box for Define enumerated list of values"
 * (the values: see LICENSE_TYPES), "the casing should match for each value" (caseExact).
 */
export const dbtUserExtensionSchema: ScimSchemaDefinition = {
  id: DBT_USER_EXTENSION,
  name: 'dbtLabsUser',
  description: 'dbt platform user: the license type (seat) the user holds.',
  attributes: [
    stringAttribute('licenseType', `The user's license type: one of ${LICENSE_TYPES.join(', ')} (exact case). Analyst only on plans that offer it.`, {
      caseExact: true,
      canonicalValues: [...LICENSE_TYPES],
    }),
  ],
};

/**
 * The User schema in dbt mode: `userName` is matched exactly, including case — seed 003 "confirm
 * that the userName and email.value attributes in your IdP exactly match the email on the user's
 * dbt platform account, including case". So `userName eq "…"` filters (how Okta and Entra look a
 * user up before creating it) compare exactly, and a case-only difference is not a match; the
 * store still refuses a case-only duplicate (409 uniqueness), the conflict the seed warns about.
 */
export const dbtUserSchema: ScimSchemaDefinition = {
  ...userSchema,
  attributes: userSchema.attributes.map((attribute) => (attribute.name === 'userName' ? { ...attribute, caseExact: true } : attribute)),
};

/** Users while dbt mode is on: advertised in /Schemas and /ResourceTypes (schemaExtensions). */
export const dbtUserType: ResourceTypeConfig = {
  ...userType,
  schema: dbtUserSchema,
  extensions: [enterpriseUserSchema, dbtUserExtensionSchema],
  lookup: createSchemaLookup(dbtUserSchema, [enterpriseUserSchema, dbtUserExtensionSchema]),
};
