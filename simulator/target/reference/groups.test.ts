import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR, GROUP, startFixture, type Fixture } from './fixtures/reference-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

let counter = 0;
const name = (prefix = 'Group') => `${prefix} ${++counter}`;

describe('POST /Groups', () => {
  it('creates an empty group the way Entra does (extra schema URN, externalId, meta.resourceType)', async () => {
    const displayName = name('Sales');
    const reply = await f.request('POST', '/Groups', {
      body: {
        schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName,
        meta: { resourceType: 'Group' },
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      schemas: [GROUP],
      displayName,
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      meta: { resourceType: 'Group', location: `${f.url}/Groups/${reply.body.id}` },
    });
    expect(reply.body.members).toBeUndefined();
    expect(reply.headers.get('location')).toBe(reply.body.meta.location);
  });

  it('fills $ref, display and type of members, ignoring what the client sent for them', async () => {
    const user = await f.createUser({ userName: `${name('u')}@x.com`, displayName: 'Babs Jensen' });
    const plain = await f.createUser({ userName: `${name('plain')}@x.com` });
    const nested = await f.createGroup({ displayName: name('Nested') });
    const reply = await f.request('POST', '/Groups', {
      body: {
        schemas: [GROUP],
        displayName: name(),
        members: [
          { value: user.id, display: 'wrong', $ref: 'http://elsewhere/Users/x', type: 'Group' },
          { value: plain.id },
          { value: nested.id, $ref: null },
          { value: user.id },
        ],
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.members).toEqual([
      { value: user.id, $ref: `${f.url}/Users/${user.id}`, display: 'Babs Jensen', type: 'User' },
      { value: plain.id, $ref: `${f.url}/Users/${plain.id}`, display: plain.userName, type: 'User' },
      { value: nested.id, $ref: `${f.url}/Groups/${nested.id}`, display: nested.displayName, type: 'Group' },
    ]);
  });

  it('requires displayName (400 invalidValue)', async () => {
    for (const body of [{ schemas: [GROUP] }, { schemas: [GROUP], displayName: '' }, { schemas: [GROUP], members: [] }]) {
      const reply = await f.request('POST', '/Groups', { body });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue', detail: expect.stringContaining('displayName') });
    }
  });

  it('keeps displayName unique case-insensitively (409 uniqueness)', async () => {
    const displayName = name('Unique');
    await f.createGroup({ displayName });
    const reply = await f.request('POST', '/Groups', { body: { schemas: [GROUP], displayName: displayName.toUpperCase() } });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
  });

  it('refuses members that are not existing users or groups (400 invalidValue)', async () => {
    for (const members of [[{ value: 'no-such-id' }], [{ display: 'no value' }], [{ value: 42 }], ['just-a-string-id']]) {
      const reply = await f.request('POST', '/Groups', { body: { schemas: [GROUP], displayName: name(), members } });
      expect(reply.status, JSON.stringify(members)).toBe(400);
      expect(reply.body.scimType).toBe('invalidValue');
    }
  });
});

describe('GET /Groups', () => {
  it('supports excludedAttributes=members on single GET and on filtered lists (Entra matching)', async () => {
    const user = await f.createUser({ userName: `${name('m')}@x.com` });
    const displayName = name('Matching');
    const group = await f.createGroup({ displayName, members: [{ value: user.id }] });
    const single = await f.request('GET', `/Groups/${group.id}?excludedAttributes=members`);
    expect(single.status).toBe(200);
    expect(single.body.members).toBeUndefined();
    expect(single.body).toMatchObject({ id: group.id, displayName, schemas: [GROUP] });
    const filter = encodeURIComponent(`displayName eq "${displayName.toLowerCase()}"`);
    const list = await f.request('GET', `/Groups?excludedAttributes=members&filter=${filter}`);
    expect(list.body.totalResults).toBe(1);
    expect(list.body.Resources[0].members).toBeUndefined();
    expect(list.body.Resources[0].id).toBe(group.id);
    const none = await f.request('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "b4e3c1f0-no-such-group"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
  });
});

describe('PUT /Groups/{id}', () => {
  it('replaces displayName and members (Okta AIW apps)', async () => {
    const a = await f.createUser({ userName: `${name('a')}@x.com` });
    const b = await f.createUser({ userName: `${name('b')}@x.com` });
    const group = await f.createGroup({ displayName: name(), members: [{ value: a.id }] });
    const renamed = name('Renamed');
    const reply = await f.request('PUT', `/Groups/${group.id}`, { body: { schemas: [GROUP], displayName: renamed, members: [{ value: b.id }] } });
    expect(reply.status).toBe(200);
    expect(reply.body.displayName).toBe(renamed);
    expect(reply.body.members.map((m: { value: string }) => m.value)).toEqual([b.id]);
    expect((await f.request('GET', `/Users/${a.id}`)).body.groups).toBeUndefined();
    expect((await f.request('GET', `/Users/${b.id}`)).body.groups).toEqual([expect.objectContaining({ value: group.id, display: renamed })]);
  });

  it('refuses a group as its own member', async () => {
    const group = await f.createGroup({ displayName: name() });
    const reply = await f.request('PUT', `/Groups/${group.id}`, { body: { schemas: [GROUP], displayName: group.displayName, members: [{ value: group.id }] } });
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe('invalidValue');
  });
});

describe('DELETE /Groups/{id}', () => {
  it('204; its members lose it; a nested group disappears from its parent', async () => {
    const user = await f.createUser({ userName: `${name('d')}@x.com` });
    const child = await f.createGroup({ displayName: name('Child'), members: [{ value: user.id }] });
    const parent = await f.createGroup({ displayName: name('Parent'), members: [{ value: child.id }, { value: user.id }] });
    expect((await f.request('DELETE', `/Groups/${child.id}`)).status).toBe(204);
    expect((await f.request('GET', `/Groups/${child.id}`)).status).toBe(404);
    expect((await f.request('GET', `/Users/${user.id}`)).body.groups).toEqual([expect.objectContaining({ value: parent.id })]);
    expect((await f.request('GET', `/Groups/${parent.id}`)).body.members).toEqual([expect.objectContaining({ value: user.id })]);
    expect((await f.request('DELETE', `/Groups/${child.id}`)).status).toBe(404);
  });
});
