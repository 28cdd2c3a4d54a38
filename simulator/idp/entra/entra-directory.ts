import type { Faker } from '@faker-js/faker';
import { Directory, type DirectorySpec } from '../directory.js';

/**
 * Builds the Entra tenant's directory. Users carry Entra's attribute names (research §2.4's
 * default mappings read userPrincipalName, mail, mailNickname, givenName, surname …); ids are
 * object-id GUIDs. Unspecified attributes are faked from the scenario's seeded faker, with a random
 * part in the UPN so reruns against a server that keeps its data do not collide. Booleans are the
 * strings Entra's expressions see ("True"/"False").
 */
export function buildEntraDirectory(spec: DirectorySpec, faker: Faker): Directory {
  const directory = new Directory();
  for (const [key, { status, profile }] of Object.entries(spec.users)) {
    const givenName = text(profile['givenName']) ?? faker.person.firstName();
    const surname = text(profile['surname']) ?? faker.person.lastName();
    const tag = faker.string.alphanumeric({ length: 6, casing: 'lower' });
    const mailNickname = text(profile['mailNickname']) ?? `${slug(givenName)}.${slug(surname)}.${tag}`;
    const userPrincipalName = text(profile['userPrincipalName']) ?? `${mailNickname}@contoso.example.com`;
    const objectId = faker.string.uuid();
    directory.addUser({
      key,
      id: objectId,
      status: status ?? 'active',
      profile: {
        displayName: `${givenName} ${surname}`,
        mail: userPrincipalName,
        accountEnabled: 'True',
        ...stringify(profile),
        givenName,
        surname,
        mailNickname,
        userPrincipalName,
        objectId,
      },
    });
  }
  for (const [key, { name, members }] of Object.entries(spec.groups)) {
    const objectId = faker.string.uuid();
    directory.addGroup({ key, id: objectId, name: name ?? key, members: [] });
    for (const member of members) directory.addMember(key, member);
  }
  return directory;
}

/** Entra attribute values as its expressions see them: strings, or lists of strings. */
export function stringify(profile: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(profile)) out[name] = asEntraValue(value);
  return out;
}

function asEntraValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.map((item) => String(asEntraValue(item)));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '');
}
