import { complexAttribute, referenceAttribute, stringAttribute } from './define.js';
import type { ScimSchemaDefinition } from './types.js';
import { GROUP_SCHEMA } from './urns.js';

/**
 * RFC 7643 §4.2 Group, as listed in §8.7.1.
 *
 * Two places where the RFC disagrees with itself, kept as §8.7.1 has them:
 * - `displayName` is `required: false` in §8.7.1 but "REQUIRED" in the §4.2 prose. A service
 *   provider that enforces it (the reference server does) advertises `required: true`.
 * - `members` has no `display` sub-attribute in §8.7.1, yet the §8.4 example and every IdP send
 *   one; it is added here (immutable, like its siblings) so representations that carry it validate.
 */
export const groupSchema: ScimSchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    stringAttribute('displayName', 'A human-readable name for the Group. REQUIRED.'),
    complexAttribute(
      'members',
      'A list of members of the Group.',
      [
        stringAttribute('value', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
        referenceAttribute('$ref', ['User', 'Group'], 'The URI corresponding to a SCIM resource that is a member of this Group.', {
          mutability: 'immutable',
        }),
        stringAttribute('display', 'A human-readable name for the member, primarily used for display purposes.', {
          mutability: 'immutable',
        }),
        stringAttribute('type', "A label indicating the type of resource, e.g., 'User' or 'Group'.", {
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
        }),
      ],
      { multiValued: true },
    ),
  ],
};
