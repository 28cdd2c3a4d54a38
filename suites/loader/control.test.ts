import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioFileError, formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import type { ControlStep, IdpExpectation, Scenario } from '../model/scenario.js';
import { cidrProblem } from './check-control.js';
import { loadScenarioFile, loadScenarioText } from './load-scenario.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const update = process.env.UPDATE_GOLDEN === '1';
const file = relative(repoRoot, join(here, 'fixtures', 'valid-control.yaml'));

const load = (source: string): Scenario => loadScenarioText(source, 'control.yaml', { suite: 's', env: {} }).scenario;

function problems(source: string): string[] {
  try {
    const { warnings } = loadScenarioText(source, 'test.yaml', { suite: 's', env: {} });
    return warnings.map(formatDiagnosticLine);
  } catch (error) {
    if (error instanceof ScenarioFileError) return error.diagnostics.map(formatDiagnosticLine);
    throw error;
  }
}

/** An account expectation without its locations: subject and `path matcher level` per field. */
function brief(e: IdpExpectation): unknown {
  if (e.kind !== 'account') return e.kind;
  const { check } = e;
  const subject = check.subject === 'user' ? { user: check.email } : check.subject === 'group' ? { group: check.name } : { manualUpdate: true };
  return { ...subject, level: e.level, fields: check.fields.map((f) => [f.path, f.matcher, f.level]) };
}

describe('the control-adapter language (valid-control.yaml)', () => {
  it('produces the expected scenario (golden valid-control.scenario.json)', async () => {
    const loaded = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    expect(loaded.warnings).toEqual([]);
    const golden = join(here, 'fixtures', 'valid-control.scenario.json');
    const actual = `${JSON.stringify(loaded, null, 2)}\n`;
    if (update) await writeFile(golden, actual);
    expect(actual).toBe(await readFile(golden, 'utf8'));
  });

  it('normalizes account: into AccountSetup (users by key become a list, groups name → member emails)', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    expect(scenario.account).toEqual({
      settings: {
        scimEnabled: true,
        manageLicensesWithScim: false,
        allowManualUpdates: false,
        availableLicenses: ['developer', 'read_only', 'it'],
        ssoLicenseMappings: { developer: ['dbt_developers'], read_only: ['dbt_read_only'] },
        ssoGroupMappings: { Analysts: ['okta_analysts'] },
        defaultGroups: { member: true },
      },
      users: [
        { email: 'legacy.{{suffix}}@example.com', firstName: 'Lee', groups: ['Member'], license: 'read_only' },
        { email: 'admin.{{suffix}}@example.com' },
      ],
      groups: [{ name: 'Owners', members: ['legacy.{{suffix}}@example.com'] }],
      location: expect.objectContaining({ line: 18, col: 1 }),
    });
  });

  it('normalizes every control action, with derived titles', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    const control = [...scenario.steps, ...scenario.teardown].filter((step): step is ControlStep => step.kind === 'control');
    expect(control.map((step) => step.action ?? 'check')).toEqual([
      { type: 'settings', settings: { manageLicensesWithScim: true } },
      { type: 'invite', email: '{{alice.userName}}' },
      { type: 'acceptInvitation', email: '{{alice.userName}}' },
      { type: 'ssoLogin', email: '{{alice.userName}}', groups: ['dbt_developers'] },
      { type: 'createUser', user: { email: 'new.{{suffix}}@example.com', lastName: 'New', license: 'it' } },
      { type: 'createGroup', name: 'Auditors', members: ['new.{{suffix}}@example.com'] },
      { type: 'manualUpdateUser', email: '{{alice.userName}}', change: { firstName: 'X', license: 'developer' } },
      { type: 'manualUpdateGroupMembers', name: 'Owners', change: { add: ['new.{{suffix}}@example.com'], remove: ['legacy.{{suffix}}@example.com'] } },
      { type: 'confirmEmail', email: '{{alice.userName}}' },
      { type: 'setIpAllowlist', cidrs: ['10.0.0.0/8', '2001:db8::/32'] },
      { type: 'setIpAllowlist', cidrs: null },
      { type: 'createToken', name: 'rotated' },
      'check',
      { type: 'deleteToken', name: 'rotated' },
    ]);
    expect(control.map((step) => step.title)).toEqual([
      'settings manageLicensesWithScim: true',
      'invite {{alice.userName}}',
      'acceptInvitation {{alice.userName}}',
      'ssoLogin {{alice.userName}} (dbt_developers)',
      'createUser new.{{suffix}}@example.com',
      'createGroup Auditors',
      'an admin cannot change a SCIM-managed user',
      'manualUpdateGroupMembers Owners',
      'confirmEmail {{alice.userName}}',
      'setIpAllowlist 10.0.0.0/8, 2001:db8::/32',
      'setIpAllowlist (lifted)',
      'createToken rotated',
      'a check-only control step',
      'deleteToken rotated',
    ]);
  });

  it('reads account: expectations in control and Okta steps: subject, fields as matchers, levels', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    const [, assign, , , , , , manualUser, manualGroup] = scenario.steps;
    expect(assign).toMatchObject({ kind: 'idp', action: { type: 'assign' } });
    expect(assign!.kind === 'idp' && assign!.expect.map(brief)).toEqual([
      { user: '{{alice.userName}}', level: 'MUST', fields: [['license', { equals: 'developer' }, 'MUST'], ['scimManaged', { equals: true }, 'MUST']] },
    ]);
    expect(manualUser!.kind === 'control' && manualUser!.expect.map(brief)).toEqual([
      { manualUpdate: true, level: 'MUST', fields: [['allowed', { equals: false }, 'MUST'], ['reason', { matches: 'SCIM' }, 'MUST']] },
    ]);
    expect(manualGroup!.kind === 'control' && manualGroup!.expect.map(brief)).toEqual([{ manualUpdate: true, level: 'SHOULD', fields: [['allowed', { equals: true }, 'MUST']] }]);
    const check = scenario.steps.at(-1)!;
    expect(check).toMatchObject({ kind: 'control', title: 'a check-only control step' });
    expect(check.kind === 'control' && check.action).toBeUndefined();
    expect(check.kind === 'control' && check.expect.map(brief)).toEqual([
      { user: '{{alice.userName}}', level: 'MUST', fields: [['license', { equals: 'developer' }, 'MUST'], ['scimManaged', { equals: true }, 'MUST'], ['groups', { contains: 'Member' }, 'MUST']] },
      { group: 'dbt_developers', level: 'MUST', fields: [['scimManaged', { equals: true }, 'MUST'], ['members', { contains: '{{alice.userName}}' }, 'MUST']] },
      'target',
    ]);
    // Each check and each field is located where it is written.
    const first = check.kind === 'control' ? check.expect[0]! : undefined;
    expect(first?.location).toMatchObject({ line: 59, col: 11 });
    expect(first?.kind === 'account' && first.check.fields.map((f) => f.location.line)).toEqual([59, 59, 59]);
  });

  it('derives requiresControl in the adapter order, merged with the explicit list', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    expect(scenario.requiresControl).toEqual([
      'accountSettings', 'seedDirectory', 'invitations', 'ssoLogin', 'readUser', 'readGroup', 'manualUpdate', 'confirmEmail', 'ipAllowlist', 'tokens',
    ]);
  });
});

describe('requiresControl', () => {
  const needs = (source: string) => load(source).requiresControl;

  it('is empty for a scenario that does not use the adapter, and for an account: with nothing in it', () => {
    expect(needs('scenario: s\nsteps: [{ request: { method: GET, path: /Users } }]\n')).toEqual([]);
    expect(needs('scenario: s\naccount: { settings: {}, users: {}, groups: {} }\nsteps: [{ request: { method: GET, path: /Users } }]\n')).toEqual([]);
    expect(load('scenario: s\naccount: {}\nsteps: [{ advance: 1m }]\n').account).toMatchObject({ settings: {}, users: [], groups: [] });
  });

  it('lists each capability once, in the stable order, whatever the order of the file', () => {
    const source = [
      'scenario: s',
      'requiresControl: [tokens, invitations]',
      'steps:',
      '  - control: { manualUpdateGroupMembers: { name: Owners, change: { add: [a@example.com] } } }',
      '    expect: { account: [{ group: Owners, members: { contains: a@example.com } }, { manualUpdate: { allowed: false } }] }',
      '  - control: { ssoLogin: { email: a@example.com } }',
      '  - control: { setIpAllowlist: null }',
      '  - control: { settings: { allowManualUpdates: true } }',
      'teardown:',
      '  - control: { createUser: { email: b@example.com } }',
    ].join('\n');
    expect(needs(source)).toEqual(['accountSettings', 'seedDirectory', 'invitations', 'ssoLogin', 'readGroup', 'manualUpdate', 'ipAllowlist', 'tokens']);
  });

  it('counts account: users and groups as seedDirectory and settings as accountSettings, and account checks in IdP steps as reads', () => {
    expect(needs('scenario: s\naccount: { groups: { Owners: [] } }\nsteps: [{ advance: 1m }]\n')).toEqual(['seedDirectory']);
    expect(needs('scenario: s\naccount: { settings: { scimEnabled: true } }\nsteps: [{ advance: 1m }]\n')).toEqual(['accountSettings']);
    const entra = 'scenario: e\nidp: entra\ndirectory: { users: { alice: {} } }\nsteps:\n  - assign: alice\n    expect: { account: { user: "{{alice.userName}}", exists: false } }\n';
    expect(needs(entra)).toEqual(['readUser']);
  });
});

describe('control steps in every kind of scenario', () => {
  it('are valid with idp: entra, with idp: okta and with no IdP', () => {
    const steps = 'steps:\n  - control: { invite: a@example.com }\n  - control: {}\n    expect: { account: { user: a@example.com, accepted: false } }\n';
    for (const head of ['scenario: s\nidp: entra\n', 'scenario: s\nidp: okta\n', 'scenario: s\n']) {
      expect(load(head + steps).steps.map((step) => [step.kind, step.title])).toEqual([
        ['control', 'invite a@example.com'],
        ['control', 'check'],
      ]);
    }
  });

  it('take an empty control: as no action', () => {
    const step = load('scenario: s\nsteps:\n  - control:\n    expect: { account: { group: Owners, exists: true } }\n').steps[0];
    expect(step).toMatchObject({ kind: 'control', title: 'check', expect: [{ kind: 'account', check: { subject: 'group', name: 'Owners' } }] });
    expect(step && 'action' in step).toBe(false);
  });

  it('make a check step (expect alone) a control step without an IdP, and an IdP check step with one', () => {
    const check = '  - expect: { account: { user: a@example.com, license: { oneOf: [developer, it], level: SHOULD } } }\n';
    expect(load(`scenario: s\nsteps:\n${check}`).steps[0]).toMatchObject({
      kind: 'control',
      title: 'check',
      expect: [{ kind: 'account', level: 'MUST', check: { subject: 'user', email: 'a@example.com', fields: [{ path: 'license', matcher: { oneOf: ['developer', 'it'] }, level: 'SHOULD' }] } }],
    });
    expect(load(`scenario: s\nidp: okta\nsteps:\n${check}`).steps[0]).toMatchObject({ kind: 'idp', title: 'check' });
    expect(load(`scenario: s\nidp: entra\nsteps:\n${check}`).steps[0]).toMatchObject({ kind: 'entra', title: 'check' });
  });

  it('let a step use {{tokens.<name>}} from the step after its createToken, teardown included', () => {
    const source = [
      'scenario: s',
      'steps:',
      '  - control: { createToken: rotated }',
      '  - request: { method: GET, path: /Users, auth: { bearer: "{{tokens.rotated}}" } }',
      'teardown:',
      '  - request: { method: GET, path: /Users, auth: { bearer: "{{tokens.rotated}}" } }',
      '  - control: { deleteToken: rotated }',
    ].join('\n');
    expect(problems(source)).toEqual([]);
    expect(problems(source.replace('  - control: { createToken: rotated }\n', '  - control: { createToken: rotated }\n  - control: { deleteToken: rotated }\n  - control: { createToken: rotated }\n'))).toEqual([]);
  });
});

describe('cidrProblem', () => {
  it.each(['10.0.0.0/8', '192.168.1.7/32', '0.0.0.0/0', '2001:db8::/32', '::1/128', '{{allowed}}'])('accepts %s', (cidr) => {
    expect(cidrProblem(cidr)).toBeUndefined();
  });

  it.each([
    ['10.0.0.1', "write '10.0.0.1/32' for this one address"],
    ['::1', "write '::1/128' for this one address"],
    ['10.0.0.0/33', 'an IPv4 prefix length is 0 to 32'],
    ['10.0.0.0/', 'an IPv4 prefix length is 0 to 32'],
    ['fe80::/129', 'an IPv6 prefix length is 0 to 128'],
    ['10.0.0/8', 'write an address and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32'],
    ['office', 'write an address and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32'],
  ])('refuses %s', (cidr, hint) => {
    expect(cidrProblem(cidr)).toBe(hint);
  });
});

describe('the control example in scenarios/README.md', () => {
  it('loads, without warnings', async () => {
    const readme = await readFile(join(repoRoot, 'scenarios', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("## The target's account: control steps and account checks"));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const { scenario, warnings } = loadScenarioText(example!, 'scenarios/okta/readme-control.yaml', { suite: 'okta', env: {} });
    expect(warnings).toEqual([]);
    expect(scenario.requiresControl).toEqual(['accountSettings', 'seedDirectory', 'readUser', 'readGroup', 'manualUpdate', 'tokens']);
    expect(scenario.steps.map((s) => `${s.kind}: ${s.title}`)).toEqual([
      'control: settings manageLicensesWithScim: true',
      'idp: assign alice',
      'control: an admin cannot edit a SCIM-managed user',
      'control: createToken rotated',
      'request: GET /Users',
      'control: SCIM leaves the account\'s own users alone',
    ]);
  });
});
