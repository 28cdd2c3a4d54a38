import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, USER, patchBody, startFixture, type Fixture } from './fixtures/reference-fixture.js';

/** A few thousand users must not make queries slow (the harness and IdP simulators page through them). */

const USERS = 3000;
let f: Fixture;
const groupIds: string[] = [];

beforeAll(async () => {
  f = await startFixture();
  for (let start = 0; start < USERS; start += 100) {
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => start + i).map((n) =>
        f.request('POST', '/Users', {
          body: {
            schemas: [USER, ENTERPRISE],
            userName: `user${n}@example.com`,
            name: { givenName: `Given${n % 97}`, familyName: `Family${n % 89}` },
            emails: [{ value: `user${n}@example.com`, type: 'work', primary: true }],
            active: n % 3 !== 0,
            [ENTERPRISE]: { employeeNumber: String(n), department: `Dept${n % 10}` },
          },
        }),
      ),
    );
  }
  const all = await f.request('GET', '/Users?count=200&attributes=id');
  for (let g = 0; g < 10; g += 1) {
    const group = await f.createGroup({ displayName: `Big group ${g}`, members: all.body.Resources.map((u: { id: string }) => ({ value: u.id })) });
    groupIds.push(group.id);
  }
}, 60_000);
afterAll(() => f.close());

async function timed(path: string, options: Parameters<Fixture['request']>[2] = {}) {
  await f.request('GET', path, options); // warm up
  const start = performance.now();
  const reply = await f.request(path.startsWith('/Users/.search') ? 'POST' : 'GET', path, options);
  return { reply, ms: performance.now() - start };
}

describe(`with ${USERS} users`, () => {
  it('has them all', async () => {
    expect((await f.request('GET', '/Users?count=0')).body.totalResults).toBe(USERS);
  });

  it('answers indexed lookups (userName eq, id eq) in a few milliseconds', async () => {
    const { reply, ms } = await timed(`/Users?filter=${encodeURIComponent('userName eq "USER2999@example.com"')}`);
    expect(reply.body.totalResults).toBe(1);
    expect(ms).toBeLessThan(50);
    const id = reply.body.Resources[0].id;
    const byId = await timed(`/Users?filter=${encodeURIComponent(`id eq "${id}" and active eq true`)}`);
    expect(byId.reply.body.totalResults).toBe(1);
    expect(byId.ms).toBeLessThan(50);
  });

  it('answers scans, sorts and deep pages quickly', async () => {
    const cases = [
      `/Users?filter=${encodeURIComponent('emails[type eq "work" and value co "99@"] or name.familyName eq "family7"')}`,
      `/Users?filter=${encodeURIComponent(`${ENTERPRISE}:department eq "Dept3" and active eq true`)}&sortBy=name.givenName&sortOrder=descending`,
      '/Users?startIndex=2901&count=100',
      '/Users?sortBy=userName&count=200&attributes=userName',
      `/Users?filter=${encodeURIComponent(`groups.value eq "${groupIds[0]}"`)}&count=0`,
    ];
    for (const path of cases) {
      const { reply, ms } = await timed(path);
      expect(reply.status, path).toBe(200);
      expect(ms, path).toBeLessThan(400);
    }
  });

  it('patches a large group quickly', async () => {
    const member = (await f.request('GET', '/Users?startIndex=2500&count=1')).body.Resources[0].id;
    const start = performance.now();
    const reply = await f.request('PATCH', `/Groups/${groupIds[0]}`, { body: patchBody({ op: 'add', path: 'members', value: [{ value: member }] }) });
    expect(reply.status).toBe(204);
    expect(performance.now() - start).toBeLessThan(100);
  });
});
