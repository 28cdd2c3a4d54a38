import type { EntraValue } from '../expressions/entra/index.js';
import type { Directory, DirectoryUser } from '../directory.js';
import type { EntraScopingClause, EntraSettings } from './settings.js';

/**
 * The source side of a user as the mappings see it. `IsSoftDeleted` is "True" when any of the
 * four triggers holds (E-ATTR): unassigned, failing a scoping filter, soft-deleted, or
 * accountEnabled false.
 */
export function userAttributes(user: DirectoryUser, inScope: boolean): (name: string) => EntraValue | undefined {
  const softDeleted = !inScope || user.status === 'deleted' || user.profile['accountEnabled'] === 'False';
  return (name) => {
    if (name === 'IsSoftDeleted') return softDeleted ? 'True' : 'False';
    if (name === 'objectId') return user.id;
    return asValue(user.profile[name]);
  };
}

function asValue(value: unknown): EntraValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

/** Assigned (or "Sync all") and passing the scoping filters. */
export function isUserInScope(directory: Directory, settings: EntraSettings, user: DirectoryUser): boolean {
  if (settings.scope === 'assigned' && !directory.isAssigned(user.key)) return false;
  return passesScopingFilters(settings.scopingFilters, (name) => (name === 'objectId' ? user.id : asValue(user.profile[name])));
}

/** Whether the user is read at all: assigned users (or everyone with "Sync all"). Only they get log rows when skipped. */
export function isUserRead(directory: Directory, settings: EntraSettings, key: string): boolean {
  return settings.scope === 'all' || directory.isAssigned(key);
}

/** Filters OR, clauses within a filter AND (E-ATTR); no filters = everyone. */
export function passesScopingFilters(filters: readonly EntraScopingClause[][], attribute: (name: string) => EntraValue | undefined): boolean {
  if (filters.length === 0) return true;
  return filters.some((clauses) => clauses.every((clause) => passesClause(clause, attribute(clause.attribute))));
}

function passesClause(clause: EntraScopingClause, raw: EntraValue | undefined): boolean {
  const value = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const first = value[0];
  const expected = clause.value ?? '';
  // research silent: the exact comparison rules; Entra documents EQUALS as an exact match and REGEX MATCH as .NET regex.
  switch (clause.operator) {
    case 'EQUALS':
      return first === expected;
    case 'NOT EQUALS':
      return first !== expected;
    case 'IS TRUE':
      return first?.toLowerCase() === 'true';
    case 'IS FALSE':
      return first?.toLowerCase() === 'false';
    case 'IS NULL':
      return first === undefined || first === '';
    case 'IS NOT NULL':
      return first !== undefined && first !== '';
    case 'REGEX MATCH':
      return first !== undefined && new RegExp(expected).test(first);
    case 'NOT REGEX MATCH':
      return first === undefined || !new RegExp(expected).test(first);
    case 'Greater_Than':
      return first !== undefined && Number(first) > Number(expected);
    case 'Greater_Than_OR_EQUALS':
      return first !== undefined && Number(first) >= Number(expected);
    case 'Less_Than':
      return first !== undefined && Number(first) < Number(expected);
    case 'Less_Than_OR_EQUALS':
      return first !== undefined && Number(first) <= Number(expected);
    case 'Includes':
      return expected.split(',').map((v) => v.trim()).includes(first ?? '');
    case 'EXCLUDES':
      return !expected.split(',').map((v) => v.trim()).includes(first ?? '');
  }
}
