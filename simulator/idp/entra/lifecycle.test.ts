import { afterEach, describe, expect, test } from 'vitest';
import { EntraMappingError } from './attribute-mappings.js';
import { EntraConfigurationError } from './tenant.js';
import type { EntraScopingClause } from './settings.js';
import { HOUR, MINUTE, T0, entraFixture, type EntraFixture, type EntraFixtureOptions } from './fixtures/entra-fixture.js';
import { expectEntraWire, patch, scriptedEntra, targetCall, targetUser, userFilter, type Json } from './fixtures/entra-wire.js';

/**
 * The job's life and the admin's actions. Covers research §2.3 (Stop, Start, Restart keeping links,
 * resetScope Full breaking them, a mapping or scoping change restarting, on-demand provisioning,
 * the accidental-deletion threshold with StagedDelete and Allow deletes, scope settings and scoping
 * filters, "Sync all"), §2.4 (Skip out of scope deletions, target object actions, re-enable after a
 * restore without the lost group memberships, repeated PATCHes when the target omits a managed
 * attribute), §2.5 #9 (out-of-scope members skipped, not noticed until a restart), and §2.8 quirks
 * 8, 13, 14, 15.
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

const person = (nick: string, given: string, surname: string, extra: Json = {}) => ({ profile: { givenName: given, surname, mailNickname: nick, ...extra } });
const PEOPLE = {
  alice: person('alice', 'Alice', 'Smith', { department: 'Sales' }),
  bob: person('bob', 'Bob', 'Jones', { department: 'Sales' }),
  carol: person('carol', 'Carol', 'Diaz', { department: 'Legal' }),
};
const UPN = (nick: string) => `${nick}@contoso.example.com`;

async function tenant(options: Partial<EntraFixtureOptions> = {}): Promise<EntraFixture> {
  const f = await entraFixture({ directory: { users: PEOPLE }, ...options });
  fixtures.push(f);
  closers.push(f.close);
  return f;
}

const idOf = (f: EntraFixture, key: string) => f.view().users[key]!.targetId!;
const groupIdOf = (f: EntraFixture, key: string) => f.view().groups[key]!.targetId!;
const line = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const hoursOf = (iso: string | null) => (iso === null ? null : (Date.parse(iso) - T0) / HOUR);

// ── Stop, Start, Restart ───────────────────────────────────────────────────────────────────────

describe('Stop and Start (research §2.3)', () => {
  test('stopped: no cycles run and changes wait; Start runs a cycle at once that sends them', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const id = idOf(f, 'alice');
    f.sent();
    f.tenant.stopProvisioning();
    expect(f.view().job).toMatchObject({ state: 'stopped', nextCycleAt: null });
    f.tenant.updateUser('alice', { surname: 'Smythe' });
    f.tenant.assign(['bob']);
    await f.tenant.advance(5 * HOUR);
    expect(f.sent()).toEqual([]);
    await expect(f.tenant.nextCycle()).rejects.toThrow(/no cycle is scheduled: the provisioning job is stopped/);

    await f.tenant.startProvisioning();
    const sent = f.sent();
    expect(sent.map(line)).toEqual([`GET /Users/${id}`, `PATCH /Users/${id}`, `GET ${userFilter('userName', UPN('bob'))}`, 'POST /Users']);
    expect(f.sentAtHours().slice(-4)).toEqual([5, 5, 5, 5]);
    expect(f.view().job).toMatchObject({ state: 'running', cycles: 2, initialCyclePending: false });
    expect(hoursOf(f.view().job.nextCycleAt)).toBe(5 + 40 / 60);
    await expect(f.tenant.startProvisioning()).rejects.toThrow(EntraConfigurationError);
  });
});

describe('Restart (research §2.3, E-QUAR)', () => {
  test('keeps links (every user read by its id), runs an initial cycle, clears escrows, quarantine and the watermark', async () => {
    let failing = false;
    const { f, close } = await scriptedEntra(() => (failing ? { status: 401, body: 'no' } : undefined), { directory: { users: PEOPLE } });
    fixtures.push(f);
    closers.push(close);
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    const [alice, bob] = [idOf(f, 'alice'), idOf(f, 'bob')];
    failing = true;
    f.tenant.updateUser('alice', { surname: 'A' });
    f.tenant.updateUser('bob', { surname: 'B' });
    await f.tenant.nextCycle();
    expect(f.view().job.state).toBe('quarantined');
    expect(f.tenant.state.escrows.size).toBe(2);
    failing = false;
    f.sent();
    await f.tenant.advance(HOUR);
    expect(f.sent()).toEqual([]);

    await f.tenant.restartProvisioning();
    expect(f.sent().map(line)).toEqual([`GET /Users/${alice}`, `PATCH /Users/${alice}`, `GET /Users/${bob}`, `PATCH /Users/${bob}`]);
    const v = f.view();
    expect(v.job).toMatchObject({ state: 'running', quarantine: null, cycles: 3, watermark: new Date(T0 + 40 * MINUTE + HOUR).toISOString() });
    expect(f.tenant.state.escrows.size).toBe(0);
    expect(f.tenant.state.cycles.at(-1)!.kind).toBe('initial');
    // Unchanged users cost one GET each in an initial cycle; nothing is written.
    await f.tenant.restartProvisioning();
    expect(f.sent().map(line)).toEqual([`GET /Users/${alice}`, `GET /Users/${bob}`]);
  });

  test('restartProvisioning(true) (resetScope Full) breaks links: users and groups are matched by filter again', async () => {
    const f = await tenant({ directory: { users: PEOPLE, groups: { sales: { name: 'Sales', members: ['alice'] } } } });
    f.tenant.assign(['alice'], ['sales']);
    await f.tenant.startProvisioning();
    const [alice, group] = [idOf(f, 'alice'), groupIdOf(f, 'sales')];
    f.sent();
    await f.tenant.restartProvisioning(true);
    const sent = f.sent();
    expect(sent.map(line)).toEqual([`GET ${userFilter('userName', UPN('alice'))}`, '/Groups?excludedAttributes=members&filter=displayName eq "Sales"'].map((p, i) => (i === 0 ? p : `GET ${p}`)).concat([`PATCH /Groups/${group}`]));
    // The link is gone, so Entra no longer knows alice is a member: it adds her again.
    expect(sent.at(-1)!.body).toEqual(patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: alice }] }));
    expect(f.view().users['alice']!.targetId).toBe(alice);
  });

  test('a mapping change saves and restarts: an initial cycle at once sends the new attribute to every user', async () => {
    const f = await tenant({ directory: { users: { ...PEOPLE, alice: person('alice', 'Alice', 'Smith', { jobTitle: 'CEO' }), bob: person('bob', 'Bob', 'Jones', { jobTitle: 'CTO' }) } } });
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    const [alice, bob] = [idOf(f, 'alice'), idOf(f, 'bob')];
    f.sent();
    await f.tenant.changeMappings({ userMappings: { title: { type: 'direct', source: 'jobTitle', apply: 'always' } } });
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${alice}` },
      { method: 'PATCH', path: `/Users/${alice}`, body: patch({ op: 'Add', path: 'title', value: 'CEO' }) },
      { method: 'GET', path: `/Users/${bob}` },
      { method: 'PATCH', path: `/Users/${bob}`, body: patch({ op: 'Add', path: 'title', value: 'CTO' }) },
    ]);
    expect(f.tenant.state.cycles.map((c) => c.kind)).toEqual(['initial', 'initial']);
    // Removing a mapping sends nothing for it.
    await f.tenant.changeMappings({ userMappings: { title: null } });
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  test('a mapping Entra would refuse (an expression over 10 000 characters, §2.8 #15) leaves everything as it was', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.sent();
    const tooLong = `Append([givenName], "${'x'.repeat(10_000)}")`;
    await expect(f.tenant.changeMappings({ userMappings: { title: { type: 'expression', source: tooLong, apply: 'always' } } })).rejects.toThrow(EntraMappingError);
    expect(f.tenant.settings.userMappings).not.toHaveProperty('title');
    expect(f.view().job.cycles).toBe(1);
    expect(f.sent()).toEqual([]);
    f.tenant.updateUser('alice', { surname: 'S' });
    await f.tenant.nextCycle();
    expect(f.sent()[1]!.body).toEqual(patch({ op: 'Replace', path: 'name.familyName', value: 'S' }));
  });
});

// ── Provision on demand ────────────────────────────────────────────────────────────────────────

describe('provision on demand (research §2.3, E-OD)', () => {
  test('a user: the test-connection probe, the match, the create; the steps as the portal lists them', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    const result = await f.tenant.provisionOnDemand({ user: 'alice' });
    expect(f.sent().map((r) => line(r).replace(/"[0-9a-f-]{36}"/, '"<guid>"'))).toEqual([`GET ${userFilter('userName', '<guid>')}`, `GET ${userFilter('userName', UPN('alice'))}`, 'POST /Users']);
    expect(result).toMatchObject({ result: 'success', steps: [{ step: 'Import user', status: 'success' }, { step: 'Determine if user is in scope', status: 'success' }, { step: 'Match user between source and target system', status: 'success' }, { step: 'Perform action', status: 'success' }] });
    expect(f.view().job.state).toBe('notStarted');
    expect(f.view().logs.at(-1)).toMatchObject({ cycle: 'onDemand', action: 'Create', status: 'success' });
  });

  test('a linked user is matched by its attributes again, not read by id', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.sent();
    await f.tenant.provisionOnDemand({ user: 'alice' });
    expect(f.sent().map((r) => r.path).slice(1)).toEqual([userFilter('userName', UPN('alice'))]);
  });

  test('out of scope: skipped at the scope check, nothing sent after the probe', async () => {
    const f = await tenant();
    const result = await f.tenant.provisionOnDemand({ user: 'alice' });
    expect(result).toMatchObject({ result: 'skipped', steps: [{ step: 'Import user' }, { step: 'Determine if user is in scope', status: 'skipped' }] });
    expect(f.sent()).toHaveLength(1);
  });

  test('disables only unassigned users: an unassigned one is disabled; soft-deleted and disabled accounts are not', async () => {
    const f = await tenant();
    f.tenant.assign(['alice', 'bob', 'carol']);
    await f.tenant.startProvisioning();
    f.sent();
    f.tenant.unassign(['alice']);
    const unassigned = await f.tenant.provisionOnDemand({ user: 'alice' });
    expect(unassigned.result).toBe('success');
    expect(f.sent().at(-1)).toEqual({ method: 'PATCH', path: `/Users/${idOf(f, 'alice')}`, body: patch({ op: 'Replace', path: 'active', value: 'False' }) });

    f.tenant.softDelete(['bob']);
    f.tenant.disableAccount(['carol']);
    for (const key of ['bob', 'carol']) {
      const result = await f.tenant.provisionOnDemand({ user: key });
      expect(result.result).toBe('skipped');
      expect(result.steps.at(-1)!.detail).toMatch(/on-demand provisioning disables only unassigned users/);
    }
    expect(f.sent().every((r) => r.method === 'GET')).toBe(true);
  });

  test('cannot restore a soft-deleted user: the target user stays inactive until the restore in Entra', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.tenant.softDelete(['alice']);
    await f.tenant.nextCycle();
    const id = idOf(f, 'alice');
    expect((await targetUser(f.baseUrl, id))?.['active']).toBe(false);
    f.sent();
    const result = await f.tenant.provisionOnDemand({ user: 'alice' });
    expect(result.result).toBe('skipped');
    expect(f.sent().filter((r) => r.method !== 'GET')).toEqual([]);
    expect((await targetUser(f.baseUrl, id))?.['active']).toBe(false);
  });

  test('a group with up to five members: members provisioned, the group created, the members added; six is refused', async () => {
    const users = Object.fromEntries(['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map((k) => [k, person(k, k, 'Test')]));
    const f = await tenant({ directory: { users, groups: { team: { name: 'Team', members: Object.keys(users) } } } });
    f.tenant.assign([], ['team']);
    const five = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const result = await f.tenant.provisionOnDemand({ group: 'team', members: five });
    expect(result.result).toBe('success');
    const sent = f.sent();
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([...five.map(() => '/Users'), '/Groups']);
    expect(sent.at(-1)!.body).toEqual(patch({ op: 'Add', path: 'members', value: five.map((k) => ({ $ref: null, value: idOf(f, k) })) }));
    // Only the chosen members: u6 is neither created nor added.
    expect(f.view().users['u6']!.targetId).toBeNull();
    await expect(f.tenant.provisionOnDemand({ group: 'team', members: Object.keys(users) })).rejects.toThrow(/at most 5 members; 6 were given/);
    await expect(f.tenant.provisionOnDemand({ group: 'team', members: ['alice'] })).rejects.toThrow(EntraConfigurationError);
    expect(f.sent()).toEqual([]);
  });
});

// ── Accidental deletions ───────────────────────────────────────────────────────────────────────

describe('accidental-deletion threshold (research §2.3, E-DEL)', () => {
  test('more disables than the threshold in one cycle: StagedDelete rows, TooManyDeletes quarantine; Allow deletes sends them', async () => {
    const f = await tenant({ settings: { accidentalDeletionThreshold: 1 } });
    f.tenant.assign(['alice', 'bob', 'carol']);
    await f.tenant.startProvisioning();
    f.sent();
    f.tenant.unassign(['alice', 'bob']);
    f.tenant.updateUser('carol', { surname: 'Changed' });
    await f.tenant.nextCycle();
    // The non-deleting change still goes out; the two disables are held.
    expect(f.sent().map(line)).toEqual([`GET /Users/${idOf(f, 'carol')}`, `PATCH /Users/${idOf(f, 'carol')}`]);
    const v = f.view();
    expect(v.logs.filter((r) => r.action === 'StagedDelete').map((r) => [r.key, r.status, r.errorCode])).toEqual([
      ['alice', 'skipped', 'StagedDelete'],
      ['bob', 'skipped', 'StagedDelete'],
    ]);
    expect(v.job).toMatchObject({ state: 'quarantined', quarantine: { reason: 'TooManyDeletes' } });
    expect(v.users['alice']).toMatchObject({ disabledInTarget: false, managed: true });

    // Still held at the next attempt.
    await f.tenant.nextCycle();
    expect(f.sent().filter((r) => r.method === 'PATCH')).toEqual([]);

    await f.tenant.allowDeletes();
    expect(f.sent().filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([patch({ op: 'Replace', path: 'active', value: 'False' }), patch({ op: 'Replace', path: 'active', value: 'False' })]);
    expect(f.view().job).toMatchObject({ state: 'running', quarantine: null });
    await expect(f.tenant.allowDeletes()).rejects.toThrow(EntraConfigurationError);
  });

  test('at the threshold nothing is held; a group deletion counts too', async () => {
    const f = await tenant({ settings: { accidentalDeletionThreshold: 1 }, directory: { users: PEOPLE, groups: { sales: { name: 'Sales', members: [] } } } });
    f.tenant.assign(['alice', 'bob'], ['sales']);
    await f.tenant.startProvisioning();
    f.tenant.unassign(['alice']);
    await f.tenant.nextCycle();
    expect(f.view().job.state).toBe('running');
    expect(f.view().users['alice']!.disabledInTarget).toBe(true);
    f.sent();
    f.tenant.unassign(['bob'], ['sales']);
    await f.tenant.nextCycle();
    expect(f.view().job.quarantine).toMatchObject({ reason: 'TooManyDeletes' });
    expect(f.view().logs.filter((r) => r.action === 'StagedDelete').map((r) => `${r.object}:${r.key}`)).toEqual(['user:bob', 'group:sales']);
    expect(f.sent()).toEqual([]);
    await f.tenant.allowDeletes();
    expect(f.sent().map(line)).toEqual([`GET /Users/${idOf(f, 'bob')}`, `PATCH /Users/${idOf(f, 'bob')}`, expect.stringMatching(/^DELETE \/Groups\//)]);
  });
});

// ── Scope ──────────────────────────────────────────────────────────────────────────────────────

describe('scope (research §2.3, E-ATTR)', () => {
  const filter = (...clauses: EntraScopingClause[]) => [clauses];

  test.each<[string, EntraScopingClause[][], string[]]>([
    ['EQUALS', filter({ attribute: 'department', operator: 'EQUALS', value: 'Sales' }), ['alice', 'bob']],
    ['NOT EQUALS', filter({ attribute: 'department', operator: 'NOT EQUALS', value: 'Sales' }), ['carol']],
    ['IS NOT NULL', filter({ attribute: 'jobTitle', operator: 'IS NOT NULL' }), ['bob']],
    ['IS NULL', filter({ attribute: 'jobTitle', operator: 'IS NULL' }), ['alice', 'carol']],
    ['two clauses AND', filter({ attribute: 'department', operator: 'EQUALS', value: 'Sales' }, { attribute: 'jobTitle', operator: 'IS NULL' }), ['alice']],
    ['two filters OR', [[{ attribute: 'department', operator: 'EQUALS', value: 'Legal' }], [{ attribute: 'jobTitle', operator: 'EQUALS', value: 'CTO' }]], ['bob', 'carol']],
    ['REGEX MATCH', filter({ attribute: 'mailNickname', operator: 'REGEX MATCH', value: '^(a|c)' }), ['alice', 'carol']],
  ])('scoping filter %s: only passing users are provisioned', async (_name, scopingFilters, expected) => {
    const f = await tenant({ settings: { scopingFilters }, directory: { users: { ...PEOPLE, bob: person('bob', 'Bob', 'Jones', { department: 'Sales', jobTitle: 'CTO' }) } } });
    f.tenant.assign(['alice', 'bob', 'carol']);
    await f.tenant.startProvisioning();
    expect(Object.entries(f.view().users).filter(([, u]) => u.targetId !== null).map(([k]) => k)).toEqual(expected);
    expect(f.sent().filter((r) => r.method === 'POST')).toHaveLength(expected.length);
  });

  test('"Sync all": every enabled user is provisioned without an assignment; disabled accounts never', async () => {
    const f = await tenant({ settings: { scope: 'all' } });
    f.tenant.disableAccount(['carol']);
    await f.tenant.startProvisioning();
    expect(f.sent().filter((r) => r.method === 'POST').map((r) => (r.body as Json)['userName'])).toEqual([UPN('alice'), UPN('bob')]);
  });

  test('failing a scoping filter later disables the user (IsSoftDeleted), once; it is then no longer managed', async () => {
    const f = await tenant({ settings: { scopingFilters: filter({ attribute: 'department', operator: 'EQUALS', value: 'Sales' }) } });
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.sent();
    f.tenant.updateUser('alice', { department: 'Legal' });
    await f.tenant.nextCycle();
    expect(f.sent().at(-1)!.body).toEqual(patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(f.view().users['alice']).toMatchObject({ managed: false, disabledInTarget: true, inScope: false });
    f.tenant.updateUser('alice', { surname: 'Other' });
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([]);
  });

  test('Skip out of scope deletions: an unassigned user is not disabled (logged as skipped); a soft delete still is', async () => {
    const f = await tenant({ settings: { skipOutOfScopeDeletions: true } });
    f.tenant.assign(['alice', 'bob']);
    await f.tenant.startProvisioning();
    f.sent();
    f.tenant.unassign(['alice']);
    f.tenant.softDelete(['bob']);
    await f.tenant.nextCycle();
    expect(f.sent().map(line)).toEqual([`GET /Users/${idOf(f, 'bob')}`, `PATCH /Users/${idOf(f, 'bob')}`]);
    expect(f.view().users['alice']!.lastLog).toMatchObject({ status: 'skipped', errorCode: 'EntrySynchronizationSkipped' });
    expect(f.view().logs.at(-2)!.statusDetail ?? f.view().users['alice']!.lastLog).toBeTruthy();
  });

  test.each<[string, { create: boolean; update: boolean; delete: boolean }, string[]]>([
    // Without Create, the user is looked up again at each cycle it changes, and never written.
    ['Create off', { create: false, update: true, delete: true }, ['GET', 'GET']],
    // Without Update, the change is read and not sent; the disable (a deletion in Entra's wording) and the DELETE still are.
    ['Update off', { create: true, update: false, delete: true }, ['GET', 'POST', 'GET', 'GET', 'PATCH', 'DELETE']],
    ['Delete off', { create: true, update: true, delete: false }, ['GET', 'POST', 'GET', 'PATCH']],
  ])('target object actions: %s', async (_name, targetObjectActions, methods) => {
    const f = await tenant({ settings: { targetObjectActions } });
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.tenant.updateUser('alice', { surname: 'Changed' });
    await f.tenant.nextCycle();
    f.tenant.softDelete(['alice']);
    await f.tenant.nextCycle();
    f.tenant.hardDelete(['alice']);
    await f.tenant.nextCycle();
    expect(f.sent().map((r) => r.method)).toEqual(methods);
  });
});

describe('unassigned groups (research §2.5 #7 ❓ groupOutOfScope)', () => {
  test.each([
    ['delete', ['DELETE']],
    ['nothing', []],
  ] as const)('groupOutOfScope %s: an unassigned group gets %j; a group deleted in Entra is DELETEd either way', async (groupOutOfScope, methods) => {
    const f = await tenant({ settings: { assumed: { groupOutOfScope } } as EntraFixtureOptions['settings'], directory: { users: PEOPLE, groups: { sales: { name: 'Sales', members: [] }, legal: { name: 'Legal', members: [] } } } });
    f.tenant.assign(['alice'], ['sales', 'legal']);
    await f.tenant.startProvisioning();
    const legal = groupIdOf(f, 'legal');
    f.sent();
    f.tenant.unassign([], ['sales']);
    await f.tenant.nextCycle();
    expect(f.sent().map((r) => r.method)).toEqual(methods);
    expect(f.tenant.assumptions().map((a) => a.setting)).toContain('groupOutOfScope');
    f.tenant.deleteGroup(['legal']);
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([{ method: 'DELETE', path: `/Groups/${legal}` }]);
  });
});

// ── Restore, groups, convergence ───────────────────────────────────────────────────────────────

describe('restore and group memberships (research §2.4, §2.5 #9)', () => {
  test('a purged user leaves its groups: its DELETE takes the membership along; with Delete off the group drops it by PATCH', async () => {
    for (const deleteAction of [true, false]) {
      const f = await tenant({ settings: { targetObjectActions: { create: true, update: true, delete: deleteAction } }, directory: { users: PEOPLE, groups: { sales: { name: 'Sales', members: ['alice', 'bob'] } } } });
      f.tenant.assign([], ['sales']);
      await f.tenant.startProvisioning();
      const [alice, group] = [idOf(f, 'alice'), groupIdOf(f, 'sales')];
      f.sent();
      f.tenant.hardDelete(['alice']);
      await f.tenant.nextCycle();
      const writes = f.sent().filter((r) => r.method !== 'GET');
      if (deleteAction) expect(writes).toEqual([{ method: 'DELETE', path: `/Users/${alice}` }]);
      else expect(writes).toEqual([{ method: 'PATCH', path: `/Groups/${group}`, body: patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: alice }] }) }]);
      expect(f.view().groups['sales']!.members).toEqual(['bob']);
    }
  });

  test('a soft delete disables the user and leaves its group memberships to the target; a restore re-enables it (E-HOW known limitations)', async () => {
    const f = await tenant({ directory: { users: PEOPLE, groups: { sales: { name: 'Sales', members: ['alice', 'bob'] } } } });
    f.tenant.assign(['alice', 'bob'], ['sales']);
    await f.tenant.startProvisioning();
    const alice = idOf(f, 'alice');
    f.sent();
    f.tenant.softDelete(['alice']);
    await f.tenant.nextCycle();
    // "The target application should maintain the group membership for the user in inactive state": no member Remove.
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${alice}` },
      { method: 'PATCH', path: `/Users/${alice}`, body: patch({ op: 'Replace', path: 'active', value: 'False' }) },
    ]);
    expect(f.view().groups['sales']!.members).toEqual(['alice', 'bob']);

    f.tenant.restore(['alice']);
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${alice}` },
      { method: 'PATCH', path: `/Users/${alice}`, body: patch({ op: 'Replace', path: 'active', value: 'True' }) },
    ]);
    expect(f.view().groups['sales']!.members).toEqual(['alice', 'bob']);
    // Removing her from the Entra group is what takes her out of the target group.
    f.tenant.removeFromGroup('sales', ['alice']);
    await f.tenant.nextCycle();
    expect(f.sent().filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: alice }] })]);
  });

  test('members out of scope are skipped; the group is still provisioned; a member coming into scope is added only at a restart', async () => {
    const f = await tenant({
      settings: { scopingFilters: [[{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }]] },
      directory: { users: PEOPLE, groups: { all: { name: 'All', members: ['alice', 'carol'] } } },
    });
    f.tenant.assign([], ['all']);
    await f.tenant.startProvisioning();
    const group = groupIdOf(f, 'all');
    expect(f.sent().filter((r) => r.path.startsWith(`/Groups/${group}`)).map((r) => r.body)).toEqual([patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: idOf(f, 'alice') }] })]);
    expect(f.view().users['carol']!.targetId).toBeNull();

    f.tenant.updateUser('carol', { department: 'Sales' });
    await f.tenant.nextCycle();
    expect(f.sent().map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(f.view().groups['all']!.members).toEqual(['alice']);

    await f.tenant.restartProvisioning();
    expect(f.sent().filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: idOf(f, 'carol') }] })]);
  });
});

describe('convergence (research §2.8 #13, #14)', () => {
  test('a target that never returns active: Entra PATCHes it again at every cycle (I-SENTRY)', async () => {
    const stripActive = (body: string) => {
      const json = JSON.parse(body) as Json;
      delete json['active'];
      return json;
    };
    const { f, close } = await scriptedEntra(() => undefined, {
      directory: { users: PEOPLE },
      rewrite: (req, up) => (req.method === 'GET' && /\/Users\/[^/?]+$/.test(req.url) && up.status === 200 ? { status: 200, body: stripActive(up.body) } : undefined),
    });
    fixtures.push(f);
    closers.push(close);
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const id = idOf(f, 'alice');
    f.sent();
    f.tenant.updateUser('alice', { surname: 'Smythe' });
    await f.tenant.nextCycle();
    expect(f.sent()).toEqual([
      { method: 'GET', path: `/Users/${id}` },
      { method: 'PATCH', path: `/Users/${id}`, body: patch({ op: 'Add', path: 'active', value: 'True' }, { op: 'Replace', path: 'name.familyName', value: 'Smythe' }) },
    ]);
    for (let i = 0; i < 3; i++) {
      await f.tenant.nextCycle();
      expect(f.sent()).toEqual([
        { method: 'GET', path: `/Users/${id}` },
        { method: 'PATCH', path: `/Users/${id}`, body: patch({ op: 'Add', path: 'active', value: 'True' }) },
      ]);
    }
  });

  test('a target that does return what was sent converges: no PATCH at the following cycles', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    f.tenant.updateUser('alice', { surname: 'Smythe' });
    await f.tenant.nextCycle();
    f.sent();
    await f.tenant.nextCycle(3);
    expect(f.sent()).toEqual([]);
  });

  test('a change made in the target is never read back while nothing changes in Entra (E-KI); a restart puts Entra\'s value back', async () => {
    const f = await tenant();
    f.tenant.assign(['alice']);
    await f.tenant.startProvisioning();
    const id = idOf(f, 'alice');
    f.sent();
    const edited = await targetCall(f.baseUrl, 'PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'name.familyName', value: 'EditedInTarget' }] });
    expect(edited.status).toBe(200);
    await f.tenant.advance(12 * HOUR);
    expect(f.sent()).toEqual([]);
    expect(await targetUser(f.baseUrl, id)).toMatchObject({ name: { familyName: 'EditedInTarget' } });
    await f.tenant.restartProvisioning();
    expect(f.sent().at(-1)).toEqual({ method: 'PATCH', path: `/Users/${id}`, body: patch({ op: 'Replace', path: 'name.familyName', value: 'Smith' }) });
  });
});
