import { describe, expect, it } from 'vitest';
import { effectiveLicense, ssoMappedLicense, type LicenseInputs, type LicenseSource } from './license.js';

const mappings = { developer: ['dbt_developers'], read_only: ['dbt_read_only'] };
const GROUPS = {
  dev: ['dbt_developers'],
  ro: ['dbt_read_only'],
  both: ['dbt_read_only', 'dbt_developers'],
  neither: ['everyone'],
} as const;

type Row = [groups: keyof typeof GROUPS, toggle: 'on' | 'off', member: boolean, scim: 'read_only' | undefined, license: string, source: LicenseSource];

/** Every combination: IdP groups × "Manage user licenses with SCIM" × Member × SCIM licenseType (read_only, so it differs from the defaults). */
const TABLE: Row[] = [
  // toggle on: the SCIM attribute decides; mappings ignored; without one, the defaults
  ['dev', 'on', true, 'read_only', 'read_only', 'scim'],
  ['dev', 'on', true, undefined, 'developer', 'memberDefault'],
  ['dev', 'on', false, 'read_only', 'read_only', 'scim'],
  ['dev', 'on', false, undefined, 'developer', 'newUserDefault'],
  ['ro', 'on', true, 'read_only', 'read_only', 'scim'],
  ['ro', 'on', true, undefined, 'developer', 'memberDefault'],
  ['ro', 'on', false, 'read_only', 'read_only', 'scim'],
  ['ro', 'on', false, undefined, 'developer', 'newUserDefault'],
  ['both', 'on', true, 'read_only', 'read_only', 'scim'],
  ['both', 'on', true, undefined, 'developer', 'memberDefault'],
  ['both', 'on', false, 'read_only', 'read_only', 'scim'],
  ['both', 'on', false, undefined, 'developer', 'newUserDefault'],
  ['neither', 'on', true, 'read_only', 'read_only', 'scim'],
  ['neither', 'on', true, undefined, 'developer', 'memberDefault'],
  ['neither', 'on', false, 'read_only', 'read_only', 'scim'],
  ['neither', 'on', false, undefined, 'developer', 'newUserDefault'],
  // toggle off: a mapping match decides, Developer first; then Member; then the SCIM attribute; then Developer
  ['dev', 'off', true, 'read_only', 'developer', 'ssoMapping'],
  ['dev', 'off', true, undefined, 'developer', 'ssoMapping'],
  ['dev', 'off', false, 'read_only', 'developer', 'ssoMapping'],
  ['dev', 'off', false, undefined, 'developer', 'ssoMapping'],
  ['ro', 'off', true, 'read_only', 'read_only', 'ssoMapping'],
  ['ro', 'off', true, undefined, 'read_only', 'ssoMapping'],
  ['ro', 'off', false, 'read_only', 'read_only', 'ssoMapping'],
  ['ro', 'off', false, undefined, 'read_only', 'ssoMapping'],
  ['both', 'off', true, 'read_only', 'developer', 'ssoMapping'],
  ['both', 'off', true, undefined, 'developer', 'ssoMapping'],
  ['both', 'off', false, 'read_only', 'developer', 'ssoMapping'],
  ['both', 'off', false, undefined, 'developer', 'ssoMapping'],
  ['neither', 'off', true, 'read_only', 'developer', 'memberDefault'],
  ['neither', 'off', true, undefined, 'developer', 'memberDefault'],
  ['neither', 'off', false, 'read_only', 'read_only', 'scim'],
  ['neither', 'off', false, undefined, 'developer', 'newUserDefault'],
];

function inputs(row: Row, extra: Partial<LicenseInputs> = {}): LicenseInputs {
  const [groups, toggle, member, scim] = row;
  return { manageLicensesWithScim: toggle === 'on', ssoLicenseMappings: mappings, idpGroups: GROUPS[groups], manualLicense: undefined, inMemberGroup: member, scimLicenseType: scim, ...extra };
}

describe('effectiveLicense', () => {
  it('covers all 32 combinations of groups × toggle × Member × SCIM licenseType', () => {
    expect(new Set(TABLE.map(([g, t, m, s]) => `${g}/${t}/${m}/${s}`)).size).toBe(32);
  });

  it.each(TABLE)('groups %s, toggle %s, Member %s, SCIM %s → %s (%s)', (...row) => {
    const [, , , , license, source] = row;
    expect(effectiveLicense(inputs(row))).toEqual({ license, source });
  });

  it('a manual license wins when no mapping matches and the toggle is off; the toggle on ignores it', () => {
    for (const row of TABLE) {
      const [groups, toggle] = row;
      const result = effectiveLicense(inputs(row, { manualLicense: 'it' }));
      if (toggle === 'on') expect(result).toEqual(effectiveLicense(inputs(row)));
      else if (groups === 'neither') expect(result).toEqual({ license: 'it', source: 'manual' });
      else expect(result.source).toBe('ssoMapping');
    }
  });

  it('without an SSO sign-in no mapping applies', () => {
    expect(effectiveLicense({ ...inputs(['dev', 'off', false, undefined, '', 'scim']), idpGroups: undefined })).toEqual({ license: 'developer', source: 'newUserDefault' });
  });
});

describe('ssoMappedLicense', () => {
  it('ranks developer, analyst, it, read_only; unknown licenses last', () => {
    const all = { read_only: ['a'], it: ['b'], analyst: ['c'], developer: ['d'], custom: ['e'] };
    expect(ssoMappedLicense(all, ['a', 'b', 'c', 'd', 'e'])).toBe('developer');
    expect(ssoMappedLicense(all, ['a', 'b', 'c', 'e'])).toBe('analyst');
    expect(ssoMappedLicense(all, ['a', 'b', 'e'])).toBe('it');
    expect(ssoMappedLicense(all, ['e', 'a'])).toBe('read_only');
    expect(ssoMappedLicense(all, ['e'])).toBe('custom');
    expect(ssoMappedLicense(all, ['z'])).toBeUndefined();
    expect(ssoMappedLicense(all, [])).toBeUndefined();
  });
});
