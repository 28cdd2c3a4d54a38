import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR, USER, patchBody, startFixture, type Fixture } from './fixtures/reference-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

let counter = 0;
const userName = () => `etag${++counter}@example.com`;

describe('ETags (RFC 7644 §3.14)', () => {
  it('sends a weak ETag equal to meta.version on single-resource responses, changing with each change', async () => {
    const created = await f.request('POST', '/Users', { body: { schemas: [USER], userName: userName() } });
    const etag = created.headers.get('etag');
    expect(etag).toMatch(/^W\/"\d+"$/);
    expect(created.body.meta.version).toBe(etag);
    const read = await f.request('GET', `/Users/${created.body.id}`);
    expect(read.headers.get('etag')).toBe(etag);
    const patched = await f.request('PATCH', `/Users/${created.body.id}`, { body: patchBody({ op: 'replace', path: 'nickName', value: 'n' }) });
    expect(patched.headers.get('etag')).not.toBe(etag);
    expect(patched.headers.get('etag')).toBe(patched.body.meta.version);
  });

  it('If-None-Match with the current version → 304 without a body; otherwise 200', async () => {
    const user = await f.createUser({ userName: userName() });
    const same = await f.request('GET', `/Users/${user.id}`, { headers: { 'if-none-match': user.meta.version } });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.get('etag')).toBe(user.meta.version);
    const strong = await f.request('GET', `/Users/${user.id}`, { headers: { 'if-none-match': user.meta.version.slice(2) } });
    expect(strong.status).toBe(304);
    const other = await f.request('GET', `/Users/${user.id}`, { headers: { 'if-none-match': 'W/"999999"' } });
    expect(other.status).toBe(200);
    const any = await f.request('GET', `/Users/${user.id}`, { headers: { 'if-none-match': '*' } });
    expect(any.status).toBe(304);
  });

  it('If-Match mismatch on PUT, PATCH, DELETE → 412 Error and no change', async () => {
    const user = await f.createUser({ userName: userName() });
    const stale = 'W/"1"';
    const put = await f.request('PUT', `/Users/${user.id}`, { headers: { 'if-match': stale }, body: { schemas: [USER], userName: user.userName, title: 'x' } });
    const patch = await f.request('PATCH', `/Users/${user.id}`, { headers: { 'if-match': stale }, body: patchBody({ op: 'replace', path: 'title', value: 'x' }) });
    const del = await f.request('DELETE', `/Users/${user.id}`, { headers: { 'if-match': stale } });
    for (const reply of [put, patch, del]) {
      expect(reply.status).toBe(412);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '412', detail: expect.any(String) });
      expect(reply.body.scimType).toBeUndefined();
    }
    expect((await f.request('GET', `/Users/${user.id}`)).body).toEqual(user);
  });

  it('If-Match with the current version (or *, or among several) lets the write through', async () => {
    const user = await f.createUser({ userName: userName() });
    const put = await f.request('PUT', `/Users/${user.id}`, { headers: { 'if-match': user.meta.version }, body: { schemas: [USER], userName: user.userName, title: 'a' } });
    expect(put.status).toBe(200);
    const patch = await f.request('PATCH', `/Users/${user.id}`, { headers: { 'if-match': `W/"0", ${put.body.meta.version}` }, body: patchBody({ op: 'replace', path: 'title', value: 'b' }) });
    expect(patch.status).toBe(200);
    expect((await f.request('DELETE', `/Users/${user.id}`, { headers: { 'if-match': '*' } })).status).toBe(204);
  });

  it('works for groups (PATCH 204 carries the new ETag)', async () => {
    const group = await f.createGroup({ displayName: `etag group ${counter}` });
    const patched = await f.request('PATCH', `/Groups/${group.id}`, { headers: { 'if-match': group.meta.version }, body: patchBody({ op: 'replace', path: 'displayName', value: `renamed ${counter}` }) });
    expect(patched.status).toBe(204);
    const etag = patched.headers.get('etag');
    expect(etag).not.toBe(group.meta.version);
    expect((await f.request('GET', `/Groups/${group.id}`)).body.meta.version).toBe(etag);
    const stale = await f.request('PATCH', `/Groups/${group.id}`, { headers: { 'if-match': group.meta.version }, body: patchBody({ op: 'replace', path: 'displayName', value: 'x' }) });
    expect(stale.status).toBe(412);
  });
});
