import type { AccountSettings, ControlAdapter, ControlCapability, GroupState, ManualUpdateOutcome, SeedUser, UserState } from '../control/control-adapter.js';
import { ScimError } from './errors.js';
import { finalizeData } from './finalize.js';
import { groupType, userType } from './resource-types.js';
import type { ResourceData, ResourceStore, StoredMember, StoredResource } from './store.js';
import type { TokenRegistry } from './tokens.js';
import type { DbtAccount } from './dbt/account.js';
import { IpAllowlist } from './dbt/cidr.js';
import { isKnownLicense, LICENSE_TYPES } from './dbt/license.js';

/**
 * The embedded reference server's control adapter: every capability, in process on the server's
 * store, dbt account and tokens (no HTTP). Scenario mistakes (an unknown user, a duplicate)
 * throw; refusals the product would show an admin are `{ allowed: false, reason }`.
 */

export const REFERENCE_CONTROL_NAME = 'embedded reference server';

const ALL_CAPABILITIES: readonly ControlCapability[] = [
  'accountSettings', 'seedDirectory', 'invitations', 'ssoLogin', 'readUser', 'readGroup', 'manualUpdate', 'confirmEmail', 'ipAllowlist', 'tokens',
];

export function createReferenceControl(parts: { store: ResourceStore; account: DbtAccount; tokens: TokenRegistry }): ControlAdapter {
  const { store, account, tokens } = parts;

  function requireUser(email: string): StoredResource {
    const user = account.findUser(email);
    if (!user) throw new Error(`no user signs in with '${email}'`);
    return user;
  }

  /** Store writes outside SCIM: the same checks as SCIM's, but a ScimError becomes a plain Error. */
  function outsideScim<T>(what: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof ScimError) throw new Error(`${what}: ${error.detail}`);
      throw error;
    }
  }

  /** A user who exists before (or outside) SCIM: an account user, not SCIM-managed. */
  function addAccountUser(user: SeedUser, accepted: boolean): StoredResource {
    if (account.findUser(user.email)) throw new Error(`a user with email '${user.email}' already exists`);
    if (user.license !== undefined && !isKnownLicense(user.license)) throw new Error(`unknown license type '${user.license}' (known: ${LICENSE_TYPES.join(', ')})`);
    const data: ResourceData = {
      userName: user.email,
      emails: [{ value: user.email, type: 'work', primary: true }],
      active: true,
    };
    if (user.firstName !== undefined || user.lastName !== undefined) {
      data.name = { ...(user.firstName !== undefined ? { givenName: user.firstName } : {}), ...(user.lastName !== undefined ? { familyName: user.lastName } : {}) };
      data.displayName = [user.firstName, user.lastName].filter(Boolean).join(' ');
    }
    const resource = outsideScim(`creating user '${user.email}'`, () => store.create('User', finalizeData(userType, data, store)));
    account.setUser(resource.id, {
      email: user.email,
      scimManaged: false,
      accepted,
      ...(user.license !== undefined ? { manualLicense: user.license } : {}),
      inMemberGroup: account.joinsMemberByDefault(),
    });
    for (const name of user.groups ?? []) setMembership(name, resource, true, { createMissing: true });
    return resource;
  }

  /** Put a user in a product group (or take them out); the Member default group lives in the account. */
  function setMembership(name: string, user: StoredResource, member: boolean, options: { createMissing: boolean }): void {
    if (account.isMemberGroup(name)) {
      account.userRecord(user).inMemberGroup = member;
      return;
    }
    let group = account.findGroup(name);
    if (!group) {
      if (!member) return;
      if (!options.createMissing) throw new Error(`no group named '${name}'`);
      group = outsideScim(`creating group '${name}'`, () => store.create('Group', { displayName: name }));
      account.setGroupManaged(group.id, false);
    }
    const members = Array.isArray(group.data.members) ? (group.data.members as StoredMember[]) : [];
    const has = members.some((entry) => entry.value === user.id);
    if (has === member) return;
    const next = member ? [...members, { value: user.id, type: 'User' as const }] : members.filter((entry) => entry.value !== user.id);
    const { members: _old, ...rest } = group.data;
    store.update(group, next.length > 0 ? { ...rest, members: next } : rest);
  }

  /** Seed 001/003: manual changes to SCIM-managed users and groups are blocked unless "Allow manual updates" is on. */
  function manualBlock(scimManaged: boolean, what: string): ManualUpdateOutcome | undefined {
    if (!account.scimEnabled || !scimManaged || account.settings.allowManualUpdates) return undefined;
    return { allowed: false, reason: `${what} is SCIM-managed: manual updates are disabled (enable "Allow manual updates" in the SCIM settings).` };
  }

  const adapter: ControlAdapter = {
    name: REFERENCE_CONTROL_NAME,
    capabilities: new Set(ALL_CAPABILITIES),

    async reset() {
      store.clear();
      account.reset();
      tokens.reset();
    },

    async applySettings(settings: AccountSettings) {
      account.apply(settings);
    },

    async createUser(user: SeedUser) {
      // Users created by the adapter are existing account users: they have accepted (decision).
      addAccountUser(user, true);
    },

    async createGroup(name: string, members: string[]) {
      if (account.findGroup(name)) throw new Error(`a group named '${name}' already exists`);
      const users = members.map(requireUser);
      const group = outsideScim(`creating group '${name}'`, () =>
        store.create('Group', finalizeData(groupType, { displayName: name, ...(users.length > 0 ? { members: users.map((user) => ({ value: user.id })) } : {}) }, store)),
      );
      account.setGroupManaged(group.id, false);
    },

    async invite(email: string) {
      // Seed 001: "Manual updates are turned off by default for all SCIM-managed entities, including the ability to invite new users manually."
      if (account.scimEnabled && !account.settings.allowManualUpdates) {
        return { allowed: false, reason: `inviting '${email}' manually is disabled while SCIM is enabled (enable "Allow manual updates" in the SCIM settings)` };
      }
      const existing = account.findUser(email);
      if (existing) {
        if (account.user(existing).accepted) throw new Error(`'${email}' is already a licensed user of the account`);
        return { allowed: true }; // invited again
      }
      addAccountUser({ email }, false);
      return { allowed: true };
    },

    async acceptInvitation(email: string) {
      account.userRecord(requireUser(email)).accepted = true;
    },

    async ssoLogin(email: string, idpGroups: string[]) {
      // Signing in through SSO creates the user just in time when the account does not know them (decision).
      const user = account.findUser(email) ?? addAccountUser({ email }, true);
      const record = account.userRecord(user);
      record.idpGroups = [...idpGroups];
      // Seed 003: "SSO group mappings do not apply to SCIM-managed users."
      if (record.scimManaged) return;
      for (const [group, mapped] of Object.entries(account.settings.ssoGroupMappings)) {
        setMembership(group, user, mapped.some((name) => idpGroups.includes(name)), { createMissing: true });
      }
    },

    async userState(email: string): Promise<UserState> {
      return account.userState(email);
    },

    async groupState(name: string): Promise<GroupState> {
      return account.groupState(name);
    },

    async manualUpdateUser(email, change) {
      const user = requireUser(email);
      const record = account.userRecord(user);
      const blocked = manualBlock(record.scimManaged, `User '${record.email}'`);
      if (blocked) return blocked;
      if (change.license !== undefined) {
        // Seed 002: the toggle "disable[s] the license mapping and manual configuration set up in dbt".
        if (account.settings.manageLicensesWithScim) return { allowed: false, reason: 'Licenses are managed with SCIM ("Manage user licenses with SCIM" is on): manual license changes are disabled.' };
        if (!isKnownLicense(change.license)) return { allowed: false, reason: `'${change.license}' is not a license type (known: ${LICENSE_TYPES.join(', ')}).` };
        if (!account.settings.availableLicenses.includes(change.license)) return { allowed: false, reason: `The license type '${change.license}' is not available for this account.` };
        record.manualLicense = change.license;
      }
      if (change.firstName !== undefined || change.lastName !== undefined) {
        const name = { ...(user.data.name as Record<string, unknown> | undefined) };
        if (change.firstName !== undefined) name.givenName = change.firstName;
        if (change.lastName !== undefined) name.familyName = change.lastName;
        store.update(user, { ...user.data, name });
      }
      return { allowed: true };
    },

    async manualUpdateGroupMembers(name, change) {
      const group = account.findGroup(name);
      if (!group && !account.isMemberGroup(name)) throw new Error(`no group named '${name}'`);
      if (group) {
        const blocked = manualBlock(account.groupManaged(group), `Group '${String(group.data.displayName)}'`);
        if (blocked) return blocked;
      }
      const adds = (change.add ?? []).map(requireUser);
      const removes = (change.remove ?? []).map(requireUser);
      for (const user of adds) setMembership(name, user, true, { createMissing: false });
      for (const user of removes) setMembership(name, user, false, { createMissing: false });
      return { allowed: true };
    },

    async confirmEmail(email: string) {
      const user = account.findUser(email);
      const record = user ? account.user(user) : undefined;
      if (!user || record?.pendingEmail === undefined || record.pendingEmail.toLowerCase() !== email.toLowerCase()) {
        throw new Error(`no email change to '${email}' is waiting for its confirmation`);
      }
      const stored = account.userRecord(user);
      stored.email = record.pendingEmail;
      delete stored.pendingEmail;
    },

    async setIpAllowlist(cidrs: string[] | null) {
      account.allowlist = cidrs === null ? null : new IpAllowlist(cidrs);
    },

    async createToken(name: string) {
      return { token: tokens.create(name) };
    },

    async deleteToken(name: string) {
      tokens.delete(name);
    },

    async close() {
      // The server owns the state; closing the server is enough.
    },
  };
  return adapter;
}
