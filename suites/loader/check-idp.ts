import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { OktaExpressionError, parseOktaExpression } from '../../simulator/idp/expressions/okta/index.js';
import { CORE_PLACEMENT } from '../../simulator/idp/okta/profile-mappings.js';
import type { DocPath, Locator } from './locate.js';
import { IDP_ACTIONS, isIdpStep, type RawIdpStep, type RawScenario } from './raw-scenario.js';

/**
 * What the schema cannot say about the IdP parts: IdP steps need `idp:`, one action per step,
 * every user and group key known to the directory, and mapping expressions that parse (errors and
 * compatibility warnings point into the expression).
 */
export function checkIdp(raw: RawScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const users = Object.keys(raw.directory?.users ?? {});
  const groups = Object.keys(raw.directory?.groups ?? {});
  if (raw.idp === undefined) {
    for (const key of ['idpConfig', 'directory'] as const) {
      if (raw[key] !== undefined) diagnostics.push(error(locator.key([key]), `'${key}' needs 'idp: okta'`, "add 'idp: okta' at the top of the file"));
    }
  }
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

  const sections = [
    ['steps', raw.steps],
    ['teardown', raw.teardown ?? []],
  ] as const;
  for (const [section, steps] of sections) {
    steps.forEach((step, index) => {
      if (!isIdpStep(step)) return;
      const at: DocPath = [section, index];
      const actions = IDP_ACTIONS.filter((action) => step[action] !== undefined);
      if (raw.idp === undefined && actions.length > 0) {
        diagnostics.push(error(locator.key([...at, actions[0]!]), `'${actions[0]}' is an IdP action, and this scenario has no IdP`, "add 'idp: okta' at the top of the file"));
        return;
      }
      if (actions.length > 1) {
        diagnostics.push(error(locator.key([...at, actions[1]!]), `a step does one IdP action; this one also has '${actions[0]}'`, 'put each action in a step of its own'));
      }
      if (actions.length === 0 && step.expect === undefined) {
        diagnostics.push(error(locator.value(at), 'this step does nothing', "give it an action (assign, pushGroups, …) or an 'expect'"));
      }
      for (const [kind, key, path] of referencedKeys(step, at)) known(kind, key, path);
    });
  }

  diagnostics.push(...checkMappings(raw, locator));
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
  const targets = step.expect?.target === undefined ? [] : Array.isArray(step.expect.target) ? step.expect.target : [step.expect.target];
  targets.forEach((target, index) => {
    const base: DocPath = Array.isArray(step.expect?.target) ? [...at, 'expect', 'target', index] : [...at, 'expect', 'target'];
    list('user', target.user, [...base, 'user']);
    list('group', target.group, [...base, 'group']);
    list('user', target.members, [...base, 'members']);
  });
  return found;
}

function checkMappings(raw: RawScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
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
function expressionLocation(locator: Locator, path: DocPath, text: string, position: number, length: number): SourceLocation {
  const { node } = locator.find(path);
  if (!node) return locator.value(path);
  const token = text.slice(position, position + Math.max(1, length)) || text.slice(Math.max(0, position - 1), position);
  if (token === '') return locator.value(path);
  return locator.inScalar(node, text, position, position + Math.max(1, length), token);
}

function error(location: SourceLocation, message: string, hint?: string): Diagnostic {
  const diagnostic: Diagnostic = { severity: 'error', location, message };
  if (hint) diagnostic.hint = hint;
  return diagnostic;
}
