import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, ERROR, PATCH_OP, USER, patchBody, startFixture, type Fixture } from './fixtures/reference-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

let counter = 0;
const unique = (prefix = 'p') => `${prefix}${++counter}@example.com`;

async function patchUser(id: string, ...operations: unknown[]) {
  return f.request('PATCH', `/Users/${id}`, { body: patchBody(...operations) });
}

async function babs(extra: Record<string, unknown> = {}) {
  return f.createUser({
    userName: unique('bjensen'),
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    displayName: 'Babs',
    active: true,
    emails: [
      { value: 'work@example.com', type: 'work', primary: true },
      { value: 'home@example.com', type: 'home' },
    ],
    phoneNumbers: [{ value: '555-555-5555', type: 'work' }],
    ...extra,
  });
}

function expectError(reply: { status: number; body: any }, status: number, scimType?: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
  if (scimType) expect(reply.body.scimType).toBe(scimType);
}

describe('PATCH request shape', () => {
  it('needs the PatchOp schema and a non-empty Operations array (400 invalidSyntax)', async () => {
    const user = await babs();
    for (const body of [
      { Operations: [{ op: 'replace', path: 'active', value: false }] },
      { schemas: [USER], Operations: [{ op: 'replace', path: 'active', value: false }] },
      { schemas: [PATCH_OP] },
      { schemas: [PATCH_OP], Operations: [] },
      { schemas: [PATCH_OP], Operations: { op: 'replace' } },
      { schemas: [PATCH_OP], Operations: ['replace'] },
      { schemas: [PATCH_OP], Operations: [{ op: 'delete', path: 'active' }] },
      { schemas: [PATCH_OP], Operations: [{ path: 'active', value: false }] },
      [],
      'text',
    ]) {
      expectError(await f.request('PATCH', `/Users/${user.id}`, { body }), 400, 'invalidSyntax');
    }
  });

  it('404 for an unknown id', async () => {
    expectError(await patchUser('nope', { op: 'replace', path: 'active', value: false }), 404);
  });
});

describe('PATCH replace', () => {
  it('replaces a simple attribute by path; 200 with the full resource; lastModified and version move', async () => {
    const user = await babs();
    const userName = unique('renamed');
    const reply = await patchUser(user.id, { op: 'replace', path: 'userName', value: userName });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: user.id, userName, name: user.name, emails: user.emails });
    expect(reply.body.meta.lastModified > user.meta.lastModified).toBe(true);
    expect(reply.body.meta.version).not.toBe(user.meta.version);
    expect(reply.headers.get('etag')).toBe(reply.body.meta.version);
    expect((await f.request('GET', `/Users/${user.id}`)).body).toEqual(reply.body);
  });

  it('accepts op in any case and "False" for a boolean (Entra default dialect)', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'Replace', path: 'active', value: 'False' });
    expect(reply.status).toBe(200);
    expect(reply.body.active).toBe(false);
    const back = await patchUser(user.id, { op: 'REPLACE', path: 'active', value: 'True' });
    expect(back.body.active).toBe(true);
    const filtered = await f.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}" and active eq true`)}`);
    expect(filtered.body.totalResults).toBe(1);
  });

  it('deactivates with a path-less value object (Okta)', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'replace', value: { active: false } });
    expect(reply.status).toBe(200);
    expect(reply.body.active).toBe(false);
    const still = await f.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
    expect(still.body.Resources[0].active).toBe(false);
  });

  it('path-less replace merges attributes, with dotted and URN-qualified keys (Entra aadOptscim062020)', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, {
      op: 'replace',
      value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', [`${ENTERPRISE}:employeeNumber`]: 'Aklq', [ENTERPRISE]: { department: 'Dept' }, unknownThing: 1 },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ displayName: 'Bjfe', name: { givenName: 'Kkom', familyName: 'Unua' }, emails: user.emails, [ENTERPRISE]: { employeeNumber: 'Aklq', department: 'Dept' } });
    expect(reply.body.schemas).toEqual([USER, ENTERPRISE]);
  });

  it('path-less replace of a complex attribute keeps the sub-attributes not given', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'replace', value: { name: { givenName: 'B' } } });
    expect(reply.body.name).toEqual({ givenName: 'B', familyName: 'Jensen' });
  });

  it('replaces sub-attributes and URN-qualified extension attributes (Entra default dialect)', async () => {
    const user = await babs();
    const reply = await patchUser(
      user.id,
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'Eqpj' },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.emails).toEqual([
      { value: 'updatedEmail@microsoft.com', type: 'work', primary: true },
      { value: 'home@example.com', type: 'home' },
    ]);
    expect(reply.body.name).toEqual({ givenName: 'Barbara', familyName: 'updatedFamilyName' });
    expect(reply.body[ENTERPRISE]).toEqual({ employeeNumber: 'Eqpj' });
  });

  it('treats attribute paths case-insensitively', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'replace', path: 'NAME.GIVENNAME', value: 'Upper' }, { op: 'replace', path: 'Emails[Type eq "WORK"].Value', value: 'w@x.com' });
    expect(reply.status).toBe(200);
    expect(reply.body.name.givenName).toBe('Upper');
    expect(reply.body.emails[0].value).toBe('w@x.com');
  });

  it('replaces a whole multi-valued attribute without a filter', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'replace', path: 'emails', value: [{ value: 'only@x.com', type: 'other' }] });
    expect(reply.body.emails).toEqual([{ value: 'only@x.com', type: 'other' }]);
  });

  it('replaces the matching values of a filter, and 400 noTarget when nothing matches', async () => {
    const user = await babs();
    const whole = await patchUser(user.id, { op: 'replace', path: 'emails[type eq "home"]', value: { value: 'new-home@x.com', type: 'home' } });
    expect(whole.body.emails[1]).toEqual({ value: 'new-home@x.com', type: 'home' });
    expectError(await patchUser(user.id, { op: 'replace', path: 'emails[type eq "other"].value', value: 'x@y.z' }), 400, 'noTarget');
    expectError(await patchUser(user.id, { op: 'replace', path: 'emails[type eq "other"]', value: { value: 'x@y.z' } }), 400, 'noTarget');
  });

  it('replacing a non-existent single-valued attribute adds it', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'replace', path: 'nickName', value: 'Babsy' }, { op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: user.id } });
    expect(reply.body.nickName).toBe('Babsy');
    expect(reply.body[ENTERPRISE].manager).toMatchObject({ value: user.id });
  });

  it('setting primary true clears the other primaries (RFC 7643 §2.4)', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'replace', path: 'emails[type eq "home"].primary', value: true });
    expect(reply.body.emails).toEqual([
      { value: 'work@example.com', type: 'work', primary: false },
      { value: 'home@example.com', type: 'home', primary: true },
    ]);
    const added = await patchUser(user.id, { op: 'add', path: 'emails', value: [{ value: 'third@x.com', type: 'other', primary: true }] });
    expect(added.body.emails.filter((e: { primary?: boolean }) => e.primary === true)).toEqual([{ value: 'third@x.com', type: 'other', primary: true }]);
  });

  it('replace with null clears an optional attribute; "" clears a complex one (Entra manager removal)', async () => {
    const manager = await babs();
    const user = await babs({ nickName: 'N', [ENTERPRISE]: { manager: { value: manager.id }, department: 'D' } });
    const reply = await patchUser(user.id, { op: 'replace', path: 'nickName', value: null }, { op: 'Replace', path: `${ENTERPRISE}:manager`, value: '' });
    expect(reply.status).toBe(200);
    expect(reply.body.nickName).toBeUndefined();
    expect(reply.body[ENTERPRISE]).toEqual({ department: 'D' });
  });
});

describe('PATCH add', () => {
  it('appends to a multi-valued attribute without duplicates', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'add', path: 'emails', value: [{ value: 'home@example.com', type: 'home' }, { value: 'new@x.com', type: 'other' }] });
    expect(reply.body.emails.map((e: { value: string }) => e.value)).toEqual(['work@example.com', 'home@example.com', 'new@x.com']);
  });

  it('sets single-valued attributes, merges complex ones, and creates the extension', async () => {
    const user = await babs();
    const reply = await patchUser(
      user.id,
      { op: 'Add', path: 'title', value: 'Tour Guide' },
      { op: 'add', path: 'name', value: { middleName: 'Jane' } },
      { op: 'add', path: `${ENTERPRISE}:department`, value: 'Ops' },
    );
    expect(reply.body).toMatchObject({ title: 'Tour Guide', name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane' }, [ENTERPRISE]: { department: 'Ops' } });
    expect(reply.body.schemas).toContain(ENTERPRISE);
  });

  it('path-less add merges an object of attributes', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'add', value: { nickName: 'Babs', emails: [{ value: 'extra@x.com', type: 'other' }] } });
    expect(reply.body.nickName).toBe('Babs');
    expect(reply.body.emails).toHaveLength(3);
  });

  it('Entra adds a manager unqualified and as a one-element array', async () => {
    const manager = await babs({ displayName: 'Boss' });
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'Add', path: 'manager', value: [{ $ref: `${f.url}/Users/${manager.id}`, value: manager.id }] });
    expect(reply.status).toBe(200);
    expect(reply.body[ENTERPRISE].manager).toEqual({ value: manager.id, $ref: `${f.url}/Users/${manager.id}`, displayName: 'Boss' });
    const asString = await patchUser(user.id, { op: 'replace', path: `${ENTERPRISE}:manager`, value: user.id });
    expect(asString.body[ENTERPRISE].manager.value).toBe(user.id);
  });

  it('creates a value for an Add through an equality filter that matches nothing (Entra)', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '555-0100' });
    expect(reply.status).toBe(200);
    expect(reply.body.phoneNumbers).toEqual([{ value: '555-555-5555', type: 'work' }, { type: 'mobile', value: '555-0100' }]);
    const updated = await patchUser(user.id, { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '555-0101' });
    expect(updated.body.phoneNumbers).toEqual([{ value: '555-555-5555', type: 'work' }, { type: 'mobile', value: '555-0101' }]);
    expectError(await patchUser(user.id, { op: 'add', path: 'phoneNumbers[type sw "mob" and type ew "x"].value', value: '1' }), 400, 'noTarget');
  });

  it('an add that changes nothing leaves lastModified and version alone', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'add', path: 'emails', value: [{ value: 'home@example.com', type: 'home' }] }, { op: 'add', path: 'displayName', value: 'Babs' });
    expect(reply.status).toBe(200);
    expect(reply.body.meta.lastModified).toBe(user.meta.lastModified);
    expect(reply.body.meta.version).toBe(user.meta.version);
  });

  it('adding null changes nothing', async () => {
    const user = await babs({ [ENTERPRISE]: { department: 'D' } });
    const reply = await patchUser(user.id, { op: 'add', path: 'emails[type eq "work"].value', value: null }, { op: 'add', path: ENTERPRISE, value: null }, { op: 'add', path: 'title', value: null });
    expect(reply.status).toBe(200);
    expect(reply.body.meta.version).toBe(user.meta.version);
  });

  it('needs a value (400 invalidValue)', async () => {
    const user = await babs();
    expectError(await patchUser(user.id, { op: 'add', path: 'title' }), 400, 'invalidValue');
    expectError(await patchUser(user.id, { op: 'add' }), 400, 'invalidValue');
    expectError(await patchUser(user.id, { op: 'replace', value: 'not an object' }), 400, 'invalidValue');
  });
});

describe('PATCH remove', () => {
  it('removes attributes, sub-attributes and filtered values', async () => {
    const user = await babs({ nickName: 'N', [ENTERPRISE]: { department: 'D' } });
    const reply = await patchUser(
      user.id,
      { op: 'remove', path: 'nickName' },
      { op: 'remove', path: 'name.givenName' },
      { op: 'remove', path: 'emails[type eq "home"]' },
      { op: 'remove', path: 'phoneNumbers' },
      { op: 'remove', path: `${ENTERPRISE}:department` },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.nickName).toBeUndefined();
    expect(reply.body.name).toEqual({ familyName: 'Jensen' });
    expect(reply.body.emails).toEqual([{ value: 'work@example.com', type: 'work', primary: true }]);
    expect(reply.body.phoneNumbers).toBeUndefined();
    expect(reply.body[ENTERPRISE]).toBeUndefined();
    expect(reply.body.schemas).toEqual([USER]);
  });

  it('addresses the whole extension by its URN', async () => {
    const manager = await babs();
    const user = await babs({ [ENTERPRISE]: { department: 'D', manager: { value: manager.id } } });
    const replaced = await patchUser(user.id, { op: 'replace', path: ENTERPRISE, value: { department: 'E', costCenter: 'C' } });
    expect(replaced.body[ENTERPRISE]).toMatchObject({ department: 'E', costCenter: 'C', manager: { value: manager.id } });
    const managerGone = await patchUser(user.id, { op: 'Remove', path: `${ENTERPRISE}:manager` });
    expect(managerGone.body[ENTERPRISE]).toEqual({ department: 'E', costCenter: 'C' });
    const removed = await patchUser(user.id, { op: 'remove', path: ENTERPRISE.toLowerCase() });
    expect(removed.body[ENTERPRISE]).toBeUndefined();
    expect(removed.body.schemas).toEqual([USER]);
  });

  it('removes a sub-attribute of matching values only', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'remove', path: 'emails[type eq "work"].primary' });
    expect(reply.body.emails).toEqual([{ value: 'work@example.com', type: 'work' }, { value: 'home@example.com', type: 'home' }]);
  });

  it('without a path → 400 noTarget', async () => {
    const user = await babs();
    expectError(await patchUser(user.id, { op: 'remove' }), 400, 'noTarget');
    expectError(await patchUser(user.id, { op: 'Remove', value: { nickName: 'x' } }), 400, 'noTarget');
  });

  it('of a required or readOnly attribute → 400 mutability', async () => {
    const user = await babs();
    expectError(await patchUser(user.id, { op: 'remove', path: 'userName' }), 400, 'mutability');
    expectError(await patchUser(user.id, { op: 'replace', path: 'userName', value: null }), 400, 'mutability');
    expectError(await patchUser(user.id, { op: 'remove', path: 'id' }), 400, 'mutability');
    expectError(await patchUser(user.id, { op: 'replace', path: 'id', value: 'x' }), 400, 'mutability');
    expectError(await patchUser(user.id, { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }), 400, 'mutability');
    expectError(await patchUser(user.id, { op: 'add', path: 'groups', value: [{ value: 'x' }] }), 400, 'mutability');
    expectError(await patchUser(user.id, { op: 'replace', value: { id: 'another-id' } }), 400, 'mutability');
    expectError(await patchUser(user.id, { op: 'replace', path: 'userName', value: '' }), 400, 'invalidValue');
  });
});

describe('PATCH errors and atomicity', () => {
  it('invalid paths → 400 invalidPath', async () => {
    const user = await babs();
    for (const path of ['emails[type eq', 'nonsense', 'name.nonsense', 'name[givenName eq "x"]', 'emails.value', 'a.b.c', 'emails[type eq "work"]]', `${ENTERPRISE}:nonsense`, 'emails[primary gt true]']) {
      expectError(await patchUser(user.id, { op: 'replace', path, value: 'x' }), 400, 'invalidPath');
    }
    expectError(await patchUser(user.id, { op: 'replace', path: 42, value: 'x' }), 400, 'invalidPath');
    expectError(await patchUser(user.id, { op: 'replace', path: '', value: 'x' }), 400, 'invalidPath');
  });

  it('wrong value types → 400 invalidValue', async () => {
    const user = await babs();
    expectError(await patchUser(user.id, { op: 'replace', path: 'active', value: 'maybe' }), 400, 'invalidValue');
    expectError(await patchUser(user.id, { op: 'replace', path: 'name', value: 5 }), 400, 'invalidValue');
    expectError(await patchUser(user.id, { op: 'replace', path: 'emails[type eq "work"].value', value: { nested: true } }), 400, 'invalidValue');
    expectError(await patchUser(user.id, { op: 'add', path: 'emails', value: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] }), 400, 'invalidValue');
  });

  it('is atomic: a failing operation leaves the resource unchanged', async () => {
    const user = await babs();
    const reply = await patchUser(user.id, { op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'replace', path: 'active', value: 'nope' });
    expectError(reply, 400, 'invalidValue');
    expect(reply.body.detail).toMatch(/^Operations\[1\]/);
    expect((await f.request('GET', `/Users/${user.id}`)).body).toEqual(user);
  });

  it('refuses a userName collision (409 uniqueness)', async () => {
    const a = await babs();
    const b = await babs();
    expectError(await patchUser(a.id, { op: 'replace', path: 'userName', value: b.userName.toUpperCase() }), 409, 'uniqueness');
    expectError(await patchUser(a.id, { op: 'replace', value: { userName: b.userName } }), 409, 'uniqueness');
    expect((await f.request('GET', `/Users/${a.id}`)).body.userName).toBe(a.userName);
  });

  it('honours attributes/excludedAttributes on the response', async () => {
    const user = await babs();
    const reply = await f.request('PATCH', `/Users/${user.id}?attributes=userName`, { body: patchBody({ op: 'replace', path: 'nickName', value: 'N' }) });
    expect(Object.keys(reply.body).sort()).toEqual(['id', 'schemas', 'userName']);
  });
});

describe('PATCH /Groups', () => {
  async function setup() {
    const users = await Promise.all([babs(), babs(), babs()]);
    const group = await f.createGroup({ displayName: `Group ${unique()}` });
    return { users, group };
  }
  const members = async (groupId: string) => ((await f.request('GET', `/Groups/${groupId}`)).body.members ?? []).map((m: { value: string }) => m.value);

  it('adds members (Entra: $ref null, several per operation) and answers 204', async () => {
    const { users, group } = await setup();
    const reply = await f.request('PATCH', `/Groups/${group.id}`, {
      body: patchBody({ op: 'Add', path: 'members', value: [{ $ref: null, value: users[0]!.id }, { $ref: null, value: users[1]!.id }] }),
    });
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect(reply.headers.get('etag')).toMatch(/^W\/"\d+"$/);
    expect(await members(group.id)).toEqual([users[0]!.id, users[1]!.id]);
    // Adding an existing member again is not a duplicate.
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'add', path: 'members', value: [{ value: users[0]!.id, display: 'okta display' }] }) });
    expect(await members(group.id)).toEqual([users[0]!.id, users[1]!.id]);
  });

  it('removes one member by filter (Okta, Entra with aadOptscim062020)', async () => {
    const { users, group } = await setup();
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'add', path: 'members', value: users.map((u) => ({ value: u.id })) }) });
    const reply = await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'remove', path: `members[value eq "${users[1]!.id}"]` }) });
    expect(reply.status).toBe(204);
    expect(await members(group.id)).toEqual([users[0]!.id, users[2]!.id]);
    // Removing someone who is not a member is a no-op, not an error (Okta retries).
    const again = await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'remove', path: `members[value eq "${users[1]!.id}"]` }) });
    expect(again.status).toBe(204);
  });

  it('removes just the listed members for remove with a value array (Entra default dialect)', async () => {
    const { users, group } = await setup();
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'add', path: 'members', value: users.map((u) => ({ value: u.id })) }) });
    const reply = await f.request('PATCH', `/Groups/${group.id}`, {
      body: patchBody({ op: 'Remove', path: 'members', value: [{ $ref: null, value: users[0]!.id }, { value: users[2]!.id }] }),
    });
    expect(reply.status).toBe(204);
    expect(await members(group.id)).toEqual([users[1]!.id]);
  });

  it('removes all members for remove on members without a value', async () => {
    const { users, group } = await setup();
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'add', path: 'members', value: users.map((u) => ({ value: u.id })) }) });
    expect((await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'remove', path: 'members' }) })).status).toBe(204);
    expect(await members(group.id)).toEqual([]);
    expect((await f.request('GET', `/Users/${users[0]!.id}`)).body.groups).toBeUndefined();
  });

  it('replaces all members (Okta full push, also with [])', async () => {
    const { users, group } = await setup();
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'add', path: 'members', value: [{ value: users[0]!.id }] }) });
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'replace', path: 'members', value: [{ value: users[1]!.id }, { value: users[2]!.id }] }) });
    expect(await members(group.id)).toEqual([users[1]!.id, users[2]!.id]);
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'replace', path: 'members', value: [] }) });
    expect(await members(group.id)).toEqual([]);
  });

  it('renames with a path-less replace that repeats the id (Okta), or by path (Entra)', async () => {
    const { group } = await setup();
    const okta = await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'replace', value: { id: group.id, displayName: 'Renamed by Okta' } }) });
    expect(okta.status).toBe(204);
    expect((await f.request('GET', `/Groups/${group.id}`)).body.displayName).toBe('Renamed by Okta');
    const entra = await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'Replace', path: 'displayName', value: 'Renamed by Entra' }) });
    expect(entra.status).toBe(204);
    expect((await f.request('GET', `/Groups/${group.id}`)).body.displayName).toBe('Renamed by Entra');
  });

  it('refuses unknown members (400 invalidValue) atomically, and a duplicate displayName (409)', async () => {
    const { users, group } = await setup();
    const reply = await f.request('PATCH', `/Groups/${group.id}`, {
      body: patchBody({ op: 'replace', path: 'displayName', value: 'Should not stick' }, { op: 'add', path: 'members', value: [{ value: users[0]!.id }, { value: 'ghost' }] }),
    });
    expectError(reply, 400, 'invalidValue');
    const after = await f.request('GET', `/Groups/${group.id}`);
    expect(after.body.displayName).toBe(group.displayName);
    expect(after.body.members).toBeUndefined();
    const other = await f.createGroup({ displayName: `Other ${unique()}` });
    expectError(await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'replace', path: 'displayName', value: other.displayName.toLowerCase() }) }), 409, 'uniqueness');
  });

  it('refuses changing an immutable member sub-attribute, and removing displayName', async () => {
    const { users, group } = await setup();
    await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'add', path: 'members', value: [{ value: users[0]!.id }] }) });
    expectError(await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'replace', path: `members[value eq "${users[0]!.id}"].value`, value: users[1]!.id }) }), 400, 'mutability');
    expectError(await f.request('PATCH', `/Groups/${group.id}`, { body: patchBody({ op: 'remove', path: 'displayName' }) }), 400, 'mutability');
  });
});
