import type { ScimClient } from '../../scim/client.js';
import type { Directory } from '../directory.js';
import { compileMappings } from './attribute-mappings.js';
import { runCycle } from './cycle.js';
import type { EntraClock, EntraContext } from './entra-context.js';
import { EntraTransport, entraDefaultHeaders } from './entra-transport.js';
import { EntraJobState } from './job-state.js';
import { ON_DEMAND_MEMBER_LIMIT, provisionGroupOnDemand, provisionUserOnDemand, type OnDemandResult } from './on-demand.js';
import { ENTRA_ASSUMPTION_NOTES, type EntraAssumedSettings, type EntraMappingSpec, type EntraScope, type EntraScopingClause, type EntraSettings } from './settings.js';
import { isUserInScope } from './source-attributes.js';
import { testConnection, type TestConnectionResult } from './test-connection.js';

export interface EntraTenantOptions {
  settings: EntraSettings;
  directory: Directory;
  /** The run's SCIM client; the tenant works on a fork carrying Entra's headers. */
  client: ScimClient;
  clock: EntraClock;
  /** Seeded randomness (GUIDs of Test Connection, Guid(), RandomString()). */
  random: () => number;
  /** Exchange ids of the tenant's requests start with this (they share the scenario's exchange list). */
  idPrefix?: string;
}

/** An admin action Entra would not offer in this state (the button is not there, or the portal refuses). */
export class EntraConfigurationError extends Error {
  override name = 'EntraConfigurationError';
}

export interface MappingChange {
  userMappings?: Record<string, EntraMappingSpec | null>;
  groupMappings?: Record<string, EntraMappingSpec | null>;
  scope?: EntraScope;
  scopingFilters?: EntraScopingClause[][];
}

/**
 * A simulated Entra ID tenant with one enterprise app and its provisioning job: directory and admin
 * actions in; SCIM requests out, cycle by cycle on the scenario's virtual clock, in Entra's order
 * with Entra's bodies; and what an Entra admin sees (job status, quarantine, provisioning logs).
 * Directory changes send nothing by themselves: they wait for the next cycle, as in Entra.
 */
export class EntraTenant {
  settings: EntraSettings;
  readonly directory: Directory;
  readonly state = new EntraJobState();
  readonly #ctx: EntraContext;
  readonly #client: ScimClient;
  readonly #assumptions = new Set<keyof EntraAssumedSettings>();
  /** Soft-deleted users and when Entra purges them (30 days later by default). */
  readonly #purgeAt = new Map<string, Date>();
  #testConnection: TestConnectionResult | undefined;
  #onDemand: OnDemandResult | undefined;

  constructor(options: EntraTenantOptions) {
    this.settings = options.settings;
    this.directory = options.directory;
    const client = options.client.fork({ defaultHeaders: entraDefaultHeaders(options.settings), ...(options.idPrefix !== undefined ? { idPrefix: options.idPrefix } : {}) });
    this.#client = client;
    this.#ctx = {
      settings: this.settings,
      directory: this.directory,
      state: this.state,
      transport: new EntraTransport(client, () => this.settings, () => this.#assumptions.add('requestTimeoutMs')),
      userMappings: compileMappings(this.settings.userMappings),
      groupMappings: compileMappings(this.settings.groupMappings),
      clock: options.clock,
      random: options.random,
      assume: (setting) => this.#assumptions.add(setting),
    };
    for (const setting of ['userAgent', 'accept', 'contentType'] as const) this.#ctx.assume(setting);
    for (const user of this.directory.users.values()) if (user.status === 'deleted') this.#purgeAt.set(user.key, new Date(options.clock.now().getTime() + this.settings.softDeleteRetentionMs));
  }

  /** Every exchange the tenant has sent, in order. */
  get exchanges() {
    return this.#client.exchanges;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  // ── Provisioning blade ────────────────────────────────────────────────────────────────────────

  async testConnection(): Promise<TestConnectionResult> {
    this.#testConnection = await testConnection(this.#ctx);
    return this.#testConnection;
  }

  /** "Start provisioning": the job runs a cycle at once (an initial one the first time), then every interval. */
  async startProvisioning(): Promise<void> {
    if (this.state.state === 'running' || this.state.state === 'quarantined') throw new EntraConfigurationError(`provisioning is already ${this.state.state === 'running' ? 'on' : 'on (in quarantine)'}`);
    this.state.state = 'running';
    await this.#runCycleNow();
  }

  /** "Stop provisioning": no more cycles; escrows, links and the watermark stay (E-KI: the current cycle finishes first). */
  stopProvisioning(): void {
    this.state.state = 'stopped';
    this.state.nextCycleAt = undefined;
  }

  /**
   * "Restart provisioning" (E-HOW, E-QUAR): clears escrows, quarantine and the watermark and runs a
   * new initial cycle; links stay, unless Graph's `resetScope: Full` was asked for.
   */
  async restartProvisioning(breakLinks = false): Promise<void> {
    this.#startOver();
    if (breakLinks) {
      this.state.users.clear();
      this.state.groups.clear();
    }
    this.state.state = 'running';
    await this.#runCycleNow();
  }

  /** Saving a change to mappings or scope restarts the job with an initial cycle (E-HOW, E-QUAR). */
  async changeMappings(change: MappingChange): Promise<void> {
    const merge = (current: Record<string, EntraMappingSpec>, update: Record<string, EntraMappingSpec | null> | undefined) => {
      if (!update) return current;
      const next = { ...current };
      for (const [target, spec] of Object.entries(update)) {
        if (spec === null) delete next[target];
        else next[target] = spec;
      }
      return next;
    };
    const settings: EntraSettings = {
      ...this.settings,
      userMappings: merge(this.settings.userMappings, change.userMappings),
      groupMappings: merge(this.settings.groupMappings, change.groupMappings),
      ...(change.scope !== undefined ? { scope: change.scope } : {}),
      ...(change.scopingFilters !== undefined ? { scopingFilters: change.scopingFilters } : {}),
    };
    // Compile both first: a mapping Entra would refuse leaves everything as it was.
    const userMappings = compileMappings(settings.userMappings);
    const groupMappings = compileMappings(settings.groupMappings);
    this.#ctx.userMappings = userMappings;
    this.#ctx.groupMappings = groupMappings;
    this.#setSettings(settings);
    const wasOn = this.state.state === 'running' || this.state.state === 'quarantined';
    this.#startOver();
    if (wasOn) {
      this.state.state = 'running';
      await this.#runCycleNow();
    }
  }

  /** The Secret Token on the Admin Credentials section: fixing it does not itself leave quarantine; the next cycle does. */
  setCredentials(credentials: 'valid' | 'invalid'): void {
    this.#setSettings({ ...this.settings, credentials });
  }

  /** "Allow deletes" on held deletions (E-DEL): the next cycle sends them and the job leaves quarantine. */
  async allowDeletes(): Promise<void> {
    if (this.state.quarantine?.reason !== 'TooManyDeletes') throw new EntraConfigurationError('there are no deletions held back by the accidental deletion threshold');
    this.state.deletesAllowed = true;
    this.state.quarantine = undefined;
    this.state.state = 'running';
    await this.#runCycleNow();
  }

  async provisionOnDemand(subject: { user: string } | { group: string; members: readonly string[] }): Promise<OnDemandResult> {
    if ('user' in subject) {
      this.directory.user(subject.user);
      this.#onDemand = await provisionUserOnDemand(this.#ctx, subject.user);
      return this.#onDemand;
    }
    this.directory.group(subject.group);
    if (subject.members.length > ON_DEMAND_MEMBER_LIMIT) throw new EntraConfigurationError(`provision on demand takes a group with at most ${ON_DEMAND_MEMBER_LIMIT} members; ${subject.members.length} were given`);
    for (const member of subject.members) {
      if (!this.directory.group(subject.group).members.includes(member)) throw new EntraConfigurationError(`'${member}' is not a member of group '${subject.group}'`);
    }
    this.#onDemand = await provisionGroupOnDemand(this.#ctx, subject.group, subject.members);
    return this.#onDemand;
  }

  // ── The clock ─────────────────────────────────────────────────────────────────────────────────

  /** Moves to the next scheduled cycle and runs it, `count` times. */
  async nextCycle(count = 1): Promise<void> {
    for (let i = 0; i < count; i++) {
      const at = this.state.nextCycleAt;
      if (at === undefined) throw new EntraConfigurationError(`no cycle is scheduled: the provisioning job is ${describeState(this.state.state)}`);
      this.#moveClockTo(at);
      await this.#runCycleNow();
    }
  }

  /** Moves the clock; every cycle that falls due on the way runs at its time. */
  async advance(ms: number): Promise<void> {
    const end = this.#ctx.clock.now().getTime() + ms;
    while (this.state.nextCycleAt !== undefined && this.state.nextCycleAt.getTime() <= end) {
      this.#moveClockTo(this.state.nextCycleAt);
      await this.#runCycleNow();
    }
    this.#moveClockTo(new Date(end));
  }

  // ── Users and groups (Entra admin center) ─────────────────────────────────────────────────────

  assign(users: readonly string[], groups: readonly string[] = []): void {
    for (const key of users) this.directory.user(key);
    for (const key of groups) this.directory.group(key);
    this.#watchingScope(() => {
      for (const key of users) this.directory.assignedUsers.add(key);
      for (const key of groups) this.directory.assignedGroups.add(key);
    });
    for (const key of groups) this.state.changedGroups.add(key);
  }

  unassign(users: readonly string[], groups: readonly string[] = []): void {
    for (const key of users) this.directory.user(key);
    for (const key of groups) this.directory.group(key);
    this.#watchingScope(() => {
      for (const key of users) this.directory.assignedUsers.delete(key);
      for (const key of groups) this.directory.assignedGroups.delete(key);
    });
    for (const key of groups) this.state.changedGroups.add(key);
  }

  /** Entra attribute values; `null` clears one (and Entra never sends the clearing, research §2.8 #9). */
  updateUser(key: string, set: Record<string, unknown>): void {
    const user = this.directory.user(key);
    for (const [name, value] of Object.entries(set)) {
      if (name === 'objectId') throw new EntraConfigurationError('objectId cannot be changed');
      user.profile[name] = value === null || value === undefined ? null : typeof value === 'boolean' ? (value ? 'True' : 'False') : Array.isArray(value) ? value.map(String) : String(value);
    }
    this.state.changedUsers.add(key);
  }

  /** Deleted users stay in the recycle bin for 30 days, then Entra purges them (E-HOW). */
  softDelete(keys: readonly string[]): void {
    for (const key of keys) {
      this.directory.user(key).status = 'deleted';
      this.#purgeAt.set(key, new Date(this.#ctx.clock.now().getTime() + this.settings.softDeleteRetentionMs));
      this.state.changedUsers.add(key);
    }
  }

  restore(keys: readonly string[]): void {
    for (const key of keys) {
      const user = this.directory.user(key);
      if (this.state.hardDeletedUsers.has(key) || !this.#purgeAt.has(key)) throw new EntraConfigurationError(`'${key}' is not in the deleted users list`);
      user.status = 'active';
      this.#purgeAt.delete(key);
      this.state.changedUsers.add(key);
    }
  }

  /** "Delete permanently": the user is purged now. */
  hardDelete(keys: readonly string[]): void {
    for (const key of keys) this.#purge(key);
  }

  disableAccount(keys: readonly string[]): void {
    for (const key of keys) this.updateUser(key, { accountEnabled: 'False' });
  }

  enableAccount(keys: readonly string[]): void {
    for (const key of keys) this.updateUser(key, { accountEnabled: 'True' });
  }

  addToGroup(groupKey: string, users: readonly string[]): void {
    this.#watchingScope(() => {
      for (const key of users) {
        this.directory.addMember(groupKey, key);
        this.state.noteMemberChange(groupKey, key);
      }
    });
    this.state.changedGroups.add(groupKey);
  }

  removeFromGroup(groupKey: string, users: readonly string[]): void {
    this.#watchingScope(() => {
      for (const key of users) {
        this.directory.removeMember(groupKey, key);
        this.state.noteMemberChange(groupKey, key);
      }
    });
    this.state.changedGroups.add(groupKey);
  }

  renameGroup(groupKey: string, name: string): void {
    this.directory.group(groupKey).name = name;
    this.state.changedGroups.add(groupKey);
  }

  deleteGroup(keys: readonly string[]): void {
    this.#watchingScope(() => {
      for (const key of keys) {
        this.state.deletedGroups.add(key);
        this.directory.assignedGroups.delete(key);
        this.directory.group(key).members = [];
      }
    });
    for (const key of keys) this.state.changedGroups.add(key);
  }

  // ── What the admin sees ───────────────────────────────────────────────────────────────────────

  /**
   * The Provisioning blade and the provisioning logs: job status with quarantine, Test Connection's
   * answer, per user and group what Entra holds (link, escrow, last log row), every log row, cycles.
   */
  adminView(): Record<string, unknown> {
    const { state } = this;
    const iso = (date: Date | undefined) => date?.toISOString() ?? null;
    const lastRow = (object: 'user' | 'group', key: string) => {
      for (let i = state.logs.length - 1; i >= 0; i--) if (state.logs[i]!.object === object && state.logs[i]!.key === key) return state.logs[i];
      return null;
    };
    const escrowOf = (object: 'user' | 'group', key: string) => {
      const escrow = state.escrows.get(`${object}:${key}`);
      return escrow ? { errorCode: escrow.errorCode, failures: escrow.failures, firstFailureAt: escrow.firstFailureAt.toISOString(), nextRetryAt: escrow.nextRetryAt.toISOString(), reference: escrow.reference } : null;
    };
    const users: Record<string, unknown> = {};
    for (const user of this.directory.users.values()) {
      const link = state.users.get(user.key);
      users[user.key] = {
        objectId: user.id,
        status: state.hardDeletedUsers.has(user.key) || (user.status === 'deleted' && !this.#purgeAt.has(user.key)) ? 'hardDeleted' : user.status === 'deleted' ? 'softDeleted' : 'active',
        accountEnabled: user.profile['accountEnabled'] !== 'False',
        assigned: this.directory.isAssigned(user.key),
        inScope: isUserInScope(this.directory, this.settings, user),
        targetId: link?.targetId ?? null,
        managed: link?.managed ?? false,
        disabledInTarget: link?.disabledInTarget ?? false,
        escrow: escrowOf('user', user.key),
        lastLog: lastRow('user', user.key),
      };
    }
    const groups: Record<string, unknown> = {};
    for (const group of this.directory.groups.values()) {
      const link = state.groups.get(group.key);
      groups[group.key] = {
        objectId: group.id,
        name: group.name,
        assigned: this.directory.assignedGroups.has(group.key),
        deleted: state.deletedGroups.has(group.key),
        targetId: link?.targetId ?? null,
        members: link ? [...link.members] : [],
        held: link ? [...link.held] : [],
        escrow: escrowOf('group', group.key),
        lastLog: lastRow('group', group.key),
      };
    }
    const last = state.cycles[state.cycles.length - 1];
    return {
      job: {
        state: state.state,
        quarantine: state.quarantine ? { reason: state.quarantine.reason, detail: state.quarantine.detail, seriesBegan: iso(state.quarantine.seriesBegan), currentBegan: iso(state.quarantine.currentBegan), nextAttempt: iso(state.quarantine.nextAttempt) } : null,
        cycles: state.cycles.length,
        lastCycle: last ?? null,
        nextCycleAt: iso(state.nextCycleAt),
        watermark: iso(state.watermark),
        initialCyclePending: state.initialPending,
      },
      testConnection: this.#testConnection ? { result: this.#testConnection.result, message: this.#testConnection.message } : null,
      onDemand: this.#onDemand ?? null,
      users,
      groups,
      logs: state.logs,
      cycles: state.cycles,
      escrows: [...state.escrows.values()].map((e) => ({ object: e.object, key: e.key, errorCode: e.errorCode, failures: e.failures, nextRetryAt: e.nextRetryAt.toISOString() })),
    };
  }

  /** The ❓ behaviours this tenant's requests relied on, with their values and why they are guesses. */
  assumptions(): Array<{ setting: keyof EntraAssumedSettings; value: unknown; note: string }> {
    return [...this.#assumptions].sort().map((setting) => ({ setting, value: this.settings.assumed[setting], note: ENTRA_ASSUMPTION_NOTES[setting] }));
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────────

  /** What a restart clears (E-QUAR): escrows, quarantine, the watermark; the next cycle is an initial one. */
  #startOver(): void {
    this.state.escrows.clear();
    this.state.quarantine = undefined;
    this.state.watermark = undefined;
    this.state.initialPending = true;
  }

  async #runCycleNow(): Promise<void> {
    this.#purgeDue();
    await runCycle(this.#ctx);
  }

  #moveClockTo(at: Date): void {
    const delta = at.getTime() - this.#ctx.clock.now().getTime();
    if (delta > 0) this.#ctx.clock.advance(delta);
    this.#purgeDue();
  }

  /** Soft-deleted users whose 30 days are over are purged, in the order they fell due. */
  #purgeDue(): void {
    const now = this.#ctx.clock.now().getTime();
    for (const [key, at] of [...this.#purgeAt].sort((a, b) => a[1].getTime() - b[1].getTime())) if (at.getTime() <= now) this.#purge(key);
  }

  #purge(key: string): void {
    const user = this.directory.user(key);
    user.status = 'deleted';
    this.#purgeAt.delete(key);
    this.state.hardDeletedUsers.add(key);
    this.directory.assignedUsers.delete(key);
    // A purged user leaves its Entra groups; unless its DELETE takes the memberships with it, the groups drop it.
    for (const group of this.directory.groupsOf(key)) {
      this.directory.removeMember(group.key, key);
      this.state.noteMemberChange(group.key, key);
      this.state.changedGroups.add(group.key);
    }
    this.state.changedUsers.add(key);
  }

  /**
   * Runs an assignment or membership change and marks the users whose scope it changed: they are
   * the changed users of the next cycle. A user whose scope stays as it was is not read again; the
   * group's own change carries the membership (research silent on whether Entra re-reads members).
   */
  #watchingScope(change: () => void): void {
    const before = new Map([...this.directory.users.values()].map((user) => [user.key, isUserInScope(this.directory, this.settings, user)]));
    change();
    for (const user of this.directory.users.values()) if (isUserInScope(this.directory, this.settings, user) !== before.get(user.key)) this.state.changedUsers.add(user.key);
  }

  #setSettings(settings: EntraSettings): void {
    this.settings = settings;
    this.#ctx.settings = settings;
  }
}

function describeState(state: EntraJobState['state']): string {
  return state === 'notStarted' ? 'not started (use startProvisioning)' : state === 'stopped' ? 'stopped' : state === 'disabled' ? 'disabled after four weeks in quarantine' : state;
}
