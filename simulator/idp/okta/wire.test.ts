import { afterEach, describe, expect, test } from 'vitest';
import type { OktaFixtureOptions } from './fixtures/okta-fixture.js';
import { fixtureRegistry, member, PEOPLE, people, pushedGroupId, targetId, view, type OktaFixture, type Person } from './fixtures/okta-people.js';
import {
  activePatch,
  createTargetGroup,
  createTargetUser,
  DBT_URN,
  expectOktaWire,
  GROUP_URN,
  groupLookupPath,
  oktaCreateBody,
  PATCH_URN,
  renamePatch,
  responseJson,
  targetCall,
  USER_URN,
  userLookupPath,
} from './fixtures/okta-wire.js';

/**
 * The Okta client's requests against the reference server, compared whole with research §1:
 * every action's complete request list, so an extra or a missing request fails.
 */

const fixtures = fixtureRegistry();
afterEach(async () => {
  const started = fixtures.drain();
  try {
    // research §1.1 and §1.5 hold for every request of every test: headers, no user DELETE, no token.
    for (const f of started) expectOktaWire(f.exchanges());
  } finally {
    for (const f of started) await f.close();
  }
});

function start(options: Partial<OktaFixtureOptions> = {}): Promise<OktaFixture> {
  return fixtures.start({ directory: { users: people('alice', 'bob', 'carol', 'dave', 'erin') }, ...options });
}

function createBody(f: OktaFixture, key: Person) {
  const { first, last, email } = PEOPLE[key];
  return oktaCreateBody({ first, last, email, oktaId: f.org.directory.user(key).id });
}

/** The resource the last-but-one exchange (the GET before a PUT) returned. */
function retrieved(f: OktaFixture) {
  return responseJson(f.exchanges(), -2);
}

describe('Test API Credentials (research §1.2)', () => {
  test('default: the SCIM 1.1 pair, reported as assumed', async () => {
    const f = await start();
    await expect(f.org.testApiCredentials()).resolves.toEqual({ ok: true, message: 'dbt was verified successfully!' });
    expect(f.sent()).toEqual([
      { method: 'GET', path: '/Users?startIndex=1&count=2' },
      { method: 'GET', path: '/Groups?startIndex=1&count=100' },
    ]);
    expect(f.org.assumptions().map((a) => a.setting)).toContain('credentialsProbe');
  });

  test('users-count-1: the single probe third parties report', async () => {
    const f = await start({ settings: { assumed: { credentialsProbe: 'users-count-1' } } });
    await f.org.testApiCredentials();
    expect(f.sent()).toEqual([{ method: 'GET', path: '/Users?startIndex=1&count=1' }]);
    expect(view(f.org).credentialsTest).toEqual({ ok: true, message: 'dbt was verified successfully!' });
  });
});

describe('Push New Users (research §1.3)', () => {
  test('not found: filter lookup, then POST with exactly Okta\'s body; linked to the new id', async () => {
    const f = await start();
    await f.org.assignUsers(['alice']);
    const sent = f.sent();
    expect(sent).toEqual([
      { method: 'GET', path: '/Users?filter=userName%20eq%20%22alice%40example.com%22&startIndex=1&count=100' },
      { method: 'POST', path: '/Users', body: createBody(f, 'alice') },
    ]);
    expect((sent[1]!.body as { externalId: string }).externalId).toMatch(/^00u[0-9A-Za-z]{17}$/);
    const id = responseJson(f.exchanges(), -1)['id'];
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED', externalId: id, assigned: true });
    const onTarget = await targetCall(f.baseUrl, 'GET', `/Users/${String(id)}`);
    expect(onTarget.json).toMatchObject({ userName: 'alice@example.com', externalId: f.org.directory.user('alice').id, active: true });
  });

  test('each create has its own placeholder password', async () => {
    const f = await start();
    await f.org.assignUsers(['alice', 'bob']);
    const passwords = f
      .sent()
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { password: string }).password);
    expect(passwords).toHaveLength(2);
    expect(passwords[0]).not.toBe(passwords[1]);
  });

  test('found: linked without a POST, then the §1.4 update (GET, full PUT)', async () => {
    const f = await start();
    const id = await createTargetUser(f.baseUrl, { userName: 'alice@example.com', name: { givenName: 'Al', familyName: 'Smith' }, displayName: 'Al S', active: true });
    await f.org.assignUsers(['alice']);
    const sent = f.sent();
    const oktaId = f.org.directory.user('alice').id;
    const before = retrieved(f);
    expect(before).toMatchObject({ id, displayName: 'Al S', meta: expect.any(Object) });
    expect(sent).toEqual([
      { method: 'GET', path: userLookupPath('alice@example.com') },
      { method: 'GET', path: `/Users/${id}` },
      {
        method: 'PUT',
        path: `/Users/${id}`,
        body: {
          ...before,
          name: { givenName: 'Alice', familyName: 'Smith' },
          emails: [{ primary: true, value: 'alice@example.com', type: 'work' }],
          displayName: 'Alice Smith',
          locale: 'en-US',
          externalId: oktaId,
        },
      },
    ]);
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED', externalId: id });
  });
});

describe('Push Profile Updates (research §1.4)', () => {
  test('GET, then PUT of the retrieved resource with the change applied; id and meta kept, active untouched', async () => {
    const f = await start({ mappings: { costCenter: { expression: 'user.costCenter', namespace: null } } });
    await f.org.assignUsers(['alice']);
    const id = targetId(f.org, 'alice');
    // The target deactivated the account on its own: a profile push must not undo that (O-CONCEPTS).
    expect((await targetCall(f.baseUrl, 'PATCH', `/Users/${id}`, { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'active', value: false }] })).status).toBe(200);
    f.sent();

    await f.org.updateProfile('alice', { firstName: 'Alicia' });
    const before = retrieved(f);
    const sent = f.sent();
    expect(sent).toEqual([
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PUT', path: `/Users/${id}`, body: { ...before, name: { ...(before['name'] as object), givenName: 'Alicia' } } },
    ]);
    expect(sent[1]!.body).toMatchObject({ id, active: false, meta: { resourceType: 'User' } });
    expect((await targetCall(f.baseUrl, 'GET', `/Users/${id}`)).json).toMatchObject({ name: { givenName: 'Alicia' }, active: false });
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED' });

    // An unmapped attribute, or one mapped without a namespace (O-NS), sends nothing.
    await f.org.updateProfile('alice', { title: 'Engineer' });
    await f.org.updateProfile('alice', { costCenter: 'CC-7' });
    expect(f.sent()).toEqual([]);
  });

  test.each([
    ['changed', {}],
    ['all-mapped', { displayName: 'Alice Smith', locale: 'en-US' }],
  ] as const)('profilePushApplies %s', async (applies, restored) => {
    const f = await start({ settings: { assumed: { profilePushApplies: applies } } });
    await f.org.assignUsers(['alice']);
    const id = targetId(f.org, 'alice');
    const drift = { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: { displayName: 'Changed On Target', locale: 'fr-FR' } }] };
    expect((await targetCall(f.baseUrl, 'PATCH', `/Users/${id}`, drift)).status).toBe(200);
    f.sent();

    await f.org.updateProfile('alice', { firstName: 'Alicia' });
    const before = retrieved(f);
    expect(before).toMatchObject({ displayName: 'Changed On Target', locale: 'fr-FR' });
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PUT', path: `/Users/${id}`, body: { ...before, name: { ...(before['name'] as object), givenName: 'Alicia' }, ...restored } },
    ]);
    expect(f.org.assumptions().find((a) => a.setting === 'profilePushApplies')?.value).toBe(applies);
  });
});

describe('Deactivate and reactivate (research §1.5)', () => {
  test('Okta deletes only deactivated users, and sends nothing when it does', async () => {
    const f = await start();
    await f.org.assignUsers(['alice']);
    f.sent();
    expect(() => f.org.deleteUser('alice')).toThrow(/deletes only deactivated users/);
    await f.org.deactivateUser('alice');
    f.sent();
    f.org.deleteUser('alice');
    expect(f.sent()).toEqual([]);
  });

  test('OIN: unassign PATCHes active false (no path, real boolean); reassign PATCHes active true', async () => {
    const f = await start({ settings: { flavour: 'oin' } });
    await f.org.assignUsers(['alice']);
    const id = targetId(f.org, 'alice');
    f.sent();
    await f.org.unassignUsers(['alice']);
    expect(f.sent()).toEqual([{ method: 'PATCH', path: `/Users/${id}`, body: activePatch(false) }]);
    expect(f.exchanges().at(-1)!.request.body).toBe('{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}');
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'INACTIVE', assigned: false, externalId: id });
    expect((await targetCall(f.baseUrl, 'GET', `/Users/${id}`)).json).toMatchObject({ active: false });

    await f.org.assignUsers(['alice']);
    expect(f.sent()).toEqual([{ method: 'PATCH', path: `/Users/${id}`, body: activePatch(true) }]);
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'PROVISIONED', assigned: true });
    expect((await targetCall(f.baseUrl, 'GET', `/Users/${id}`)).json).toMatchObject({ active: true });
  });

  test('OIN: deactivating the Okta user deactivates; reactivating reactivates', async () => {
    const f = await start({ settings: { flavour: 'oin' } });
    await f.org.assignUsers(['alice']);
    const id = targetId(f.org, 'alice');
    f.sent();
    await f.org.deactivateUser('alice');
    expect(f.sent()).toEqual([{ method: 'PATCH', path: `/Users/${id}`, body: activePatch(false) }]);
    await f.org.reactivateUser('alice');
    expect(f.sent()).toEqual([{ method: 'PATCH', path: `/Users/${id}`, body: activePatch(true) }]);
    expect(f.org.assumptions().map((a) => a.setting)).toContain('reactivateBody');
  });

  test('AIW: GET, then PUT of the resource with active false; reassign the same with active true', async () => {
    const f = await start({ settings: { flavour: 'aiw' } });
    await f.org.assignUsers(['alice']);
    const id = targetId(f.org, 'alice');
    f.sent();
    await f.org.unassignUsers(['alice']);
    let before = retrieved(f);
    expect(before['active']).toBe(true);
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PUT', path: `/Users/${id}`, body: { ...before, active: false } },
    ]);
    await f.org.assignUsers(['alice']);
    before = retrieved(f);
    expect(before['active']).toBe(false);
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PUT', path: `/Users/${id}`, body: { ...before, active: true } },
    ]);
  });

  test('suspend and unsuspend send nothing; deleting a deactivated user sends nothing; no DELETE /Users ever', async () => {
    const f = await start({ settings: { flavour: 'oin' } });
    await f.org.assignUsers(['alice', 'bob']);
    f.sent();
    f.org.suspendUser('alice');
    f.org.unsuspendUser('alice');
    expect(f.sent()).toEqual([]);
    await f.org.deactivateUser('bob');
    expect(f.sent()).toEqual([{ method: 'PATCH', path: `/Users/${targetId(f.org, 'bob')}`, body: activePatch(false) }]);
    f.org.deleteUser('bob');
    await f.org.unassignUsers(['bob']);
    expect(f.sent()).toEqual([]);
    expect(f.exchanges().filter((e) => e.request.method === 'DELETE')).toEqual([]);
    expect((await targetCall(f.baseUrl, 'GET', `/Users/${targetId(f.org, 'bob')}`)).status).toBe(200);
  });
});

describe('Push Groups, OIN (research §1.7)', () => {
  const groups = { eng: { name: 'Engineering', members: ['alice', 'bob', 'carol'] }, empty: { name: 'Empty Group', members: [] } };

  async function assigned(options: Partial<OktaFixtureOptions> = {}) {
    const f = await start({ settings: { flavour: 'oin' }, directory: { users: people('alice', 'bob', 'carol', 'dave', 'erin'), groups }, ...options });
    await f.org.assignUsers(['alice', 'bob', 'carol', 'dave', 'erin']);
    f.sent();
    return f;
  }

  test('create, then the rename PATCH and replace members with {value, display: userName}', async () => {
    const f = await assigned();
    await f.org.pushGroups(['eng']);
    const gid = pushedGroupId(f.org, 'eng');
    const members = [member(f.org, 'alice'), member(f.org, 'bob'), member(f.org, 'carol')];
    expect(f.sent()).toEqual([
      { method: 'POST', path: '/Groups', body: { schemas: [GROUP_URN], displayName: 'Engineering', members: [] } },
      { method: 'PATCH', path: `/Groups/${gid}`, body: renamePatch(gid, 'Engineering') },
      { method: 'PATCH', path: `/Groups/${gid}`, body: { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'members', value: members }] } },
    ]);
    expect(view(f.org).groupPush['eng']).toMatchObject({ status: 'Active', targetId: gid, members: ['alice', 'bob', 'carol'], lastError: null });
    const onTarget = (await targetCall(f.baseUrl, 'GET', `/Groups/${gid}`)).json as { members: Array<{ value: string }> };
    expect(onTarget.members.map((m) => m.value).sort()).toEqual(members.map((m) => m.value).sort());
  });

  test('an empty group: replace members with []; "Push now" sends the same', async () => {
    const f = await assigned();
    await f.org.pushGroups(['empty']);
    const gid = pushedGroupId(f.org, 'empty');
    const replaceEmpty = { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'members', value: [] }] };
    expect(f.sent()).toEqual([
      { method: 'POST', path: '/Groups', body: { schemas: [GROUP_URN], displayName: 'Empty Group', members: [] } },
      { method: 'PATCH', path: `/Groups/${gid}`, body: renamePatch(gid, 'Empty Group') },
      { method: 'PATCH', path: `/Groups/${gid}`, body: replaceEmpty },
    ]);
    await f.org.pushNow(['empty']);
    expect(f.sent()).toEqual([
      { method: 'PATCH', path: `/Groups/${gid}`, body: renamePatch(gid, 'Empty Group') },
      { method: 'PATCH', path: `/Groups/${gid}`, body: replaceEmpty },
    ]);
  });

  test('incremental: rename PATCH, then one PATCH with remove ops before one add', async () => {
    const f = await assigned();
    await f.org.pushGroups(['eng']);
    const gid = pushedGroupId(f.org, 'eng');
    const [bob, carol] = [targetId(f.org, 'bob'), targetId(f.org, 'carol')];
    f.sent();
    // Unassigned members drop out of the next push; unassigning sends only the deactivations.
    await f.org.unassignUsers(['bob', 'carol']);
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /Users/${bob}`, `PATCH /Users/${carol}`]);

    await f.org.addToGroup('eng', ['dave', 'erin']);
    expect(f.sent()).toEqual([
      { method: 'PATCH', path: `/Groups/${gid}`, body: renamePatch(gid, 'Engineering') },
      {
        method: 'PATCH',
        path: `/Groups/${gid}`,
        body: {
          schemas: [PATCH_URN],
          Operations: [
            { op: 'remove', path: `members[value eq "${bob}"]` },
            { op: 'remove', path: `members[value eq "${carol}"]` },
            { op: 'add', path: 'members', value: [member(f.org, 'dave'), member(f.org, 'erin')] },
          ],
        },
      },
    ]);

    await f.org.removeFromGroup('eng', ['dave']);
    expect(f.sent()).toEqual([
      { method: 'PATCH', path: `/Groups/${gid}`, body: renamePatch(gid, 'Engineering') },
      { method: 'PATCH', path: `/Groups/${gid}`, body: { schemas: [PATCH_URN], Operations: [{ op: 'remove', path: `members[value eq "${targetId(f.org, 'dave')}"]` }] } },
    ]);
    expect(view(f.org).groupPush['eng']!.members).toEqual(['alice', 'erin']);
    const onTarget = (await targetCall(f.baseUrl, 'GET', `/Groups/${gid}`)).json as { members: Array<{ value: string }> };
    expect(onTarget.members.map((m) => m.value).sort()).toEqual([targetId(f.org, 'alice'), targetId(f.org, 'erin')].sort());
  });

  // With "Deactivate Users" off, dave's app account stays provisioned: only his Okta status leaves him out.
  test.each([true, false])('members not assigned, not provisioned or deactivated in Okta are left out (deactivateUsers %s)', async (deactivateUsers) => {
    const f = await start({
      settings: { flavour: 'oin', provisioning: { createUsers: false, deactivateUsers } },
      directory: { users: people('alice', 'bob', 'carol', 'dave'), groups: { eng: { name: 'Engineering', members: ['alice', 'bob', 'carol', 'dave'] } } },
    });
    for (const key of ['alice', 'dave'] as const) await createTargetUser(f.baseUrl, { userName: PEOPLE[key].email, active: true });
    await f.org.assignUsers(['alice', 'carol', 'dave']); // carol: not on the target, and Create Users is off
    await f.org.deactivateUser('dave');
    expect(view(f.org).appUsers['carol']).toMatchObject({ status: 'STAGED', externalId: null });
    expect(view(f.org).appUsers['dave']!.status).toBe(deactivateUsers ? 'INACTIVE' : 'PROVISIONED');
    f.sent();
    await f.org.pushGroups(['eng']);
    const gid = pushedGroupId(f.org, 'eng');
    expect(f.sent().slice(1)).toEqual([
      { method: 'PATCH', path: `/Groups/${gid}`, body: renamePatch(gid, 'Engineering') },
      { method: 'PATCH', path: `/Groups/${gid}`, body: { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'members', value: [member(f.org, 'alice')] }] } },
    ]);
  });

  test('Import Groups off: the group is looked up by displayName first', async () => {
    const f = await assigned({ settings: { flavour: 'oin', provisioning: { importGroups: false } } });
    const existing = await createTargetGroup(f.baseUrl, 'Engineering');
    await f.org.pushGroups(['eng', 'empty']);
    const created = pushedGroupId(f.org, 'empty');
    expect(pushedGroupId(f.org, 'eng')).toBe(existing);
    const replace = (value: unknown[]) => ({ schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'members', value }] });
    expect(f.sent()).toEqual([
      { method: 'GET', path: '/Groups?filter=displayName%20eq%20%22Engineering%22&startIndex=1&count=100' },
      { method: 'PATCH', path: `/Groups/${existing}`, body: renamePatch(existing, 'Engineering') },
      { method: 'PATCH', path: `/Groups/${existing}`, body: replace([member(f.org, 'alice'), member(f.org, 'bob'), member(f.org, 'carol')]) },
      { method: 'GET', path: groupLookupPath('Empty Group') },
      { method: 'POST', path: '/Groups', body: { schemas: [GROUP_URN], displayName: 'Empty Group', members: [] } },
      { method: 'PATCH', path: `/Groups/${created}`, body: renamePatch(created, 'Empty Group') },
      { method: 'PATCH', path: `/Groups/${created}`, body: replace([]) },
    ]);
  });

  test('rename sends the rename PATCH; unlink with delete sends DELETE /Groups/{id}, without sends nothing', async () => {
    const f = await assigned();
    await f.org.pushGroups(['eng', 'empty']);
    const [eng, empty] = [pushedGroupId(f.org, 'eng'), pushedGroupId(f.org, 'empty')];
    f.sent();
    await f.org.renameGroup('eng', 'Platform Engineering');
    expect(f.sent()).toEqual([{ method: 'PATCH', path: `/Groups/${eng}`, body: renamePatch(eng, 'Platform Engineering') }]);
    expect((await targetCall(f.baseUrl, 'GET', `/Groups/${eng}`)).json).toMatchObject({ displayName: 'Platform Engineering' });

    await f.org.unlinkGroup('eng', true);
    expect(f.sent()).toEqual([{ method: 'DELETE', path: `/Groups/${eng}` }]);
    expect((await targetCall(f.baseUrl, 'GET', `/Groups/${eng}`)).status).toBe(404);
    await f.org.unlinkGroup('empty', false);
    expect(f.sent()).toEqual([]);
    expect((await targetCall(f.baseUrl, 'GET', `/Groups/${empty}`)).status).toBe(200);
    expect(view(f.org).groupPush).toEqual({});
  });

  test('AIW: one PUT with displayName and the full members', async () => {
    const f = await assigned({ settings: { flavour: 'aiw' } });
    await f.org.pushGroups(['eng']);
    const gid = pushedGroupId(f.org, 'eng');
    const put = (displayName: string, ...keys: Person[]) => ({
      method: 'PUT',
      path: `/Groups/${gid}`,
      body: { schemas: [GROUP_URN], id: gid, displayName, members: keys.map((key) => member(f.org, key)) },
    });
    expect(f.sent()).toEqual([{ method: 'POST', path: '/Groups', body: { schemas: [GROUP_URN], displayName: 'Engineering', members: [] } }, put('Engineering', 'alice', 'bob', 'carol')]);
    await f.org.addToGroup('eng', ['dave']);
    expect(f.sent()).toEqual([put('Engineering', 'alice', 'bob', 'carol', 'dave')]);
    await f.org.renameGroup('eng', 'Eng');
    expect(f.sent()).toEqual([put('Eng', 'alice', 'bob', 'carol', 'dave')]);
    // A member Okta leaves out (no longer assigned) changes nothing, so nothing is sent.
    await f.org.unassignUsers(['erin']);
    f.sent();
    await f.org.addToGroup('eng', ['erin']);
    expect(f.sent()).toEqual([]);
  });
});

describe('Import (research §1.6)', () => {
  test('users with "Confirm new users": an unmatched account becomes a linked Okta user; a later profile push updates it', async () => {
    const f = await start({ directory: { users: people('alice') }, settings: { import: { matchBy: 'username', confirmMatchedUsers: true, confirmNewUsers: true } } });
    const zoe = await createTargetUser(f.baseUrl, { userName: 'zoe@target.test', name: { givenName: 'Zoe', familyName: 'Park' }, emails: [{ primary: true, value: 'zoe@target.test', type: 'work' }], active: true });
    await f.org.importUsers();
    expect(f.sent()).toEqual([{ method: 'GET', path: '/Users?startIndex=1&count=100' }]);
    expect(view(f.org).importedUsers).toEqual([{ targetId: zoe, userName: 'zoe@target.test', matchedUser: 'imported_1', status: 'confirmed' }]);
    expect(view(f.org).appUsers['imported_1']).toMatchObject({ status: 'PROVISIONED', externalId: zoe, assigned: true });
    await f.org.updateProfile('imported_1', { lastName: 'Parker' });
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /Users/${zoe}`, `PUT /Users/${zoe}`]);
    expect((await targetCall(f.baseUrl, 'GET', `/Users/${zoe}`)).json?.['name']).toMatchObject({ familyName: 'Parker' });
  });

  test('users: pages of 100, inactive users ignored, case-sensitive matching, a confirmed match is linked', async () => {
    const f = await start({ directory: { users: people('alice', 'bob') } });
    const variant = await createTargetUser(f.baseUrl, { userName: 'Alice@Example.com', active: true });
    const bob = await createTargetUser(f.baseUrl, {
      userName: 'bob@example.com',
      name: { givenName: 'Bob', familyName: 'Jones' },
      emails: [{ primary: true, value: 'bob@example.com', type: 'work' }],
      displayName: 'Bob Jones',
      locale: 'en-US',
      active: true,
    });
    for (let i = 0; i < 150; i++) await createTargetUser(f.baseUrl, { userName: `filler${String(i).padStart(3, '0')}@target.test`, active: true });
    for (let i = 0; i < 5; i++) await createTargetUser(f.baseUrl, { userName: `inactive${i}@target.test`, active: false });

    await f.org.importUsers();
    expect(f.sent()).toEqual([
      { method: 'GET', path: '/Users?startIndex=1&count=100' },
      { method: 'GET', path: '/Users?startIndex=101&count=100' },
    ]);
    const imported = view(f.org).importedUsers;
    expect(imported).toHaveLength(152);
    expect(imported.filter((u) => u.userName.startsWith('inactive'))).toEqual([]);
    expect(imported.find((u) => u.targetId === variant)).toEqual({ targetId: variant, userName: 'Alice@Example.com', matchedUser: null, status: 'pending' });
    expect(imported.find((u) => u.targetId === bob)).toEqual({ targetId: bob, userName: 'bob@example.com', matchedUser: 'bob', status: 'confirmed' });
    expect(imported.filter((u) => u.status === 'confirmed')).toHaveLength(1);
    expect(view(f.org).appUsers['bob']).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED', externalId: bob, assigned: true });
    expect(view(f.org).appUsers['alice']).toBeUndefined();

    await f.org.assignUsers(['bob']);
    expect(f.sent()).toEqual([]);
    await f.org.updateProfile('bob', { firstName: 'Robert' });
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /Users/${bob}`, `PUT /Users/${bob}`]);
  });

  test('groups: one page read, then Push Groups links to an imported group without a POST', async () => {
    const f = await start({ settings: { flavour: 'oin' }, directory: { users: people('alice'), groups: { eng: { name: 'Engineering', members: ['alice'] } } } });
    const a = await createTargetGroup(f.baseUrl, 'Imported A');
    const b = await createTargetGroup(f.baseUrl, 'Imported B');
    await f.org.assignUsers(['alice']);
    f.sent();
    await f.org.importGroups();
    expect(f.sent()).toEqual([{ method: 'GET', path: '/Groups?startIndex=1&count=100' }]);
    expect(view(f.org).importedGroups).toEqual([
      { targetId: a, displayName: 'Imported A', linkedGroup: null },
      { targetId: b, displayName: 'Imported B', linkedGroup: null },
    ]);
    await f.org.pushGroups(['eng'], { eng: a });
    expect(f.sent()).toEqual([
      { method: 'PATCH', path: `/Groups/${a}`, body: renamePatch(a, 'Engineering') },
      { method: 'PATCH', path: `/Groups/${a}`, body: { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'members', value: [member(f.org, 'alice')] }] } },
    ]);
    expect(view(f.org).importedGroups[0]!.linkedGroup).toBe('eng');
  });
});

describe('Headers (research §1.1)', () => {
  test('User-Agent, bearer Authorization (redacted in the record), application/json on bodies', async () => {
    const f = await start({ settings: { flavour: 'oin' }, directory: { users: people('alice'), groups: { eng: { members: ['alice'] } } } });
    await f.org.testApiCredentials();
    await f.org.assignUsers(['alice']);
    await f.org.updateProfile('alice', { lastName: 'Smythe' });
    await f.org.pushGroups(['eng']);
    await f.org.unassignUsers(['alice']);
    const exchanges = f.exchanges();
    expect(exchanges.map((e) => e.request.method)).toEqual(['GET', 'GET', 'GET', 'POST', 'GET', 'PUT', 'POST', 'PATCH', 'PATCH', 'PATCH']);
    expect(exchanges.every((e) => e.response !== undefined && e.response.status < 300)).toBe(true); // the token was accepted
    expectOktaWire(exchanges);
    expect(exchanges.filter((e) => e.request.body !== undefined).map((e) => e.request.headers['content-type'])).toEqual(Array(6).fill('application/json'));
    expect(exchanges.map((e) => e.request.headers['accept'])).toEqual(Array(10).fill('application/json'));
  });
});

describe('Group functions and namespaces (research §1.9)', () => {
  const developerRule = 'isMemberOfGroupName("dbt_developers") ? "developer" : "read_only"';
  const seedRule = 'IIF(isMemberOf("dbt_developers"), "developer", "read_only")';
  const directory = { users: people('alice', 'bob'), groups: { devs: { name: 'dbt_developers', members: ['bob'] } } };
  const license = (expression: string) => ({ licenseType: { namespace: DBT_URN, expression } });
  const putLicense = (f: OktaFixture, value: string) => {
    const before = retrieved(f);
    const id = targetId(f.org, 'alice');
    return [
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PUT', path: `/Users/${id}`, body: { ...before, schemas: [USER_URN, DBT_URN], [DBT_URN]: { licenseType: value } } },
    ];
  };

  test('default assignment-or-reapply: a membership change sends nothing; re-apply sends GET and PUT', async () => {
    const f = await start({ directory, mappings: license(developerRule) });
    await f.org.assignUsers(['alice']);
    expect(f.sent()).toEqual([
      { method: 'GET', path: userLookupPath('alice@example.com') },
      { method: 'POST', path: '/Users', body: { ...createBody(f, 'alice'), schemas: [USER_URN, DBT_URN], [DBT_URN]: { licenseType: 'read_only' } } },
    ]);
    await f.org.addToGroup('devs', ['alice']);
    expect(f.sent()).toEqual([]);
    expect(view(f.org).appUsers['alice']!.profile['licenseType']).toBe('read_only');
    await f.org.reapplyMappings();
    expect(f.sent()).toEqual(putLicense(f, 'developer'));
    expect(f.org.assumptions().find((a) => a.setting === 'groupFunctionReevaluation')?.value).toBe('assignment-or-reapply');
  });

  test('membership-change: adding to and removing from the group sends GET and PUT at once', async () => {
    const f = await start({ directory, mappings: license(developerRule), settings: { assumed: { groupFunctionReevaluation: 'membership-change' } } });
    await f.org.assignUsers(['alice']);
    f.sent();
    await f.org.addToGroup('devs', ['alice']);
    expect(f.sent()).toEqual(putLicense(f, 'developer'));
    await f.org.removeFromGroup('devs', ['alice']);
    expect(f.sent()).toEqual(putLicense(f, 'read_only'));
  });

  test('the seeds\' IIF/isMemberOf gives the same values, with warnings on every evaluation', async () => {
    const values = async (expression: string) => {
      const f = await start({ directory, mappings: license(expression), settings: { assumed: { groupFunctionReevaluation: 'membership-change' } } });
      await f.org.assignUsers(['alice', 'bob']);
      const posted = f.sent().filter((r) => r.method === 'POST').map((r) => (r.body as Record<string, { licenseType: string }>)[DBT_URN]!.licenseType);
      return { f, posted };
    };
    const documented = await values(developerRule);
    const seed = await values(seedRule);
    expect(documented.posted).toEqual(['read_only', 'developer']);
    expect(seed.posted).toEqual(documented.posted);
    expect(documented.f.org.takeWarnings()).toEqual([]);

    const warnings = seed.f.org.takeWarnings();
    expect(warnings).toHaveLength(4); // two findings (IIF, isMemberOf) per user
    for (const warning of warnings) expect(warning).toContain(`documented equivalent: ${developerRule}`);
    expect(warnings.filter((w) => w.startsWith("mapping of 'licenseType' for alice:"))).toHaveLength(2);
    expect(warnings.some((w) => w.includes("Okta EL has no 'IIF'"))).toBe(true);
    expect(warnings.some((w) => w.includes("'isMemberOf' is not an Okta profile-mapping function"))).toBe(true);
    expect(seed.f.org.takeWarnings()).toEqual([]); // taken

    await seed.f.org.addToGroup('devs', ['alice']);
    expect(seed.f.org.takeWarnings()).toHaveLength(2);
    await seed.f.org.reapplyMappings();
    expect(seed.f.org.takeWarnings()).toHaveLength(4);
    await seed.f.org.updateProfile('bob', { title: 'x' });
    expect(seed.f.org.takeWarnings()).toHaveLength(2);
    expect(seed.f.sent().filter((r) => r.method === 'PUT').map((r) => (r.body as Record<string, { licenseType: string }>)[DBT_URN])).toEqual([{ licenseType: 'developer' }]);
  });

  test('no namespace: left out of the POST; an extension namespace goes under its URN and in schemas', async () => {
    const f = await start({
      mappings: {
        costCenter: { expression: '"CC-42"', namespace: null },
        licenseType: { expression: '"developer"', namespace: DBT_URN },
        seat: { expression: '"A-1"', namespace: DBT_URN, externalName: 'seatId' },
      },
    });
    await f.org.assignUsers(['alice']);
    const post = f.sent()[1]!;
    expect(post).toEqual({
      method: 'POST',
      path: '/Users',
      body: { ...createBody(f, 'alice'), schemas: [USER_URN, DBT_URN], [DBT_URN]: { licenseType: 'developer', seatId: 'A-1' } },
    });
    expect(JSON.stringify(post.body)).not.toContain('CC-42');
    expect(view(f.org).appUsers['alice']!.profile['costCenter']).toBe('CC-42');
  });
});
