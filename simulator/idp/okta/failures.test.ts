import { afterEach, describe, expect, test } from 'vitest';
import { startReferenceServer } from '../../target/reference/server.js';
import { TOKEN, oktaFixture, type OktaFixtureOptions } from './fixtures/okta-fixture.js';
import { member, people, pushedGroupId, targetId, view, type OktaFixture } from './fixtures/okta-people.js';
import { expectOktaWire, GROUP_URN, PATCH_URN, renamePatch, scimError, startScriptedTarget, targetCall, userLookupPath, type Script, type ScriptedTarget } from './fixtures/okta-wire.js';
import { CREDENTIALS_TEST_FAILED } from './okta-messages.js';

/**
 * What an Okta admin sees when the target misbehaves (research §1.3, §1.7, §1.8): tasks, app user
 * states, group push status. A scripted server on 127.0.0.1 answers the requests a test picks and
 * passes the rest to a real reference server.
 */

const T0 = Date.parse('2026-01-05T09:00:00Z');
const MIN = 60_000;
const FAILED = 'Automatic provisioning of user Alice Smith to app dbt failed: ';
const LOOKUP = userLookupPath('alice@example.com');

let cleanups: Array<() => Promise<void>> = [];
let fixtures: OktaFixture[] = [];
afterEach(async () => {
  const [started, closing] = [fixtures, cleanups];
  [fixtures, cleanups] = [[], []];
  try {
    for (const f of started) expectOktaWire(f.exchanges());
  } finally {
    for (const close of closing.reverse()) await close();
  }
});

/** An org whose target is the scripted server in front of a fresh reference server. */
async function scripted(script: Script, options: Partial<OktaFixtureOptions> = {}): Promise<{ f: OktaFixture; target: ScriptedTarget }> {
  const reference = await startReferenceServer({ port: 0, host: '127.0.0.1', tokens: [TOKEN] });
  const target = await startScriptedTarget(reference.url, script);
  const f = await oktaFixture({ targetUrl: target.url, directory: { users: people('alice', 'bob') }, ...options });
  fixtures.push(f);
  cleanups.push(reference.close, target.close, f.close);
  return { f, target };
}

async function plain(options: Partial<OktaFixtureOptions> = {}): Promise<OktaFixture> {
  const f = await oktaFixture({ directory: { users: people('alice', 'bob') }, ...options });
  fixtures.push(f);
  cleanups.push(f.close);
  return f;
}

const isPost = (path: string) => (req: { method: string; url: string }) => req.method === 'POST' && req.url === `/scim/v2${path}`;
/** Minutes after the start of the run at which each exchange was sent (the virtual clock). */
const sentAtMinutes = (f: OktaFixture) => f.exchanges().map((e) => (Date.parse(e.virtualTime) - T0) / MIN);

describe('create failures (research §1.3)', () => {
  test('409: a failed task with the detail, nothing after the 409, no link', async () => {
    const { f, target } = await scripted((req) => (isPost('/Users')(req) ? scimError(409, 'User alice@example.com already exists.', 'uniqueness') : undefined));
    await f.org.assignUsers(['alice']);
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${LOOKUP}`, 'POST /Users']);
    expect(target.seen).toHaveLength(2);
    const v = view(f.org);
    expect(v.tasks).toEqual([
      {
        id: 1,
        status: 'open',
        subject: 'alice',
        kind: 'user',
        message: `${FAILED}Error while creating user Alice Smith: Conflict. Errors reported by remote server: User alice@example.com already exists.`,
        at: '2026-01-05T09:00:00.000Z',
      },
    ]);
    expect(v.openTasks).toEqual([v.tasks[0]!.message]);
    expect(v.appUsers['alice']).toMatchObject({ status: 'STAGED', syncState: 'ERROR', externalId: null });
    // On the wire (server side) the credential is the real bearer token, with Okta's User-Agent.
    for (const req of target.seen) {
      expect(req.headers['authorization']).toBe(`Bearer ${TOKEN}`);
      expect(req.headers['user-agent']).toBe('Okta SCIM Client 1.0.0');
    }
    expect(target.seen[1]!.headers['content-type']).toBe('application/json');
  });

  test('a lookup answered 404 means "not found", like an empty list: the create follows', async () => {
    const { f } = await scripted((req) => (req.method === 'GET' ? scimError(404, 'No such user') : undefined));
    await f.org.assignUsers(['alice']);
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${LOOKUP}`, 'POST /Users']);
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED' });
    expect(view(f.org).tasks).toEqual([]);
  });

  test('201 with an empty body: "Create new user returned empty user."', async () => {
    const { f } = await scripted((req) => (isPost('/Users')(req) ? { status: 201 } : undefined));
    await f.org.assignUsers(['alice']);
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(view(f.org).openTasks).toEqual([`${FAILED}Error while creating user Alice Smith: Create new user returned empty user.`]);
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'STAGED', syncState: 'ERROR', externalId: null });
  });
});

describe('429 (research §1.8)', () => {
  test('Retry-After: 7, then success: one wait of exactly 7 s, two attempts', async () => {
    const { f } = await scripted((_req, nth) => (nth === 1 ? { status: 429, headers: { 'retry-after': '7' } } : undefined));
    await f.org.assignUsers(['alice']);
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${LOOKUP}`, `GET ${LOOKUP}`, 'POST /Users']);
    expect(f.clock.now().getTime() - T0).toBe(7_000);
    expect(f.exchanges().map((e) => e.virtualTime)).toEqual(['2026-01-05T09:00:00.000Z', '2026-01-05T09:00:07.000Z', '2026-01-05T09:00:07.000Z']);
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED' });
    expect(view(f.org).tasks).toEqual([]);
  });

  test('no Retry-After: 5 min, then 10, then 20 (doubling)', async () => {
    const { f } = await scripted((_req, nth) => (nth <= 3 ? { status: 429 } : undefined));
    await f.org.assignUsers(['alice']);
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'POST']);
    expect(sentAtMinutes(f)).toEqual([0, 5, 15, 35, 35]);
    expect(f.clock.now().getTime() - T0).toBe(35 * MIN);
    expect(view(f.org).appUsers['alice']!.status).toBe('PROVISIONED');
  });

  test.each(['Wed, 21 Oct 2026 07:28:00 GMT', '7.5'])('Retry-After %j is not an integer: 5 min', async (retryAfter) => {
    const { f } = await scripted((_req, nth) => (nth <= 2 ? { status: 429, headers: { 'retry-after': retryAfter } } : undefined));
    await f.org.assignUsers(['alice']);
    expect(sentAtMinutes(f)).toEqual([0, 5, 15, 15]);
  });

  test('429 forever: fails after 10 attempts with "API rate limiting"', async () => {
    const { f, target } = await scripted(() => ({ status: 429, headers: { 'retry-after': '60' } }));
    await f.org.assignUsers(['alice']);
    expect(f.sent()).toEqual(Array(10).fill({ method: 'GET', path: LOOKUP }));
    expect(target.seen).toHaveLength(10);
    const at = sentAtMinutes(f);
    expect(at.slice(1).map((t, i) => t - at[i]!)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    const [task] = view(f.org).openTasks;
    expect(task).toMatch(new RegExp(`^${FAILED}Error while verifying if user alice@example\\.com exists: API rate limiting`));
    expect(view(f.org).appUsers['alice']).toMatchObject({ status: 'STAGED', syncState: 'ERROR', externalId: null });
  });

  test('group push waits too', async () => {
    let throttled = false;
    const { f } = await scripted((req) => {
      if (!isPost('/Groups')(req) || throttled) return undefined;
      throttled = true;
      return { status: 429, headers: { 'retry-after': '3' } };
    }, { settings: { flavour: 'oin' }, directory: { users: people('alice'), groups: { eng: { name: 'Engineering', members: ['alice'] } } } });
    await f.org.assignUsers(['alice']);
    f.sent();
    const before = f.clock.now().getTime();
    await f.org.pushGroups(['eng']);
    expect(f.sent().map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '{id}')}`)).toEqual(['POST /Groups', 'POST /Groups', 'PATCH /Groups/{id}', 'PATCH /Groups/{id}']);
    expect(f.clock.now().getTime() - before).toBe(3_000);
    expect(view(f.org).groupPush['eng']!.status).toBe('Active');
  });
});

describe('server errors and timeouts (research §1.8)', () => {
  test.each([
    [500, scimError(500, 'Database unavailable'), 'Internal Server Error. Errors reported by remote server: Database unavailable'],
    [503, { status: 503 }, 'Service Unavailable. Errors reported by remote server: Service Unavailable'],
  ])('%i: a task, no automatic retry; Retry Selected succeeds once the server recovers', async (_status, reply, cause) => {
    const { f, target } = await scripted((req) => (isPost('/Users')(req) ? reply : undefined));
    await f.org.assignUsers(['alice']);
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(target.seen.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(f.clock.now().getTime()).toBe(T0);
    expect(view(f.org).openTasks).toEqual([`${FAILED}Error while creating user Alice Smith: ${cause}`]);

    target.script = () => undefined;
    await f.org.retryTasks();
    const sent = f.sent();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${LOOKUP}`, 'POST /Users']);
    const v = view(f.org);
    expect(v.tasks.map((t) => t.status)).toEqual(['resolved']);
    expect(v.openTasks).toEqual([]);
    expect(v.appUsers['alice']).toMatchObject({ status: 'PROVISIONED', syncState: 'SYNCHRONIZED', externalId: expect.any(String) });
    expect((await targetCall(f.baseUrl, 'GET', `/Users/${targetId(f.org, 'alice')}`)).json).toMatchObject({ userName: 'alice@example.com' });
  });

  test('no answer within the limit: "Read timed out…", one request, then Retry Selected', async () => {
    const { f, target } = await scripted(() => 'hang', { settings: { answerLimitMs: 300 } });
    await f.org.assignUsers(['alice']);
    expect(f.sent()).toEqual([{ method: 'GET', path: LOOKUP }]);
    expect(target.seen).toHaveLength(1);
    expect(f.exchanges()[0]!.error?.code).toBe('response-timeout');
    expect(f.exchanges()[0]!.durationMs).toBeGreaterThanOrEqual(250);
    const [task] = view(f.org).openTasks;
    expect(task).toMatch(new RegExp(`^${FAILED}Error while verifying if user alice@example\\.com exists: Read timed out`));

    target.script = () => undefined;
    await f.org.retryTasks();
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(view(f.org).openTasks).toEqual([]);
  });

  test('lookup 401: "Error while verifying if user … exists: Unauthorized"', async () => {
    const { f } = await scripted(() => ({ status: 401 }));
    await f.org.assignUsers(['alice']);
    expect(f.sent()).toEqual([{ method: 'GET', path: LOOKUP }]);
    expect(view(f.org).openTasks).toEqual([`${FAILED}Error while verifying if user alice@example.com exists: Unauthorized. Errors reported by remote server: Unauthorized`]);
    await expect(f.org.testApiCredentials()).resolves.toEqual({ ok: false, message: CREDENTIALS_TEST_FAILED });
  });

  test('lookup 401 from the reference server (wrong token): its detail is surfaced', async () => {
    const f = await plain({ server: { tokens: ['some-other-token'] } });
    await f.org.assignUsers(['alice']);
    expect(f.sent()).toEqual([{ method: 'GET', path: LOOKUP }]);
    expect(view(f.org).openTasks).toEqual([
      `${FAILED}Error while verifying if user alice@example.com exists: Unauthorized. Errors reported by remote server: The bearer token is not valid.`,
    ]);
  });

  test('profile push to a user deleted on the target: "Matching user not found."', async () => {
    const f = await plain();
    await f.org.assignUsers(['alice']);
    const id = targetId(f.org, 'alice');
    expect((await targetCall(f.baseUrl, 'DELETE', `/Users/${id}`)).status).toBe(204);
    f.sent();
    await f.org.updateProfile('alice', { firstName: 'Alicia' });
    expect(f.sent()).toEqual([{ method: 'GET', path: `/Users/${id}` }]);
    expect(view(f.org).openTasks).toEqual([`Automatic provisioning of user Alicia Smith to app dbt failed: Matching user not found.`]);
    expect(view(f.org).appUsers['alice']).toMatchObject({ syncState: 'ERROR', externalId: id });
  });
});

describe('group push failures (research §1.7.8)', () => {
  const directory = { users: people('alice', 'bob'), groups: { eng: { name: 'Engineering', members: ['alice', 'bob'] } } };

  test('create fails: status Error with the (i) panel; Retry All Groups pushes it once the server recovers', async () => {
    const { f, target } = await scripted((req) => (isPost('/Groups')(req) ? scimError(500, 'boom') : undefined), { settings: { flavour: 'oin' }, directory });
    await f.org.assignUsers(['alice', 'bob']);
    f.sent();
    await f.org.pushGroups(['eng']);
    expect(f.sent()).toEqual([{ method: 'POST', path: '/Groups', body: { schemas: [GROUP_URN], displayName: 'Engineering', members: [] } }]);
    expect(view(f.org).groupPush['eng']).toEqual({
      status: 'Error',
      targetId: null,
      members: [],
      lastError: { at: '2026-01-05T09:00:00.000Z', message: 'Failed to create group Engineering: Internal Server Error. Errors reported by remote server: boom' },
    });

    target.script = () => undefined;
    await f.org.retryGroups();
    const gid = pushedGroupId(f.org, 'eng');
    expect(f.sent()).toEqual([
      { method: 'POST', path: '/Groups', body: { schemas: [GROUP_URN], displayName: 'Engineering', members: [] } },
      { method: 'PATCH', path: `/Groups/${gid}`, body: renamePatch(gid, 'Engineering') },
      { method: 'PATCH', path: `/Groups/${gid}`, body: { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'members', value: [member(f.org, 'alice'), member(f.org, 'bob')] }] } },
    ]);
    expect(view(f.org).groupPush['eng']).toMatchObject({ status: 'Active', targetId: gid, members: ['alice', 'bob'], lastError: null });
  });

  test('membership PATCH fails: Error; the retry re-pushes members without creating the group again', async () => {
    const failMembers: Script = (req) => (req.method === 'PATCH' && req.body.includes('"path":"members"') ? scimError(502, 'upstream down') : undefined);
    const { f, target } = await scripted(failMembers, { settings: { flavour: 'oin' }, directory });
    await f.org.assignUsers(['alice', 'bob']);
    await f.org.pushGroups(['eng']);
    const gid = pushedGroupId(f.org, 'eng');
    expect(view(f.org).groupPush['eng']).toMatchObject({ status: 'Error', targetId: gid, members: [] });
    expect(view(f.org).groupPush['eng']!.lastError!.message).toBe('Failed to update group Engineering: Bad Gateway. Errors reported by remote server: upstream down');
    f.sent();

    target.script = () => undefined;
    await f.org.retryGroups();
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`PATCH /Groups/${gid}`, `PATCH /Groups/${gid}`]);
    expect(view(f.org).groupPush['eng']).toMatchObject({ status: 'Active', members: ['alice', 'bob'], lastError: null });
  });
});

describe('Retry Selected does what is still wanted', () => {
  test('a retry that fails again keeps the same task open with the new failure', async () => {
    const { f } = await scripted((req) => (isPost('/Users')(req) ? scimError(503, 'Maintenance') : undefined));
    await f.org.assignUsers(['alice']);
    await f.org.retryTasks();
    const v = view(f.org);
    expect(v.tasks.map((t) => [t.id, t.status])).toEqual([[1, 'open']]);
    expect(v.openTasks).toEqual([expect.stringContaining('Service Unavailable. Errors reported by remote server: Maintenance')]);
  });

  test('a failed create retried after the user was unassigned sends nothing and resolves the task', async () => {
    let failing = true;
    const { f } = await scripted((req) => (failing && isPost('/Users')(req) ? scimError(500, 'Boom') : undefined));
    await f.org.assignUsers(['alice']);
    await f.org.unassignUsers(['alice']);
    failing = false;
    f.sent();
    await f.org.retryTasks();
    expect(f.sent()).toEqual([]);
    expect(view(f.org).openTasks).toEqual([]);
    expect(view(f.org).appUsers['alice']).toMatchObject({ assigned: false, externalId: null });
  });

  test('a failed deactivation retried after the user was reassigned does not deactivate', async () => {
    let failing = false;
    const { f } = await scripted((req) => (failing && req.method === 'PATCH' ? scimError(500, 'Boom') : undefined), { settings: { flavour: 'oin' } });
    await f.org.assignUsers(['alice']);
    failing = true;
    await f.org.unassignUsers(['alice']);
    expect(view(f.org).openTasks).toHaveLength(1);
    failing = false;
    await f.org.assignUsers(['alice']);
    f.sent();
    await f.org.retryTasks();
    expect(f.sent()).toEqual([]);
    expect(view(f.org).appUsers['alice']).toMatchObject({ assigned: true, status: 'PROVISIONED' });
  });
});
