import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENTRA_SETTINGS, DEFAULT_GROUP_MAPPINGS, SEED_USER_MAPPINGS } from '../../simulator/idp/entra/settings.js';
import type { EntraSetup } from '../model/scenario.js';
import { ScenarioFileError, formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import { loadScenarioFile, loadScenarioText } from './load-scenario.js';
import { seedFromId } from './seed.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const update = process.env.UPDATE_GOLDEN === '1';

function problems(source: string, env: Record<string, string> = {}, knownRuleIds?: string[]): string[] {
  try {
    loadScenarioText(source, 'test.yaml', { suite: 's', env, knownRuleIds });
  } catch (error) {
    if (error instanceof ScenarioFileError) return error.diagnostics.map(formatDiagnosticLine);
    throw error;
  }
  return [];
}

describe('loadScenarioFile on a valid file', () => {
  const file = relative(repoRoot, join(here, 'fixtures', 'valid-full.yaml'));

  it('produces the expected scenario (golden valid-full.scenario.json)', async () => {
    const loaded = await loadScenarioFile(file, { suite: 'fixtures', env: { PROBE_TOKEN: 'probe-s3cret', SCIMSIM_VERSION: '1.2.3' } });
    const golden = join(here, 'fixtures', 'valid-full.scenario.json');
    const actual = `${JSON.stringify(loaded, null, 2)}\n`;
    if (update) await writeFile(golden, actual);
    expect(actual).toBe(await readFile(golden, 'utf8'));
  });

  it('collects the values of secret-looking variables, defaults included', async () => {
    const withDefault = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    expect(withDefault.secrets).toEqual(['not-a-real-token']);
    expect(withDefault.scenario.defaults.headers['User-Agent']).toBe('scimsim/dev');
  });

  it('defaults the id to <suite>/<file stem> and the seed to a stable hash of it', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'core', env: {} });
    expect(scenario.id).toBe('core/valid-full');
    expect(scenario.seed).toBe(seedFromId('core/valid-full'));
    expect((await loadScenarioFile(file, { suite: 'core', env: {} })).scenario.seed).toBe(scenario.seed);
  });
});

describe('the example in scenarios/README.md', () => {
  it('loads', async () => {
    const readme = await readFile(join(repoRoot, 'scenarios', 'README.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const { scenario, warnings } = loadScenarioText(example!, 'scenarios/core/users-create.yaml', { suite: 'core', env: {} });
    expect(warnings).toEqual([]);
    expect(scenario.id).toBe('users-create');
    expect(scenario.seed).toBe(7);
    expect(scenario.steps.map((s) => s.title)).toEqual(['Create the user', 'advance 5m', 'GET /Users/{{userId}}']);
    expect(scenario.teardown.map((s) => s.title)).toEqual(['DELETE /Users/{{userId}}']);
    const [create] = scenario.steps;
    expect(create?.kind === 'request' && create.expect.map((e) => `${e.kind}:${'path' in e ? e.path : 'name' in e ? e.name : ''}`)).toEqual([
      'status:',
      'header:location',
      'body:id',
      'body:active',
      'body:name.familyName',
      'body:schemas',
    ]);
    const advance = scenario.steps[1];
    expect(advance?.kind === 'advance' && advance.ms).toBe(300_000);
  });
});

describe('the Entra example in scenarios/README.md', () => {
  it('loads', async () => {
    const readme = await readFile(join(repoRoot, 'scenarios', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Entra: a simulated Entra ID tenant drives the target'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const { scenario, warnings } = loadScenarioText(example!, 'scenarios/entra/readme.yaml', { suite: 'entra', env: {} });
    expect(warnings).toEqual([]);
    expect(scenario.idp?.kind).toBe('entra');
    expect(scenario.steps.map((s) => s.title)).toEqual([
      'testConnection', 'assign alice', 'startProvisioning', 'updateUser alice', 'nextCycle', 'unassign alice', 'nextCycle',
    ]);
  });
});

describe('environment substitution', () => {
  const head = 'scenario: env\nsteps:\n  - request: { method: GET, path: /Users }\n';

  it('keeps the YAML type of an unquoted value that is exactly one reference', () => {
    const { scenario } = loadScenarioText(`scenario: env\nseed: \${SEED}\nsteps:\n  - advance: \${WAIT:-5m}\n`, 'x.yaml', { suite: 's', env: { SEED: '42' } });
    expect(scenario.seed).toBe(42);
    expect(scenario.steps[0]).toMatchObject({ kind: 'advance', ms: 300_000 });
  });

  it('keeps a quoted reference a string, and reports the type mismatch it causes', () => {
    expect(problems(`scenario: env\nseed: "\${SEED}"\nsteps: [{ advance: 1m }]\n`, { SEED: '42' })).toEqual([
      "test.yaml:2:7: expected an integer, got the string '42' (remove the quotes)",
    ]);
  });

  it('uses the default for an empty variable, and turns $${ into a literal ${', () => {
    const { scenario } = loadScenarioText(`${head}    name: "\${EMPTY:-fallback} costs $\${PRICE}"\n`, 'x.yaml', { suite: 's', env: { EMPTY: '' } });
    expect(scenario.steps[0]?.title).toBe('fallback costs ${PRICE}');
  });

  it('points at the column of each unset variable, several per line', () => {
    expect(problems(`${head}    name: "a \${ONE} b \${TWO}"\n`)).toEqual([
      'test.yaml:4:14: environment variable ONE is not set (set it, or give a default: ${ONE:-value})',
      'test.yaml:4:23: environment variable TWO is not set (set it, or give a default: ${TWO:-value})',
    ]);
  });

  it('records secrets by variable name only', () => {
    const text = `${head}    name: "\${API_TOKEN} \${client_secret} \${DB_PASSWORD} \${SIGNING_KEY} \${USER}"\n`;
    const env = { API_TOKEN: 't', client_secret: 'c', DB_PASSWORD: 'p', SIGNING_KEY: 'k', USER: 'u' };
    expect(loadScenarioText(text, 'x.yaml', { suite: 's', env }).secrets).toEqual(['t', 'c', 'p', 'k']);
  });
});

describe('normalization', () => {
  it('derives titles, lower-cases expected header names and keeps one expectation per entry with its level', () => {
    const source = [
      'scenario: n',
      'steps:',
      '  - request: { method: DELETE, path: "/Users/{{target.url}}" }',
      '    expect:',
      '      level: SHOULD',
      '      status: 204',
      '      headers: { X-Thing: { exists: false } }',
      '      responseTime: { lte: 100 }',
      '    capture: { loc: { header: LOCATION } }',
    ].join('\n');
    const step = loadScenarioText(source, 'x.yaml', { suite: 's', env: {} }).scenario.steps[0];
    expect(step).toMatchObject({
      kind: 'request',
      title: 'DELETE /Users/{{target.url}}',
      expect: [
        { kind: 'status', oneOf: [204], level: 'SHOULD', location: { line: 6, col: 7 } },
        { kind: 'header', name: 'x-thing', matcher: { exists: false }, level: 'SHOULD', location: { line: 7, col: 18 } },
        { kind: 'responseTime', matcher: { lte: 100 }, level: 'SHOULD', location: { line: 8, col: 7 } },
      ],
      captures: [{ name: 'loc', from: { header: 'location' } }],
    });
  });
});

describe('bad input only ever raises ScenarioFileError', () => {
  const nasty: [string, string][] = [
    ['empty', ''],
    ['whitespace', '   \n\n'],
    ['a list', '- a\n- b\n'],
    ['a number', '42'],
    ['null', '~'],
    ['binary garbage', String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))],
    ['deep flow maps', `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`],
    ['moderately deep flow maps', `scenario: x\nsteps: ${'['.repeat(200)}${']'.repeat(200)}\n`],
    ['unclosed braces', '{'.repeat(10_000)],
    ['billion laughs', `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\nscenario: [*d, *d, *d, *d, *d, *d, *d, *d]\nsteps: []\n`],
    ['collection keys', '? [a, b]\n: 1\n? {c: d}\n: 2\n'],
    ['odd scalars', 'scenario: !!binary aGVsbG8=\nsteps: !!set { a }\n'],
    ['merge keys', 'base: &b { advance: 1m }\nscenario: m\nsteps: [{ <<: *b }]\n'],
    ['huge key', `${'k'.repeat(5000)}: v\n`],
    ['nul', 'scenario: a\u0000b\n'],
  ];

  it.each(nasty)('%s', (_, source) => {
    let thrown: unknown;
    try {
      loadScenarioText(source, 'nasty.yaml', { suite: 's', env: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioFileError);
    const diagnostics = (thrown as ScenarioFileError).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.length).toBeLessThanOrEqual(20);
    for (const d of diagnostics) {
      expect(d.message).not.toMatch(/must have required|must NOT have|must match|must be (equal|string|integer|object|array|number|boolean)|instancePath|#\/|\/steps\/|indicator/);
      expect(() => renderDiagnostic(d, source, { color: false })).not.toThrow();
    }
  });

  it('reads a large (1 MB) file whole', () => {
    const line = '        - { value: "{{email}}", type: work, display: "a fairly long display value to pad" }\n';
    const count = Math.ceil((1024 * 1024) / line.length);
    const source = `scenario: big\nvars:\n  email: x@example.com\nsteps:\n  - request:\n      method: POST\n      path: /Users\n      body:\n       emails:\n${line.repeat(count)}`;
    const { scenario } = loadScenarioText(source, 'big.yaml', { suite: 's', env: {} });
    const step = scenario.steps[0]!;
    expect(step.kind === 'request' && step.request.body && 'json' in step.request.body && (step.request.body.json as { emails: unknown[] }).emails).toHaveLength(count);
  });

  it('refuses a file that is not UTF-8, or missing, with a located diagnostic', async () => {
    await expect(loadScenarioFile(join(here, 'fixtures', 'no-such-file.yaml'), { suite: 's' })).rejects.toThrow(ScenarioFileError);
    await expect(loadScenarioFile(here, { suite: 's' })).rejects.toThrow(/directory/);
  });
});

describe('an idp: entra scenario', () => {
  const file = relative(repoRoot, join(here, 'fixtures', 'valid-entra.yaml'));
  const load = (source: string) => loadScenarioText(source, 'entra.yaml', { suite: 's', env: {} });
  const setupOf = (source: string): EntraSetup => {
    const { scenario } = load(source);
    expect(scenario.idp?.kind).toBe('entra');
    return scenario.idp as EntraSetup;
  };

  it('produces the expected scenario (golden valid-entra.scenario.json)', async () => {
    const loaded = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    expect(loaded.warnings).toEqual([]);
    const golden = join(here, 'fixtures', 'valid-entra.scenario.json');
    const actual = `${JSON.stringify(loaded, null, 2)}\n`;
    if (update) await writeFile(golden, actual);
    expect(actual).toBe(await readFile(golden, 'utf8'));
  });

  it('fills every setting left out with DEFAULT_ENTRA_SETTINGS', () => {
    const setup = setupOf('scenario: e\nidp: entra\nsteps:\n  - startProvisioning: true\n');
    expect(setup.settings).toEqual(DEFAULT_ENTRA_SETTINGS);
    expect(setup.directory).toEqual({ users: {}, groups: {} });
    expect(setup.location).toMatchObject({ line: 2, col: 1 });
  });

  it('reads every idpConfig key, durations included', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    const { settings } = scenario.idp as EntraSetup;
    expect(settings).toMatchObject({
      appName: 'dbt-entra',
      scope: 'all',
      scopingFilters: [
        [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }, { attribute: 'accountEnabled', operator: 'IS TRUE' }],
        [{ attribute: 'employeeId', operator: 'Greater_Than', value: '100' }],
      ],
      provisionGroups: false,
      targetObjectActions: { create: true, update: true, delete: false },
      skipOutOfScopeDeletions: true,
      accidentalDeletionThreshold: 500,
      aadOptscim062020: true,
      credentials: 'invalid',
      cycleIntervalMs: 20 * 60_000,
      softDeleteRetentionMs: 7 * 86_400_000,
    });
    expect(settings.assumed).toEqual({ ...DEFAULT_ENTRA_SETTINGS.assumed, activeOnCreate: 'mapped-string', memberBatchSize: 2, requestTimeoutMs: 30_000, accept: null });
    expect(setupOf('scenario: e\nidp: entra\nidpConfig: { accidentalDeletions: off }\nsteps: [{ startProvisioning: true }]\n').settings.accidentalDeletionThreshold).toBeNull();
  });

  it("merges userMappings over the seeds' set: a row replaces the seed's whole, null removes it, new rows come last", async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    const { userMappings, groupMappings } = (scenario.idp as EntraSetup).settings;
    expect(Object.keys(userMappings)).toEqual([
      'userName', 'active', 'emails[type eq "work"].value', 'emails[type eq "work"].primary', 'name.givenName', 'name.familyName',
      'title', 'displayName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
    ]);
    expect(userMappings.userName).toEqual(SEED_USER_MAPPINGS.userName);
    expect(userMappings['emails[type eq "work"].value']).toEqual({ type: 'direct', source: 'mail', apply: 'always', matchingPrecedence: 2 });
    expect(userMappings.title).toEqual({ type: 'constant', source: 'Engineer', apply: 'always' });
    expect(userMappings.displayName).toEqual({ type: 'expression', source: 'Join(" ", [givenName], [surname])', apply: 'onCreate' });
    expect(userMappings['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department']).toEqual({
      type: 'direct',
      source: 'department',
      apply: 'always',
      defaultIfNull: 'Unknown',
    });
    expect(groupMappings).toEqual({ displayName: DEFAULT_GROUP_MAPPINGS.displayName, externalId: DEFAULT_GROUP_MAPPINGS.externalId });
    // The defaults are copied, never shared.
    userMappings.userName!.source = 'mail';
    expect(SEED_USER_MAPPINGS.userName!.source).toBe('userPrincipalName');
  });

  it('turns each mapping form into its EntraMappingSpec', () => {
    const source = [
      'scenario: e',
      'idp: entra',
      'idpConfig:',
      '  replaceUserMappings: true',
      '  userMappings:',
      '    userName: { direct: userPrincipalName, matching: 1 }',
      '    active: { expression: \'Switch([IsSoftDeleted], , "False", "True", "True", "False")\', type: Boolean }',
      '    \'emails[type eq "work"].primary\': { none: true, default: true, type: Boolean }',
      '    employeeCount: { constant: 12, type: Integer, apply: onCreate }',
      'steps: [{ startProvisioning: true }]',
    ].join('\n');
    expect(setupOf(source).settings.userMappings).toEqual({
      userName: { type: 'direct', source: 'userPrincipalName', apply: 'always', matchingPrecedence: 1 },
      active: { type: 'expression', source: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")', apply: 'always', targetType: 'Boolean' },
      'emails[type eq "work"].primary': { type: 'none', defaultIfNull: 'true', apply: 'always', targetType: 'Boolean' },
      employeeCount: { type: 'constant', source: '12', apply: 'onCreate', targetType: 'Integer' },
    });
  });

  it('maps directory statuses onto the shared directory (softDeleted is deleted)', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    expect((scenario.idp as EntraSetup).directory).toEqual({
      users: {
        alice: { profile: { department: 'Sales', givenName: 'Alice' } },
        bob: { profile: { accountEnabled: 'False' } },
        carol: { status: 'deleted', profile: {} },
        dave: { profile: {} },
      },
      groups: { sales: { members: ['alice', 'bob'] }, emea: { name: 'EMEA {{suffix}}', members: ['carol'] } },
    });
  });

  it('normalizes every action, advance included, and keeps request steps', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    const actions = scenario.steps.map((step) => (step.kind === 'entra' ? (step.action ?? 'check') : step.kind));
    expect(actions).toEqual([
      { type: 'testConnection' },
      { type: 'startProvisioning' },
      { type: 'stopProvisioning' },
      { type: 'restartProvisioning', breakLinks: false },
      { type: 'restartProvisioning', breakLinks: true },
      { type: 'nextCycle', count: 1 },
      { type: 'nextCycle', count: 3 },
      { type: 'advance', ms: 7_200_000 },
      { type: 'provisionOnDemand', user: 'alice' },
      { type: 'provisionOnDemand', group: 'sales', members: ['alice', 'bob'] },
      { type: 'assign', users: ['alice'], groups: [] },
      { type: 'assign', users: ['alice', 'bob'], groups: [] },
      { type: 'assign', users: ['dave'], groups: ['sales', 'emea'] },
      { type: 'unassign', users: [], groups: ['sales'] },
      { type: 'updateUser', user: 'alice', set: { surname: 'Smith', jobTitle: null } },
      { type: 'softDelete', users: ['alice'] },
      { type: 'restore', users: ['alice'] },
      { type: 'hardDelete', users: ['carol'] },
      { type: 'disableAccount', users: ['bob'] },
      { type: 'enableAccount', users: ['bob'] },
      { type: 'addToGroup', group: 'sales', users: ['dave'] },
      { type: 'removeFromGroup', group: 'sales', users: ['bob'] },
      { type: 'renameGroup', group: 'sales', name: 'Sales EMEA {{suffix}}' },
      { type: 'deleteGroup', groups: ['emea'] },
      {
        type: 'changeMappings',
        userMappings: { title: null, 'name.formatted': { type: 'expression', source: 'Join(" ", [givenName], [surname])', apply: 'always' } },
        groupMappings: { description: { type: 'constant', source: '42', apply: 'always' } },
        scope: 'assigned',
        scopingFilters: [],
      },
      { type: 'allowDeletes' },
      { type: 'setCredentials', credentials: 'valid' },
      'request',
      'check',
    ]);
    expect(scenario.steps.map((step) => step.title).slice(0, 14)).toEqual([
      'testConnection', 'startProvisioning', 'stopProvisioning', 'restartProvisioning', 'restartProvisioning (resetScope full)', 'nextCycle',
      'nextCycle ×3', 'Two hours later', 'provisionOnDemand alice', 'provisionOnDemand sales (alice, bob)', 'assign alice', 'assign alice, bob',
      'assign dave and groups sales, emea', 'unassign groups sales',
    ]);
    expect(scenario.teardown.map((step) => step.kind)).toEqual(['request']);
  });

  it('reads expectations as in an Okta scenario: sent, idp, target and warnings, with the block level', async () => {
    const { scenario } = await loadScenarioFile(file, { suite: 'fixtures', env: {} });
    const advance = scenario.steps[7]!;
    expect(advance).toMatchObject({
      kind: 'entra',
      expect: [
        { kind: 'idp', path: 'job.state', matcher: { equals: 'running' }, level: 'MUST' },
        { kind: 'idp', path: 'users.alice.managed', matcher: { equals: true }, level: 'MUST' },
      ],
    });
    const check = scenario.steps.at(-1)!;
    expect(check).toMatchObject({
      kind: 'entra',
      title: 'check',
      expect: [
        { kind: 'target', check: { resource: 'user', key: 'alice', body: [{ path: 'active', matcher: { equals: true } }, { path: 'userName' }] }, level: 'SHOULD' },
        { kind: 'target', check: { resource: 'group', key: 'sales', members: ['alice', 'dave'] }, level: 'SHOULD' },
        { kind: 'warnings', matcher: { length: 0 }, level: 'SHOULD' },
      ],
    });
    expect(scenario.steps[0]).toMatchObject({ expect: [{ kind: 'sent', requests: [{ method: 'GET', path: '/Users', query: { filter: { equals: 'userName eq "{{alice.userName}}"' } } }] }] });
  });

  it('keeps advance a step of its own outside Entra scenarios', () => {
    const { scenario } = loadScenarioText('scenario: o\nidp: okta\nsteps:\n  - advance: 40m\n', 'okta.yaml', { suite: 's', env: {} });
    expect(scenario.steps[0]).toMatchObject({ kind: 'advance', ms: 2_400_000, title: 'advance 40m' });
    expect(setupOf('scenario: e\nidp: entra\nsteps:\n  - advance: 40m\n').kind).toBe('entra');
    expect(load('scenario: e\nidp: entra\nsteps:\n  - advance: 40m\n').scenario.steps[0]).toMatchObject({ kind: 'entra', title: 'advance 40m', action: { type: 'advance', ms: 2_400_000 }, expect: [] });
  });

  it('refuses an advance step with expect in an Okta scenario', () => {
    expect(problems('scenario: o\nidp: okta\nsteps:\n  - advance: 40m\n    expect: { idp: { openTasks: [] } }\n')).toEqual([
      "test.yaml:5:5: unknown key 'expect' (an advance step has only 'advance' and 'name'; put the request in a step of its own)",
    ]);
  });
});
