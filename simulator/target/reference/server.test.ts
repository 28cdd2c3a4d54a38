import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ERROR, TOKEN, USER, startFixture } from './fixtures/reference-fixture.js';
import { createReferenceApp, startReferenceServer } from './server.js';

describe('startReferenceServer', () => {
  it('listens on 127.0.0.1 with an ephemeral port and the default base path; close() stops it', async () => {
    const server = await startReferenceServer({ tokens: [TOKEN] });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    const reply = await fetch(`${server.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(reply.status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/ServiceProviderConfig`)).rejects.toThrow();
  });

  it('honours basePath (with or without slashes), and each instance has its own store', async () => {
    const a = await startFixture({ basePath: 'custom/scim/' });
    const b = await startFixture({ basePath: '/' });
    try {
      expect(a.url).toMatch(/\/custom\/scim$/);
      expect(b.url).toMatch(/:\d+$/);
      const user = await a.createUser({ userName: 'only-in-a@example.com' });
      expect(user.meta.location).toBe(`${a.url}/Users/${user.id}`);
      expect((await a.request('GET', '/Users')).body.totalResults).toBe(1);
      expect((await b.request('GET', '/Users')).body.totalResults).toBe(0);
      expect((await b.request('GET', '/ServiceProviderConfig')).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to start on a port in use', async () => {
    const a = await startReferenceServer({ tokens: [TOKEN] });
    const port = Number(new URL(a.url).port);
    await expect(startReferenceServer({ tokens: [TOKEN], port })).rejects.toThrow();
    await a.close();
  });
});

describe('createReferenceApp', () => {
  it('is a plain Express app that can be mounted on any server', async () => {
    const app = createReferenceApp({ tokens: [TOKEN] });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const reply = await fetch(`http://127.0.0.1:${port}/scim/v2/ResourceTypes`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-powered-by')).toBeNull();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('uses the clock option for meta timestamps, and moves lastModified forward even when the clock stands still', async () => {
    const frozen = new Date('2030-01-02T03:04:05.000Z');
    const f = await startFixture({ clock: () => frozen });
    try {
      const user = await f.createUser({ userName: 'clock@example.com' });
      expect(user.meta.created).toBe('2030-01-02T03:04:05.000Z');
      expect(user.meta.lastModified).toBe(user.meta.created);
      const patched = await f.request('PATCH', `/Users/${user.id}`, { body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'nickName', value: 'n' }] } });
      expect(patched.body.meta.lastModified).toBe('2030-01-02T03:04:05.001Z');
    } finally {
      await f.close();
    }
  });

  it('maps an unexpected failure to a 500 Error body and keeps serving', async () => {
    let fail = false;
    const f = await startFixture({
      clock: () => {
        if (fail) throw new Error('clock exploded');
        return new Date();
      },
    });
    try {
      fail = true;
      const reply = await f.request('POST', '/Users', { body: { schemas: [USER], userName: 'boom@example.com' } });
      expect(reply.status).toBe(500);
      expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '500', detail: expect.any(String) });
      expect(reply.text).not.toContain('clock exploded');
      fail = false;
      expect((await f.request('GET', '/Users')).status).toBe(200);
    } finally {
      await f.close();
    }
  });
});
