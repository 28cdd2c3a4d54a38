import { buildEntraDirectory } from '../../simulator/idp/entra/entra-directory.js';
import { EntraTenant } from '../../simulator/idp/entra/tenant.js';
import type { ScimClient } from '../../simulator/scim/client.js';
import type { EntraAction, EntraSetup } from '../model/scenario.js';
import { renderTemplate } from '../templates/render.js';
import { seededFaker } from './fake-values.js';
import type { SimulatedIdp } from './simulated-idp.js';
import type { VirtualClock } from './virtual-clock.js';

/**
 * The scenario's Entra tenant: built from `idp: entra`/`idpConfig:`/`directory:` when the scenario
 * starts, driven by Entra steps, and mirrored into placeholder values (`{{alice.id}}`) after each step.
 */
export function startEntraSession(setup: EntraSetup, options: { client: ScimClient; clock: VirtualClock; seed: number; idPrefix: string; lookup: (name: string) => unknown }): EntraTenant {
  // Its own faker stream, so adding a var does not change the directory's people.
  const faker = seededFaker((options.seed ^ 0xe47a) >>> 0);
  const directory = buildEntraDirectory(renderTemplate(setup.directory, options.lookup) as EntraSetup['directory'], faker);
  return new EntraTenant({
    settings: setup.settings,
    directory,
    client: options.client,
    clock: options.clock,
    random: () => faker.number.int({ min: 0, max: 2 ** 31 - 1 }) / 2 ** 31,
    idPrefix: `${options.idPrefix}entra-`,
  });
}

/** The tenant as the engine drives it. */
export function entraAdapter(tenant: EntraTenant): SimulatedIdp {
  return {
    kind: 'entra',
    get exchanges() {
      return tenant.exchanges;
    },
    perform: (action) => performEntraAction(tenant, action as EntraAction),
    takeWarnings: () => [],
    publish: (values) => publishEntraValues(tenant, values),
    adminView: () => tenant.adminView(),
    assumptions: () => tenant.assumptions(),
    targetId: (resource, key) => (resource === 'user' ? tenant.state.users.get(key)?.targetId : tenant.state.groups.get(key)?.targetId),
    problems: () => entraProblems(tenant),
    groupsOfUserName: (userName) => {
      const values = new Map<string, unknown>();
      publishEntraValues(tenant, values);
      const user = [...tenant.directory.users.values()].find((u) => String(values.get(`${u.key}.userName`)).toLowerCase() === userName.toLowerCase());
      return user ? tenant.directory.groupsOf(user.key).map((group) => group.name) : undefined;
    },
    outcomeCheck: { id: 'entra.outcome', title: 'Entra shows no new provisioning failure or quarantine' },
    close: () => tenant.close(),
  };
}

/** Failed provisioning-log rows and the quarantine banner, as the admin would read them. */
function entraProblems(tenant: EntraTenant): string[] {
  const rows = tenant.state.logs.filter((row) => row.status === 'failure').map((row) => `log ${row.id} (${row.object} ${row.key}, ${row.action}): ${row.errorCode ?? 'failure'}: ${row.statusDetail ?? ''}`);
  const quarantine = tenant.state.quarantine;
  return quarantine ? [...rows, `job in quarantine: ${quarantine.reason}: ${quarantine.detail}`] : rows;
}

/** Performs one Entra step's action (placeholders in it already rendered). */
export async function performEntraAction(tenant: EntraTenant, action: EntraAction): Promise<void> {
  switch (action.type) {
    case 'testConnection':
      await tenant.testConnection();
      return;
    case 'startProvisioning':
      await tenant.startProvisioning();
      return;
    case 'stopProvisioning':
      tenant.stopProvisioning();
      return;
    case 'restartProvisioning':
      await tenant.restartProvisioning(action.breakLinks);
      return;
    case 'allowDeletes':
      await tenant.allowDeletes();
      return;
    case 'nextCycle':
      await tenant.nextCycle(action.count);
      return;
    case 'advance':
      await tenant.advance(action.ms);
      return;
    case 'provisionOnDemand':
      await tenant.provisionOnDemand('user' in action ? { user: action.user } : { group: action.group, members: action.members });
      return;
    case 'assign':
      tenant.assign(action.users, action.groups);
      return;
    case 'unassign':
      tenant.unassign(action.users, action.groups);
      return;
    case 'updateUser':
      tenant.updateUser(action.user, action.set);
      return;
    case 'softDelete':
      tenant.softDelete(action.users);
      return;
    case 'restore':
      tenant.restore(action.users);
      return;
    case 'hardDelete':
      tenant.hardDelete(action.users);
      return;
    case 'disableAccount':
      tenant.disableAccount(action.users);
      return;
    case 'enableAccount':
      tenant.enableAccount(action.users);
      return;
    case 'addToGroup':
      tenant.addToGroup(action.group, action.users);
      return;
    case 'removeFromGroup':
      tenant.removeFromGroup(action.group, action.users);
      return;
    case 'renameGroup':
      tenant.renameGroup(action.group, action.name);
      return;
    case 'deleteGroup':
      tenant.deleteGroup(action.groups);
      return;
    case 'changeMappings':
      await tenant.changeMappings(action);
      return;
    case 'setCredentials':
      tenant.setCredentials(action.credentials);
      return;
  }
}

/** `{{alice.id}}` (the target id, once known), `{{alice.objectId}}`, `{{alice.userName}}`, `{{sales.name}}` …, as they are now. */
export function publishEntraValues(tenant: EntraTenant, values: Map<string, unknown>): void {
  const userName = tenant.settings.userMappings['userName'];
  for (const user of tenant.directory.users.values()) {
    const set = (field: string, value: unknown) => (value === undefined || value === null ? values.delete(`${user.key}.${field}`) : values.set(`${user.key}.${field}`, value));
    set('id', tenant.state.users.get(user.key)?.targetId);
    set('objectId', user.id);
    // The userName a Direct mapping gives (the seeds' userPrincipalName); other mappings: the UPN.
    set('userName', userName?.type === 'direct' ? user.profile[userName.source ?? ''] : user.profile['userPrincipalName']);
    for (const field of ['userPrincipalName', 'mail', 'mailNickname', 'givenName', 'surname', 'displayName']) set(field, user.profile[field]);
  }
  for (const group of tenant.directory.groups.values()) {
    values.set(`${group.key}.objectId`, group.id);
    values.set(`${group.key}.name`, group.name);
    const targetId = tenant.state.groups.get(group.key)?.targetId;
    if (targetId === undefined) values.delete(`${group.key}.id`);
    else values.set(`${group.key}.id`, targetId);
  }
}
