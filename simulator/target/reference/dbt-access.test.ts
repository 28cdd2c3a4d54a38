import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDbtFixture, userBody, type DbtFixture } from './fixtures/dbt-fixture.js';
import { ERROR, TOKEN } from './fixtures/reference-fixture.js';

// Rules 6 (IP allowlist) and 7 (named tokens, rotation).

let f: DbtFixture;
beforeAll(async () => {
  f = await startDbtFixture();
});
afterAll(() => f.close());
beforeEach(() => f.dbtMode());

describe('named SCIM tokens', () => {
  it('a created token authenticates; the old one keeps working until deleted (rotation); start tokens stay valid', async () => {
    const { token: first } = await f.control.createToken!('okta-2024');
    expect((await f.request('GET', '/Users', { token: first })).status).toBe(200);
    const { token: second } = await f.control.createToken!('okta-2025');
    expect(second).not.toBe(first);
    expect((await f.request('GET', '/Users', { token: first })).status).toBe(200);
    expect((await f.request('GET', '/Users', { token: second })).status).toBe(200);
    await f.control.deleteToken!('okta-2024');
    const old = await f.request('GET', '/Users', { token: first });
    expect(old.status).toBe(401);
    expect(old.body).toMatchObject({ schemas: [ERROR], status: '401' });
    expect((await f.request('GET', '/Users', { token: second })).status).toBe(200);
    expect((await f.request('GET', '/Users')).status).toBe(200); // the start token
  });

  it('names are unique; deleting an unknown name throws; reset drops created tokens but not the start token', async () => {
    const { token } = await f.control.createToken!('t');
    await expect(f.control.createToken!('t')).rejects.toThrow(/already exists/);
    await expect(f.control.deleteToken!('nope')).rejects.toThrow(/no token/);
    await f.control.reset!();
    expect((await f.request('GET', '/Users', { token })).status).toBe(401);
    expect((await f.request('GET', '/Users', { token: TOKEN })).status).toBe(200);
  });
});

describe('IP allowlist', () => {
  it('requests from outside the allowlist answer 403 with a SCIM error; loopback inside passes; null lifts it', async () => {
    await f.control.setIpAllowlist!(['10.0.0.0/8']);
    for (const [method, path] of [['GET', '/Users'], ['GET', '/ServiceProviderConfig'], ['POST', '/Users']] as const) {
      const reply = await f.request(method, path, method === 'POST' ? { body: userBody('blocked@example.com') } : {});
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '403', detail: expect.stringContaining('allowlist') });
    }
    expect((await f.control.userState!('blocked@example.com')).exists).toBe(false);
    await f.control.setIpAllowlist!(['10.0.0.0/8', '127.0.0.0/8', '::1/128']);
    expect((await f.request('GET', '/Users')).status).toBe(200);
    await f.control.setIpAllowlist!(null);
    expect((await f.request('GET', '/Users')).status).toBe(200);
  });

  it('a request without a valid token is 401 whatever the allowlist; reset lifts the allowlist', async () => {
    await f.control.setIpAllowlist!(['10.0.0.0/8']);
    expect((await f.request('GET', '/Users', { token: 'wrong' })).status).toBe(401);
    await f.control.reset!();
    expect((await f.request('GET', '/Users')).status).toBe(200);
  });

  it('refuses a bad CIDR', async () => {
    await expect(f.control.setIpAllowlist!(['10.0.0.0/40'])).rejects.toThrow(/prefix/);
  });
});
