/**
 * The control adapter: how scenario steps act on a target outside SCIM (account settings,
 * pre-existing users and groups, invitations, SSO sign-ins, tokens, the IP allowlist) and read
 * what SCIM cannot show (a user's effective license, whether a user or group is SCIM-managed).
 * The embedded reference server implements every capability; a vendor plugs in its own module by
 * path (`--control ./my-adapter.js`) and implements what its product can do. A scenario that needs
 * a capability the adapter lacks is skipped with that reason, never failed and never passed.
 *
 * The vocabulary is the dbt platform's (seeds 000-004), the first service provider modelled.
 */

/** What an adapter can do; a scenario names the ones it needs (`requiresControl:`). */
export type ControlCapability =
  /** Change account settings (`AccountSettings`). */
  | 'accountSettings'
  /** Create users and groups outside SCIM (they exist before the IdP provisions anything). */
  | 'seedDirectory'
  /** Invite a user by email and have them accept. */
  | 'invitations'
  /** A user signs in through SSO with their IdP groups (SSO license and group mappings apply). */
  | 'ssoLogin'
  /** Read a user's effective license, SCIM-managed flag, confirmed and pending email. */
  | 'readUser'
  /** Read a group's SCIM-managed flag and members. */
  | 'readGroup'
  /** An admin edits a user or group in the product's own UI (blocked for SCIM-managed ones unless allowed). */
  | 'manualUpdate'
  /** Confirm an email change from the confirmation email. */
  | 'confirmEmail'
  /** Restrict the SCIM API to an IP allowlist. */
  | 'ipAllowlist'
  /** Create and delete named SCIM tokens. */
  | 'tokens';

export type LicenseType = string;

/** Account settings, each optional: an adapter applies what is given and keeps the rest. */
export interface AccountSettings {
  /** "Enable SCIM" under SSO & SCIM (seed 001). */
  scimEnabled?: boolean;
  /** "Manage user licenses with SCIM" (seed 002): the SCIM licenseType attribute decides. */
  manageLicensesWithScim?: boolean;
  /** "Allow manual updates" (seed 001, 003): manual changes to SCIM-managed users and groups. */
  allowManualUpdates?: boolean;
  /** License types the account's plan offers (Analyst "only on select plans", seed 002). */
  availableLicenses?: LicenseType[];
  /** SSO license mappings: license type → IdP group names (Developer takes precedence, seed 002). */
  ssoLicenseMappings?: Record<LicenseType, string[]>;
  /** SSO group mappings: product group → IdP group names (not applied to SCIM-managed users, seed 003). */
  ssoGroupMappings?: Record<string, string[]>;
  /** The Enterprise default groups (seed 002): whether new users join Member (which gives Developer). */
  defaultGroups?: { member: boolean };
}

export interface SeedUser {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Product groups the user is in. */
  groups?: string[];
  /** A license set manually in the product. */
  license?: LicenseType;
}

/** What SCIM cannot show about a user. */
export interface UserState {
  exists: boolean;
  license?: LicenseType;
  /**
   * Where the license came from, when the adapter knows: `scim` (the licenseType attribute),
   * `ssoMapping`, `manual`, `memberDefault` (the Member default group), `newUserDefault` (seed 002).
   */
  licenseSource?: string;
  scimManaged?: boolean;
  /** The email the user signs in with. */
  email?: string;
  /** An email change waiting for its confirmation (seed 003). */
  pendingEmail?: string;
  /** The user has accepted their invitation (licensed on the account). */
  accepted?: boolean;
  /** The IdP groups of the user's last SSO sign-in (what SSO license and group mappings read). */
  ssoGroups?: string[];
  groups?: string[];
}

export interface GroupState {
  exists: boolean;
  scimManaged?: boolean;
  members?: string[];
}

/** An admin's edit in the product: whether it went through, and why not. */
export interface ManualUpdateOutcome {
  allowed: boolean;
  reason?: string;
}

export interface ControlAdapter {
  /** Shown in reports: `embedded reference server`, `acme-scim adapter 1.2`. */
  readonly name: string;
  readonly capabilities: ReadonlySet<ControlCapability>;
  /** Back to a clean account (called before each scenario that uses the adapter). */
  reset?(): Promise<void>;
  applySettings?(settings: AccountSettings): Promise<void>;
  createUser?(user: SeedUser): Promise<void>;
  createGroup?(name: string, members: string[]): Promise<void>;
  /** Inviting is a manual action: refused for SCIM-managed accounts unless manual updates are allowed (seed 001). */
  invite?(email: string): Promise<ManualUpdateOutcome>;
  acceptInvitation?(email: string): Promise<void>;
  ssoLogin?(email: string, idpGroups: string[]): Promise<void>;
  /** By the email the user signs in with (= userName on this platform). */
  userState?(email: string): Promise<UserState>;
  groupState?(name: string): Promise<GroupState>;
  manualUpdateUser?(email: string, change: { firstName?: string; lastName?: string; license?: LicenseType }): Promise<ManualUpdateOutcome>;
  manualUpdateGroupMembers?(name: string, change: { add?: string[]; remove?: string[] }): Promise<ManualUpdateOutcome>;
  /** The new address: the user follows the link in the confirmation email sent to it (seed 003). */
  confirmEmail?(newEmail: string): Promise<void>;
  /** `null` lifts the restriction. Addresses in CIDR form; requests from elsewhere get 403. */
  setIpAllowlist?(cidrs: string[] | null): Promise<void>;
  /** Creates a named SCIM token; the value is a secret: reports never show it. */
  createToken?(name: string): Promise<{ token: string }>;
  deleteToken?(name: string): Promise<void>;
  close?(): Promise<void>;
}

/** Why a scenario cannot run against this adapter, or undefined when it can. */
export function missingControlReason(adapter: ControlAdapter | undefined, needed: readonly ControlCapability[]): string | undefined {
  if (needed.length === 0) return undefined;
  if (!adapter) return `needs a control adapter with ${needed.join(', ')}; this target has none (pass --control MODULE)`;
  const missing = needed.filter((capability) => !adapter.capabilities.has(capability));
  return missing.length === 0 ? undefined : `the control adapter '${adapter.name}' lacks ${missing.join(', ')}`;
}
