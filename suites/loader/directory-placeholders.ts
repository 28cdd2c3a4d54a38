import type { RawScenario } from './raw-scenario.js';

/** What a scenario can say about each directory user (`{{alice.id}}`) and group (`{{devs.id}}`) of an Okta org. */
export const USER_PLACEHOLDER_FIELDS = ['id', 'oktaId', 'userName', 'email', 'login', 'firstName', 'lastName'] as const;
export const GROUP_PLACEHOLDER_FIELDS = ['id', 'oktaId', 'name'] as const;

/** The same for an Entra tenant: `userName` is the mapped userName, the rest Entra's own attributes. */
export const ENTRA_USER_PLACEHOLDER_FIELDS = ['id', 'objectId', 'userName', 'userPrincipalName', 'mail', 'mailNickname', 'givenName', 'surname', 'displayName'] as const;
export const ENTRA_GROUP_PLACEHOLDER_FIELDS = ['id', 'objectId', 'name'] as const;

/** The placeholder fields of a user and of a group for the scenario's IdP (Okta's when it has none). */
export function placeholderFields(idp: RawScenario['idp']): { user: readonly string[]; group: readonly string[] } {
  return idp === 'entra' ? { user: ENTRA_USER_PLACEHOLDER_FIELDS, group: ENTRA_GROUP_PLACEHOLDER_FIELDS } : { user: USER_PLACEHOLDER_FIELDS, group: GROUP_PLACEHOLDER_FIELDS };
}

/** A field of one IdP and the other IdP's field for the same thing, per direction (`email` in an Entra scenario means `mail`). */
export const FOREIGN_PLACEHOLDER_FIELDS: Record<'okta' | 'entra', Record<string, string>> = {
  entra: { oktaId: 'objectId', email: 'mail', login: 'userPrincipalName', firstName: 'givenName', lastName: 'surname' },
  okta: { objectId: 'oktaId', mail: 'email', userPrincipalName: 'login', givenName: 'firstName', surname: 'lastName' },
};

/**
 * The placeholder names the directory defines. `<key>.id` is the target's id, known once the IdP
 * has created or linked the user or group; the rest are the IdP's own values.
 */
export function directoryPlaceholders(raw: Pick<RawScenario, 'directory' | 'idp'>): string[] {
  const names: string[] = [];
  const fields = placeholderFields(raw.idp);
  for (const key of Object.keys(raw.directory?.users ?? {})) for (const field of fields.user) names.push(`${key}.${field}`);
  for (const key of Object.keys(raw.directory?.groups ?? {})) for (const field of fields.group) names.push(`${key}.${field}`);
  return names;
}
