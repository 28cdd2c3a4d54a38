import { complexAttribute, referenceAttribute, stringAttribute } from './define.js';
import type { ScimSchemaDefinition } from './types.js';
import { ENTERPRISE_USER_SCHEMA } from './urns.js';

/** RFC 7643 §4.3 Enterprise User extension, as listed in §8.7.1. */
export const enterpriseUserSchema: ScimSchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    stringAttribute('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.'),
    stringAttribute('costCenter', 'Identifies the name of a cost center.'),
    stringAttribute('organization', 'Identifies the name of an organization.'),
    stringAttribute('division', 'Identifies the name of a division.'),
    stringAttribute('department', 'Identifies the name of a department.'),
    complexAttribute(
      'manager',
      "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      [
        stringAttribute('value', "The id of the SCIM resource representing the User's manager. RECOMMENDED."),
        referenceAttribute('$ref', ['User'], "The URI of the SCIM resource representing the User's manager. RECOMMENDED."),
        stringAttribute('displayName', "The displayName of the User's manager. OPTIONAL and READ-ONLY.", {
          mutability: 'readOnly',
        }),
      ],
    ),
  ],
};
