import type { AccountSettings, GroupState, UserState } from '../../control/control-adapter.js';
import type { ResourceStore, StoredMember, StoredResource } from '../store.js';
import type { IpAllowlist } from './cidr.js';
import { DEFAULT_AVAILABLE_LICENSES, effectiveLicense, isKnownLicense, LICENSE_TYPES } from './license.js';
import { DBT_USER_EXTENSION } from './schema.js';

/**
 * The dbt platform account the reference server models (seeds 001-004): its settings, what it
 * knows about each user and group beyond SCIM (SCIM-managed, invitation accepted, sign-in email,
 * manual license, last SSO groups, the Member default group) and the IP allowlist. Users and
 * groups themselves are the SCIM store's resources; records are keyed by resource id.
 * While `scimEnabled` is off the server is the plain RFC server (dbt/provisioning.ts checks it).
 */

export interface DbtSettings {
  scimEnabled: boolean;
  manageLicensesWithScim: boolean;
  allowManualUpdates: boolean;
  availableLicenses: string[];
  ssoLicenseMappings: Record<string, string[]>;
  ssoGroupMappings: Record<string, string[]>;
  defaultGroups: { member: boolean };
}

/** A clean account. */
export function defaultSettings(): DbtSettings {
  return {
    scimEnabled: false,
    manageLicensesWithScim: false,
    // Seed 001: "Manual updates are turned off by default for all SCIM-managed entities".
    allowManualUpdates: false,
    availableLicenses: [...DEFAULT_AVAILABLE_LICENSES],
    ssoLicenseMappings: {},
    ssoGroupMappings: {},
    // Seed 002: "On the Enterprise licensing page, the following default groups are available" (Member among them).
    defaultGroups: { member: true },
  };
}

export interface AccountUser {
  /** The email the user signs in with (confirmed). */
  email: string;
  /** A SCIM email change waiting for its confirmation (seed 003). */
  pendingEmail?: string;
  scimManaged: boolean;
  /** Accepted the invitation: licensed on the account (seed 003). */
  accepted: boolean;
  manualLicense?: string;
  /** IdP groups of the last SSO sign-in. */
  idpGroups?: string[];
  /** In the Enterprise default group Member (seed 002). */
  inMemberGroup: boolean;
}

/** The Enterprise default group (seed 002 "Users in the Enterprise default group Member are assigned a Developer license by default"). */
export const MEMBER_GROUP = 'Member';

export class DbtAccount {
  settings: DbtSettings = defaultSettings();
  allowlist: IpAllowlist | null = null;
  private readonly users = new Map<string, AccountUser>();
  /** Group id → SCIM-managed; groups without an entry came through SCIM. */
  private readonly groups = new Map<string, { scimManaged: boolean }>();

  constructor(readonly store: ResourceStore) {}

  get scimEnabled(): boolean {
    return this.settings.scimEnabled;
  }

  reset(): void {
    this.settings = defaultSettings();
    this.allowlist = null;
    this.users.clear();
    this.groups.clear();
  }

  /** Apply what is given, keep the rest. Unknown license names are a scenario mistake (thrown). */
  apply(settings: AccountSettings): void {
    const known = (license: string, where: string) => {
      if (!isKnownLicense(license)) throw new Error(`${where}: unknown license type '${license}' (known: ${LICENSE_TYPES.join(', ')})`);
    };
    settings.availableLicenses?.forEach((license) => known(license, 'availableLicenses'));
    Object.keys(settings.ssoLicenseMappings ?? {}).forEach((license) => known(license, 'ssoLicenseMappings'));
    const next = { ...this.settings };
    if (settings.scimEnabled !== undefined) next.scimEnabled = settings.scimEnabled;
    if (settings.manageLicensesWithScim !== undefined) next.manageLicensesWithScim = settings.manageLicensesWithScim;
    if (settings.allowManualUpdates !== undefined) next.allowManualUpdates = settings.allowManualUpdates;
    if (settings.availableLicenses !== undefined) next.availableLicenses = [...settings.availableLicenses];
    if (settings.ssoLicenseMappings !== undefined) next.ssoLicenseMappings = copyMapping(settings.ssoLicenseMappings);
    if (settings.ssoGroupMappings !== undefined) next.ssoGroupMappings = copyMapping(settings.ssoGroupMappings);
    if (settings.defaultGroups !== undefined) next.defaultGroups = { member: settings.defaultGroups.member };
    this.settings = next;
  }

  /**
   * The record of a user. A user without one came through SCIM outside dbt mode: SCIM-managed
   * (it came through SCIM), accepted (no invitations outside dbt mode), signing in with its userName.
   */
  user(resource: StoredResource): AccountUser {
    return this.users.get(resource.id) ?? { email: String(resource.data.userName), scimManaged: true, accepted: true, inMemberGroup: false };
  }

  /** The record, stored so it can be changed. */
  userRecord(resource: StoredResource): AccountUser {
    let record = this.users.get(resource.id);
    if (!record) this.users.set(resource.id, (record = this.user(resource)));
    return record;
  }

  setUser(id: string, record: AccountUser): void {
    this.users.set(id, record);
  }

  forget(id: string): void {
    this.users.delete(id);
    this.groups.delete(id);
  }

  groupManaged(resource: StoredResource): boolean {
    return this.groups.get(resource.id)?.scimManaged ?? true;
  }

  setGroupManaged(id: string, scimManaged: boolean): void {
    this.groups.set(id, { scimManaged });
  }

  /** New users join Member unless SCIM is on (seed 001 "Users are not automatically added to default groups"). */
  joinsMemberByDefault(): boolean {
    return this.settings.defaultGroups.member && !this.settings.scimEnabled;
  }

  /**
   * The user who signs in with `email`: by confirmed email, then by a pending one, then by
   * userName; exact matches before case-insensitive ones.
   */
  findUser(email: string): StoredResource | undefined {
    const users = this.store.all('User');
    const keys = (resource: StoredResource) => {
      const record = this.user(resource);
      return [record.email, record.pendingEmail, String(resource.data.userName)];
    };
    for (const exact of [true, false]) {
      for (let slot = 0; slot < 3; slot += 1) {
        const found = users.find((resource) => {
          const key = keys(resource)[slot];
          return key !== undefined && (exact ? key === email : key.toLowerCase() === email.toLowerCase());
        });
        if (found) return found;
      }
    }
    return undefined;
  }

  /** A product group by name: the SCIM group with that displayName (any case). */
  findGroup(name: string): StoredResource | undefined {
    return this.store.findByUniqueValue('Group', name);
  }

  /** The default group Member, when no SCIM group has that name. */
  isMemberGroup(name: string): boolean {
    return name.toLowerCase() === MEMBER_GROUP.toLowerCase() && this.findGroup(name) === undefined;
  }

  userState(email: string): UserState {
    const resource = this.findUser(email);
    if (!resource) return { exists: false };
    const record = this.user(resource);
    const { license, source } = effectiveLicense({
      manageLicensesWithScim: this.settings.manageLicensesWithScim,
      ssoLicenseMappings: this.settings.ssoLicenseMappings,
      idpGroups: record.idpGroups,
      manualLicense: record.manualLicense,
      inMemberGroup: record.inMemberGroup,
      // With SCIM off the attribute (kept from when it was on) decides nothing (decision).
      scimLicenseType: this.settings.scimEnabled ? scimLicenseTypeOf(resource) : undefined,
    });
    const groups = this.store.groupsOf(resource.id).map((group) => String(group.data.displayName));
    if (record.inMemberGroup && !groups.some((name) => name.toLowerCase() === MEMBER_GROUP.toLowerCase())) groups.push(MEMBER_GROUP);
    return {
      exists: true,
      license,
      licenseSource: source,
      scimManaged: record.scimManaged,
      email: record.email,
      ...(record.pendingEmail !== undefined ? { pendingEmail: record.pendingEmail } : {}),
      accepted: record.accepted,
      groups,
      ...(record.idpGroups !== undefined ? { ssoGroups: [...record.idpGroups] } : {}),
    };
  }

  groupState(name: string): GroupState {
    const group = this.findGroup(name);
    if (group) {
      const members = (Array.isArray(group.data.members) ? (group.data.members as StoredMember[]) : []).map((member) => {
        const target = this.store.get(member.type, member.value);
        if (!target) return member.value;
        return member.type === 'User' ? this.user(target).email : String(target.data.displayName);
      });
      return { exists: true, scimManaged: this.groupManaged(group), members };
    }
    if (this.isMemberGroup(name)) {
      const members = this.store.all('User').filter((user) => this.user(user).inMemberGroup).map((user) => this.user(user).email);
      return { exists: true, scimManaged: false, members };
    }
    return { exists: false };
  }
}

/** The `licenseType` the IdP sent, if any. */
export function scimLicenseTypeOf(resource: StoredResource): string | undefined {
  const extension = resource.data[DBT_USER_EXTENSION];
  const value = extension !== null && typeof extension === 'object' ? (extension as Record<string, unknown>).licenseType : undefined;
  return typeof value === 'string' ? value : undefined;
}

function copyMapping(mapping: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(mapping).map(([key, groups]) => [key, [...groups]]));
}
