import { isDeepStrictEqual } from 'node:util';
import type { ScimClient } from '../../scim/client.js';
import type { Directory, DirectoryUser } from '../directory.js';
import { testApiCredentials, type CredentialsTestResult } from './credentials-test.js';
import { pushMembership, pushRename, startGroupPush, unlinkGroup } from './group-push.js';
import { importGroups, importUsers } from './import.js';
import type { OktaContext } from './okta-context.js';
import { OktaState, type AppUser } from './okta-state.js';
import { OktaTransport, oktaDefaultHeaders, type OktaClock } from './okta-transport.js';
import { pushProfileUpdate } from './profile-push.js';
import { compileAppAttributes, evaluateAppProfile, usesGroupFunctions, type AppAttribute, type AppAttributeSpec } from './profile-mappings.js';
import { pushNewUser } from './push-new-user.js';
import { ASSUMPTION_NOTES, type OktaAssumedSettings, type OktaSettings } from './settings.js';
import { setActive } from './user-lifecycle.js';

export interface OktaOrgOptions {
  settings: OktaSettings;
  /** Profile Editor mappings beyond (or overriding) Okta's defaults. */
  mappings: Record<string, AppAttributeSpec>;
  /** Accept the seeds' `IIF`/`isMemberOf` with a warning on every use (research §4.1). */
  expressionCompatibility: boolean;
  directory: Directory;
  /** The run's SCIM client; the org works on a fork carrying Okta's headers. */
  client: ScimClient;
  clock: OktaClock;
  /** Random placeholder passwords, from the scenario's seeded faker. */
  placeholderPassword: () => string;
  /** Exchange ids of the org's requests start with this (they share the scenario's exchange list). */
  idPrefix?: string;
}

/** An admin action the app's configuration does not offer (Okta would not show the button). */
export class OktaConfigurationError extends Error {
  override name = 'OktaConfigurationError';
}

/** An assumption a run relied on: the setting, its value, and why it is a guess. */
export interface UsedAssumption {
  setting: keyof OktaAssumedSettings;
  value: unknown;
  note: string;
}

/**
 * A simulated Okta org with one SCIM app: admin and directory actions in, SCIM requests out, in
 * Okta's order with Okta's bodies, and what Okta shows an admin. Every action returns when Okta is
 * done with it (rate-limit waits pass on the virtual clock).
 */
export class OktaOrg {
  readonly settings: OktaSettings;
  readonly directory: Directory;
  readonly state = new OktaState();
  readonly attributes: readonly AppAttribute[];
  readonly #ctx: OktaContext;
  readonly #assumptions = new Set<keyof OktaAssumedSettings>();
  #warnings: string[] = [];
  #credentials: CredentialsTestResult | undefined;
  readonly #client: ScimClient;

  constructor(options: OktaOrgOptions) {
    this.settings = options.settings;
    this.directory = options.directory;
    this.attributes = compileAppAttributes(options.settings, options.mappings, options.expressionCompatibility);
    const client = options.client.fork({ defaultHeaders: oktaDefaultHeaders(options.settings), ...(options.idPrefix !== undefined ? { idPrefix: options.idPrefix } : {}) });
    const transport = new OktaTransport(client, options.clock, options.settings);
    this.#ctx = {
      settings: options.settings,
      directory: options.directory,
      state: this.state,
      transport,
      attributes: this.attributes,
      clock: options.clock,
      placeholderPassword: options.placeholderPassword,
      assume: (setting) => this.#assumptions.add(setting),
    };
    this.#ctx.assume('contentType');
    this.#ctx.assume('accept');
    this.#client = client;
  }

  /** Every exchange the org has sent, in order (rate-limited attempts included). */
  get exchanges() {
    return this.#client.exchanges;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  // ── Integration tab ───────────────────────────────────────────────────────────────────────────

  async testApiCredentials(): Promise<CredentialsTestResult> {
    this.#credentials = await testApiCredentials(this.#ctx);
    return this.#credentials;
  }

  // ── Assignments ───────────────────────────────────────────────────────────────────────────────

  /** Assign the app to users; `values` sets app attributes that have no mapping expression. */
  async assignUsers(keys: readonly string[], values: Record<string, unknown> = {}): Promise<void> {
    for (const key of keys) {
      this.directory.user(key);
      this.directory.assignedUsers.add(key);
      await this.#onAssigned(key, values);
    }
  }

  async assignGroup(groupKey: string, values: Record<string, unknown> = {}): Promise<void> {
    this.directory.assignedGroups.add(groupKey);
    for (const key of this.directory.group(groupKey).members) await this.#onAssigned(key, values);
  }

  async unassignUsers(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.directory.assignedUsers.delete(key);
      await this.#onMaybeUnassigned(key);
    }
  }

  async unassignGroup(groupKey: string): Promise<void> {
    this.directory.assignedGroups.delete(groupKey);
    for (const key of this.directory.group(groupKey).members) await this.#onMaybeUnassigned(key);
  }

  // ── People ────────────────────────────────────────────────────────────────────────────────────

  /** Edit an Okta profile: mapped changes go out as a profile push (GET, then the full PUT). */
  async updateProfile(key: string, changes: Record<string, unknown>): Promise<void> {
    const user = this.directory.user(key);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete user.profile[name];
      else user.profile[name] = value;
    }
    const appUser = this.state.appUsers.get(key);
    if (!appUser || !appUser.assigned) return;
    this.#evaluate(appUser, 'all');
    await this.#pushProfileIfEnabled(appUser);
  }

  /** Deactivating an Okta user deactivates its app account; suspension sends nothing (O-SCIM20). */
  async deactivateUser(key: string): Promise<void> {
    const user = this.directory.user(key);
    user.status = 'deactivated';
    const appUser = this.state.appUsers.get(key);
    if (appUser && appUser.status === 'PROVISIONED' && this.settings.provisioning.deactivateUsers) await setActive(this.#ctx, appUser, false);
  }

  async reactivateUser(key: string): Promise<void> {
    const user = this.directory.user(key);
    user.status = 'active';
    const appUser = this.state.appUsers.get(key);
    if (appUser && appUser.assigned && appUser.status === 'INACTIVE' && appUser.externalId !== undefined) await setActive(this.#ctx, appUser, true);
  }

  suspendUser(key: string): void {
    this.directory.user(key).status = 'suspended';
  }

  unsuspendUser(key: string): void {
    this.directory.user(key).status = 'active';
  }

  /** Deleting a deactivated Okta user sends nothing: Okta never DELETEs users (O-SCIM20). */
  deleteUser(key: string): void {
    const user = this.directory.user(key);
    if (user.status !== 'deactivated' && user.status !== 'deleted') {
      throw new OktaConfigurationError(`Okta deletes only deactivated users; deactivate '${key}' first`);
    }
    user.status = 'deleted';
  }

  // ── Groups ────────────────────────────────────────────────────────────────────────────────────

  async addToGroup(groupKey: string, keys: readonly string[]): Promise<void> {
    const added = keys.filter((key) => this.directory.addMember(groupKey, key));
    await this.#afterMembershipChange(groupKey, added, 'added');
  }

  async removeFromGroup(groupKey: string, keys: readonly string[]): Promise<void> {
    const removed = keys.filter((key) => this.directory.removeMember(groupKey, key));
    await this.#afterMembershipChange(groupKey, removed, 'removed');
  }

  async renameGroup(groupKey: string, name: string): Promise<void> {
    this.directory.group(groupKey).name = name;
    if (this.settings.provisioning.pushGroups) await pushRename(this.#ctx, groupKey);
  }

  /** Push Groups > by name: create (or link to an imported group) and push members. */
  async pushGroups(keys: readonly string[], link: Record<string, string> = {}): Promise<void> {
    this.#require('pushGroups', 'Push Groups', 'the Push Groups tab');
    for (const key of keys) {
      const targetId = link[key];
      if (targetId !== undefined) {
        const imported = this.state.importedGroups.get(targetId);
        if (imported) imported.linkedGroup = key;
      }
      await startGroupPush(this.#ctx, key, targetId === undefined ? undefined : { targetId });
    }
  }

  /** "Push now": the full membership again. */
  async pushNow(keys: readonly string[]): Promise<void> {
    for (const key of keys) await pushMembership(this.#ctx, key, 'full');
  }

  /** "Retry All Groups" (O-GPTS): every group in Error is pushed again, creating it if it never got an id. */
  async retryGroups(keys?: readonly string[]): Promise<void> {
    const chosen = keys ?? [...this.state.pushedGroups.values()].filter((group) => group.status === 'Error').map((group) => group.key);
    for (const key of chosen) await startGroupPush(this.#ctx, key);
  }

  async unlinkGroup(key: string, deleteInTarget: boolean): Promise<void> {
    await unlinkGroup(this.#ctx, key, deleteInTarget);
  }

  /** "Deactivate group push": Okta stops syncing the group until it is pushed again. */
  deactivateGroupPush(key: string): void {
    const pushed = this.state.pushedGroups.get(key);
    if (pushed) pushed.status = 'Inactive';
  }

  // ── Import, tasks, mappings ───────────────────────────────────────────────────────────────────

  async importUsers(): Promise<void> {
    this.#require('importNewUsersAndProfileUpdates', 'Import New Users and Profile Updates', 'the Import tab');
    await importUsers(this.#ctx);
  }

  async importGroups(): Promise<void> {
    this.#require('importGroups', 'Import Groups', 'group import');
    await importGroups(this.#ctx);
  }

  #require(toggle: keyof OktaSettings['provisioning'], label: string, what: string): void {
    if (!this.settings.provisioning[toggle]) {
      throw new OktaConfigurationError(`"${label}" is off (idpConfig.provisioning.${toggle}: false), so Okta offers no ${what}`);
    }
  }

  /** Dashboard > Tasks > Retry Selected (or every open task). */
  async retryTasks(ids?: readonly number[]): Promise<void> {
    for (const { task, retry } of this.state.openTasks()) {
      if (ids && !ids.includes(task.id)) continue;
      await this.state.retryTask(task, retry);
    }
  }

  /** Profile Editor > Apply mappings: every assigned user's app profile is recomputed and pushed if it changed. */
  async reapplyMappings(keys?: readonly string[]): Promise<void> {
    for (const appUser of this.state.appUsers.values()) {
      if (!appUser.assigned || (keys && !keys.includes(appUser.key))) continue;
      this.#evaluate(appUser, 'all');
      await this.#pushProfileIfEnabled(appUser);
    }
  }

  // ── What Okta shows ───────────────────────────────────────────────────────────────────────────

  /** Expression warnings produced since the last call (one per use of a compatibility form). */
  takeWarnings(): string[] {
    const warnings = this.#warnings;
    this.#warnings = [];
    return warnings;
  }

  /** The app profile the mappings would give a user now, without recording anything. */
  previewAppProfile(key: string): Record<string, unknown> {
    const user = this.directory.user(key);
    const values = this.state.appUsers.get(key)?.assignmentValues ?? {};
    return evaluateAppProfile(this.attributes, user, this.directory.groupsOf(key), values, this.settings.appName).profile;
  }

  /** Unconfirmed behaviours the run relied on so far. */
  assumptions(): UsedAssumption[] {
    return [...this.#assumptions].map((setting) => ({ setting, value: this.settings.assumed[setting], note: ASSUMPTION_NOTES[setting] }));
  }

  /** The admin's view as plain JSON: what `idp:` expectations select from. */
  adminView(): Record<string, unknown> {
    const users: Record<string, unknown> = {};
    for (const user of this.directory.users.values()) users[user.key] = { id: user.id, status: oktaUserStatus(user), profile: { ...user.profile } };
    const groups: Record<string, unknown> = {};
    for (const group of this.directory.groups.values()) groups[group.key] = { id: group.id, name: group.name, members: [...group.members] };
    const appUsers: Record<string, unknown> = {};
    for (const appUser of this.state.appUsers.values()) {
      appUsers[appUser.key] = {
        status: appUser.status,
        syncState: appUser.syncState,
        externalId: appUser.externalId ?? null,
        assigned: appUser.assigned,
        profile: { ...appUser.profile },
      };
    }
    const groupPush: Record<string, unknown> = {};
    for (const pushed of this.state.pushedGroups.values()) {
      groupPush[pushed.key] = {
        status: pushed.status,
        targetId: pushed.targetId ?? null,
        members: [...pushed.pushedMembers],
        lastError: pushed.lastError ?? null,
      };
    }
    return {
      app: { name: this.settings.appName, flavour: this.settings.flavour },
      credentialsTest: this.#credentials ?? null,
      users,
      groups,
      appUsers,
      groupPush,
      tasks: this.state.tasks.map((task) => ({ ...task })),
      openTasks: this.state.tasks.filter((task) => task.status === 'open').map((task) => task.message),
      importedUsers: [...this.state.importedUsers.values()].map((entry) => ({ ...entry })),
      importedGroups: [...this.state.importedGroups.values()].map((entry) => ({ ...entry })),
    };
  }

  // ── Reactions ─────────────────────────────────────────────────────────────────────────────────

  async #onAssigned(key: string, values: Record<string, unknown>): Promise<void> {
    let appUser = this.state.appUsers.get(key);
    if (!appUser) {
      appUser = { key, status: 'STAGED', syncState: 'OUT_OF_SYNC', profile: {}, pushed: {}, assignmentValues: {}, assigned: true };
      this.state.appUsers.set(key, appUser);
    }
    Object.assign(appUser.assignmentValues, values);
    const wasAssigned = appUser.assigned && appUser.status !== 'STAGED';
    appUser.assigned = true;
    // Assignment is one of the two moments group-function values are computed (O-EL).
    this.#evaluate(appUser, 'all');
    if (this.directory.user(key).status !== 'active') return;
    if (appUser.externalId !== undefined && appUser.status === 'INACTIVE') {
      // Reassignment reactivates the linked account (research §1.5), then the profile catches up.
      if (await setActive(this.#ctx, appUser, true)) await this.#pushProfileIfEnabled(appUser);
      return;
    }
    if (appUser.externalId !== undefined) {
      if (wasAssigned) await this.#pushProfileIfEnabled(appUser);
      return;
    }
    if (this.settings.provisioning.pushNewUsers) await pushNewUser(this.#ctx, appUser);
  }

  async #onMaybeUnassigned(key: string): Promise<void> {
    if (this.directory.isAssigned(key)) return;
    const appUser = this.state.appUsers.get(key);
    if (!appUser || !appUser.assigned) return;
    appUser.assigned = false;
    if (appUser.status === 'PROVISIONED' && this.settings.provisioning.deactivateUsers) await setActive(this.#ctx, appUser, false);
  }

  async #afterMembershipChange(groupKey: string, changed: readonly string[], how: 'added' | 'removed'): Promise<void> {
    if (changed.length === 0) return;
    if (this.directory.assignedGroups.has(groupKey)) {
      for (const key of changed) {
        if (how === 'added') await this.#onAssigned(key, {});
        else await this.#onMaybeUnassigned(key);
      }
    }
    // Group-function values follow membership only in the seeds' reading (setting; O-EL says not).
    this.#ctx.assume('groupFunctionReevaluation');
    if (this.settings.assumed.groupFunctionReevaluation === 'membership-change') {
      for (const key of changed) {
        const appUser = this.state.appUsers.get(key);
        if (!appUser || !appUser.assigned) continue;
        this.#evaluate(appUser, 'group-functions');
        await this.#pushProfileIfEnabled(appUser);
      }
    }
    if (this.settings.provisioning.pushGroups && this.state.pushedGroups.get(groupKey)?.status === 'Active') {
      await pushMembership(this.#ctx, groupKey, 'incremental');
    }
  }

  /**
   * Recompute the app profile. `all`: every mapping (assignment, profile edit, re-apply).
   * `group-functions`: only attributes whose expression uses a group function.
   */
  #evaluate(appUser: AppUser, which: 'all' | 'group-functions'): void {
    const user = this.directory.user(appUser.key);
    const { profile, warnings } = evaluateAppProfile(this.attributes, user, this.directory.groupsOf(user.key), appUser.assignmentValues, this.settings.appName);
    const apply = which === 'all' ? this.attributes : this.attributes.filter(usesGroupFunctions);
    const next = { ...appUser.profile };
    for (const attribute of apply) next[attribute.name] = profile[attribute.name];
    if (!isDeepStrictEqual(next, appUser.profile) && appUser.externalId !== undefined) appUser.syncState = 'OUT_OF_SYNC';
    appUser.profile = next;
    for (const warning of warnings.filter((w) => apply.some((a) => a.name === w.attribute))) {
      const suggestion = warning.suggestion === undefined ? '' : `; documented equivalent: ${warning.suggestion}`;
      this.#warnings.push(`mapping of '${warning.attribute}' for ${user.key}: ${warning.message}${suggestion}`);
    }
  }

  async #pushProfileIfEnabled(appUser: AppUser): Promise<void> {
    const { pushProfileUpdates, updateUserAttributes } = this.settings.provisioning;
    if (!pushProfileUpdates || !updateUserAttributes || appUser.status !== 'PROVISIONED') return;
    await pushProfileUpdate(this.#ctx, appUser);
  }
}

function oktaUserStatus(user: DirectoryUser): string {
  switch (user.status) {
    case 'active':
      return 'ACTIVE';
    case 'suspended':
      return 'SUSPENDED';
    case 'deactivated':
      return 'DEPROVISIONED';
    case 'deleted':
      return 'DELETED';
  }
}
