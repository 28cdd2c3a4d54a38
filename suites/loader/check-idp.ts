import { eachStep } from './each-step.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { OktaExpressionError, parseOktaExpression } from '../../simulator/idp/expressions/okta/index.js';
import { CORE_PLACEMENT } from '../../simulator/idp/okta/profile-mappings.js';
import { checkEntra } from './check-entra.js';
import type { DocPath, Locator } from './locate.js';
import { ENTRA_ONLY_ACTIONS, IDP_ACTIONS, OKTA_ONLY_ACTIONS, isIdpStep, type RawIdpExpect, type RawIdpStep, type RawOktaScenario, type RawScenario } from './raw-scenario.js';

/**
 * What the schema cannot say about the IdP parts: IdP steps need `idp:`, one action per step,
 * actions of the scenario's IdP only, every user and group key known to the directory, and
 * mapping expressions that parse (errors and compatibility warnings point into the expression).
 * Entra scenarios are checked by `checkEntra`.
 */
export function checkIdp(raw: RawScenario, locator: Locator): Diagnostic[] {
  if (raw.idp === 'entra') return checkEntra(raw, locator);
  return checkOkta(raw, locator);
}

function checkOkta(raw: RawOktaScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const likely = raw.idp === undefined ? likelyIdp(raw) : 'okta';
  if (raw.idp === undefined) {
    for (const key of ['idpConfig', 'directory'] as const) {
      if (raw[key] !== undefined) diagnostics.push(error(locator.key([key]), `'${key}' needs 'idp: ${likely}'`, `add 'idp: ${likely}' at the top of the file`));
    }
  }
  const known = directoryKeyCheck(raw, locator, diagnostics);

  for (const { step, at } of eachStep(raw)) {
    if (!isIdpStep(step, raw)) continue;
    const actions = IDP_ACTIONS.filter((action) => step[action] !== undefined);
    const foreign = ENTRA_ONLY_ACTIONS.filter((action) => action in step);
    if (raw.idp === undefined && actions.length + foreign.length > 0) {
      const first = Object.keys(step).find((key) => (actions as string[]).includes(key) || (foreign as string[]).includes(key))!;
      const entraOnly = (foreign as string[]).includes(first);
      const oktaOnly = (OKTA_ONLY_ACTIONS as readonly string[]).includes(first);
      const idp = entraOnly ? 'entra' : oktaOnly ? 'okta' : likely;
      const what = entraOnly ? 'an Entra action' : oktaOnly ? 'an Okta action' : 'an IdP action';
      diagnostics.push(error(locator.key([...at, first]), `'${first}' is ${what}, and this scenario has no IdP`, `add 'idp: ${idp}' at the top of the file`));
      continue;
    }
    diagnostics.push(...checkStepActions({ at, locator, actions, foreign, other: 'an Entra action', idp: 'okta', ways: OKTA_WAY, example: 'assign, pushGroups, …', checks: step.expect !== undefined }));
    for (const [kind, key, path] of referencedKeys(step, at)) known(kind, key, path);
  }

  diagnostics.push(...checkMappings(raw, locator));
  return diagnostics;
}

/** Which IdP a file without `idp:` was written for, by the keys only one of them has. */
function likelyIdp(raw: RawOktaScenario): 'okta' | 'entra' {
  const stepKeys = [...raw.steps, ...(raw.teardown ?? [])].flatMap((step) => Object.keys(step));
  const configKeys = Object.keys(raw.idpConfig ?? {});
  const entra = stepKeys.some((key) => (ENTRA_ONLY_ACTIONS as readonly string[]).includes(key)) || configKeys.some((key) => ENTRA_ONLY_CONFIG.includes(key));
  const okta = stepKeys.some((key) => (OKTA_ONLY_ACTIONS as readonly string[]).includes(key)) || configKeys.some((key) => OKTA_ONLY_CONFIG.includes(key));
  return entra && !okta ? 'entra' : 'okta';
}

const ENTRA_ONLY_CONFIG = [
  'scope', 'scopingFilters', 'provisionGroups', 'targetObjectActions', 'skipOutOfScopeDeletions', 'accidentalDeletions', 'aadOptscim062020',
  'credentials', 'cycleInterval', 'softDeleteRetention', 'userMappings', 'replaceUserMappings', 'groupMappings',
];
const OKTA_ONLY_CONFIG = ['flavour', 'uniqueIdField', 'usernameFormat', 'provisioning', 'import', 'answerLimit', 'rateLimit', 'expressions', 'mappings'];

/** What to write in an Okta scenario instead of an Entra action. */
const OKTA_WAY: Record<(typeof ENTRA_ONLY_ACTIONS)[number], string> = {
  testConnection: "Okta's is 'testApiCredentials: true'",
  startProvisioning: 'Okta has no provisioning job: it pushes each change as it happens (assign, updateProfile, …)',
  stopProvisioning: 'Okta has no provisioning job; turn pushes off with idpConfig.provisioning',
  restartProvisioning: "Okta has no provisioning job; 'reapplyMappings' or 'pushNow' push again",
  nextCycle: "Okta has no provisioning cycles; 'advance: 40m' moves the clock",
  provisionOnDemand: "Okta pushes on assignment: 'assign'; 'pushNow' pushes a pushed group again",
  updateUser: "write 'updateProfile: { user, set }' with Okta profile attributes",
  softDelete: "Okta's nearest is 'deactivate'",
  restore: "Okta's nearest is 'reactivate'",
  hardDelete: "Okta's is 'deleteUser' (of a deactivated user)",
  disableAccount: "Okta's nearest is 'deactivate' (or 'suspend')",
  enableAccount: "Okta's nearest is 'reactivate' (or 'unsuspend')",
  deleteGroup: "Okta's nearest is 'unlinkGroup: { group, deleteInTarget: true }'",
  changeMappings: "Okta's mappings are idpConfig.mappings; 'reapplyMappings' applies them again",
  allowDeletes: 'Okta has no accidental-deletion threshold',
  setCredentials: "Okta's credentials do not change in a scenario; 'testApiCredentials' tests them",
};

/**
 * Reports user and group keys the directory does not have (group members now; the keys steps
 * name through the returned function), with a did-you-mean.
 */
export function directoryKeyCheck(raw: RawScenario, locator: Locator, diagnostics: Diagnostic[]): (kind: 'user' | 'group', key: string, path: DocPath) => void {
  const users = Object.keys(raw.directory?.users ?? {});
  const groups = Object.keys(raw.directory?.groups ?? {});
  const known = (kind: 'user' | 'group', key: string, path: DocPath) => {
    const list = kind === 'user' ? users : groups;
    if (list.includes(key)) return;
    const guess = didYouMean(key, list);
    const hint = guess ? `did you mean '${guess}'?` : list.length ? `${kind}s in directory: ${list.join(', ')}` : `add it under 'directory: ${kind}s:'`;
    diagnostics.push(error(locator.value(path), `no ${kind} '${key}' in the directory`, hint));
  };
  for (const [groupKey, value] of Object.entries(raw.directory?.groups ?? {})) {
    const members = Array.isArray(value) ? value : (value.members ?? []);
    const base: DocPath = Array.isArray(value) ? ['directory', 'groups', groupKey] : ['directory', 'groups', groupKey, 'members'];
    members.forEach((member, index) => known('user', member, [...base, index]));
  }
  return known;
}

/** One IdP action per step, none of the other IdP's (with this IdP's way, when there is one), and no step that does nothing. */
export function checkStepActions(o: {
  at: DocPath;
  locator: Locator;
  actions: readonly string[];
  foreign: readonly string[];
  /** How the foreign actions are named: `an Entra action`. */
  other: string;
  idp: 'okta' | 'entra';
  ways: Partial<Record<string, string>>;
  example: string;
  /** The step has an `expect`. */
  checks: boolean;
}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const action of o.foreign) diagnostics.push(error(o.locator.key([...o.at, action]), `'${action}' is ${o.other}; this scenario's IdP is ${o.idp}`, o.ways[action]));
  if (o.actions.length > 1) {
    diagnostics.push(error(o.locator.key([...o.at, o.actions[1]!]), `a step does one IdP action; this one also has '${o.actions[0]}'`, 'put each action in a step of its own'));
  }
  if (o.actions.length === 0 && o.foreign.length === 0 && !o.checks) {
    diagnostics.push(error(o.locator.value(o.at), 'this step does nothing', `give it an action (${o.example}) or an 'expect'`));
  }
  return diagnostics;
}

/** Every user or group key a step names, with where. */
function referencedKeys(step: RawIdpStep, at: DocPath): Array<['user' | 'group', string, DocPath]> {
  const found: Array<['user' | 'group', string, DocPath]> = [];
  const list = (kind: 'user' | 'group', value: unknown, path: DocPath) => {
    if (typeof value === 'string' && value !== 'all') found.push([kind, value, path]);
    else if (Array.isArray(value)) value.forEach((item, index) => typeof item === 'string' && found.push([kind, item, [...path, index]]));
  };
  for (const action of ['deactivate', 'reactivate', 'suspend', 'unsuspend', 'deleteUser'] as const) list('user', step[action], [...at, action]);
  for (const action of ['pushNow', 'deactivateGroupPush', 'retryGroups'] as const) list('group', step[action], [...at, action]);
  list('user', step.reapplyMappings, [...at, 'reapplyMappings']);
  for (const action of ['assign', 'unassign'] as const) {
    const value = step[action];
    if (typeof value === 'string' || Array.isArray(value)) list('user', value, [...at, action]);
    else if (value) {
      list('user', value.users, [...at, action, 'users']);
      list('group', value.group, [...at, action, 'group']);
    }
  }
  if (step.updateProfile) list('user', step.updateProfile.user, [...at, 'updateProfile', 'user']);
  for (const action of ['addToGroup', 'removeFromGroup'] as const) {
    const value = step[action];
    if (!value) continue;
    list('group', value.group, [...at, action, 'group']);
    list('user', value.users, [...at, action, 'users']);
  }
  const push = step.pushGroups;
  if (typeof push === 'string' || Array.isArray(push)) list('group', push, [...at, 'pushGroups']);
  else if (push) {
    list('group', push.groups, [...at, 'pushGroups', 'groups']);
    for (const key of Object.keys(push.link ?? {})) found.push(['group', key, [...at, 'pushGroups', 'link', key]]);
  }
  if (step.unlinkGroup) list('group', step.unlinkGroup.group, [...at, 'unlinkGroup', 'group']);
  if (step.renameGroup) list('group', step.renameGroup.group, [...at, 'renameGroup', 'group']);
  found.push(...targetKeys(step.expect, at));
  return found;
}

/** The user and group keys a step's `target:` expectations name, with where. */
export function targetKeys(expect: RawIdpExpect | undefined, at: DocPath): Array<['user' | 'group', string, DocPath]> {
  const found: Array<['user' | 'group', string, DocPath]> = [];
  const targets = expect?.target === undefined ? [] : Array.isArray(expect.target) ? expect.target : [expect.target];
  targets.forEach((target, index) => {
    const base: DocPath = Array.isArray(expect?.target) ? [...at, 'expect', 'target', index] : [...at, 'expect', 'target'];
    if (typeof target.user === 'string') found.push(['user', target.user, [...base, 'user']]);
    if (typeof target.group === 'string') found.push(['group', target.group, [...base, 'group']]);
    (target.members ?? []).forEach((member, i) => typeof member === 'string' && found.push(['user', member, [...base, 'members', i]]));
  });
  return found;
}

function checkMappings(raw: RawOktaScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (raw.idp !== 'okta') return diagnostics;
  const compatibility = raw.idpConfig?.expressions !== 'strict';
  for (const [name, spec] of Object.entries(raw.idpConfig?.mappings ?? {})) {
    const at: DocPath = ['idpConfig', 'mappings', name];
    if (name in CORE_PLACEMENT && (spec.namespace !== undefined || spec.externalName !== undefined)) {
      const key = spec.namespace !== undefined ? 'namespace' : 'externalName';
      diagnostics.push(error(locator.key([...at, key]), `'${name}' is a base attribute: its place in the SCIM User is fixed`, "give it only an 'expression'"));
    }
    if (spec.expression === undefined || spec.expression.includes('{{')) continue;
    const where = (position: number, length: number) => expressionLocation(locator, [...at, 'expression'], spec.expression!, position, length);
    try {
      const parsed = parseOktaExpression(spec.expression, { compatibility });
      for (const warning of parsed.warnings) {
        const diagnostic: Diagnostic = { severity: 'warning', location: where(warning.position, 1), message: warning.message };
        if (warning.suggestion) diagnostic.hint = `documented equivalent: ${warning.suggestion}`;
        diagnostics.push(diagnostic);
      }
    } catch (caught) {
      if (!(caught instanceof OktaExpressionError)) throw caught;
      const diagnostic = error(where(caught.position, caught.length), `Okta expression: ${caught.reason}`);
      if (caught.hint) diagnostic.hint = caught.hint;
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

/** The offending token inside the YAML scalar, found by its text; the scalar itself when that fails. */
export function expressionLocation(locator: Locator, path: DocPath, text: string, position: number, length: number): SourceLocation {
  const { node } = locator.find(path);
  if (!node) return locator.value(path);
  const token = text.slice(position, position + Math.max(1, length)) || text.slice(Math.max(0, position - 1), position);
  if (token === '') return locator.value(path);
  return locator.inScalar(node, text, position, position + Math.max(1, length), token);
}

export function error(location: SourceLocation, message: string, hint?: string): Diagnostic {
  const diagnostic: Diagnostic = { severity: 'error', location, message };
  if (hint) diagnostic.hint = hint;
  return diagnostic;
}
