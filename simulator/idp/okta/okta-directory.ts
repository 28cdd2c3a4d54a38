import type { Faker } from '@faker-js/faker';
import { Directory, type DirectorySpec } from '../directory.js';

export type { DirectorySpec } from '../directory.js';

/**
 * Builds the Okta org's directory. Ids look like Okta's (`00u` / `00g` and 17 base-62 characters);
 * unspecified profile attributes are faked from the scenario's seeded faker, with a random part in
 * the email so reruns against a server that keeps its data do not collide.
 */
export function buildOktaDirectory(spec: DirectorySpec, faker: Faker): Directory {
  const directory = new Directory();
  for (const [key, { status, profile }] of Object.entries(spec.users)) {
    const firstName = text(profile['firstName']) ?? faker.person.firstName();
    const lastName = text(profile['lastName']) ?? faker.person.lastName();
    const tag = faker.string.alphanumeric({ length: 6, casing: 'lower' });
    const email = text(profile['email']) ?? `${slug(firstName)}.${slug(lastName)}.${tag}@example.com`;
    directory.addUser({
      key,
      id: oktaId('00u', faker),
      status: status ?? 'active',
      profile: { login: email, displayName: `${firstName} ${lastName}`, locale: 'en-US', ...profile, firstName, lastName, email },
    });
  }
  for (const [key, { name, members }] of Object.entries(spec.groups)) {
    directory.addGroup({ key, id: oktaId('00g', faker), name: name ?? key, members: [] });
    for (const member of members) directory.addMember(key, member);
  }
  return directory;
}

function oktaId(prefix: string, faker: Faker): string {
  return prefix + faker.string.alphanumeric({ length: 17 });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '');
}
