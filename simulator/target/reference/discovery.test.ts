import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, ERROR, GROUP, LIST, USER, startFixture, type Fixture } from './fixtures/reference-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const SCIM_JSON = 'application/scim+json; charset=utf-8';

describe('GET /ServiceProviderConfig', () => {
  it('advertises what the server does', async () => {
    const reply = await f.request('GET', '/ServiceProviderConfig');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(SCIM_JSON);
    expect(reply.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', name: expect.any(String), description: expect.any(String) }],
      meta: { resourceType: 'ServiceProviderConfig', location: `${f.url}/ServiceProviderConfig` },
    });
    expect(reply.body.Resources).toBeUndefined();
  });

  it('ignores filter and paging parameters', async () => {
    const plain = await f.request('GET', '/ServiceProviderConfig');
    const withParams = await f.request('GET', '/ServiceProviderConfig?filter=nonsense%20%5B&startIndex=9&count=0&sortBy=x');
    expect(withParams.status).toBe(200);
    expect(withParams.body).toEqual(plain.body);
  });
});

describe('GET /ResourceTypes', () => {
  it('lists User (with the enterprise extension) and Group', async () => {
    const reply = await f.request('GET', '/ResourceTypes');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ schemas: [LIST], totalResults: 2, itemsPerPage: 2, startIndex: 1 });
    const [user, group] = reply.body.Resources;
    expect(user).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: USER,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }],
      meta: { resourceType: 'ResourceType', location: `${f.url}/ResourceTypes/User` },
    });
    expect(group).toMatchObject({ id: 'Group', name: 'Group', endpoint: '/Groups', schema: GROUP });
  });

  it('serves each resource type, and 404 for others', async () => {
    expect((await f.request('GET', '/ResourceTypes/User')).body).toMatchObject({ name: 'User', endpoint: '/Users' });
    expect((await f.request('GET', '/ResourceTypes/Group')).body).toMatchObject({ name: 'Group' });
    const missing = await f.request('GET', '/ResourceTypes/Printer');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404', detail: expect.stringContaining('Printer') });
    expect(missing.body.scimType).toBeUndefined();
  });

  it('ignores query parameters', async () => {
    const reply = await f.request('GET', '/ResourceTypes?filter=name%20eq%20%22Group%22&count=1&startIndex=2');
    expect(reply.body.totalResults).toBe(2);
    expect(reply.body.Resources).toHaveLength(2);
  });
});

describe('GET /Schemas', () => {
  it('lists the User, Group and EnterpriseUser schemas in RFC 7643 §7 form', async () => {
    const reply = await f.request('GET', '/Schemas');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ schemas: [LIST], totalResults: 3, itemsPerPage: 3, startIndex: 1 });
    expect(reply.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER, GROUP, ENTERPRISE]);
    const user = reply.body.Resources[0];
    expect(user).toMatchObject({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], name: 'User', meta: { resourceType: 'Schema', location: `${f.url}/Schemas/${USER}` } });
    expect(user.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    const group = reply.body.Resources[1];
    expect(group.attributes.find((a: { name: string }) => a.name === 'displayName')).toMatchObject({ required: true });
  });

  it('serves one schema by URN (any case), 404 otherwise', async () => {
    expect((await f.request('GET', `/Schemas/${ENTERPRISE}`)).body).toMatchObject({ id: ENTERPRISE, name: 'EnterpriseUser' });
    expect((await f.request('GET', `/Schemas/${USER.toLowerCase()}`)).body).toMatchObject({ id: USER });
    const missing = await f.request('GET', '/Schemas/urn:example:nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
  });
});

describe('methods and endpoints', () => {
  it('answers 405 with an Error body to non-GET methods on discovery endpoints', async () => {
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/User', '/Schemas', `/Schemas/${USER}`]) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const reply = await f.request(method, path, { body: {} });
        expect(reply.status, `${method} ${path}`).toBe(405);
        expect(reply.headers.get('allow')).toBe('GET');
        expect(reply.headers.get('content-type')).toBe(SCIM_JSON);
        expect(reply.body).toMatchObject({ schemas: [ERROR], status: '405', detail: expect.any(String) });
      }
    }
  });

  it('answers 405 to unsupported methods on resource endpoints', async () => {
    expect((await f.request('PUT', '/Users', { body: {} })).status).toBe(405);
    expect((await f.request('DELETE', '/Groups')).status).toBe(405);
    expect((await f.request('GET', '/Users/.search')).status).toBe(405);
    expect((await f.request('POST', '/Users/some-id', { body: {} })).status).toBe(405);
  });

  it('answers 404 with an Error body for unknown endpoints', async () => {
    for (const path of ['/Nope', '/Users/a/b', '/2819c223-7f76-453a-919d-413861904646', '']) {
      const reply = await f.request('GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '404' });
    }
    const outside = await fetch(f.url.replace('/scim/v2', '/elsewhere'));
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ schemas: [ERROR], status: '404' });
  });

  it('answers 501 for /Bulk and /Me, which it advertises as unsupported', async () => {
    for (const [method, path] of [['POST', '/Bulk'], ['GET', '/Me'], ['PATCH', '/Me'], ['GET', '/Me/x']] as const) {
      const reply = await f.request(method, path, method === 'GET' ? {} : { body: {} });
      expect(reply.status, `${method} ${path}`).toBe(501);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '501', detail: expect.any(String) });
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const reply = await f.request('HEAD', '/ServiceProviderConfig');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
  });
});
