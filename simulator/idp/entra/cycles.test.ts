import { afterEach, describe, expect, test } from 'vitest';
import { DAY, MINUTE, T0, entraFixture, type EntraFixture, type EntraFixtureOptions } from './fixtures/entra-fixture.js';

/**
 * Cycles on the virtual clock (research §2.3): the initial cycle at Start, incremental ones every
 * 40 minutes, changes reaching the target at the next cycle and not before, the seeds' mapping set
 * on the wire (seed 004), unassign and soft delete as disables, DELETE only at the hard delete.
 */

let fixtures: EntraFixture[] = [];
afterEach(async () => {
  const started = fixtures;
  fixtures = [];
  for (const f of started) await f.close();
});

async function tenant(options: Partial<EntraFixtureOptions> = {}): Promise<EntraFixture> {
  const f = await entraFixture({ directory: { users: { alice: { profile: { givenName: 'Alice', surname: 'Smith', mailNickname: 'alice' } }, bob: { profile: { givenName: 'Bob', surname: 'Jones', mailNickname: 'bob' } } } }, ...options });
  fixtures.push(f);
  return f;
}

const upn = (f: EntraFixture, key: string) => f.tenant.directory.user(key).profile['userPrincipalName'] as string;
const targetId = (f: EntraFixture, key: string) => f.view().users[key]!.targetId!;

describe('the initial cycle (E-HOW, seed 004)', () => {
  test('Start provisioning matches by userName, then creates with Entra\'s body and the seeds\' mappings', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    expect(f.sent()).toEqual([]);
    await f.tenant.startProvisioning();
    const alice = upn(f, 'alice');
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users?filter=userName eq "${alice}"` },
      {
        method: 'POST',
        path: '/Users',
        body: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
          userName: alice,
          active: true,
          emails: [{ type: 'work', value: alice, primary: true }],
          name: { givenName: 'Alice', familyName: 'Smith' },
          externalId: 'alice',
          meta: { resourceType: 'User' },
        },
      },
    ]);
    const v = f.view();
    expect(v.job).toMatchObject({ state: 'running', cycles: 1, nextCycleAt: new Date(T0 + 40 * MINUTE).toISOString(), watermark: new Date(T0).toISOString(), initialCyclePending: false });
    expect(v.users['alice']).toMatchObject({ managed: true, disabledInTarget: false, lastLog: { action: 'Create', status: 'success' } });
    expect(v.users['bob']!.targetId).toBeNull();
  });

  test('the query string uses + for spaces, as seen on the wire (research §2.1)', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    expect(f.exchanges()[0]!.request.url).toMatch(/\/Users\?filter=userName\+eq\+%22alice[^"]*%22$/);
    expect(f.exchanges()[0]!.request.headers['user-agent']).toBe('Microsoft Azure AD SCIM provisioning');
    expect(f.exchanges()[1]!.request.headers['content-type']).toBe('application/scim+json; charset=utf-8');
  });
});

describe('incremental cycles (E-HOW)', () => {
  test('a change between cycles reaches the target at the next cycle and not before', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.sent();
    f.tenant.updateUser('alice', { surname: 'Smith-Jones' });
    await f.tenant.advance(39 * MINUTE);
    expect(f.sent()).toEqual([]);
    await f.tenant.advance(1 * MINUTE);
    const id = targetId(f, 'alice');
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PATCH', path: `/Users/${id}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'name.familyName', value: 'Smith-Jones' }] } },
    ]);
    expect(f.sentAtHours().slice(-2)).toEqual([40 / 60, 40 / 60]);
  });

  test('a newly assigned user is created at the next cycle; nothing changed means nothing sent', async () => {
    const f = await tenant();
    await f.tenant.startProvisioning();
    expect(f.sent()).toEqual([]);
    f.tenant.assign(['bob']);
    await f.tenant.nextCycle();
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'POST']);
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([]);
    expect(f.view().job.cycles).toBe(3);
  });

  test('a day of cycles every 40 minutes: 36 cycles after the initial one', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    await f.tenant.advance(DAY);
    expect(f.view().job.cycles).toBe(37);
    expect(f.view().job.nextCycleAt).toBe(new Date(T0 + DAY + 40 * MINUTE).toISOString());
  });
});

describe('disable and delete (research §2.4)', () => {
  test('unassign disables with the Switch string; afterwards the user is no longer managed', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const id = targetId(f, 'alice');
    f.sent();
    f.tenant.unassign(['alice']);
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PATCH', path: `/Users/${id}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] } },
    ]);
    expect(f.view().users['alice']).toMatchObject({ managed: false, disabledInTarget: true, lastLog: { action: 'Disable', status: 'success' } });
    f.tenant.softDelete(['alice']);
    f.tenant.hardDelete(['alice']);
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([]);
  });

  test('soft delete disables at the next cycle, and Entra DELETEs only when it purges the user 30 days later', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const id = targetId(f, 'alice');
    f.sent();
    f.tenant.softDelete(['alice']);
    await f.tenant.nextCycle();
    expect(f.sent().map((r) => `${r.method} ${r.path}`)).toEqual([`GET /Users/${id}`, `PATCH /Users/${id}`]);
    await f.tenant.advance(29 * DAY);
    expect(f.sent()).toEqual([]);
    await f.tenant.advance(1 * DAY);
    expect(f.sent()).toEqual([{ method: 'DELETE', path: `/Users/${id}` }]);
    expect(f.view().users['alice']).toMatchObject({ targetId: null, status: 'hardDeleted' });
  });

  test('a disabled account is never provisioned; enabling it provisions at the next cycle', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    f.tenant.disableAccount(['alice']);
    await f.tenant.startProvisioning();
    expect(f.sent()).toEqual([]);
    expect(f.view().users['alice']!.lastLog).toMatchObject({ action: 'Other', status: 'skipped' });
    f.tenant.enableAccount(['alice']);
    await f.tenant.nextCycle();
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'POST']);
  });
});

describe('groups (research §2.5)', () => {
  test('created empty, then members added by PATCH with "$ref": null; a removal is a value array', async () => {
    const f = await tenant({ directory: { users: { alice: { profile: {} }, bob: { profile: {} } }, groups: { sales: { name: 'Sales', members: ['alice', 'bob'] } } } });
    f.tenant.assign([], ['sales']);
    await f.tenant.startProvisioning();
    const [alice, bob] = [targetId(f, 'alice'), targetId(f, 'bob')];
    const groupId = f.view().groups['sales']!.targetId!;
    const sent = f.sent();
    expect(sent.slice(4)).toEqual([
      { method: 'GET', path: '/Groups?excludedAttributes=members&filter=displayName eq "Sales"' },
      { method: 'POST', path: '/Groups', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'], displayName: 'Sales', externalId: f.tenant.directory.group('sales').id, meta: { resourceType: 'Group' } } },
      { method: 'PATCH', path: `/Groups/${groupId}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: alice }, { $ref: null, value: bob }] }] } },
    ]);
    f.tenant.removeFromGroup('sales', ['bob']);
    await f.tenant.nextCycle();
    expect(f.sent().slice(-1)).toEqual([{ method: 'PATCH', path: `/Groups/${groupId}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: bob }] }] } }]);
    expect(f.view().groups['sales']!.members).toEqual(['alice']);
  });
});

describe('provisioning log (E-ERR, E-FUNC)', () => {
  test('a Redact() mapping sends the value but the log row shows [Redact]', async () => {
    const { SEED_USER_MAPPINGS } = await import('./settings.js');
    const f = await tenant({ settings: { userMappings: { ...SEED_USER_MAPPINGS, 'name.familyName': { type: 'expression', source: 'Redact([surname])', apply: 'always' } } } });
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const post = f.sent().find((r) => r.method === 'POST')!;
    expect((post.body as { name: { familyName: string } }).name.familyName).toBe('Smith');
    const row = f.view().logs.find((r) => r.action === 'Create')!;
    expect(row.modifiedProperties).toContainEqual({ name: 'name.familyName', newValue: '[Redact]' });
    expect(row.modifiedProperties).toContainEqual({ name: 'name.givenName', newValue: 'Alice' });
    f.tenant.updateUser('alice', { surname: 'Jones' });
    await f.tenant.nextCycle();
    expect(f.view().users['alice']!.lastLog).toMatchObject({ action: 'Update', modifiedProperties: [{ name: 'name.familyName', oldValue: '[Redact]', newValue: '[Redact]' }] });
  });
});
