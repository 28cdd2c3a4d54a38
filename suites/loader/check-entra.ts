import { eachStep } from './each-step.js';
import { DEFAULT_GROUP_MAPPINGS, SEED_USER_MAPPINGS, type EntraMappingSpec } from '../../simulator/idp/entra/settings.js';
import { EntraExpressionError, parseEntraExpression } from '../../simulator/idp/expressions/entra/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { checkStepActions, directoryKeyCheck, error, expressionLocation, targetKeys } from './check-idp.js';
import type { DocPath, Locator } from './locate.js';
import {
  ENTRA_ACTIONS,
  ENTRA_MAPPING_TYPES,
  type EntraActionName,
  OKTA_ONLY_ACTIONS,
  isEntraStep,
  type KeyList,
  type RawEntraMapping,
  type RawEntraScenario,
  type RawEntraStep,
  type RawScopingClause,
} from './raw-scenario.js';

/** Source attributes of an Entra user that a mapping, a filter or the directory may name. */
export const ENTRA_USER_ATTRIBUTES = [
  'userPrincipalName', 'mail', 'mailNickname', 'givenName', 'surname', 'displayName', 'jobTitle', 'department', 'employeeId', 'objectId',
  'accountEnabled', 'IsSoftDeleted', 'companyName', 'city', 'country', 'state', 'streetAddress', 'postalCode', 'mobile', 'telephoneNumber',
  'facsimileTelephoneNumber', 'preferredLanguage', 'usageLocation', 'userType', 'manager', 'appRoleAssignments',
] as const;

/** Source attributes of an Entra group. */
export const ENTRA_GROUP_ATTRIBUTES = ['displayName', 'objectId', 'members', 'mail', 'mailNickname', 'description'] as const;

/** A directory extension: `extension_<app id without dashes>_<name>`. */
const EXTENSION_ATTRIBUTE = /^extension_[0-9A-Fa-f]{32}_[A-Za-z0-9_]+$/;

/** Attributes Entra computes: a scenario does not set them. */
const DERIVED_ATTRIBUTES: Record<string, string> = {
  objectId: 'Entra assigns the objectId; {{<key>.objectId}} reads it',
  IsSoftDeleted: "IsSoftDeleted is derived: use 'status: softDeleted', 'softDelete' or 'accountEnabled'",
};

/** Okta profile attributes and the Entra attribute that holds the same thing. */
const OKTA_ATTRIBUTES: Record<string, string> = {
  firstName: 'givenName',
  lastName: 'surname',
  email: 'mail',
  login: 'userPrincipalName',
  title: 'jobTitle',
  employeeNumber: 'employeeId',
  primaryPhone: 'telephoneNumber',
  mobilePhone: 'mobile',
  zipCode: 'postalCode',
  countryCode: 'country',
  organization: 'companyName',
  locale: 'preferredLanguage',
};

/** Scoping filters cannot use these (E-KI). */
const UNFILTERABLE = ['appRoleAssignments', 'userType', 'manager'];

/** Operators that test the attribute alone. */
const VALUELESS_OPERATORS = ['IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL'];

/** On-demand provisioning takes one group with at most this many members (E-OD). */
const ON_DEMAND_MEMBER_LIMIT = 5;

/** What to write in an Entra scenario instead of an Okta action. */
const ENTRA_WAY: Record<(typeof OKTA_ONLY_ACTIONS)[number], string> = {
  testApiCredentials: "Entra's is 'testConnection: true'",
  updateProfile: "write 'updateUser: { user, set }' with Entra attributes (surname, jobTitle, …)",
  deactivate: "Entra's nearest are 'disableAccount' (accountEnabled false) and 'softDelete'",
  reactivate: "Entra's nearest are 'enableAccount' and 'restore'",
  suspend: "Entra's nearest is 'disableAccount'",
  unsuspend: "Entra's nearest is 'enableAccount'",
  deleteUser: "Entra's is 'hardDelete' (or 'softDelete', restorable)",
  pushGroups: "Entra provisions assigned groups in its cycles: 'assign: { groups: [...] }', then 'nextCycle' (or 'provisionOnDemand: { group, members }')",
  pushNow: "'nextCycle' runs the next cycle; 'provisionOnDemand: { group, members }' provisions one group now",
  retryGroups: "Entra retries failures in its own cycles: 'nextCycle'",
  deactivateGroupPush: "Entra's nearest is 'unassign: { groups: [...] }'",
  unlinkGroup: "Entra's nearest are 'unassign: { groups: [...] }' and 'deleteGroup'",
  import: 'Entra does not import from the target: each cycle matches users by their matching attributes',
  retryTasks: "Entra retries failures in its own cycles: 'nextCycle'",
  reapplyMappings: "Entra's nearest are 'changeMappings' and 'restartProvisioning'",
};

/** A mapping row and where the file wrote it (nowhere for the seeds' and default rows). */
interface Row {
  spec: { matching?: number };
  path?: DocPath;
  /** The matching precedence of the row this one replaced, when it had one and this one has none. */
  replacedMatching?: number;
}

type Rows = Map<string, Row>;

/**
 * What the schema cannot say about an `idp: entra` scenario: actions of Entra only, one per step,
 * user and group keys the directory has, mappings with exactly one type, expressions that parse
 * (errors point into the expression), a matching attribute and distinct matching precedences in
 * the mapping set in force (the seeds' set merged with the file's, then each `changeMappings`),
 * known source attributes (warnings), well-formed scoping filters, and on-demand groups of at
 * most 5 members.
 */
export function checkEntra(raw: RawEntraScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = directoryKeyCheck(raw, locator, diagnostics);
  const config = raw.idpConfig ?? {};

  for (const [key, user] of Object.entries(raw.directory?.users ?? {})) {
    for (const attribute of Object.keys(user ?? {})) {
      if (attribute !== 'status') diagnostics.push(...checkUserAttribute(attribute, ['directory', 'users', key, attribute], locator, 'key'));
    }
    // A manager is a reference to another user of the directory, by key.
    const manager = user?.['manager'];
    if (typeof manager === 'string' && !manager.includes('{{')) known('user', manager, ['directory', 'users', key, 'manager']);
  }

  const userRows = seedRows(config.replaceUserMappings ? {} : SEED_USER_MAPPINGS);
  const groupRows = seedRows(DEFAULT_GROUP_MAPPINGS);
  const groupsProvisioned = config.provisionGroups !== false;
  const configAt = (key: string): DocPath => (config[key as keyof typeof config] !== undefined ? ['idpConfig', key] : raw.idpConfig ? ['idpConfig'] : ['idp']);
  diagnostics.push(
    ...applyMappings('user', userRows, config.userMappings, ['idpConfig', 'userMappings'], locator, config.replaceUserMappings ? 'replaced' : 'seed'),
    ...applyMappings('group', groupRows, config.groupMappings, ['idpConfig', 'groupMappings'], locator, 'default'),
    ...checkMappingSet('user', userRows, configAt('userMappings'), locator),
    ...(groupsProvisioned ? checkMappingSet('group', groupRows, configAt('groupMappings'), locator) : []),
    ...checkScopingFilters(config.scopingFilters, ['idpConfig', 'scopingFilters'], locator),
  );

  for (const { step, at } of eachStep(raw)) {
    if (!isEntraStep(step, raw)) continue;
    const actions = Object.keys(step).filter((key): key is EntraActionName => (ENTRA_ACTIONS as readonly string[]).includes(key));
    const foreign = OKTA_ONLY_ACTIONS.filter((action) => action in step);
    diagnostics.push(...checkStepActions({ at, locator, actions, foreign, other: 'an Okta action', idp: 'entra', ways: ENTRA_WAY, example: 'assign, nextCycle, …', checks: step.expect !== undefined }));
    for (const [kind, key, path] of referencedKeys(step, at)) known(kind, key, path);
    diagnostics.push(...checkAction(step, at, locator));
    const change = step.changeMappings;
    if (change) {
      const changeAt: DocPath = [...at, 'changeMappings'];
      diagnostics.push(
        ...applyMappings('user', userRows, change.userMappings, [...changeAt, 'userMappings'], locator, 'current'),
        ...applyMappings('group', groupRows, change.groupMappings, [...changeAt, 'groupMappings'], locator, 'current'),
        ...checkScopingFilters(change.scopingFilters, [...changeAt, 'scopingFilters'], locator),
      );
      if (change.userMappings) diagnostics.push(...checkMappingSet('user', userRows, [...changeAt, 'userMappings'], locator));
      if (change.groupMappings && groupsProvisioned) diagnostics.push(...checkMappingSet('group', groupRows, [...changeAt, 'groupMappings'], locator));
    }
  }
  // A problem of the mapping set in force is found again by every later change that keeps it.
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.location.line}:${d.location.col}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Checks of one action's arguments beyond their keys. */
function checkAction(step: RawEntraStep, at: DocPath, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const pod = step.provisionOnDemand;
  if (pod !== undefined && typeof pod !== 'string') {
    const members = keyList(pod.members);
    if (members.length > ON_DEMAND_MEMBER_LIMIT) {
      diagnostics.push(
        error(
          locator.value([...at, 'provisionOnDemand', 'members', ON_DEMAND_MEMBER_LIMIT]),
          `on-demand provisioning takes a group with at most ${ON_DEMAND_MEMBER_LIMIT} members; this step names ${members.length}`,
          "provision the others in another 'provisionOnDemand' step, or in a cycle ('nextCycle')",
        ),
      );
    }
  }
  for (const action of ['assign', 'unassign'] as const) {
    const value = step[action];
    if (value && typeof value === 'object' && !Array.isArray(value) && value.users === undefined && value.groups === undefined) {
      diagnostics.push(error(locator.key([...at, action]), `'${action}' names no users and no groups`, "give 'users', 'groups' or both"));
    }
  }
  if (step.updateUser) {
    const set = step.updateUser.set;
    if (Object.keys(set).length === 0) diagnostics.push(error(locator.key([...at, 'updateUser', 'set']), "'set' changes nothing", 'give the attributes to change, e.g. { surname: Smith }'));
    for (const attribute of Object.keys(set)) diagnostics.push(...checkUserAttribute(attribute, [...at, 'updateUser', 'set', attribute], locator, 'key'));
  }
  const change = step.changeMappings;
  if (change && Object.keys(change).length === 0) {
    diagnostics.push(error(locator.key([...at, 'changeMappings']), "'changeMappings' changes nothing", 'give userMappings, groupMappings, scope or scopingFilters'));
  }
  return diagnostics;
}

function seedRows(mappings: Record<string, EntraMappingSpec>): Rows {
  const rows: Rows = new Map();
  for (const [name, spec] of Object.entries(mappings)) rows.set(name, { spec: spec.matchingPrecedence === undefined ? {} : { matching: spec.matchingPrecedence } });
  return rows;
}

/**
 * Checks each written row (one type, an expression that parses, a known direct source) and applies
 * it to `rows`; `null` removes a row, and is pointless when there is none of that name.
 */
function applyMappings(
  kind: 'user' | 'group',
  rows: Rows,
  written: Record<string, RawEntraMapping | null> | undefined,
  at: DocPath,
  locator: Locator,
  base: 'seed' | 'default' | 'replaced' | 'current',
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, spec] of Object.entries(written ?? {})) {
    const path: DocPath = [...at, name];
    if (spec === null) {
      if (!rows.has(name)) diagnostics.push(pointlessRemoval(name, [...rows.keys()], path, locator, base));
      rows.delete(name);
      continue;
    }
    diagnostics.push(...checkMapping(kind, name, spec, path, locator));
    const replaced = rows.get(name);
    const row: Row = { spec: spec.matching === undefined ? {} : { matching: spec.matching }, path };
    const lost = replaced?.spec.matching ?? replaced?.replacedMatching;
    if (spec.matching === undefined && lost !== undefined) row.replacedMatching = lost;
    rows.set(name, row);
  }
  return diagnostics;
}

function pointlessRemoval(name: string, names: string[], path: DocPath, locator: Locator, base: 'seed' | 'default' | 'replaced' | 'current'): Diagnostic {
  const location = locator.key(path);
  if (base === 'replaced') {
    return { severity: 'warning', location, message: `null removes '${name}', but replaceUserMappings starts from no mappings`, hint: 'leave the row out' };
  }
  const set = base === 'seed' ? "the seeds' user mappings" : base === 'default' ? 'the default group mappings' : 'the mappings in force';
  const guess = didYouMean(name, names);
  return {
    severity: 'warning',
    location,
    message: `null removes '${name}', but ${set} have no such row`,
    hint: guess ? `did you mean '${guess}'?` : `${set}: ${names.join(', ') || 'none'}`,
  };
}

function checkMapping(kind: 'user' | 'group', name: string, spec: RawEntraMapping, path: DocPath, locator: Locator): Diagnostic[] {
  const types = Object.keys(spec).filter((key) => (ENTRA_MAPPING_TYPES as readonly string[]).includes(key));
  if (types.length === 0) {
    return [error(locator.key(path), `the mapping of '${name}' has no type`, "give it one of 'direct', 'constant', 'expression' or 'none: true'")];
  }
  if (types.length > 1) {
    return [error(locator.key([...path, types[1]!]), `a mapping has one type; '${name}' has both '${types[0]}' and '${types[1]}'`, `keep '${types[0]}' or '${types[1]}'`)];
  }
  if (spec.direct !== undefined) {
    return kind === 'user'
      ? checkUserAttribute(spec.direct, [...path, 'direct'], locator, 'value')
      : unknownAttribute(spec.direct, ENTRA_GROUP_ATTRIBUTES, 'group', [...path, 'direct'], locator, 'value');
  }
  if (spec.expression !== undefined) return checkExpression(kind, spec.expression, [...path, 'expression'], locator);
  return [];
}

/** Syntax errors, and source attributes Entra objects do not have (warnings), at their place in the expression. */
function checkExpression(kind: 'user' | 'group', text: string, path: DocPath, locator: Locator): Diagnostic[] {
  if (text.includes('{{')) return [];
  try {
    const parsed = parseEntraExpression(text);
    const known = kind === 'user' ? ENTRA_USER_ATTRIBUTES : ENTRA_GROUP_ATTRIBUTES;
    return parsed.attributes.flatMap((name) => {
      const position = text.indexOf(`[${name}]`) + 1;
      return unknownAttribute(name, known, kind, path, locator, 'value').map((d) => ({ ...d, location: expressionLocation(locator, path, text, position, name.length) }));
    });
  } catch (caught) {
    if (!(caught instanceof EntraExpressionError)) throw caught;
    const diagnostic = error(expressionLocation(locator, path, text, caught.position, caught.length), `Entra expression: ${caught.reason}`);
    if (caught.hint) diagnostic.hint = caught.hint;
    return [diagnostic];
  }
}

/** A warning for a source attribute Entra users do not have; `at`: point at the key or at the value. */
function checkUserAttribute(name: string, path: DocPath, locator: Locator, at: 'key' | 'value'): Diagnostic[] {
  const location = at === 'key' ? locator.key(path) : locator.value(path);
  const derived = DERIVED_ATTRIBUTES[name];
  if (derived && at === 'key') return [{ severity: 'warning', location, message: `'${name}' is not set by a scenario`, hint: derived }];
  return unknownAttribute(name, ENTRA_USER_ATTRIBUTES, 'user', path, locator, at);
}

function unknownAttribute(name: string, known: readonly string[], kind: 'user' | 'group', path: DocPath, locator: Locator, at: 'key' | 'value'): Diagnostic[] {
  if (known.includes(name) || EXTENSION_ATTRIBUTE.test(name)) return [];
  const location = at === 'key' ? locator.key(path) : locator.value(path);
  const message = `'${name}' is not an Entra ${kind} attribute`;
  if (name.startsWith('extension_')) return [{ severity: 'warning', location, message, hint: 'an extension attribute is extension_<app id, 32 hex digits>_<name>' }];
  const guess = didYouMean(name, known);
  if (guess) return [{ severity: 'warning', location, message, hint: `did you mean '${guess}'?` }];
  const entra = kind === 'user' ? OKTA_ATTRIBUTES[name] : undefined;
  if (entra) return [{ severity: 'warning', location, message, hint: `'${name}' is Okta's name; Entra's is '${entra}'` }];
  return [{ severity: 'warning', location, message, hint: `known: ${known.join(', ')}, extension_<app id>_<name>` }];
}

/** The set in force must match objects: at least one matching attribute, each precedence once. */
function checkMappingSet(kind: 'user' | 'group', rows: Rows, at: DocPath, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byPrecedence = new Map<number, string>();
  for (const [name, row] of rows) {
    const precedence = row.spec.matching;
    if (precedence === undefined) continue;
    const other = byPrecedence.get(precedence);
    if (other === undefined) {
      byPrecedence.set(precedence, name);
      continue;
    }
    const otherPath = rows.get(other)!.path;
    const written = row.path ?? otherPath;
    const unwritten = !row.path ? name : !otherPath ? other : undefined;
    const note = unwritten === undefined ? '' : ` ('${unwritten}' is ${kind === 'user' ? "one of the seeds' mappings" : 'a default group mapping'})`;
    diagnostics.push(
      error(
        written ? locator.value([...written, 'matching']) : locator.key(at),
        `'${other}' and '${name}' both have matching precedence ${precedence}${note}`,
        'give each matching attribute its own precedence (1 is tried first)',
      ),
    );
  }
  if (byPrecedence.size === 0) {
    const example = kind === 'user' ? 'userName: { direct: userPrincipalName, matching: 1 }' : 'displayName: { direct: displayName, matching: 1 }';
    const replaced = [...rows].find(([, row]) => row.replacedMatching !== undefined);
    const hint = replaced
      ? `'${replaced[0]}' replaces a row that matched with precedence ${replaced[1].replacedMatching}, and a row is replaced whole: add 'matching: ${replaced[1].replacedMatching}' to it`
      : `give one mapping 'matching: 1', e.g. ${example}`;
    diagnostics.push(error(replaced ? locator.key(replaced[1].path!) : locator.key(at), `no ${kind} mapping matches objects: Entra needs a matching attribute`, hint));
  }
  return diagnostics;
}

function checkScopingFilters(filters: RawScopingClause[][] | undefined, at: DocPath, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  (filters ?? []).forEach((filter, f) =>
    filter.forEach((clause, c) => {
      const path: DocPath = [...at, f, c];
      if (UNFILTERABLE.includes(clause.attribute)) {
        diagnostics.push(error(locator.value([...path, 'attribute']), `scoping filters cannot use '${clause.attribute}'`, 'Entra does not filter on appRoleAssignments, userType or manager'));
      } else {
        diagnostics.push(...checkUserAttribute(clause.attribute, [...path, 'attribute'], locator, 'value'));
      }
      const valueless = VALUELESS_OPERATORS.includes(clause.operator);
      if (!valueless && clause.value === undefined) {
        diagnostics.push(error(locator.value(path), `'${clause.operator}' needs a 'value'`, `write { attribute: ${clause.attribute}, operator: ${clause.operator}, value: … }`));
      } else if (valueless && clause.value !== undefined) {
        diagnostics.push({ severity: 'warning', location: locator.key([...path, 'value']), message: `'${clause.operator}' takes no value; this one is ignored`, hint: "remove 'value'" });
      } else if (clause.operator.includes('REGEX') && typeof clause.value === 'string') {
        try {
          new RegExp(clause.value);
        } catch (e) {
          const reason = e instanceof Error ? e.message.replace(/^.*: /, '') : String(e);
          diagnostics.push(error(locator.value([...path, 'value']), `invalid regular expression: ${reason.toLowerCase()}`));
        }
      }
    }),
  );
  return diagnostics;
}

function keyList(list: KeyList | undefined): string[] {
  if (list === undefined) return [];
  return Array.isArray(list) ? list : [list];
}

/** Every user or group key an Entra step names, with where. */
function referencedKeys(step: RawEntraStep, at: DocPath): Array<['user' | 'group', string, DocPath]> {
  const found: Array<['user' | 'group', string, DocPath]> = [];
  const list = (kind: 'user' | 'group', value: unknown, path: DocPath) => {
    if (typeof value === 'string') found.push([kind, value, path]);
    else if (Array.isArray(value)) value.forEach((item, index) => typeof item === 'string' && found.push([kind, item, [...path, index]]));
  };
  for (const action of ['softDelete', 'restore', 'hardDelete', 'disableAccount', 'enableAccount'] as const) list('user', step[action], [...at, action]);
  list('group', step.deleteGroup, [...at, 'deleteGroup']);
  const pod = step.provisionOnDemand;
  if (typeof pod === 'string') list('user', pod, [...at, 'provisionOnDemand']);
  else if (pod) {
    list('group', pod.group, [...at, 'provisionOnDemand', 'group']);
    list('user', pod.members, [...at, 'provisionOnDemand', 'members']);
  }
  for (const action of ['assign', 'unassign'] as const) {
    const value = step[action];
    if (typeof value === 'string' || Array.isArray(value)) list('user', value, [...at, action]);
    else if (value) {
      list('user', value.users, [...at, action, 'users']);
      list('group', value.groups, [...at, action, 'groups']);
    }
  }
  if (step.updateUser) {
    list('user', step.updateUser.user, [...at, 'updateUser', 'user']);
    const manager = step.updateUser.set['manager'];
    if (typeof manager === 'string' && !manager.includes('{{')) list('user', manager, [...at, 'updateUser', 'set', 'manager']);
  }
  for (const action of ['addToGroup', 'removeFromGroup'] as const) {
    const value = step[action];
    if (!value) continue;
    list('group', value.group, [...at, action, 'group']);
    list('user', value.users, [...at, action, 'users']);
  }
  if (step.renameGroup) list('group', step.renameGroup.group, [...at, 'renameGroup', 'group']);
  found.push(...targetKeys(step.expect, at));
  return found;
}
