import type { RawScenario } from './raw-scenario.js';

/** What a scenario can say about each directory user (`{{alice.id}}`) and group (`{{devs.id}}`). */
export const USER_PLACEHOLDER_FIELDS = ['id', 'oktaId', 'userName', 'email', 'login', 'firstName', 'lastName'] as const;
export const GROUP_PLACEHOLDER_FIELDS = ['id', 'oktaId', 'name'] as const;

/**
 * The placeholder names the directory defines. `<key>.id` is the target's id, known once the IdP
 * has created or linked the user or group; the rest are the IdP's own values.
 */
export function directoryPlaceholders(raw: Pick<RawScenario, 'directory'>): string[] {
  const names: string[] = [];
  for (const key of Object.keys(raw.directory?.users ?? {})) for (const field of USER_PLACEHOLDER_FIELDS) names.push(`${key}.${field}`);
  for (const key of Object.keys(raw.directory?.groups ?? {})) for (const field of GROUP_PLACEHOLDER_FIELDS) names.push(`${key}.${field}`);
  return names;
}
