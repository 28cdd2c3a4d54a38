import type { AccountSettings, ControlCapability, SeedUser } from '../../simulator/target/control/control-adapter.js';
import type { AccountSetup, ControlAction, ControlStep, Scenario } from '../model/scenario.js';
import type { DocPath, Locator } from './locate.js';
import { toIdpExpectations } from './normalize-idp.js';
import { CONTROL_ACTIONS, type RawControlAction, type RawControlStep, type RawScenario, type RawSeedUser } from './raw-scenario.js';

/**
 * The control capabilities in their stable order (the adapter interface's): `requiresControl` is
 * listed in it. A record, so that a capability added to `ControlCapability` must be placed here.
 */
const CAPABILITY_ORDER: Record<ControlCapability, number> = {
  accountSettings: 0,
  seedDirectory: 1,
  invitations: 2,
  ssoLogin: 3,
  readUser: 4,
  readGroup: 5,
  manualUpdate: 6,
  confirmEmail: 7,
  ipAllowlist: 8,
  tokens: 9,
};

export const CONTROL_CAPABILITIES = (Object.keys(CAPABILITY_ORDER) as ControlCapability[]).sort((a, b) => CAPABILITY_ORDER[a] - CAPABILITY_ORDER[b]);

/** What each control action needs of the adapter. */
const ACTION_CAPABILITY: Record<ControlAction['type'], ControlCapability> = {
  settings: 'accountSettings',
  createUser: 'seedDirectory',
  createGroup: 'seedDirectory',
  invite: 'invitations',
  acceptInvitation: 'invitations',
  ssoLogin: 'ssoLogin',
  manualUpdateUser: 'manualUpdate',
  manualUpdateGroupMembers: 'manualUpdate',
  confirmEmail: 'confirmEmail',
  setIpAllowlist: 'ipAllowlist',
  createToken: 'tokens',
  deleteToken: 'tokens',
};

/** `account:` as the model holds it: users by key become a list, groups name → members. */
export function toAccountSetup(raw: RawScenario, locator: Locator): AccountSetup | undefined {
  const account = raw.account;
  if (account === undefined) return undefined;
  return {
    settings: toSettings(account.settings),
    users: Object.values(account.users ?? {}).map(toSeedUser),
    groups: Object.entries(account.groups ?? {}).map(([name, members]) => ({ name, members: [...members] })),
    location: locator.key(['account']),
  };
}

function toSettings(settings: AccountSettings | undefined): AccountSettings {
  const copy: AccountSettings = {};
  for (const [key, value] of Object.entries(settings ?? {}) as [keyof AccountSettings, unknown][]) {
    (copy as Record<string, unknown>)[key] = structuredClone(value);
  }
  return copy;
}

function toSeedUser(user: RawSeedUser): SeedUser {
  const seed: SeedUser = { email: user.email };
  if (user.firstName !== undefined) seed.firstName = user.firstName;
  if (user.lastName !== undefined) seed.lastName = user.lastName;
  if (user.groups !== undefined) seed.groups = [...user.groups];
  if (user.license !== undefined) seed.license = user.license;
  return seed;
}

export function toControlStep(step: RawControlStep, path: DocPath, locator: Locator, location: ControlStep['location']): ControlStep {
  const action = step.control ? toControlAction(step.control) : undefined;
  return {
    kind: 'control',
    title: step.name ?? (action ? describeControlAction(action) : 'check'),
    location,
    ...(action ? { action } : {}),
    expect: toIdpExpectations(step.expect, [...path, 'expect'], locator),
  };
}

/** The action of `control:`; the loader has checked it names at most one. */
function toControlAction(control: RawControlAction): ControlAction | undefined {
  const name = CONTROL_ACTIONS.find((key) => key in control);
  switch (name) {
    case undefined:
      return undefined;
    case 'settings':
      return { type: 'settings', settings: toSettings(control.settings) };
    case 'createUser':
      return { type: 'createUser', user: toSeedUser(control.createUser!) };
    case 'createGroup':
      return { type: 'createGroup', name: control.createGroup!.name, members: [...(control.createGroup!.members ?? [])] };
    case 'invite':
    case 'acceptInvitation':
    case 'confirmEmail':
      return { type: name, email: control[name]! };
    case 'ssoLogin':
      return { type: 'ssoLogin', email: control.ssoLogin!.email, groups: [...(control.ssoLogin!.groups ?? [])] };
    case 'manualUpdateUser':
      return { type: 'manualUpdateUser', email: control.manualUpdateUser!.email, change: { ...control.manualUpdateUser!.change } };
    case 'manualUpdateGroupMembers': {
      const { name: group, change } = control.manualUpdateGroupMembers!;
      return {
        type: 'manualUpdateGroupMembers',
        name: group,
        change: { ...(change.add ? { add: [...change.add] } : {}), ...(change.remove ? { remove: [...change.remove] } : {}) },
      };
    }
    case 'setIpAllowlist':
      return { type: 'setIpAllowlist', cidrs: control.setIpAllowlist ? [...control.setIpAllowlist] : null };
    case 'createToken':
    case 'deleteToken':
      return { type: name, name: control[name]! };
  }
}

/** `acceptInvitation {{alice.userName}}`, `settings manageLicensesWithScim: true`: the action and its argument, briefly. */
function describeControlAction(action: ControlAction): string {
  switch (action.type) {
    case 'settings': {
      const parts = Object.entries(action.settings).map(([key, value]) => (typeof value === 'object' && value !== null ? key : `${key}: ${String(value)}`));
      return parts.length ? `settings ${parts.join(', ')}` : 'settings';
    }
    case 'createUser':
      return `createUser ${action.user.email}`;
    case 'invite':
    case 'acceptInvitation':
    case 'confirmEmail':
      return `${action.type} ${action.email}`;
    case 'ssoLogin':
      return action.groups.length ? `ssoLogin ${action.email} (${action.groups.join(', ')})` : `ssoLogin ${action.email}`;
    case 'manualUpdateUser':
      return `manualUpdateUser ${action.email}`;
    case 'createGroup':
    case 'manualUpdateGroupMembers':
      return `${action.type} ${action.name}`;
    case 'setIpAllowlist':
      if (action.cidrs === null) return 'setIpAllowlist (lifted)';
      return action.cidrs.length ? `setIpAllowlist ${action.cidrs.join(', ')}` : 'setIpAllowlist (empty)';
    case 'createToken':
    case 'deleteToken':
      return `${action.type} ${action.name}`;
  }
}

/**
 * The capabilities the scenario uses, in the adapter's order: `account:` settings and users or
 * groups, each control action, each account check of a user or group (in any step), and the
 * file's own `requiresControl:`.
 */
export function requiredControl(raw: RawScenario, scenario: Pick<Scenario, 'account' | 'steps' | 'teardown'>): ControlCapability[] {
  const needed = new Set<ControlCapability>(raw.requiresControl ?? []);
  const account = scenario.account;
  if (account && Object.keys(account.settings).length > 0) needed.add('accountSettings');
  if (account && (account.users.length > 0 || account.groups.length > 0)) needed.add('seedDirectory');
  for (const step of [...scenario.steps, ...scenario.teardown]) {
    if (step.kind === 'control' && step.action) needed.add(ACTION_CAPABILITY[step.action.type]);
    if (step.kind !== 'idp' && step.kind !== 'entra' && step.kind !== 'control') continue;
    for (const e of step.expect) {
      if (e.kind === 'account' && e.check.subject === 'user') needed.add('readUser');
      if (e.kind === 'account' && e.check.subject === 'group') needed.add('readGroup');
    }
  }
  return CONTROL_CAPABILITIES.filter((capability) => needed.has(capability));
}
