import { afterEach, describe, expect, test } from 'vitest';
import { scimError, type Reply, type Script } from '../fixtures/scripted-target.js';
import { EntraConfigurationError } from './tenant.js';
import { SEED_USER_MAPPINGS } from './settings.js';
import { DAY, HOUR, T0, entraFixture, type EntraFixture, type EntraFixtureOptions } from './fixtures/entra-fixture.js';
import { createTargetGroup, expectEntraWire, groupFilter, scriptedEntra, targetCall, userFilter } from './fixtures/entra-wire.js';

/**
 * What an Entra admin sees when the target misbehaves. Covers research §2.2 (Test Connection: the
 * random-GUID user probe expecting 200 + an empty ListResponse, the group probe, failure shown, no
 * quarantine from the test alone), §2.3 "Escrow and retry" and "Quarantine" (401 →
 * EncounteredQuarantineException, 6 h / 12 h / 24 h / daily attempts, leaving at the first clean
 * cycle, disabled after four weeks; escrow retries dropped after 28 days; transient codes retried at
 * the next cycle; 404 where 200 was expected as a compliance failure), §2.4 (InvalidAnchor,
 * DuplicateTargetEntries is in wire.test.ts), §2.5 #1 and #10 (members in a group answer; membership
 * failures are reference failures), §2.7 (error codes, the response body in the log row), and §2.8
 * quirk 6. A scripted server on 127.0.0.1 answers the requests a test picks and passes the rest to a
 * real reference server.
 */

const fixtures: EntraFixture[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  const [started, closing] = [fixtures.splice(0), closers.splice(0)];
  try {
    for (const f of started) expectEntraWire(f.exchanges());
  } finally {
    for (const close of closing.reverse()) await close();
  }
});

const PEOPLE = { alice: { profile: { givenName: 'Alice', surname: 'Smith', mailNickname: 'alice' } }, bob: { profile: { givenName: 'Bob', surname: 'Jones', mailNickname: 'bob' } } };
const ALICE_UPN = 'alice@contoso.example.com';

async function plain(options: Partial<EntraFixtureOptions> = {}): Promise<EntraFixture> {
  const f = await entraFixture({ directory: { users: PEOPLE }, ...options });
  fixtures.push(f);
  closers.push(f.close);
  return f;
}

async function scripted(script: Script, options: Partial<EntraFixtureOptions> = {}) {
  const s = await scriptedEntra(script, { directory: { users: PEOPLE }, ...options });
  fixtures.push(s.f);
  closers.push(s.close);
  return s;
}

type Req = { method: string; url: string };
const is = (method: string, prefix: string) => (req: Req) => req.method === method && req.url.startsWith(`/scim/v2${prefix}`);
const userQuery = is('GET', '/Users?');
const groupQuery = is('GET', '/Groups?');
const hoursOf = (iso: string | null | undefined) => (iso == null ? null : (Date.parse(iso) - T0) / HOUR);
/** Hours since the start at which requests matching `pick` were sent. */
const sentAt = (f: EntraFixture, pick: (e: { method: string; url: string }) => boolean) =>
  f.exchanges().flatMap((e, i) => (pick({ method: e.request.method, url: new URL(e.request.url).pathname + new URL(e.request.url).search }) ? [f.sentAtHours()[i]!] : []));

// ── Test Connection ────────────────────────────────────────────────────────────────────────────

describe('Test Connection (research §2.2, §2.8 #6)', () => {
  test('a user probe for a random GUID and a group probe, both answered 200 with an empty list: success', async () => {
    const f = await plain();
    const result = await f.tenant.testConnection();
    expect(result.result).toBe('success');
    const sent = f.sent().map((r) => r.path.replace(/"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"/, '"<guid>"'));
    expect(sent).toEqual([userFilter('userName', '<guid>'), groupFilter('<guid>')]);
    expect(f.tenant.assumptions().map((a) => a.setting)).toContain('groupProbe');
    expect(f.view().job.state).toBe('notStarted');
  });

  test('the probe uses the first matching attribute (externalId when it has precedence 1)', async () => {
    const f = await plain({ settings: { userMappings: { ...SEED_USER_MAPPINGS, userName: { type: 'direct', source: 'userPrincipalName', apply: 'always' }, externalId: { type: 'direct', source: 'mailNickname', apply: 'always', matchingPrecedence: 1 } } } });
    await f.tenant.testConnection();
    expect(f.sent()[0]!.path).toMatch(/^\/Users\?filter=externalId eq "[0-9a-f-]{36}"$/);
  });

  test('401: a failure naming the refused credentials and the server\'s answer; the job is not quarantined by the test', async () => {
    const f = await plain({ settings: { credentials: 'invalid' } });
    const result = await f.tenant.testConnection();
    expect(result.result).toBe('failure');
    expect(result.message).toMatch(/credentials were refused/);
    expect(result.message).toMatch(/StatusCode: Unauthorized Web Response: \{/);
    expect(f.sent()).toHaveLength(1);
    expect(f.view().job).toMatchObject({ state: 'notStarted', quarantine: null });
    expect(f.view().testConnection).toMatchObject({ result: 'failure' });
  });

  test.each<[string, Reply]>([
    ['404', scimError(404, 'No such endpoint')],
    ['a non-empty list', { status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, Resources: [{ id: 'x', userName: 'someone' }] } }],
    ['totalResults 1 with no Resources', { status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, Resources: [] } }],
    ['a body that is not JSON', { status: 200, body: '<html>ok</html>' }],
  ])('the user probe answered with %s: failure, and the group probe is not sent', async (_what, reply) => {
    const { f, target } = await scripted((req) => (userQuery(req) ? reply : undefined));
    const result = await f.tenant.testConnection();
    expect(result.result).toBe('failure');
    expect(result.message).toMatch(/a random user/);
    expect(target.seen).toHaveLength(1);
  });

  test('the group probe answered 404: failure naming the group query', async () => {
    const { f, target } = await scripted((req) => (groupQuery(req) ? scimError(404, 'Groups are not supported') : undefined));
    const result = await f.tenant.testConnection();
    expect(result).toMatchObject({ result: 'failure' });
    expect(result.message).toMatch(/a random group.*StatusCode: NotFound Web Response: .*Groups are not supported/);
    expect(target.seen.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  test('no group probe when groupProbe is off or groups are not provisioned', async () => {
    const f = await plain({ settings: { assumed: { groupProbe: false } } as EntraFixtureOptions['settings'] });
    await f.tenant.testConnection();
    expect(f.sent()).toHaveLength(1);
    const g = await plain({ settings: { provisionGroups: false } });
    await g.tenant.testConnection();
    expect(g.sent()).toHaveLength(1);
  });
});

// ── Quarantine ─────────────────────────────────────────────────────────────────────────────────

describe('quarantine for invalid credentials (research §2.3, E-QUAR)', () => {
  test('401 in a cycle: EncounteredQuarantineException; attempts at 6 h, 12 h, 24 h, then daily; a fixed token leaves at the next clean cycle', async () => {
    const f = await plain({ settings: { credentials: 'invalid' } });
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    let v = f.view();
    expect(v.job.state).toBe('quarantined');
    expect(v.job.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', seriesBegan: new Date(T0).toISOString() });
    expect(v.job.quarantine!.detail).toMatch(/^Invalid credentials/);
    expect(v.users['alice']!.lastLog).toMatchObject({ status: 'failure', errorCode: 'Unauthorized' });
    expect(hoursOf(v.job.nextCycleAt)).toBe(6);

    const attempts: Array<number | null> = [];
    for (let i = 0; i < 4; i++) {
      await f.tenant.nextCycle();
      attempts.push(hoursOf(f.view().job.nextCycleAt));
    }
    expect(attempts).toEqual([12, 24, 48, 72]);
    expect(sentAt(f, userQuery)).toEqual([0, 0, 6, 6, 12, 12, 24, 24, 48, 48]);
    // Nothing is sent between the attempts.
    await f.tenant.advance(23 * HOUR);
    expect(f.exchanges()).toHaveLength(10);

    // Fixing the Secret Token does not itself leave quarantine; the next cycle does.
    f.tenant.setCredentials('valid');
    expect(f.view().job.state).toBe('quarantined');
    await f.tenant.nextCycle();
    v = f.view();
    expect(v.job).toMatchObject({ state: 'running', quarantine: null });
    expect(hoursOf(v.job.nextCycleAt)).toBe(72 + 40 / 60);
    expect(v.users['alice']).toMatchObject({ escrow: null, lastLog: { action: 'Create', status: 'success' } });
    expect(v.users['bob']!.targetId).not.toBeNull();
  });

  test('still failing after four weeks: the job is disabled, and no cycle is scheduled', async () => {
    const f = await plain({ settings: { credentials: 'invalid' } });
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const starts: number[] = [0];
    while (f.view().job.state === 'quarantined') {
      await f.tenant.nextCycle();
      starts.push(hoursOf(f.tenant.state.cycles.at(-1)!.startedAt)!);
    }
    expect(starts).toEqual([0, 6, 12, ...Array.from({ length: 28 }, (_, i) => 24 * (i + 1))]);
    expect(f.view().job).toMatchObject({ state: 'disabled', nextCycleAt: null });
    expect(f.view().job.quarantine!.detail).toMatch(/more than four weeks: the job is disabled/);
    await expect(f.tenant.nextCycle()).rejects.toThrow(EntraConfigurationError);
    await f.tenant.advance(7 * DAY);
    expect(sentAt(f, () => true).at(-1)).toBe(28 * 24);
  });

  test('403 is a credentials failure too (InsufficientRights)', async () => {
    const { f } = await scripted(() => scimError(403, 'Forbidden for this token'));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    expect(f.view().job.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException' });
    expect(f.view().users['alice']!.lastLog).toMatchObject({ errorCode: 'InsufficientRights' });
  });

  test('404 to the matching query: the SCIM compliance failure, quarantined whatever the counts', async () => {
    const { f } = await scripted((req) => (userQuery(req) ? scimError(404, 'Not here') : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const v = f.view();
    expect(v.users['alice']!.lastLog).toMatchObject({ action: 'Create', status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible' });
    expect(v.job).toMatchObject({ state: 'quarantined', quarantine: { reason: 'EncounteredQuarantineException' } });
    expect(v.job.quarantine!.detail).toMatch(/^SCIM compliance/);
  });

  test('a job with some successes and one 400 is not quarantined', async () => {
    const { f } = await scripted((req) => (req.method === 'POST' && req.body.includes('"alice"') ? scimError(400, 'bad alice') : undefined));
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    expect(f.view().job).toMatchObject({ state: 'running', quarantine: null });
  });
});

// ── Error codes and retries ────────────────────────────────────────────────────────────────────

describe('error codes (research §2.7) and when the object is retried (research §2.3)', () => {
  test('a 404 for a linked user: InvalidAnchor in the log, retried on the escrow series', async () => {
    const f = await plain();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const id = f.view().users['alice']!.targetId!;
    expect((await targetCall(f.baseUrl, 'DELETE', `/Users/${id}`)).status).toBe(204);
    f.sent();
    f.tenant.updateUser('alice', { surname: 'Smythe' });
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([{ method: 'GET', path: `/Users/${id}` }]);
    const v = f.view();
    expect(v.users['alice']).toMatchObject({ lastLog: { action: 'Update', status: 'failure', errorCode: 'InvalidAnchor' }, escrow: { errorCode: 'InvalidAnchor', failures: 1 } });
    expect(v.users['alice']!.lastLog!.errorCode).toBe('InvalidAnchor');
    expect(v.job.state).toBe('running');
  });

  test.each<[number, string]>([
    [429, 'TooManyRequests'],
    [500, 'InternalServerError'],
    [502, 'InternalServerError'],
    [503, 'InternalServerError'],
  ])('%i: %s, retried at the next cycle (40 minutes), not quarantined', async (status, code) => {
    let failing = true;
    const { f } = await scripted((req) => (failing && req.method === 'POST' ? { status, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: 'busy' } } : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    let v = f.view();
    expect(v.users['alice']).toMatchObject({ lastLog: { action: 'Create', status: 'failure', errorCode: code }, escrow: { errorCode: code } });
    expect(v.job).toMatchObject({ state: 'running', quarantine: null });
    failing = false;
    await f.tenant.nextCycle();
    v = f.view();
    expect(v.users['alice']).toMatchObject({ escrow: null, lastLog: { action: 'Create', status: 'success' } });
    expect(sentAt(f, (r) => r.method === 'POST')).toEqual([0, 40 / 60]);
  });

  test('a timeout: Timeout in the log, retried at the next cycle', async () => {
    let hang = true;
    const { f } = await scripted((req) => (hang && req.method === 'POST' ? 'hang' : undefined), { settings: { assumed: { requestTimeoutMs: 300 } } as EntraFixtureOptions['settings'] });
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    expect(f.view().users['alice']!.lastLog).toMatchObject({ status: 'failure', errorCode: 'Timeout' });
    expect(f.view().users['alice']!.lastLog!.statusDetail).toMatch(/POST .*\/Users failed: no complete response within 300 ms/);
    expect(f.tenant.assumptions().map((a) => a.setting)).toContain('requestTimeoutMs');
    hang = false;
    await f.tenant.nextCycle();
    expect(f.view().users['alice']!.lastLog).toMatchObject({ action: 'Create', status: 'success' });
  });

  test.each<[string, Reply]>([
    ['garbage that is not JSON', { status: 200, headers: { 'content-type': 'application/scim+json' }, body: '{"Resources": [ {"id": ' }],
    ['a single User instead of a ListResponse', { status: 200, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'x', userName: ALICE_UPN, Resources: 'nope' } }],
  ])('the matching query answered with %s: the ServiceIncompatible code, a compliance quarantine', async (_what, reply) => {
    const { f } = await scripted((req) => (userQuery(req) ? reply : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    expect(f.sent().map((r) => r.method)).toEqual(['GET']);
    expect(f.view().users['alice']!.lastLog).toMatchObject({ status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible' });
    expect(f.view().job.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException' });
  });

  test('a group answer that carries members despite excludedAttributes=members: MultipleEntriesInResponse', async () => {
    const { f, referenceUrl } = await scripted((req) =>
      groupQuery(req) ? { status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, Resources: [{ id: 'g1', displayName: 'Sales', members: [{ value: 'u1' }] }] } } : undefined,
      { directory: { users: PEOPLE, groups: { sales: { name: 'Sales', members: ['alice'] } } } },
    );
    await createTargetGroup(referenceUrl, 'Sales');
    f.tenant.assign([], ['sales']);
    await f.tenant.startProvisioning();
    const v = f.view();
    expect(v.logs.filter((r) => r.object === 'group')).toEqual([expect.objectContaining({ key: 'sales', status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse' })]);
    expect(v.groups['sales']!.targetId).toBeNull();
    expect(f.sent().filter((r) => r.path.startsWith('/Groups')).map((r) => r.method)).toEqual(['GET']);
  });

  test('a failed membership PATCH is a reference failure (escrow reference: true); the group itself was created', async () => {
    const { f } = await scripted((req) => (req.method === 'PATCH' && req.url.includes('/Groups/') ? scimError(400, 'members are read-only') : undefined), { directory: { users: PEOPLE, groups: { sales: { name: 'Sales', members: ['alice', 'bob'] } } } });
    f.tenant.assign([], ['sales']);
    await f.tenant.startProvisioning();
    const escrow = f.tenant.state.escrows.get('group:sales');
    expect(escrow).toMatchObject({ reference: true, errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', failures: 1 });
    expect(f.view().groups['sales']).toMatchObject({ members: [] });
    expect(f.view().groups['sales']!.targetId).not.toBeNull();
    expect(f.view().job).toMatchObject({ state: 'running', quarantine: null });
    // Retried on the escrow series: the group is read back by id and the PATCH sent again at 6 h.
    await f.tenant.advance(6 * HOUR);
    expect(sentAt(f, (r) => r.method === 'PATCH')).toEqual([0, 6]);
  });

  test('the log row embeds the server\'s answer: StatusCode: BadRequest Web Response: {…}', async () => {
    const error = scimError(400, 'userName "alice@contoso.example.com" is not allowed', 'invalidValue');
    const { f } = await scripted((req) => (req.method === 'POST' ? error : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const row = f.view().users['alice']!.lastLog!;
    expect(row).toMatchObject({ action: 'Create', status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementBadResponse' });
    expect(row.statusDetail).toBe(`StatusCode: BadRequest Web Response: ${JSON.stringify(error.body)}`);
  });

  test.each<[number, string]>([
    [409, 'EntryConflict'],
    [422, 'UnprocessableEntity'],
    [501, 'NotImplemented'],
    [405, 'MethodNotAllowed'],
  ])('%i on create: %s, retried on the escrow series (6 h)', async (status, code) => {
    const { f } = await scripted((req) => (req.method === 'POST' ? scimError(status, 'no') : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    expect(f.view().users['alice']).toMatchObject({ lastLog: { errorCode: code }, escrow: { errorCode: code, nextRetryAt: new Date(T0 + 6 * HOUR).toISOString() } });
  });
});

describe('escrow retries (research §2.3, E-QUAR "Retry duration")', () => {
  test('a 400 on create: retried 6 h, 12 h, 24 h, 48 h … after the first failure, dropped after 28 days', async () => {
    const { f } = await scripted((req) => (req.method === 'POST' && req.body.includes('"alice"') ? scimError(400, 'rejected') : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    expect(f.view().users['alice']!.escrow).toMatchObject({ failures: 1, nextRetryAt: new Date(T0 + 6 * HOUR).toISOString() });
    await f.tenant.advance(27 * DAY + 23 * HOUR);
    expect(f.view().users['alice']!.escrow).toMatchObject({ failures: 30, nextRetryAt: new Date(T0 + 28 * DAY).toISOString() });
    await f.tenant.advance(3 * DAY);
    const daily = Array.from({ length: 27 }, (_, i) => 24 * (i + 2));
    expect(sentAt(f, (r) => r.method === 'POST')).toEqual([0, 6, 12, 24, ...daily]);
    expect(sentAt(f, userQuery)).toEqual([0, 6, 12, 24, ...daily]);
    expect(f.view().users['alice']!.escrow).toBeNull();
    expect(f.view().job.state).toBe('running');
    // Each retry is its own log row with the failure.
    expect(f.view().logs.filter((r) => r.key === 'alice' && r.status === 'failure')).toHaveLength(31);
  });

  test('a retry that succeeds clears the escrow; a later change is sent at its next cycle', async () => {
    let failing = true;
    const { f } = await scripted((req) => (failing && req.method === 'POST' ? scimError(400, 'not yet') : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    await f.tenant.advance(6 * HOUR);
    failing = false;
    await f.tenant.advance(6 * HOUR);
    expect(sentAt(f, (r) => r.method === 'POST')).toEqual([0, 6, 12]);
    expect(f.view().users['alice']).toMatchObject({ escrow: null, lastLog: { action: 'Create', status: 'success' } });
    f.tenant.updateUser('alice', { surname: 'Smythe' });
    await f.tenant.nextCycle();
    expect(sentAt(f, (r) => r.method === 'PATCH')).toEqual([12 + 40 / 60]);
  });

  test('a transient failure that never clears: retried at every cycle, and dropped too after 28 days', async () => {
    const { f } = await scripted((req) => (req.method === 'POST' ? scimError(503, 'down for maintenance') : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    await f.tenant.advance(29 * DAY);
    const posts = sentAt(f, (r) => r.method === 'POST');
    expect(posts).toHaveLength(28 * 36 + 1);
    expect(posts.slice(0, 3)).toEqual([0, 40 / 60, 80 / 60]);
    expect(posts.at(-1)).toBe(28 * 24);
    expect(f.view().users['alice']!.escrow).toBeNull();
    expect(f.view().job.state).toBe('running');
  });

  test('a change to an escrowed user is sent at the next cycle, not held until the retry', async () => {
    const { f } = await scripted((req) => (req.method === 'POST' && req.body.includes('"alice"') ? scimError(400, 'rejected') : undefined));
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.tenant.updateUser('alice', { surname: 'Smythe' });
    await f.tenant.nextCycle();
    expect(sentAt(f, (r) => r.method === 'POST')).toEqual([0, 40 / 60]);
    expect(f.view().users['alice']!.escrow).toMatchObject({ failures: 2, nextRetryAt: new Date(T0 + 6 * HOUR).toISOString() });
  });
});
