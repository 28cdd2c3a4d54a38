import {
  DEFAULT_ENTRA_SETTINGS,
  DEFAULT_GROUP_MAPPINGS,
  SEED_USER_MAPPINGS,
  type EntraAssumedSettings,
  type EntraMappingSpec,
  type EntraScopingClause,
  type EntraSettings,
} from '../../simulator/idp/entra/settings.js';
import type { EntraAction, EntraSetup, EntraStep } from '../model/scenario.js';
import { parseDuration } from './duration.js';
import type { DocPath, Locator } from './locate.js';
import { keys, toDirectory, toIdpExpectations } from './normalize-idp.js';
import { ENTRA_ACTIONS, type KeyList, type RawEntraAssumed, type RawEntraMapping, type RawEntraScenario, type RawEntraStep, type RawScopingClause } from './raw-scenario.js';

/** `idp: entra` with its `idpConfig` and `directory`, defaults filled in (`DEFAULT_ENTRA_SETTINGS`). */
export function toEntraSetup(raw: RawEntraScenario, locator: Locator): EntraSetup {
  const config = raw.idpConfig ?? {};
  const d = DEFAULT_ENTRA_SETTINGS;
  const duration = (text: string | undefined, fallback: number) => (text === undefined ? fallback : (parseDuration(text) ?? fallback));
  const accidental = config.accidentalDeletions;
  const settings: EntraSettings = {
    appName: config.appName ?? d.appName,
    scope: config.scope ?? d.scope,
    scopingFilters: config.scopingFilters ? toScopingFilters(config.scopingFilters) : d.scopingFilters.map((filter) => filter.map((clause) => ({ ...clause }))),
    provisionGroups: config.provisionGroups ?? d.provisionGroups,
    targetObjectActions: { ...d.targetObjectActions, ...config.targetObjectActions },
    skipOutOfScopeDeletions: config.skipOutOfScopeDeletions ?? d.skipOutOfScopeDeletions,
    accidentalDeletionThreshold: accidental === undefined ? d.accidentalDeletionThreshold : accidental === 'off' ? null : accidental.threshold,
    aadOptscim062020: config.aadOptscim062020 ?? d.aadOptscim062020,
    credentials: config.credentials ?? d.credentials,
    cycleIntervalMs: duration(config.cycleInterval, d.cycleIntervalMs),
    softDeleteRetentionMs: duration(config.softDeleteRetention, d.softDeleteRetentionMs),
    userMappings: mergeMappings(config.replaceUserMappings ? {} : SEED_USER_MAPPINGS, config.userMappings),
    groupMappings: mergeMappings(DEFAULT_GROUP_MAPPINGS, config.groupMappings),
    assumed: toAssumed(config.assumed),
  };
  return {
    kind: 'entra',
    settings,
    directory: toDirectory(raw.directory, (status) => (status === 'softDeleted' ? 'deleted' : 'active')),
    location: locator.key(['idp']),
  };
}

function toAssumed(written: RawEntraAssumed | undefined): EntraAssumedSettings {
  const { requestTimeout, ...rest } = written ?? {};
  const assumed: EntraAssumedSettings = { ...DEFAULT_ENTRA_SETTINGS.assumed, ...rest };
  if (requestTimeout !== undefined) assumed.requestTimeoutMs = parseDuration(requestTimeout) ?? assumed.requestTimeoutMs;
  return assumed;
}

/** `base` with `changes` applied: a mapping replaces the row (or adds one at the end), `null` removes it. */
export function mergeMappings(base: Record<string, EntraMappingSpec>, changes: Record<string, RawEntraMapping | null> | undefined): Record<string, EntraMappingSpec> {
  const merged: Record<string, EntraMappingSpec> = {};
  for (const [name, spec] of Object.entries(base)) merged[name] = { ...spec };
  for (const [name, spec] of Object.entries(changes ?? {})) {
    if (spec === null) delete merged[name];
    else merged[name] = toMappingSpec(spec);
  }
  return merged;
}

/** One mapping row as the attribute-mapping editor holds it. The loader has checked it names exactly one type. */
export function toMappingSpec(raw: RawEntraMapping): EntraMappingSpec {
  let spec: EntraMappingSpec;
  if (raw.direct !== undefined) spec = { type: 'direct', source: raw.direct, apply: 'always' };
  else if (raw.constant !== undefined) spec = { type: 'constant', source: String(raw.constant), apply: 'always' };
  else if (raw.expression !== undefined) spec = { type: 'expression', source: raw.expression, apply: 'always' };
  else spec = { type: 'none', apply: 'always' };
  if (raw.default !== undefined) spec.defaultIfNull = String(raw.default);
  if (raw.apply !== undefined) spec.apply = raw.apply;
  if (raw.matching !== undefined) spec.matchingPrecedence = raw.matching;
  if (raw.type !== undefined) spec.targetType = raw.type;
  return spec;
}

function toScopingFilters(filters: RawScopingClause[][]): EntraScopingClause[][] {
  return filters.map((filter) =>
    filter.map((clause) => {
      const out: EntraScopingClause = { attribute: clause.attribute, operator: clause.operator };
      if (clause.value !== undefined) out.value = String(clause.value);
      return out;
    }),
  );
}

export function toEntraStep(step: RawEntraStep, path: DocPath, locator: Locator, location: EntraStep['location']): EntraStep {
  const action = toEntraAction(step);
  return {
    kind: 'entra',
    title: step.name ?? (action ? describeEntraAction(step) : 'check'),
    location,
    ...(action ? { action } : {}),
    expect: toIdpExpectations(step.expect, [...path, 'expect'], locator),
  };
}

function assignees(value: RawEntraStep['assign']): { users: string[]; groups: string[] } {
  if (typeof value === 'string' || Array.isArray(value)) return { users: keys(value), groups: [] };
  return { users: keys(value?.users), groups: keys(value?.groups) };
}

function toEntraAction(step: RawEntraStep): EntraAction | undefined {
  if (step.testConnection) return { type: 'testConnection' };
  for (const type of ['startProvisioning', 'stopProvisioning', 'allowDeletes'] as const) if (step[type]) return { type };
  if (step.restartProvisioning !== undefined) {
    return { type: 'restartProvisioning', breakLinks: step.restartProvisioning !== true && step.restartProvisioning.resetScope === 'full' };
  }
  if (step.nextCycle !== undefined) return { type: 'nextCycle', count: step.nextCycle === true ? 1 : step.nextCycle };
  if (step.advance !== undefined) return { type: 'advance', ms: parseDuration(step.advance) ?? 0 };
  const pod = step.provisionOnDemand;
  if (pod !== undefined) return typeof pod === 'string' ? { type: 'provisionOnDemand', user: pod } : { type: 'provisionOnDemand', group: pod.group, members: keys(pod.members) };
  for (const type of ['assign', 'unassign'] as const) if (step[type] !== undefined) return { type, ...assignees(step[type]) };
  if (step.updateUser) return { type: 'updateUser', user: step.updateUser.user, set: step.updateUser.set };
  for (const type of ['softDelete', 'restore', 'hardDelete', 'disableAccount', 'enableAccount'] as const) {
    if (step[type] !== undefined) return { type, users: keys(step[type]) };
  }
  for (const type of ['addToGroup', 'removeFromGroup'] as const) {
    const value = step[type];
    if (value) return { type, group: value.group, users: keys(value.users) };
  }
  if (step.renameGroup) return { type: 'renameGroup', group: step.renameGroup.group, name: step.renameGroup.name };
  if (step.deleteGroup !== undefined) return { type: 'deleteGroup', groups: keys(step.deleteGroup) };
  if (step.changeMappings) {
    const change = step.changeMappings;
    const action: Extract<EntraAction, { type: 'changeMappings' }> = { type: 'changeMappings' };
    if (change.userMappings) action.userMappings = toMappingChanges(change.userMappings);
    if (change.groupMappings) action.groupMappings = toMappingChanges(change.groupMappings);
    if (change.scope) action.scope = change.scope;
    if (change.scopingFilters) action.scopingFilters = toScopingFilters(change.scopingFilters);
    return action;
  }
  if (step.setCredentials) return { type: 'setCredentials', credentials: step.setCredentials };
  return undefined;
}

function toMappingChanges(changes: Record<string, RawEntraMapping | null>): Record<string, EntraMappingSpec | null> {
  return Object.fromEntries(Object.entries(changes).map(([name, spec]) => [name, spec === null ? null : toMappingSpec(spec)]));
}

/** `assign alice, bob`, `nextCycle ×3`, `addToGroup sales: dave`: the action and its argument, briefly. */
function describeEntraAction(step: RawEntraStep): string {
  const name = ENTRA_ACTIONS.find((action) => step[action] !== undefined) ?? 'check';
  const value = step[name as keyof RawEntraStep];
  const list = (keyList: KeyList | undefined) => keys(keyList).join(', ');
  if (value === true) return name;
  if (name === 'nextCycle') return `nextCycle ×${String(value)}`;
  if (typeof value === 'string' || Array.isArray(value)) return `${name} ${list(value)}`;
  switch (name) {
    case 'restartProvisioning':
      return 'restartProvisioning (resetScope full)';
    case 'provisionOnDemand': {
      const pod = step.provisionOnDemand as { group: string; members: KeyList };
      return `provisionOnDemand ${pod.group} (${list(pod.members)})`;
    }
    case 'assign':
    case 'unassign': {
      const { users, groups } = assignees(step[name]);
      const parts = [users.join(', '), groups.length ? `groups ${groups.join(', ')}` : ''].filter(Boolean);
      return `${name} ${parts.join(' and ')}`;
    }
    case 'addToGroup':
    case 'removeFromGroup': {
      const change = step[name]!;
      return `${name} ${change.group}: ${list(change.users)}`;
    }
    case 'updateUser':
      return `updateUser ${step.updateUser!.user}`;
    case 'renameGroup':
      return `renameGroup ${step.renameGroup!.group}`;
    default:
      return name;
  }
}
