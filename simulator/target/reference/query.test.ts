import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, ERROR, LIST, USER, startFixture, type Fixture } from './fixtures/reference-fixture.js';

let f: Fixture;
let ids: Record<string, string> = {};

const people = [
  { userName: 'bjensen@example.com', name: { givenName: 'Barbara', familyName: 'Jensen' }, title: 'Tour Guide', active: true, emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }, { value: 'babs@jensen.org', type: 'home' }], [ENTERPRISE]: { employeeNumber: '701984', department: 'Tours' } },
  { userName: 'jsmith@example.org', name: { givenName: 'John', familyName: 'Smith' }, active: false, emails: [{ value: 'jsmith@example.org', type: 'work' }], [ENTERPRISE]: { employeeNumber: '42' } },
  { userName: 'Alice@Example.com', name: { givenName: 'alice', familyName: 'Adams' }, title: 'Engineer', active: true, emails: [{ value: 'alice@example.com', type: 'home', primary: true }] },
  { userName: 'zed@example.net', displayName: 'Zed', active: true, externalId: 'EXT-9' },
  { userName: 'mary@example.com', name: { givenName: 'Mary', familyName: 'O\'Malley' }, active: true },
];

beforeAll(async () => {
  f = await startFixture();
  for (const person of people) {
    const user = await f.createUser({ ...(person[ENTERPRISE] ? { schemas: [USER, ENTERPRISE] } : {}), ...person });
    ids[person.userName] = user.id;
  }
});
afterAll(() => f.close());

async function query(params: Record<string, string | number>) {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  return f.request('GET', `/Users?${search}`);
}
async function names(filter: string): Promise<string[]> {
  const reply = await query({ filter });
  expect(reply.status, `${filter}: ${reply.text}`).toBe(200);
  return reply.body.Resources.map((u: { userName: string }) => u.userName);
}

describe('filter', () => {
  it('finds by userName case-insensitively, and 200 with totalResults 0 when nothing matches', async () => {
    expect(await names('userName eq "BJENSEN@EXAMPLE.COM"')).toEqual(['bjensen@example.com']);
    expect(await names('USERNAME EQ "alice@example.com"')).toEqual(['Alice@Example.com']);
    const none = await query({ filter: 'userName eq "b4e3c1f0-no-such-user"' });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ schemas: [LIST], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });
  });

  it('supports every operator', async () => {
    expect(await names('userName ne "bjensen@example.com"')).toHaveLength(4);
    expect(await names('userName co "EXAMPLE.C"')).toEqual(['bjensen@example.com', 'Alice@Example.com', 'mary@example.com']);
    expect(await names('userName sw "j"')).toEqual(['jsmith@example.org']);
    expect(await names('userName ew ".net"')).toEqual(['zed@example.net']);
    expect(await names('userName gt "m"')).toEqual(['zed@example.net', 'mary@example.com']);
    expect(await names('userName ge "mary@example.com"')).toEqual(['zed@example.net', 'mary@example.com']);
    expect(await names('userName lt "b"')).toEqual(['Alice@Example.com']);
    expect(await names('userName le "alice@example.com"')).toEqual(['Alice@Example.com']);
    expect(await names('title pr')).toEqual(['bjensen@example.com', 'Alice@Example.com']);
    expect(await names('meta.created gt "2000-01-01T00:00:00Z"')).toHaveLength(5);
    expect(await names('meta.lastModified lt "2000-01-01T00:00:00Z"')).toEqual([]);
  });

  it('supports and, or, not, grouping, value paths, sub-attributes and extensions', async () => {
    expect(await names('name.familyName eq "jensen" and (emails.value co "example.com" or emails.value co "example.org")')).toEqual(['bjensen@example.com']);
    expect(await names('active eq true and not (title pr)')).toEqual(['zed@example.net', 'mary@example.com']);
    expect(await names('emails[type eq "work" and value co "example.org"]')).toEqual(['jsmith@example.org']);
    expect(await names('emails[type eq "work"].value eq "BJENSEN@example.com"')).toEqual(['bjensen@example.com']);
    expect(await names('emails.primary eq true')).toEqual(['bjensen@example.com', 'Alice@Example.com']);
    expect(await names(`${ENTERPRISE}:employeeNumber eq "42"`)).toEqual(['jsmith@example.org']);
    expect(await names(`${ENTERPRISE}:department pr or displayName eq "zed"`)).toEqual(['bjensen@example.com', 'zed@example.net']);
    expect(await names('name.familyName co "O\'Mal"')).toEqual(['mary@example.com']);
    expect(await names('(ActiVe eq true) and meta.lastmodified ge "2000-01-01T00:00:00Z"')).toHaveLength(4);
  });

  it('compares id and externalId exactly', async () => {
    const id = ids['zed@example.net']!;
    expect(await names(`id eq "${id}"`)).toEqual(['zed@example.net']);
    expect(await names(`id eq "${id.toUpperCase()}"`)).toEqual([]);
    expect(await names('externalId eq "EXT-9"')).toEqual(['zed@example.net']);
    expect(await names('externalId eq "ext-9"')).toEqual([]);
    expect(await names(`userName eq "zed@example.net" and id eq "${id}"`)).toEqual(['zed@example.net']);
  });

  it('matches nothing for unknown attributes', async () => {
    expect(await names('nonsense eq "x"')).toEqual([]);
    expect(await names('name.nonsense pr')).toEqual([]);
    expect(await names('urn:example:custom:1.0:User:thing eq "x"')).toEqual([]);
  });

  it('answers 400 invalidFilter with the position for syntax errors, and for gt on booleans', async () => {
    for (const [filter, position] of [
      ['userName eq', 11],
      ['userName equals "x"', 9],
      ['userName eq bjensen', 12],
      ['(userName eq "x"', 16],
      ['userName eq "x" or', 18],
      ['emails[type eq "work"', 21],
    ] as const) {
      const reply = await query({ filter });
      expect(reply.status, filter).toBe(400);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
      expect(reply.body.detail).toContain(`position ${position}`);
    }
    const bool = await query({ filter: 'active gt true' });
    expect(bool.status).toBe(400);
    expect(bool.body.scimType).toBe('invalidFilter');
    expect((await query({ filter: '' })).body.scimType).toBe('invalidFilter');
  });
});

describe('pagination (RFC 7644 §3.4.2.4)', () => {
  it('pages with 1-based startIndex and count; numbers are JSON numbers', async () => {
    const page = await query({ startIndex: 2, count: 2 });
    expect(page.body).toMatchObject({ schemas: [LIST], totalResults: 5, itemsPerPage: 2, startIndex: 2 });
    expect(page.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['jsmith@example.org', 'Alice@Example.com']);
    expect(page.text).toMatch(/"totalResults":5,"itemsPerPage":2,"startIndex":2/);
    const last = await query({ startIndex: 5, count: 2 });
    expect(last.body).toMatchObject({ totalResults: 5, itemsPerPage: 1, startIndex: 5 });
    const beyond = await query({ startIndex: 20, count: 5 });
    expect(beyond.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, startIndex: 20, Resources: [] });
  });

  it('walks all pages in a stable order', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 5; start += 2) seen.push(...(await query({ startIndex: start, count: 2 })).body.Resources.map((u: { id: string }) => u.id));
    expect(seen).toEqual(Object.values(ids));
  });

  it('treats startIndex < 1 or non-numeric as 1, negative count as 0, and clamps count to maxResults', async () => {
    for (const startIndex of ['0', '-1', 'abc', '', '1e400']) {
      expect((await query({ startIndex, count: 1 })).body, startIndex).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    }
    expect((await query({ count: -5 })).body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect((await query({ count: 'many' })).body).toMatchObject({ itemsPerPage: 5 });
    expect((await query({ count: 1e9 })).body).toMatchObject({ itemsPerPage: 5 });
    expect((await query({ startIndex: '99999999999999999999999', count: 2 })).body).toMatchObject({ itemsPerPage: 0, Resources: [] });
    expect((await query({ startIndex: '2.7', count: '1.9' })).body).toMatchObject({ startIndex: 2, itemsPerPage: 1 });
  });

  it('count=0 returns totalResults only', async () => {
    const reply = await query({ count: 0, filter: 'active eq true' });
    expect(reply.body).toEqual({ schemas: [LIST], totalResults: 4, itemsPerPage: 0, startIndex: 1, Resources: [] });
  });

  it('combines filter and paging', async () => {
    const reply = await query({ filter: 'active eq true', startIndex: 2, count: 2 });
    expect(reply.body).toMatchObject({ totalResults: 4, itemsPerPage: 2, startIndex: 2 });
    expect(reply.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['Alice@Example.com', 'zed@example.net']);
  });
});

describe('sorting', () => {
  const sorted = async (params: Record<string, string>) => (await query(params)).body.Resources.map((u: { userName: string }) => u.userName);

  it('sorts by userName case-insensitively (caseExact false), ascending by default', async () => {
    expect(await sorted({ sortBy: 'userName' })).toEqual(['Alice@Example.com', 'bjensen@example.com', 'jsmith@example.org', 'mary@example.com', 'zed@example.net']);
    expect(await sorted({ sortBy: 'USERNAME', sortOrder: 'descending' })).toEqual(['zed@example.net', 'mary@example.com', 'jsmith@example.org', 'bjensen@example.com', 'Alice@Example.com']);
  });

  it('puts resources without the value last (ascending) and sorts multi-valued attributes by their primary value', async () => {
    expect(await sorted({ sortBy: 'name.givenName' })).toEqual(['alice@Example.com'.replace('alice', 'Alice'), 'bjensen@example.com', 'jsmith@example.org', 'mary@example.com', 'zed@example.net']);
    expect(await sorted({ sortBy: 'name.givenName', sortOrder: 'descending' })).toEqual(['zed@example.net', 'mary@example.com', 'jsmith@example.org', 'bjensen@example.com', 'Alice@Example.com']);
    expect(await sorted({ sortBy: 'emails' })).toEqual(['Alice@Example.com', 'bjensen@example.com', 'jsmith@example.org', 'zed@example.net', 'mary@example.com']);
    expect(await sorted({ sortBy: `${ENTERPRISE}:employeeNumber` })).toEqual(['jsmith@example.org', 'bjensen@example.com', 'Alice@Example.com', 'zed@example.net', 'mary@example.com']);
  });

  it('sorts then pages; an unknown sortBy keeps the default order; a bad sortOrder is 400', async () => {
    expect(await sorted({ sortBy: 'userName', startIndex: '2', count: '2' })).toEqual(['bjensen@example.com', 'jsmith@example.org']);
    expect(await sorted({ sortBy: 'nonsense' })).toEqual(Object.keys(ids));
    const bad = await query({ sortBy: 'userName', sortOrder: 'sideways' });
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe('invalidValue');
  });
});

describe('projection (attributes / excludedAttributes)', () => {
  it('attributes keeps the named attributes plus returned:always ones (id, schemas)', async () => {
    const reply = await query({ filter: 'userName eq "bjensen@example.com"', attributes: 'userName,name.givenName,emails.value' });
    expect(reply.body.Resources[0]).toEqual({
      schemas: [USER, ENTERPRISE],
      id: ids['bjensen@example.com'],
      userName: 'bjensen@example.com',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('supports extension paths, whole extensions and meta sub-attributes', async () => {
    const id = ids['bjensen@example.com']!;
    const one = await f.request('GET', `/Users/${id}?attributes=${ENTERPRISE}:employeeNumber,meta.resourceType`);
    expect(one.body).toEqual({ schemas: [USER, ENTERPRISE], id, [ENTERPRISE]: { employeeNumber: '701984' }, meta: { resourceType: 'User' } });
    const whole = await f.request('GET', `/Users/${id}?attributes=${ENTERPRISE}`);
    expect(whole.body[ENTERPRISE]).toEqual({ employeeNumber: '701984', department: 'Tours' });
    expect(whole.body.userName).toBeUndefined();
    const excludedExt = await f.request('GET', `/Users/${id}?excludedAttributes=${ENTERPRISE}:department`);
    expect(excludedExt.body[ENTERPRISE]).toEqual({ employeeNumber: '701984' });
  });

  it('excludedAttributes drops attributes and sub-attributes but never id or schemas', async () => {
    const id = ids['bjensen@example.com']!;
    const reply = await f.request('GET', `/Users/${id}?excludedAttributes=name.givenName,emails,id,schemas,meta`);
    expect(reply.body.id).toBe(id);
    expect(reply.body.schemas).toEqual([USER, ENTERPRISE]);
    expect(reply.body.name).toEqual({ familyName: 'Jensen' });
    expect(reply.body.emails).toBeUndefined();
    expect(reply.body.meta).toBeUndefined();
    expect(reply.body.userName).toBe('bjensen@example.com');
  });

  it('is case-insensitive, ignores unknown names and value filters in names', async () => {
    const id = ids['bjensen@example.com']!;
    const reply = await f.request('GET', `/Users/${id}?attributes=USERNAME,nonsense,${encodeURIComponent('emails[type eq "work"]')}`);
    expect(Object.keys(reply.body)).toEqual(['schemas', 'id', 'userName', 'emails']);
  });

  it('applies to POST and PUT responses too', async () => {
    const created = await f.request('POST', '/Users?attributes=userName', { body: { schemas: [USER], userName: 'projected@example.com', title: 'x' } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'schemas', 'userName']);
    expect(created.headers.get('location')).toContain(created.body.id);
    const put = await f.request('PUT', `/Users/${created.body.id}?excludedAttributes=title,meta`, { body: { schemas: [USER], userName: 'projected@example.com', title: 'y' } });
    expect(put.body.title).toBeUndefined();
    expect(put.body.meta).toBeUndefined();
    await f.request('DELETE', `/Users/${created.body.id}`);
  });

  it('refuses a malformed attribute list before writing anything', async () => {
    const reply = await f.request('POST', `/Users?attributes=${encodeURIComponent('emails[type eq')}`, { body: { schemas: [USER], userName: 'never@example.com' } });
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe('invalidValue');
    expect(await names('userName eq "never@example.com"')).toEqual([]);
  });
});

describe('POST /.search', () => {
  const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

  it('runs a SearchRequest with filter, paging, sort and projection', async () => {
    const reply = await f.request('POST', '/Users/.search', {
      body: { schemas: [SEARCH], filter: 'active eq true', startIndex: 1, count: 2, sortBy: 'userName', sortOrder: 'descending', attributes: ['userName'], excludedAttributes: [] },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ schemas: [LIST], totalResults: 4, itemsPerPage: 2, startIndex: 1 });
    expect(reply.body.Resources).toEqual([
      { schemas: [USER], id: ids['zed@example.net'], userName: 'zed@example.net' },
      { schemas: [USER], id: ids['mary@example.com'], userName: 'mary@example.com' },
    ]);
  });

  it('works without paging, and on /Groups', async () => {
    expect((await f.request('POST', '/Users/.search', { body: { schemas: [SEARCH] } })).body.totalResults).toBe(5);
    expect((await f.request('POST', '/Groups/.search', { body: { schemas: [SEARCH], filter: 'displayName pr' } })).body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('answers 400 invalidFilter for a bad filter, invalidSyntax for a bad body', async () => {
    const bad = await f.request('POST', '/Users/.search', { body: { schemas: [SEARCH], filter: 'userName eq' } });
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe('invalidFilter');
    for (const body of [[], 'x', { schemas: [USER] }, { schemas: 'nope' }]) {
      const reply = await f.request('POST', '/Users/.search', { body });
      expect(reply.status).toBe(400);
      expect(reply.body.scimType).toBe('invalidSyntax');
    }
    const wrongTypes = await f.request('POST', '/Users/.search', { body: { schemas: [SEARCH], filter: 42 } });
    expect(wrongTypes.status).toBe(400);
    const badList = await f.request('POST', '/Users/.search', { body: { schemas: [SEARCH], attributes: [1, 2] } });
    expect(badList.status).toBe(400);
  });
});
