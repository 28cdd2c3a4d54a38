import {
  binaryAttribute,
  booleanAttribute,
  complexAttribute,
  multiValuedSubAttributes,
  referenceAttribute,
  stringAttribute,
} from './define.js';
import type { ScimSchemaDefinition } from './types.js';
import { USER_SCHEMA } from './urns.js';

/** RFC 7643 §4.1 User, as listed in §8.7.1. Common attributes (`id`, `meta`…) are in `common.ts`. */
export const userSchema: ScimSchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    stringAttribute(
      'userName',
      "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.",
      { required: true, uniqueness: 'server' },
    ),
    complexAttribute("name", "The components of the user's real name.", [
      stringAttribute('formatted', "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display."),
      stringAttribute('familyName', 'The family name of the User, or last name in most Western languages.'),
      stringAttribute('givenName', 'The given name of the User, or first name in most Western languages.'),
      stringAttribute('middleName', 'The middle name(s) of the User.'),
      stringAttribute('honorificPrefix', 'The honorific prefix(es) of the User, or title in most Western languages.'),
      stringAttribute('honorificSuffix', 'The honorific suffix(es) of the User, or suffix in most Western languages.'),
    ]),
    stringAttribute('displayName', 'The name of the User, suitable for display to end-users.'),
    stringAttribute('nickName', 'The casual way to address the user in real life.'),
    referenceAttribute('profileUrl', ['external'], "A fully qualified URL pointing to a page representing the User's online profile."),
    stringAttribute('title', "The user's title, such as \"Vice President\"."),
    stringAttribute('userType', 'Used to identify the relationship between the organization and the user.'),
    stringAttribute('preferredLanguage', "Indicates the User's preferred written or spoken language (RFC 7231 Accept-Language format)."),
    stringAttribute('locale', "Used to indicate the User's default location for localizing items (RFC 5646 language tag)."),
    stringAttribute('timezone', "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."),
    booleanAttribute('active', "A Boolean value indicating the User's administrative status."),
    stringAttribute('password', "The User's cleartext password. Never returned by a service provider.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    complexAttribute(
      'emails',
      "Email addresses for the user. Canonical type values of 'work', 'home', and 'other'.",
      multiValuedSubAttributes(stringAttribute('value', 'Email addresses for the user.'), 'email address', [
        'work',
        'home',
        'other',
      ]),
      { multiValued: true },
    ),
    complexAttribute(
      'phoneNumbers',
      "Phone numbers for the User. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
      multiValuedSubAttributes(stringAttribute('value', 'Phone number of the User.'), 'phone number', [
        'work',
        'home',
        'mobile',
        'fax',
        'pager',
        'other',
      ]),
      { multiValued: true },
    ),
    complexAttribute(
      'ims',
      'Instant messaging addresses for the User.',
      multiValuedSubAttributes(stringAttribute('value', 'Instant messaging address for the User.'), 'instant messaging address', [
        'aim',
        'gtalk',
        'icq',
        'xmpp',
        'msn',
        'skype',
        'qq',
        'yahoo',
      ]),
      { multiValued: true },
    ),
    complexAttribute(
      'photos',
      'URLs of photos of the User.',
      multiValuedSubAttributes(referenceAttribute('value', ['external'], 'URL of a photo of the User.'), 'photo', [
        'photo',
        'thumbnail',
      ]),
      { multiValued: true },
    ),
    complexAttribute(
      'addresses',
      "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'.",
      [
        stringAttribute('formatted', 'The full mailing address, formatted for display or use with a mailing label.'),
        stringAttribute('streetAddress', 'The full street address component.'),
        stringAttribute('locality', 'The city or locality component.'),
        stringAttribute('region', 'The state or region component.'),
        stringAttribute('postalCode', 'The zip code or postal code component.'),
        stringAttribute('country', 'The country name component.'),
        stringAttribute('type', "A label indicating the attribute's function, e.g., 'work' or 'home'.", {
          canonicalValues: ['work', 'home', 'other'],
        }),
        // Not in the §8.7.1 listing, but §2.4 gives every multi-valued attribute `primary` and the
        // §8.2 full-user example sends `addresses[0].primary: true`.
        booleanAttribute('primary', "A Boolean value indicating the 'primary' or preferred address. The primary attribute value 'true' MUST appear no more than once."),
      ],
      { multiValued: true },
    ),
    complexAttribute(
      'groups',
      "A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.",
      [
        stringAttribute('value', "The identifier of the User's group.", { mutability: 'readOnly' }),
        referenceAttribute('$ref', ['User', 'Group'], "The URI of the corresponding 'Group' resource to which the user belongs.", {
          mutability: 'readOnly',
        }),
        stringAttribute('display', 'A human-readable name, primarily used for display purposes. READ-ONLY.', {
          mutability: 'readOnly',
        }),
        stringAttribute('type', "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.", {
          canonicalValues: ['direct', 'indirect'],
          mutability: 'readOnly',
        }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    complexAttribute(
      'entitlements',
      'A list of entitlements for the User that represent a thing the User has.',
      multiValuedSubAttributes(stringAttribute('value', 'The value of an entitlement.'), 'entitlement', undefined),
      { multiValued: true },
    ),
    complexAttribute(
      'roles',
      'A list of roles for the User that collectively represent who the User is, e.g., \'Student\', \'Faculty\'.',
      multiValuedSubAttributes(stringAttribute('value', 'The value of a role.'), 'role', []),
      { multiValued: true },
    ),
    complexAttribute(
      'x509Certificates',
      'A list of certificates issued to the User.',
      multiValuedSubAttributes(binaryAttribute('value', 'The value of an X.509 certificate.'), 'certificate', undefined),
      { multiValued: true },
    ),
  ],
};
