/**
 * dbt platform license types and the precedence that decides a user's effective license
 * (seed 002, "Manage user licenses with SCIM"). Pure: no server state, so the table test can
 * cover every combination.
 */

/**
 * The values of the `licenseType` attribute. The seed's own value table did not load
 * ("Loading table..."), so these come from elsewhere: `developer` and `read_only` from seed 002's
 * Okta expression `IIF(isMemberOf("dbt_developers"), "developer", "read_only")`, `it` from the
 * dbtcloud Terraform/Pulumi provider's license types (developer, read_only, it), and `analyst`
 * from seed 002's "Analyst license: Only available on select plans".
 * Seed 002: "the casing should match for each value" — compared exactly.
 */
export const LICENSE_TYPES = ['developer', 'read_only', 'analyst', 'it'] as const;
export type KnownLicense = (typeof LICENSE_TYPES)[number];

/** Seed 002: "Analyst license: Only available on select plans." — so not by default. */
export const DEFAULT_AVAILABLE_LICENSES: readonly KnownLicense[] = ['developer', 'read_only', 'it'];

/** Seed 002: "New users are assigned a Developer license unless you change it". */
export const DEFAULT_LICENSE: KnownLicense = 'developer';

export function isKnownLicense(value: string): value is KnownLicense {
  return (LICENSE_TYPES as readonly string[]).includes(value);
}

/**
 * When several SSO license mappings match: seed 002 "With SSO license mapping, the Developer
 * license takes precedence over all other licenses". The order of the others is not in the
 * seeds (decision): the seat with more access first — analyst, then it, then read_only.
 */
export const SSO_MAPPING_PRECEDENCE: readonly KnownLicense[] = ['developer', 'analyst', 'it', 'read_only'];

/** Where the effective license came from (shown as `licenseSource` by the control adapter). */
export type LicenseSource = 'scim' | 'ssoMapping' | 'manual' | 'memberDefault' | 'newUserDefault';

export interface LicenseInputs {
  /** "Manage user licenses with SCIM" (seed 002). */
  manageLicensesWithScim: boolean;
  /** License type → IdP group names. */
  ssoLicenseMappings: Readonly<Record<string, readonly string[]>>;
  /** The IdP groups of the user's last SSO sign-in; undefined = never signed in through SSO. */
  idpGroups: readonly string[] | undefined;
  /** A license set manually in the product. */
  manualLicense: string | undefined;
  /** In the Enterprise default group Member. */
  inMemberGroup: boolean;
  /** The SCIM `licenseType` the IdP sent. */
  scimLicenseType: string | undefined;
}

export interface EffectiveLicense {
  license: string;
  source: LicenseSource;
}

/** The license the SSO license mappings give for these IdP groups, if any mapping matches. */
export function ssoMappedLicense(mappings: LicenseInputs['ssoLicenseMappings'], idpGroups: readonly string[] | undefined): string | undefined {
  if (!idpGroups || idpGroups.length === 0) return undefined;
  const matched = Object.entries(mappings)
    .filter(([, groups]) => groups.some((group) => idpGroups.includes(group)))
    .map(([license]) => license);
  if (matched.length === 0) return undefined;
  const rank = (license: string) => {
    const index = (SSO_MAPPING_PRECEDENCE as readonly string[]).indexOf(license);
    return index === -1 ? SSO_MAPPING_PRECEDENCE.length : index;
  };
  return [...matched].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * The effective license.
 *
 * Toggle on — seed 002: "This setting enforces license type for a user based on their SCIM
 * attribute and disable the license mapping and manual configuration set up in dbt" and "Once
 * enabled, any existing license mappings in dbt will be ignored": the SCIM licenseType; without
 * one (seeds silent, decision) the defaults below (Member, then new-user Developer).
 *
 * Toggle off — seed 002: "Set up SCIM but keep the toggle disabled so existing license mappings
 * continue to work as expected": an SSO mapping match decides (Developer first); then a manual
 * license; then Member's Developer — seed 002 "Users in the Enterprise default group Member are
 * assigned a Developer license by default ... that default applies when they're not in any IdP
 * license-mapping groups. Once you enable SCIM license mapping, the IdP group mapping overrides
 * the Member default" (so before the toggle, Member beats the SCIM attribute); then the SCIM
 * licenseType — seed 002's migration step "Test that SCIM attributes are being used to set
 * license type in dbt" happens with the toggle still off, and "New users are assigned a Developer
 * license unless you change it manually using SSO license mappings, or using SCIM"; finally
 * Developer for new users.
 */
export function effectiveLicense(inputs: LicenseInputs): EffectiveLicense {
  if (inputs.manageLicensesWithScim) {
    if (inputs.scimLicenseType !== undefined) return { license: inputs.scimLicenseType, source: 'scim' };
    return inputs.inMemberGroup ? { license: 'developer', source: 'memberDefault' } : { license: DEFAULT_LICENSE, source: 'newUserDefault' };
  }
  const mapped = ssoMappedLicense(inputs.ssoLicenseMappings, inputs.idpGroups);
  if (mapped !== undefined) return { license: mapped, source: 'ssoMapping' };
  if (inputs.manualLicense !== undefined) return { license: inputs.manualLicense, source: 'manual' };
  if (inputs.inMemberGroup) return { license: 'developer', source: 'memberDefault' };
  if (inputs.scimLicenseType !== undefined) return { license: inputs.scimLicenseType, source: 'scim' };
  return { license: DEFAULT_LICENSE, source: 'newUserDefault' };
}
