import { afterEach, describe, expect, test } from 'vitest';
import { entraFixture, type EntraFixture, type EntraFixtureOptions } from './fixtures/entra-fixture.js';
import { ENTERPRISE_URN, expectEntraWire, patch, targetCall, type Json } from './fixtures/entra-wire.js';
import { SEED_USER_MAPPINGS } from './settings.js';

/**
 * The manager reference (E-HOW initial cycle step 6, E-SCIM Example 5, E-KI "If the manager is out
 * of scope at creation, the reference is set only after a restart"): resolved after the cycle's
 * users exist, as `{"op":"Add","path":"manager","value":[{"$ref":…,"value":…}]}`.
 */

const fixtures: EntraFixture[] = [];
afterEach(async () => {
  const started = fixtures.splice(0);
  try {
    for (const f of started) expectEntraWire(f.exchanges());
  } finally {
    for (const f of started) await f.close();
  }
});

const MANAGER = `${ENTERPRISE_URN}:manager`;
const person = (nick: string, extra: Json = {}) => ({ profile: { givenName: nick, surname: 'Test', mailNickname: nick, ...extra } });

async function tenant(settings: EntraFixtureOptions['settings'] = {}): Promise<EntraFixture> {
  const f = await entraFixture({
    directory: { users: { alice: person('alice', { manager: 'bob' }), bob: person('bob'), carol: person('carol') } },
    settings: { userMappings: { ...SEED_USER_MAPPINGS, [MANAGER]: { type: 'direct', source: 'manager', apply: 'always' } }, ...settings },
  });
  fixtures.push(f);
  return f;
}

const idOf = (f: EntraFixture, key: string) => f.view().users[key]!.targetId!;
const managerOp = (f: EntraFixture, op: string, key: string) => ({ op, path: 'manager', value: [{ $ref: `${f.baseUrl}/Users/${idOf(f, key)}`, value: idOf(f, key) }] });

describe('manager (reference attribute)', () => {
  test('the initial cycle creates both users without the manager, then adds it by PATCH with $ref and value', async () => {
    const f = await tenant();
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    const sent = f.sent();
    expect(sent.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['GET /Users', 'POST /Users', 'GET /Users', 'POST /Users', `PATCH /Users/${idOf(f, 'alice')}`]);
    expect(JSON.stringify(sent[1]!.body)).not.toContain('manager');
    expect(sent[4]!.body).toEqual(patch(managerOp(f, 'Add', 'bob')));
    const alice = await targetCall(f.baseUrl, 'GET', `/Users/${idOf(f, 'alice')}`);
    expect((alice.json![ENTERPRISE_URN] as Json)['manager']).toMatchObject({ value: idOf(f, 'bob') });
    expect(f.view().users['alice']!.lastLog).toMatchObject({ action: 'Update', status: 'success' });
  });

  test('a manager out of scope at creation is set only after a restart (E-KI)', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(f.view().users['alice']!.lastLog).toMatchObject({ action: 'Update', status: 'skipped', statusDetail: expect.stringContaining('after a restart') });
    f.tenant.assign(['bob']);
    await f.tenant.nextCycle();
    expect(f.sent().map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['GET /Users', 'POST /Users']);
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([]);
    await f.tenant.restartProvisioning();
    expect(f.sent().filter((r) => r.method === 'PATCH')).toEqual([{ method: 'PATCH', path: `/Users/${idOf(f, 'alice')}`, body: patch(managerOp(f, 'Add', 'bob')) }]);
  });

  test('a new manager is a Replace at the next cycle; clearing it is a Remove (❓ managerCleared), or nothing with managerCleared: nothing', async () => {
    const f = await tenant({ aadOptscim062020: false });
    f.tenant.assign(['alice', 'bob', 'carol']);
    await f.tenant.startProvisioning();
    f.sent();
    f.tenant.updateUser('alice', { manager: 'carol' });
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([{ method: 'GET', path: `/Users/${idOf(f, 'alice')}` }, { method: 'PATCH', path: `/Users/${idOf(f, 'alice')}`, body: patch(managerOp(f, 'Replace', 'carol')) }]);
    f.tenant.updateUser('alice', { manager: null });
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([{ method: 'GET', path: `/Users/${idOf(f, 'alice')}` }, { method: 'PATCH', path: `/Users/${idOf(f, 'alice')}`, body: patch({ op: 'Remove', path: 'manager' }) }]);
    const alice = await targetCall(f.baseUrl, 'GET', `/Users/${idOf(f, 'alice')}`);
    expect((alice.json![ENTERPRISE_URN] as Json | undefined)?.['manager']).toBeUndefined();
    expect(f.tenant.assumptions().map((a) => a.setting)).toContain('managerCleared');
  });

  test('managerCleared: nothing sends nothing for a cleared manager, like any cleared value', async () => {
    const f = await tenant({ assumed: { managerCleared: 'nothing' } });
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    f.sent();
    f.tenant.updateUser('alice', { manager: null });
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([{ method: 'GET', path: `/Users/${idOf(f, 'alice')}` }]);
  });

  test('with aadOptscim062020 the manager op is lower-case', async () => {
    const f = await tenant({ aadOptscim062020: true });
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    expect(f.sent().at(-1)!.body).toEqual(patch(managerOp(f, 'add', 'bob')));
  });
});
