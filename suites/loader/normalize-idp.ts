import type { DirectorySpec, DirectoryUserStatus } from '../../simulator/idp/directory.js';
import { DEFAULT_OKTA_SETTINGS, type OktaSettings } from '../../simulator/idp/okta/settings.js';
import type { AccountCheckSpec, IdpAction, IdpExpectation, IdpStep, Level, Matcher, OktaSetup, PathCheck, SentRequestSpec, TargetCheckSpec } from '../model/scenario.js';
import { parseDuration } from './duration.js';
import { splitLevel, toMatcher } from './literal-matcher.js';
import type { DocPath, Locator } from './locate.js';
import type { KeyList, RawAccountCheck, RawDirectory, RawIdpExpect, RawIdpStep, RawOktaScenario, RawTargetCheck } from './raw-scenario.js';
import { IDP_ACTIONS } from './raw-scenario.js';

/** `idp: okta` with its `idpConfig` and `directory`, defaults filled in. */
export function toOktaSetup(raw: RawOktaScenario, locator: Locator): OktaSetup {
  const config = raw.idpConfig ?? {};
  const d = DEFAULT_OKTA_SETTINGS;
  const settings: OktaSettings = {
    appName: config.appName ?? d.appName,
    flavour: config.flavour ?? d.flavour,
    uniqueIdField: config.uniqueIdField ?? d.uniqueIdField,
    usernameFormat: config.usernameFormat ?? d.usernameFormat,
    provisioning: { ...d.provisioning, ...config.provisioning },
    import: { ...d.import, ...config.import },
    answerLimitMs: config.answerLimit === undefined ? d.answerLimitMs : (parseDuration(config.answerLimit) ?? d.answerLimitMs),
    rateLimit: {
      defaultWaitMs: config.rateLimit?.defaultWait === undefined ? d.rateLimit.defaultWaitMs : (parseDuration(config.rateLimit.defaultWait) ?? d.rateLimit.defaultWaitMs),
      maxAttempts: config.rateLimit?.maxAttempts ?? d.rateLimit.maxAttempts,
    },
    assumed: { ...d.assumed, ...(config.assumed as Partial<OktaSettings['assumed']>) },
  };
  const mappings: OktaSetup['mappings'] = {};
  for (const [name, spec] of Object.entries(config.mappings ?? {})) {
    mappings[name] = { ...spec };
  }
  return {
    kind: 'okta',
    settings,
    mappings,
    expressionCompatibility: config.expressions !== 'strict',
    directory: toDirectory(raw.directory, (status) => status),
    location: locator.key(['idp']),
  };
}

/** `directory:` as the model holds it; `status` says how the file's statuses read in the shared directory. */
export function toDirectory<Status extends string>(directory: RawDirectory<Status> | undefined, status: (written: Status) => DirectoryUserStatus): DirectorySpec {
  const users: DirectorySpec['users'] = {};
  for (const [key, value] of Object.entries(directory?.users ?? {})) {
    const { status: written, ...profile } = value ?? {};
    users[key] = written === undefined ? { profile } : { status: status(written), profile };
  }
  const groups: DirectorySpec['groups'] = {};
  for (const [key, value] of Object.entries(directory?.groups ?? {})) {
    groups[key] = Array.isArray(value) ? { members: value } : { ...(value.name !== undefined ? { name: value.name } : {}), members: value.members ?? [] };
  }
  return { users, groups };
}

export function toIdpStep(step: RawIdpStep, path: DocPath, locator: Locator, location: IdpStep['location']): IdpStep {
  const action = toAction(step);
  return {
    kind: 'idp',
    title: step.name ?? (action ? describeAction(step) : 'check'),
    location,
    ...(action ? { action } : {}),
    expect: toIdpExpectations(step.expect, [...path, 'expect'], locator),
  };
}

/** One key or a list of keys, as a list. */
export function keys(list: KeyList | undefined): string[] {
  if (list === undefined) return [];
  return Array.isArray(list) ? [...list] : [list];
}

function toAction(step: RawIdpStep): IdpAction | undefined {
  if (step.testApiCredentials) return { type: 'testApiCredentials' };
  if (step.assign !== undefined) {
    const a = step.assign;
    if (typeof a === 'string' || Array.isArray(a)) return { type: 'assign', users: keys(a), values: {} };
    return { type: 'assign', users: keys(a.users), ...(a.group !== undefined ? { group: a.group } : {}), values: a.values ?? {} };
  }
  if (step.unassign !== undefined) {
    const a = step.unassign;
    if (typeof a === 'string' || Array.isArray(a)) return { type: 'unassign', users: keys(a) };
    return { type: 'unassign', users: keys(a.users), ...(a.group !== undefined ? { group: a.group } : {}) };
  }
  if (step.updateProfile) return { type: 'updateProfile', user: step.updateProfile.user, set: step.updateProfile.set };
  for (const type of ['deactivate', 'reactivate', 'suspend', 'unsuspend', 'deleteUser', 'pushNow', 'deactivateGroupPush'] as const) {
    if (step[type] !== undefined) return { type, keys: keys(step[type]) };
  }
  for (const type of ['addToGroup', 'removeFromGroup'] as const) {
    const value = step[type];
    if (value) return { type, group: value.group, users: keys(value.users) };
  }
  if (step.pushGroups !== undefined) {
    const p = step.pushGroups;
    if (typeof p === 'string' || Array.isArray(p)) return { type: 'pushGroups', groups: keys(p), link: {} };
    return { type: 'pushGroups', groups: keys(p.groups), link: p.link ?? {} };
  }
  for (const type of ['retryGroups', 'reapplyMappings'] as const) {
    const value = step[type];
    if (value !== undefined) return { type, keys: value === 'all' ? 'all' : keys(value) };
  }
  if (step.unlinkGroup) return { type: 'unlinkGroup', group: step.unlinkGroup.group, deleteInTarget: step.unlinkGroup.deleteInTarget };
  if (step.renameGroup) return { type: 'renameGroup', group: step.renameGroup.group, name: step.renameGroup.name };
  if (step.import !== undefined) return { type: 'import', what: Array.isArray(step.import) ? [...step.import] : [step.import] };
  if (step.retryTasks !== undefined) return { type: 'retryTasks', ids: step.retryTasks };
  return undefined;
}

/** `assign alice, bob`, `pushGroups dbt_developers`: the action and its argument, briefly. */
function describeAction(step: RawIdpStep): string {
  const name = IDP_ACTIONS.find((action) => step[action] !== undefined) ?? 'check';
  const value = step[name as keyof RawIdpStep];
  if (value === true) return name;
  if (typeof value === 'string') return `${name} ${value}`;
  if (Array.isArray(value)) return `${name} ${value.join(', ')}`;
  const object = value as Record<string, unknown>;
  const subject = object['group'] ?? object['user'] ?? object['users'] ?? object['groups'];
  return subject === undefined ? name : `${name} ${Array.isArray(subject) ? subject.join(', ') : String(subject)}`;
}

/** The `expect` of an IdP step (Okta's or Entra's) or a control step: sent, idp, target, warnings and account checks, each located. */
export function toIdpExpectations(expect: RawIdpExpect | undefined, path: DocPath, locator: Locator): IdpExpectation[] {
  if (!expect) return [];
  const level: Level = expect.level ?? 'MUST';
  const out: IdpExpectation[] = [];
  for (const key of Object.keys(expect) as (keyof RawIdpExpect)[]) {
    if (key === 'sent' && expect.sent) {
      const requests = expect.sent.map<SentRequestSpec>((request, index) => {
        const at: DocPath = [...path, 'sent', index];
        const spec: SentRequestSpec = {
          method: request.method,
          path: request.path,
          headers: pathChecks(request.headers, [...at, 'headers'], locator, level, (name) => name.toLowerCase()),
          body: pathChecks(request.body, [...at, 'body'], locator, level),
          location: locator.value(at),
        };
        if (request.query) spec.query = Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, typeof v === 'object' && v !== null ? toMatcher(v) : { equals: String(v) }]));
        return spec;
      });
      out.push({ kind: 'sent', requests, location: locator.key([...path, 'sent']), level });
    } else if (key === 'idp') {
      for (const check of pathChecks(expect.idp, [...path, 'idp'], locator, level)) out.push({ kind: 'idp', ...check });
    } else if (key === 'target' && expect.target) {
      const list = Array.isArray(expect.target) ? expect.target : [expect.target];
      list.forEach((check, index) => {
        const at: DocPath = Array.isArray(expect.target) ? [...path, 'target', index] : [...path, 'target'];
        out.push({ kind: 'target', check: toTargetCheck(check, at, locator, level), location: locator.value(at), level });
      });
    } else if (key === 'warnings' && expect.warnings) {
      const { matcher, level: own } = splitLevel(expect.warnings as Matcher & { level?: Level });
      out.push({ kind: 'warnings', matcher, location: locator.key([...path, 'warnings']), level: own ?? level });
    } else if (key === 'account' && expect.account) {
      const list = Array.isArray(expect.account) ? expect.account : [expect.account];
      list.forEach((check, index) => {
        const at: DocPath = Array.isArray(expect.account) ? [...path, 'account', index] : [...path, 'account'];
        out.push({ kind: 'account', check: toAccountCheck(check, at, locator, level), location: locator.value(at), level });
      });
    }
  }
  return out;
}

/** One `account:` check: its subject, and a path check per field (the loader has checked there is one subject). */
function toAccountCheck(check: RawAccountCheck, at: DocPath, locator: Locator, level: Level): AccountCheckSpec {
  const { user, group, manualUpdate, ...fields } = check;
  if (manualUpdate !== undefined) return { subject: 'manualUpdate', fields: pathChecks(manualUpdate, [...at, 'manualUpdate'], locator, level) };
  if (group !== undefined) return { subject: 'group', name: group, fields: pathChecks(fields, at, locator, level) };
  return { subject: 'user', email: user ?? '', fields: pathChecks(fields, at, locator, level) };
}

function toTargetCheck(check: RawTargetCheck, at: DocPath, locator: Locator, level: Level): TargetCheckSpec {
  const spec: TargetCheckSpec = {
    resource: check.group !== undefined ? 'group' : 'user',
    key: check.group ?? check.user ?? '',
    body: pathChecks(check.body, [...at, 'body'], locator, level),
  };
  if (check.exists !== undefined) spec.exists = check.exists;
  if (check.members) spec.members = [...check.members];
  return spec;
}

function pathChecks(map: Record<string, unknown> | undefined, at: DocPath, locator: Locator, level: Level, rename: (name: string) => string = (n) => n): PathCheck[] {
  return Object.entries(map ?? {}).map(([path, value]) => {
    const { matcher, level: own } = splitLevel(toMatcher(value));
    return { path: rename(path), matcher, location: locator.key([...at, path]), level: own ?? level };
  });
}
