import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR, GROUP, PATCH_OP, TOKEN, USER, startFixture, type Fixture, type Reply } from './fixtures/reference-fixture.js';

let f: Fixture;
let userId: string;
let groupId: string;
beforeAll(async () => {
  f = await startFixture({ maxBodyBytes: 64 * 1024 });
  userId = (await f.createUser({ userName: 'robust@example.com' })).id;
  groupId = (await f.createGroup({ displayName: 'Robust' })).id;
});
afterAll(() => f.close());

function expectScimError(reply: Reply, status: number, scimType?: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  expect(reply.body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
  if (scimType) expect(reply.body.scimType).toBe(scimType);
  else expect(reply.body.scimType).toBeUndefined();
}

describe('request bodies', () => {
  it('accepts application/scim+json and application/json, with parameters', async () => {
    for (const contentType of ['application/scim+json', 'application/json', 'application/json; charset=utf-8', 'Application/SCIM+JSON;charset=UTF-8']) {
      const reply = await f.request('POST', '/Users', { raw: JSON.stringify({ schemas: [USER], userName: `ct-${contentType}@x.com` }), headers: { 'content-type': contentType } });
      expect(reply.status, contentType).toBe(201);
    }
  });

  it('refuses other content types with 415 and an Error body', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
      const reply = await f.request('POST', '/Users', { raw: JSON.stringify({ schemas: [USER], userName: 'x415@x.com' }), headers: { 'content-type': contentType } });
      expectScimError(reply, 415);
    }
  });

  it('answers malformed JSON and empty bodies with 400 invalidSyntax', async () => {
    for (const raw of ['junk', '{"userName": ', '{"a":1}}', '', '   ', '\u0000', "{'single': 'quotes'}"]) {
      for (const [method, path] of [['POST', '/Users'], ['PUT', `/Users/${userId}`], ['PATCH', `/Groups/${groupId}`], ['POST', '/Users/.search']] as const) {
        const reply = await f.request(method, path, { raw, headers: { 'content-type': 'application/scim+json' } });
        expectScimError(reply, 400, 'invalidSyntax');
      }
    }
  });

  it('answers JSON that is not an object with 400', async () => {
    for (const raw of ['[]', '"string"', '42', 'null', 'true', '[{"userName":"x"}]']) {
      for (const [method, path] of [['POST', '/Users'], ['POST', '/Groups'], ['PUT', `/Users/${userId}`], ['PATCH', `/Users/${userId}`]] as const) {
        const reply = await f.request(method, path, { raw, headers: { 'content-type': 'application/json' } });
        expect(reply.status, `${method} ${path} ${raw}`).toBe(400);
        expect(reply.body.schemas).toEqual([ERROR]);
      }
    }
  });

  it('answers a body over maxBodyBytes with 413', async () => {
    const big = JSON.stringify({ schemas: [USER], userName: 'big@x.com', displayName: 'x'.repeat(100 * 1024) });
    expectScimError(await f.request('POST', '/Users', { raw: big, headers: { 'content-type': 'application/scim+json' } }), 413);
    // Without a Content-Length (chunked upload) too.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(10 * 1024)));
        controller.close();
      },
    });
    const response = await fetch(`${f.url}/Users`, { method: 'POST', body: chunks, duplex: 'half', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' } } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: '413' });
    // The server is still fine afterwards.
    expect((await f.request('GET', `/Users/${userId}`)).status).toBe(200);
  });

  it('never answers 500 to wrong types anywhere in a resource', async () => {
    const values = [null, false, 1.5, '', 'True', [], [null, 1, 'a'], {}, { value: 1 }, [{ value: null }], [[[]]], { a: { b: { c: {} } } }];
    const attributes = ['userName', 'name', 'name.givenName', 'emails', 'active', 'groups', 'members', 'meta', 'id', 'schemas', 'x509Certificates', 'manager', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'addresses', 'roles', 'password', 'externalId'];
    for (const attribute of attributes) {
      await Promise.all(
        values.map(async (value) => {
          const user = await f.request('POST', '/Users', { body: { schemas: [USER], userName: `w${Math.random()}@x.com`, [attribute]: value } });
          expect([201, 400], `POST /Users ${attribute}=${JSON.stringify(value)}: ${user.text}`).toContain(user.status);
          const group = await f.request('POST', '/Groups', { body: { schemas: [GROUP], displayName: `g${Math.random()}`, [attribute]: value } });
          expect([201, 400], `POST /Groups ${attribute}=${JSON.stringify(value)}: ${group.text}`).toContain(group.status);
          for (const op of ['add', 'Replace', 'remove']) {
            for (const path of [attribute, `${attribute}[value eq "x"]`, `${attribute}[value eq "x"].display`, undefined]) {
              const body = { schemas: [PATCH_OP], Operations: [{ op, ...(path !== undefined ? { path } : {}), value: path === undefined ? { [attribute]: value } : value }] };
              const target = op === 'add' && path === undefined ? `/Groups/${groupId}` : `/Users/${userId}`;
              const reply = await f.request('PATCH', target, { body });
              expect([200, 204, 400, 409], `PATCH ${target} ${JSON.stringify(body)}: ${reply.text}`).toContain(reply.status);
            }
          }
        }),
      );
    }
    expect((await f.request('GET', `/Users/${userId}`)).status).toBe(200);
  });

  it('never answers 500 to malformed PATCH and search bodies', async () => {
    const bodies: unknown[] = [
      { schemas: PATCH_OP, Operations: [] },
      { schemas: [PATCH_OP], Operations: [null] },
      { schemas: [PATCH_OP], Operations: [{ op: null }] },
      { schemas: [PATCH_OP], Operations: [{ op: ['add'] }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: {}, value: 1 }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'emails[type eq "work"].value', value: [[]] }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'add', value: [] }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: null }] },
      { schemas: [PATCH_OP], Operations: Array.from({ length: 500 }, (_, i) => ({ op: 'replace', path: 'nickName', value: `n${i}` })) },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User', value: { x: 1 } }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', value: 'x' }] },
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `emails[${'('.repeat(200)}type eq "x"${')'.repeat(200)}]`, value: 'x' }] },
    ];
    for (const body of bodies) {
      const reply = await f.request('PATCH', `/Users/${userId}`, { body });
      expect([200, 400], JSON.stringify(body).slice(0, 200)).toContain(reply.status);
    }
    const searches: unknown[] = [
      { startIndex: 'x', count: {}, sortBy: 5 },
      { filter: null, attributes: 'userName', excludedAttributes: ['emails'] },
      { filter: ['a'] },
      { sortOrder: 3 },
      { count: -1e308, startIndex: 1e308 },
    ];
    for (const body of searches) {
      const reply = await f.request('POST', '/Users/.search', { body });
      expect([200, 400], JSON.stringify(body)).toContain(reply.status);
    }
  });

  it('survives deeply nested JSON', async () => {
    const raw = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const reply = await f.request('POST', '/Users', { raw: `{"schemas":["${USER}"],"userName":"deep@x.com","name":${raw}}`, headers: { 'content-type': 'application/json' } });
    expect([400, 413]).toContain(reply.status);
    const objects = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const nested = await f.request('POST', '/Users', { raw: `{"schemas":["${USER}"],"userName":"deep2@x.com","name":${objects}}`, headers: { 'content-type': 'application/json' } });
    expect([201, 400, 413]).toContain(nested.status);
  });
});

describe('URLs and query parameters', () => {
  it('answers bad percent-encoding in the path with 400 or 404, never 500', async () => {
    for (const path of ['/Users/%E0%A4%A', '/Users/%', '/Users/%ZZ', '/Groups/%C0%AF', '/Schemas/%FF', '/Users/%00']) {
      const reply = await f.request('GET', path);
      expect([400, 404], `${path}: ${reply.text}`).toContain(reply.status);
      expect(reply.body.schemas).toEqual([ERROR]);
    }
  });

  it('answers bad percent-encoding and odd values in the query without a 500', async () => {
    for (const query of ['filter=%E0%A4%A', 'filter=%', 'count=%FF', 'attributes=%', 'filter=userName%20eq%20%22%C0%AF%22', 'filter=a&filter=b', 'count=1&count=2', 'sortBy=a&sortBy=b', 'startIndex=-99999999999999999999', 'count=NaN', 'count=Infinity', 'excludedAttributes=,,,', 'attributes=%5B%5D']) {
      const reply = await f.request('GET', `/Users?${query}`);
      expect([200, 400], `${query}: ${reply.text}`).toContain(reply.status);
      expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    }
  });

  it('answers deeply nested and very long filters with a SCIM answer', async () => {
    const deep = `${'('.repeat(5000)}userName eq "x"${')'.repeat(5000)}`;
    const reply = await f.request('GET', `/Users?filter=${encodeURIComponent(deep)}`);
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe('invalidFilter');
    const nots = `${'not ('.repeat(3000)}userName pr${')'.repeat(3000)}`;
    expect((await f.request('POST', '/Users/.search', { body: { filter: nots } })).body.scimType).toBe('invalidFilter');
    const long = Array.from({ length: 1000 }, (_, i) => `userName eq "u${i}@x.com"`).join(' or ');
    const ok = await f.request('GET', `/Users?filter=${encodeURIComponent(long)}`);
    expect(ok.status).toBe(200);
    const huge = Array.from({ length: 800 }, (_, i) => `emails[value co "${i}"] or name.givenName sw "${i}"`).join(' or ');
    const search = await f.request('POST', '/Users/.search', { body: { filter: huge } });
    expect(search.status).toBe(200);
    const longString = await f.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${'x'.repeat(30_000)}"`)}`);
    expect(longString.status).toBe(200);
  });
});
