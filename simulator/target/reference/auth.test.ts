import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR, TOKEN, startFixture, type Fixture } from './fixtures/reference-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ tokens: [TOKEN, 'second-token'] });
});
afterAll(() => f.close());

describe('bearer authentication', () => {
  it('accepts any configured token, scheme in any case', async () => {
    expect((await f.request('GET', '/Users')).status).toBe(200);
    expect((await f.request('GET', '/Users', { token: 'second-token' })).status).toBe(200);
    expect((await f.request('GET', '/Users', { token: null, headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('refuses missing, wrong and non-bearer credentials with 401, WWW-Authenticate and an Error body', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: 'non-token' },
      { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` },
      { authorization: 'Bearer' },
      { authorization: `Bearer ${TOKEN} extra` },
    ];
    for (const headers of cases) {
      for (const [method, path] of [['GET', '/Users'], ['GET', '/ServiceProviderConfig'], ['POST', '/Users'], ['GET', '/Nope']] as const) {
        const reply = await f.request(method, path, { token: null, headers, ...(method === 'POST' ? { body: { userName: 'x' } } : {}) });
        expect(reply.status, JSON.stringify(headers)).toBe(401);
        expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer realm="scimsim"/);
        expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
        expect(reply.body).toMatchObject({ schemas: [ERROR], status: '401', detail: expect.any(String) });
        expect(reply.text).not.toContain(TOKEN);
      }
    }
  });

  it('does not create anything for an unauthenticated POST', async () => {
    await f.request('POST', '/Users', { token: 'nope', body: { userName: 'sneaky' } });
    const reply = await f.request('GET', '/Users?filter=userName%20eq%20%22sneaky%22');
    expect(reply.body.totalResults).toBe(0);
  });

  it('with no tokens configured, refuses everything', async () => {
    const closed = await (await import('./fixtures/reference-fixture.js')).startFixture({ tokens: [] });
    try {
      expect((await closed.request('GET', '/Users')).status).toBe(401);
    } finally {
      await closed.close();
    }
  });
});
