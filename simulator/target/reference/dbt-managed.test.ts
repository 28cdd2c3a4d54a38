import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMembers, groupBody, startDbtFixture, userBody, type DbtFixture } from './fixtures/dbt-fixture.js';
import { PATCH_OP } from './fixtures/reference-fixture.js';

// Rule 3: SCIM-managed users and groups (seeds 001, 003).

let f: DbtFixture;
beforeAll(async () => {
  f = await startDbtFixture();
});
afterAll(() => f.close());
beforeEach(() => f.dbtMode());

const filterUserName = (value: string) => `/Users?filter=${encodeURIComponent(`userName eq "${value}"`)}`;

describe('SCIM-managed users', () => {
  it('users and groups created through SCIM are managed; adapter-created ones are not', async () => {
    const user = (await f.request('POST', '/Users', { body: userBody('scim@example.com') })).body;
    await f.request('POST', '/Groups', { body: groupBody('Scim Group') });
    await f.control.createUser!({ email: 'old@example.com' });
    await f.control.createGroup!('Old Group', ['old@example.com']);
    expect(user.id).toEqual(expect.any(String));
    expect(await f.control.userState!('scim@example.com')).toMatchObject({ exists: true, scimManaged: true, accepted: false });
    expect(await f.control.groupState!('Scim Group')).toEqual({ exists: true, scimManaged: true, members: [] });
    expect(await f.control.userState!('old@example.com')).toMatchObject({ exists: true, scimManaged: false, accepted: true });
    expect(await f.control.groupState!('Old Group')).toEqual({ exists: true, scimManaged: false, members: ['old@example.com'] });
  });

  it('a POST with the exact userName of a pre-existing user adopts it (201, same id) instead of 409', async () => {
    await f.control.createUser!({ email: 'Jane.Doe@example.com', firstName: 'Jane', lastName: 'Doe', license: 'read_only' });
    const before = (await f.request('GET', filterUserName('Jane.Doe@example.com'))).body.Resources[0];
    const adopted = await f.request('POST', '/Users', { body: userBody('Jane.Doe@example.com', { name: { givenName: 'Janet', familyName: 'Doe' }, externalId: 'okta-1' }) });
    expect(adopted.status).toBe(201);
    expect(adopted.body).toMatchObject({ id: before.id, userName: 'Jane.Doe@example.com', externalId: 'okta-1', name: { givenName: 'Janet' } });
    expect(await f.control.userState!('Jane.Doe@example.com')).toMatchObject({ scimManaged: true, accepted: true, license: 'read_only' });
    const again = await f.request('POST', '/Users', { body: userBody('Jane.Doe@example.com') });
    expect(again.status).toBe(409); // managed now: a second create is a conflict
  });

  it('a userName differing only in case does not match: the filter misses and the POST is a 409 conflict', async () => {
    await f.control.createUser!({ email: 'jane.doe@example.com' });
    const lookup = await f.request('GET', filterUserName('Jane.Doe@example.com'));
    expect(lookup.body.totalResults).toBe(0);
    const conflict = await f.request('POST', '/Users', { body: userBody('Jane.Doe@example.com') });
    expect(conflict.status).toBe(409);
    expect(conflict.body.scimType).toBe('uniqueness');
    expect(await f.control.userState!('jane.doe@example.com')).toMatchObject({ scimManaged: false });
    expect((await f.request('GET', filterUserName('jane.doe@example.com'))).body.totalResults).toBe(1);
  });

  it('an IdP that finds the user by its exact userName and updates it (PATCH/PUT) links it', async () => {
    await f.control.createUser!({ email: 'found@example.com' });
    const { id } = (await f.request('GET', filterUserName('found@example.com'))).body.Resources[0];
    const patched = await f.request('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'externalId', value: 'entra-1' }] } });
    expect(patched.status).toBe(200);
    expect(await f.control.userState!('found@example.com')).toMatchObject({ scimManaged: true });
  });

  it('a POST with the exact displayName of a pre-existing group adopts it', async () => {
    await f.control.createGroup!('Analytics', []);
    const existing = (await f.request('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Analytics"')}`)).body.Resources[0];
    const adopted = await f.request('POST', '/Groups', { body: groupBody('Analytics') });
    expect(adopted.status).toBe(201);
    expect(adopted.body.id).toBe(existing.id);
    expect((await f.control.groupState!('Analytics')).scimManaged).toBe(true);
    expect((await f.request('POST', '/Groups', { body: groupBody('analytics') })).status).toBe(409);
  });
});

describe('manual updates (Allow manual updates)', () => {
  it('off: manual changes to SCIM-managed users and groups are refused with a reason; unmanaged ones are allowed', async () => {
    const user = (await f.request('POST', '/Users', { body: userBody('m@example.com') })).body;
    await f.request('POST', '/Groups', { body: groupBody('Managed') });
    await f.control.createUser!({ email: 'u@example.com' });
    await f.control.createGroup!('Unmanaged', []);
    const blockedUser = await f.control.manualUpdateUser!('m@example.com', { firstName: 'Changed' });
    expect(blockedUser).toEqual({ allowed: false, reason: expect.stringMatching(/SCIM-managed.*Allow manual updates/) });
    expect((await f.request('GET', `/Users/${user.id}`)).body.name.givenName).toBe('Ann');
    expect((await f.control.manualUpdateGroupMembers!('Managed', { add: ['u@example.com'] })).allowed).toBe(false);
    expect((await f.control.groupState!('Managed')).members).toEqual([]);
    expect(await f.control.manualUpdateUser!('u@example.com', { lastName: 'Manual' })).toEqual({ allowed: true });
    expect(await f.control.manualUpdateGroupMembers!('Unmanaged', { add: ['m@example.com'] })).toEqual({ allowed: true });
    expect((await f.control.groupState!('Unmanaged')).members).toEqual(['m@example.com']);
  });

  it('on: manual changes to SCIM-managed entities go through', async () => {
    await f.dbtMode({ allowManualUpdates: true });
    const user = (await f.request('POST', '/Users', { body: userBody('m@example.com') })).body;
    await f.control.acceptInvitation!('m@example.com');
    await f.request('POST', '/Groups', { body: groupBody('Managed') });
    expect(await f.control.manualUpdateUser!('m@example.com', { firstName: 'Changed', license: 'it' })).toEqual({ allowed: true });
    expect((await f.request('GET', `/Users/${user.id}`)).body.name.givenName).toBe('Changed');
    expect(await f.control.userState!('m@example.com')).toMatchObject({ license: 'it', licenseSource: 'manual' });
    expect(await f.control.manualUpdateGroupMembers!('Managed', { add: ['m@example.com'] })).toEqual({ allowed: true });
    expect(await f.control.manualUpdateGroupMembers!('Managed', { remove: ['m@example.com'] })).toEqual({ allowed: true });
    expect((await f.control.groupState!('Managed')).members).toEqual([]);
  });

  it('inviting manually is refused while SCIM is on and manual updates are off', async () => {
    expect(await f.control.invite!('new@example.com')).toEqual({ allowed: false, reason: expect.stringMatching(/inviting .* disabled while SCIM is enabled/) });
    await f.control.applySettings!({ allowManualUpdates: true });
    await f.control.invite!('new@example.com');
    expect(await f.control.userState!('new@example.com')).toMatchObject({ exists: true, accepted: false, scimManaged: false });
  });
});

describe('SSO group mappings and default groups', () => {
  it('SSO group mappings apply to users who are not SCIM-managed, not to SCIM-managed ones', async () => {
    await f.dbtMode({ ssoGroupMappings: { Engineers: ['idp-eng'] } });
    await f.control.createUser!({ email: 'sso@example.com' });
    await f.request('POST', '/Users', { body: userBody('scim@example.com') });
    await f.control.ssoLogin!('sso@example.com', ['idp-eng']);
    await f.control.ssoLogin!('scim@example.com', ['idp-eng']);
    expect((await f.control.userState!('sso@example.com')).groups).toEqual(['Engineers']);
    expect((await f.control.userState!('scim@example.com')).groups).toEqual([]);
    await f.control.ssoLogin!('sso@example.com', ['other']);
    expect((await f.control.userState!('sso@example.com')).groups).toEqual([]);
  });

  it('users created while SCIM is on are not added to the Member default group; before, they are', async () => {
    await f.control.reset!();
    await f.control.createUser!({ email: 'before@example.com' });
    await f.control.applySettings!({ scimEnabled: true });
    await f.control.createUser!({ email: 'during@example.com' });
    await f.request('POST', '/Users', { body: userBody('scim@example.com') });
    expect((await f.control.userState!('before@example.com')).groups).toEqual(['Member']);
    expect((await f.control.userState!('during@example.com')).groups).toEqual([]);
    expect((await f.control.userState!('scim@example.com')).groups).toEqual([]);
    expect(await f.control.groupState!('Member')).toEqual({ exists: true, scimManaged: false, members: ['before@example.com'] });
    expect(await f.control.manualUpdateGroupMembers!('Member', { remove: ['before@example.com'] })).toEqual({ allowed: true });
    expect(await f.control.userState!('before@example.com')).toMatchObject({ groups: [], licenseSource: 'newUserDefault' });
  });

  it('group members added through SCIM show in groupState by sign-in email', async () => {
    await f.control.createUser!({ email: 'a@example.com' });
    const { id } = (await f.request('GET', filterUserName('a@example.com'))).body.Resources[0];
    const group = (await f.request('POST', '/Groups', { body: groupBody('Push') })).body;
    expect((await f.request('PATCH', `/Groups/${group.id}`, { body: addMembers(id) })).status).toBe(204);
    expect(await f.control.groupState!('Push')).toEqual({ exists: true, scimManaged: true, members: ['a@example.com'] });
    expect((await f.control.groupState!('Nope')).exists).toBe(false);
  });
});
