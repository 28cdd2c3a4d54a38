import { buildOktaDirectory } from '../../simulator/idp/okta/okta-directory.js';
import { OktaOrg } from '../../simulator/idp/okta/org.js';
import type { ScimClient } from '../../simulator/scim/client.js';
import type { IdpAction, OktaSetup } from '../model/scenario.js';
import { renderTemplate } from '../templates/render.js';
import { seededFaker } from './fake-values.js';
import type { SimulatedIdp } from './simulated-idp.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * The scenario's Okta org: built from `idp:`/`idpConfig:`/`directory:` when the scenario starts,
 * driven by IdP steps, and mirrored into placeholder values (`{{alice.id}}`) after each step.
 */
export function startOktaSession(setup: OktaSetup, options: { client: ScimClient; clock: VirtualClock; seed: number; idPrefix: string; lookup: (name: string) => unknown }): OktaOrg {
  // Its own faker stream, so adding a var does not change the directory's people.
  const faker = seededFaker((options.seed ^ 0x5eed) >>> 0);
  const directory = buildOktaDirectory(renderTemplate(setup.directory, options.lookup) as OktaSetup['directory'], faker);
  return new OktaOrg({
    settings: setup.settings,
    mappings: setup.mappings,
    expressionCompatibility: setup.expressionCompatibility,
    directory,
    client: options.client,
    clock: options.clock,
    idPrefix: `${options.idPrefix}okta-`,
    placeholderPassword: () => faker.string.alphanumeric({ length: 8, casing: 'lower' }),
  });
}

/** The org as the engine drives it. */
export function oktaAdapter(org: OktaOrg): SimulatedIdp {
  return {
    kind: 'okta',
    get exchanges() {
      return org.exchanges;
    },
    perform: (action) => performOktaAction(org, action as IdpAction),
    takeWarnings: () => org.takeWarnings(),
    publish: (values) => publishDirectoryValues(org, values),
    adminView: () => org.adminView(),
    assumptions: () => org.assumptions(),
    targetId: (resource, key) => (resource === 'user' ? org.state.appUsers.get(key)?.externalId : org.state.pushedGroups.get(key)?.targetId),
    problems: () => oktaProblems(org),
    groupsOfUserName: (userName) => {
      const user = [...org.directory.users.values()].find((u) => String(appUserName(org, u.key)).toLowerCase() === userName.toLowerCase());
      return user ? org.directory.groupsOf(user.key).map((group) => group.name) : undefined;
    },
    outcomeCheck: { id: 'okta.outcome', title: 'Okta shows no new failed task or group push error' },
    warningCheck: { id: 'okta.expression', title: 'Okta expression is documented Okta EL' },
    close: () => org.close(),
  };
}

/** Open task texts and group push errors, as the admin would read them. */
function oktaProblems(org: OktaOrg): string[] {
  const tasks = org.state.tasks.filter((task) => task.status === 'open').map((task) => `task ${task.id}: ${task.message}`);
  const groups = [...org.state.pushedGroups.values()].filter((group) => group.status === 'Error').map((group) => `group push ${group.key}: Error (${group.lastError?.message ?? 'no detail'})`);
  return [...tasks, ...groups];
}

/** Performs one IdP step's action (placeholders in it already rendered). */
export async function performOktaAction(org: OktaOrg, action: IdpAction): Promise<void> {
  switch (action.type) {
    case 'testApiCredentials':
      await org.testApiCredentials();
      return;
    case 'assign':
      if (action.group !== undefined) await org.assignGroup(action.group, action.values);
      await org.assignUsers(action.users, action.values);
      return;
    case 'unassign':
      if (action.group !== undefined) await org.unassignGroup(action.group);
      await org.unassignUsers(action.users);
      return;
    case 'updateProfile':
      await org.updateProfile(action.user, action.set);
      return;
    case 'deactivate':
      for (const key of action.keys) await org.deactivateUser(key);
      return;
    case 'reactivate':
      for (const key of action.keys) await org.reactivateUser(key);
      return;
    case 'suspend':
      for (const key of action.keys) org.suspendUser(key);
      return;
    case 'unsuspend':
      for (const key of action.keys) org.unsuspendUser(key);
      return;
    case 'deleteUser':
      for (const key of action.keys) org.deleteUser(key);
      return;
    case 'addToGroup':
      await org.addToGroup(action.group, action.users);
      return;
    case 'removeFromGroup':
      await org.removeFromGroup(action.group, action.users);
      return;
    case 'pushGroups':
      await org.pushGroups(action.groups, action.link);
      return;
    case 'pushNow':
      await org.pushNow(action.keys);
      return;
    case 'retryGroups':
      await org.retryGroups(action.keys === 'all' ? undefined : action.keys);
      return;
    case 'deactivateGroupPush':
      for (const key of action.keys) org.deactivateGroupPush(key);
      return;
    case 'unlinkGroup':
      await org.unlinkGroup(action.group, action.deleteInTarget);
      return;
    case 'renameGroup':
      await org.renameGroup(action.group, action.name);
      return;
    case 'import':
      for (const what of action.what) await (what === 'users' ? org.importUsers() : org.importGroups());
      return;
    case 'retryTasks':
      await org.retryTasks(action.ids === 'all' ? undefined : action.ids);
      return;
    case 'reapplyMappings':
      await org.reapplyMappings(action.keys === 'all' ? undefined : action.keys);
      return;
  }
}

/** `{{alice.id}}` (the target's id, once known), `{{alice.oktaId}}`, `{{devs.name}}` …, as they are now. */
export function publishDirectoryValues(org: OktaOrg, values: Map<string, unknown>): void {
  for (const user of org.directory.users.values()) {
    const set = (field: string, value: unknown) => (value === undefined || value === null ? values.delete(`${user.key}.${field}`) : values.set(`${user.key}.${field}`, value));
    const appUser = org.state.appUsers.get(user.key);
    set('id', appUser?.externalId);
    set('oktaId', user.id);
    set('userName', appUserName(org, user.key));
    for (const field of ['email', 'login', 'firstName', 'lastName']) set(field, user.profile[field]);
  }
  for (const group of org.directory.groups.values()) {
    values.set(`${group.key}.oktaId`, group.id);
    values.set(`${group.key}.name`, group.name);
    const targetId = org.state.pushedGroups.get(group.key)?.targetId;
    if (targetId === undefined) values.delete(`${group.key}.id`);
    else values.set(`${group.key}.id`, targetId);
  }
}

/** The app username the mappings give a user, assigned or not. */
function appUserName(org: OktaOrg, key: string): unknown {
  return org.state.appUsers.get(key)?.profile['userName'] ?? org.previewAppProfile(key)['userName'];
}
