import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { ENTERPRISE, ERROR, TOKEN, USER, startFixture, type Fixture } from './fixtures/reference-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

let counter = 0;
const unique = (prefix = 'user') => `${prefix}${++counter}@example.com`;

describe('POST /Users', () => {
  it('creates a user: 201, server-assigned id, meta, Location = meta.location, ETag = meta.version', async () => {
    const userName = unique('bjensen');
    const reply = await f.request('POST', '/Users', {
      body: { schemas: [USER], userName, name: { givenName: 'Barbara', familyName: 'Jensen' }, emails: [{ value: userName, type: 'work', primary: true }], displayName: 'Babs', active: true },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    const user = reply.body;
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(user).toMatchObject({ schemas: [USER], userName, name: { givenName: 'Barbara', familyName: 'Jensen' }, displayName: 'Babs', active: true });
    expect(user.meta).toEqual({
      resourceType: 'User',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      lastModified: user.meta.created,
      location: `${f.url}/Users/${user.id}`,
      version: expect.stringMatching(/^W\/"\d+"$/),
    });
    expect(reply.headers.get('location')).toBe(user.meta.location);
    expect(reply.headers.get('etag')).toBe(user.meta.version);
    const read = await f.request('GET', `/Users/${user.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(user);
  });

  it('builds meta.location from the Host the client used', async () => {
    const user = await f.createUser({ userName: unique() });
    const port = new URL(f.url).port;
    // fetch() will not send a custom Host header; undici's request() will.
    const reply = await request(`${f.url}/Users/${user.id}`, { headers: { host: `scim.example.test:${port}`, authorization: `Bearer ${TOKEN}` } });
    const body = (await reply.body.json()) as { meta: { location: string } };
    expect(body.meta.location).toBe(`http://scim.example.test:${port}/scim/v2/Users/${user.id}`);
    expect(reply.headers.location).toBe(body.meta.location);
  });

  it('ignores client-supplied id, meta, groups and unknown attributes', async () => {
    const userName = unique();
    const reply = await f.request('POST', '/Users', {
      body: {
        schemas: [USER],
        id: 'client-chosen',
        userName,
        meta: { resourceType: 'Printer', created: '2000-01-01T00:00:00Z' },
        groups: [{ value: 'g1' }],
        adreses: [{ street: 'x' }],
        name: { givenName: 'A', nickname: 'ignored' },
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.id).not.toBe('client-chosen');
    expect(reply.body.meta.resourceType).toBe('User');
    expect(reply.body.groups).toBeUndefined();
    expect(reply.body.adreses).toBeUndefined();
    expect(reply.body.name).toEqual({ givenName: 'A' });
  });

  it('requires userName (400 invalidValue)', async () => {
    for (const body of [{ schemas: [USER] }, { schemas: [USER], userName: '' }, { schemas: [USER], userName: '   ' }, { schemas: [USER], userName: null }, { schemas: [USER], name: { givenName: 'x' } }]) {
      const reply = await f.request('POST', '/Users', { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue', detail: expect.stringContaining('userName') });
    }
  });

  it('refuses a duplicate userName, compared case-insensitively (409 uniqueness)', async () => {
    const userName = unique('Dup');
    await f.createUser({ userName });
    for (const again of [userName, userName.toUpperCase(), userName.toLowerCase()]) {
      const reply = await f.request('POST', '/Users', { body: { schemas: [USER], userName: again } });
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: expect.stringContaining('userName') });
    }
  });

  it('accepts a password but never returns it', async () => {
    const reply = await f.request('POST', '/Users', { body: { schemas: [USER], userName: unique(), password: 't1meMa$heen' } });
    expect(reply.status).toBe(201);
    expect(reply.text).not.toContain('t1meMa$heen');
    expect(reply.body.password).toBeUndefined();
    const read = await f.request('GET', `/Users/${reply.body.id}?attributes=password`);
    expect(read.text).not.toContain('t1meMa$heen');
    const list = await f.request('GET', '/Users');
    expect(list.text).not.toContain('t1meMa$heen');
  });

  it('stores the enterprise extension under its URN and lists it in schemas', async () => {
    const manager = await f.createUser({ userName: unique('boss'), displayName: 'The Boss' });
    const reply = await f.request('POST', '/Users', {
      body: {
        schemas: [USER, ENTERPRISE],
        userName: unique(),
        [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: manager.id, displayName: 'client says' } },
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.schemas).toEqual([USER, ENTERPRISE]);
    expect(reply.body[ENTERPRISE]).toEqual({ employeeNumber: '701984', department: 'Tour Operations', manager: { value: manager.id, displayName: 'The Boss' } });
    const plain = await f.createUser({ userName: unique() });
    expect(plain.schemas).toEqual([USER]);
    expect(plain[ENTERPRISE]).toBeUndefined();
  });

  it('accepts URN-qualified attribute keys and attributes wrapped in the core URN', async () => {
    const userName = unique();
    const reply = await f.request('POST', '/Users', {
      body: { schemas: [USER, ENTERPRISE], [USER]: { userName, name: { familyName: 'Wrapped' } }, [`${ENTERPRISE}:costCenter`]: '4130' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ userName, name: { familyName: 'Wrapped' }, [ENTERPRISE]: { costCenter: '4130' } });
  });

  it('accepts "True"/"False" strings for booleans (Entra) and stores real booleans', async () => {
    const reply = await f.request('POST', '/Users', {
      body: { schemas: [USER], userName: unique(), active: 'True', roles: [{ value: 'Admin', primary: 'TRUE', type: 'WindowsAzureActiveDirectoryRole' }], emails: [{ value: 'a@b.c', primary: 'false' }] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.active).toBe(true);
    expect(reply.body.roles[0].primary).toBe(true);
    expect(reply.body.emails[0].primary).toBe(false);
    const inactive = await f.request('POST', '/Users', { body: { schemas: [USER], userName: unique(), active: 'false' } });
    expect(inactive.body.active).toBe(false);
  });

  it('refuses values of the wrong type (400 invalidValue)', async () => {
    const bad: Array<Record<string, unknown>> = [
      { active: 'yes' },
      { active: 1 },
      { userName: 42 },
      { name: 'Barbara' },
      { emails: [{ value: 5 }] },
      { emails: [[{ value: 'a@b.c' }]] },
      { displayName: { text: 'x' } },
      { x509Certificates: [{ value: 'not base64!' }] },
      { [ENTERPRISE]: 'flat' },
      { [ENTERPRISE]: { employeeNumber: 701984 } },
    ];
    for (const extra of bad) {
      const reply = await f.request('POST', '/Users', { body: { schemas: [USER], userName: unique(), ...extra } });
      expect(reply.status, JSON.stringify(extra)).toBe(400);
      expect(reply.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    }
  });

  it('refuses two primary values in one multi-valued attribute', async () => {
    const reply = await f.request('POST', '/Users', {
      body: { schemas: [USER], userName: unique(), emails: [{ value: 'a@x.com', primary: true }, { value: 'b@x.com', primary: true }] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ scimType: 'invalidValue', detail: expect.stringContaining('primary') });
  });

  it('treats null and empty arrays as unassigned', async () => {
    const reply = await f.request('POST', '/Users', { body: { schemas: [USER], userName: unique(), nickName: null, emails: [], name: {} } });
    expect(reply.status).toBe(201);
    expect(reply.body.nickName).toBeUndefined();
    expect(reply.body.emails).toBeUndefined();
    expect(reply.body.name).toBeUndefined();
  });
});

describe('GET /Users/{id}', () => {
  it('404 with an Error body for an unknown id', async () => {
    const reply = await f.request('GET', '/Users/2819c223-7f76-453a-919d-413861904646');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ schemas: [ERROR], status: '404', detail: expect.stringContaining('2819c223') });
    expect(reply.body.scimType).toBeUndefined();
  });

  it('does not find a group by its id at /Users', async () => {
    const group = await f.createGroup({ displayName: `g-${unique()}` });
    expect((await f.request('GET', `/Users/${group.id}`)).status).toBe(404);
  });
});

describe('PUT /Users/{id}', () => {
  it('replaces the resource: omitted attributes are cleared, id/meta/readOnly input ignored', async () => {
    const user = await f.createUser({ userName: unique(), nickName: 'Babs', title: 'Tour Guide', name: { givenName: 'B' } });
    const userName = unique('renamed');
    const reply = await f.request('PUT', `/Users/${user.id}`, {
      body: { schemas: [USER], id: 'other', userName, title: 'Manager', meta: { created: '1999-01-01T00:00:00Z' }, groups: [{ value: 'x' }] },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: user.id, userName, title: 'Manager' });
    expect(reply.body.nickName).toBeUndefined();
    expect(reply.body.name).toBeUndefined();
    expect(reply.body.meta.created).toBe(user.meta.created);
    expect(reply.body.meta.lastModified > user.meta.lastModified).toBe(true);
    expect(reply.body.meta.version).not.toBe(user.meta.version);
    expect(reply.headers.get('etag')).toBe(reply.body.meta.version);
    expect((await f.request('GET', `/Users/${user.id}`)).body).toEqual(reply.body);
  });

  it('supports the read-modify-write pattern (Okta): GET, change one thing, PUT back', async () => {
    const user = await f.createUser({ userName: unique(), name: { givenName: 'Old', familyName: 'Name' }, emails: [{ value: 'x@y.z', type: 'work', primary: true }] });
    const changed = { ...user, name: { ...user.name, givenName: 'New' } };
    const reply = await f.request('PUT', `/Users/${user.id}`, { body: changed });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...user, name: { givenName: 'New', familyName: 'Name' }, meta: reply.body.meta });
  });

  it('keeps the stored password when PUT omits it; a PUT without change keeps lastModified', async () => {
    const user = await f.createUser({ userName: unique(), password: 'secret-1' });
    const same = await f.request('PUT', `/Users/${user.id}`, { body: user });
    expect(same.status).toBe(200);
    expect(same.body.meta.lastModified).toBe(user.meta.lastModified);
    expect(same.body.meta.version).toBe(user.meta.version);
  });

  it('never creates: unknown id → 404', async () => {
    const reply = await f.request('PUT', '/Users/does-not-exist', { body: { schemas: [USER], userName: unique() } });
    expect(reply.status).toBe(404);
    const list = await f.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "user${counter}@example.com"`)}`);
    expect(list.body.totalResults).toBe(0);
  });

  it('requires userName and keeps it unique', async () => {
    const a = await f.createUser({ userName: unique() });
    const b = await f.createUser({ userName: unique() });
    const missing = await f.request('PUT', `/Users/${a.id}`, { body: { schemas: [USER], displayName: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.scimType).toBe('invalidValue');
    const clash = await f.request('PUT', `/Users/${a.id}`, { body: { schemas: [USER], userName: b.userName.toUpperCase() } });
    expect(clash.status).toBe(409);
    expect(clash.body.scimType).toBe('uniqueness');
    const self = await f.request('PUT', `/Users/${a.id}`, { body: { schemas: [USER], userName: a.userName.toUpperCase() } });
    expect(self.status).toBe(200);
    expect(self.body.userName).toBe(a.userName.toUpperCase());
  });
});

describe('DELETE /Users/{id}', () => {
  it('204, then 404 for every operation and absent from queries and groups', async () => {
    const user = await f.createUser({ userName: unique() });
    const group = await f.createGroup({ displayName: `g-${unique()}`, members: [{ value: user.id }] });
    const reply = await f.request('DELETE', `/Users/${user.id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect((await f.request('GET', `/Users/${user.id}`)).status).toBe(404);
    expect((await f.request('PUT', `/Users/${user.id}`, { body: { schemas: [USER], userName: user.userName } })).status).toBe(404);
    expect((await f.request('PATCH', `/Users/${user.id}`, { body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] } })).status).toBe(404);
    const again = await f.request('DELETE', `/Users/${user.id}`);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ schemas: [ERROR], status: '404' });
    const list = await f.request('GET', `/Users?filter=${encodeURIComponent(`id eq "${user.id}"`)}`);
    expect(list.body).toMatchObject({ totalResults: 0, Resources: [] });
    const byName = await f.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
    expect(byName.body.totalResults).toBe(0);
    const after = await f.request('GET', `/Groups/${group.id}`);
    expect(after.body.members).toBeUndefined();
    expect(after.body.meta.version).not.toBe(group.meta.version);
    // The userName is free again.
    expect((await f.request('POST', '/Users', { body: { schemas: [USER], userName: user.userName } })).status).toBe(201);
  });
});

describe('User groups', () => {
  it('computes groups from membership (value, $ref, display, type direct), readOnly', async () => {
    const user = await f.createUser({ userName: unique() });
    const g1 = await f.createGroup({ displayName: `Tour Guides ${counter}`, members: [{ value: user.id }] });
    const g2 = await f.createGroup({ displayName: `Employees ${counter}`, members: [{ value: user.id }] });
    const read = await f.request('GET', `/Users/${user.id}`);
    expect(read.body.groups).toEqual([
      { value: g1.id, $ref: `${f.url}/Groups/${g1.id}`, display: g1.displayName, type: 'direct' },
      { value: g2.id, $ref: `${f.url}/Groups/${g2.id}`, display: g2.displayName, type: 'direct' },
    ]);
    const byGroup = await f.request('GET', `/Users?filter=${encodeURIComponent(`groups.value eq "${g2.id}"`)}`);
    expect(byGroup.body.Resources.map((u: { id: string }) => u.id)).toEqual([user.id]);
    await f.request('DELETE', `/Groups/${g1.id}`);
    expect((await f.request('GET', `/Users/${user.id}`)).body.groups).toEqual([expect.objectContaining({ value: g2.id })]);
  });
});
