import { describe, expect, it } from 'vitest';
import { DEFAULT_ENTRA_SETTINGS } from '../../simulator/idp/entra/settings.js';
import scenarioSchema from '../../scenarios/scenario.schema.json' with { type: 'json' };
import suiteSchema from '../../scenarios/suite.schema.json' with { type: 'json' };
import { ScenarioFileError, formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import { loadScenarioText } from './load-scenario.js';
import type { AccountSettings } from '../../simulator/target/control/control-adapter.js';
import { CONTROL_CAPABILITIES } from './normalize-control.js';
import { ACCOUNT_CHECK_FIELDS, CONTROL_ACTIONS, ENTRA_ACTIONS, ENTRA_ONLY_ACTIONS, OKTA_ONLY_ACTIONS } from './raw-scenario.js';
import { validateAgainstSchema } from './schema-validate.js';

type Schema = Record<string, unknown>;

/** Every subschema with its JSON-pointer-like path. */
function* subschemas(schema: unknown, path = '#'): Generator<[string, Schema]> {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Schema;
  yield [path, s];
  for (const key of ['properties', 'definitions'] as const) {
    for (const [name, child] of Object.entries((s[key] as Record<string, unknown> | undefined) ?? {})) yield* subschemas(child, `${path}/${key}/${name}`);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'if', 'then', 'else'] as const) yield* subschemas(s[key], `${path}/${key}`);
  for (const key of ['anyOf', 'oneOf'] as const) {
    for (const [i, child] of ((s[key] as unknown[] | undefined) ?? []).entries()) yield* subschemas(child, `${path}/${key}/${i}`);
  }
}

describe.each([
  ['scenario.schema.json', scenarioSchema],
  ['suite.schema.json', suiteSchema],
])('%s', (_, schema) => {
  it('describes every property and definition (editors show the text)', () => {
    const missing = [...subschemas(schema)]
      .filter(([path]) => /\/(properties|definitions)\/[^/]+$/.test(path))
      .filter(([, s]) => typeof s.description !== 'string' || s.description.length === 0)
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('closes every mapping with known keys', () => {
    const open = [...subschemas(schema)]
      .filter(([, s]) => s.properties !== undefined && s.type === 'object')
      .filter(([path, s]) => s.additionalProperties !== false && !path.endsWith('/if'))
      .map(([path]) => path);
    expect(open).toEqual([]);
  });
});

describe('scenario.schema.json', () => {
  it('requires at least one key in a matcher and allows only the documented ones', () => {
    const matcher = (scenarioSchema.definitions as Record<string, Schema>).matcher!;
    expect(matcher.minProperties).toBe(1);
    expect(Object.keys(matcher.properties as Schema)).toEqual([
      'level', 'equals', 'notEquals', 'equalsIgnoreCase', 'exists', 'notEmpty', 'empty', 'contains', 'notContains', 'matches',
      'startsWith', 'oneOf', 'type', 'length', 'minLength', 'maxLength', 'gt', 'gte', 'lt', 'lte',
    ]);
  });

  it('accepts a status code or a non-empty list of them, within 100-599', () => {
    const withStatus = (status: unknown): unknown => ({ scenario: 's', steps: [{ request: { method: 'GET', path: '/' }, expect: { status } }] });
    expect(validateAgainstSchema('scenario', withStatus(200))).toEqual([]);
    expect(validateAgainstSchema('scenario', withStatus([200, 204]))).toEqual([]);
    for (const bad of [99, 600, [], '200', 200.5, [200, '201']]) expect(validateAgainstSchema('scenario', withStatus(bad))).not.toEqual([]);
  });
});

describe('scenario.schema.json for idp: entra', () => {
  const definitions = scenarioSchema.definitions as Record<string, Schema>;
  const props = (name: string) => Object.keys(definitions[name]!.properties as Schema);
  const pattern = (name: string) => Object.keys(definitions[name]!.patternProperties as Schema).at(-1)!;
  const entra = (steps: unknown[], rest: Record<string, unknown> = {}) => validateAgainstSchema('scenario', { scenario: 's', idp: 'entra', ...rest, steps });
  const okta = (steps: unknown[]) => validateAgainstSchema('scenario', { scenario: 's', idp: 'okta', steps });

  it('knows the same action keys as the loader', () => {
    expect(props('entraStep').filter((key) => key !== 'name' && key !== 'expect')).toEqual(ENTRA_ACTIONS.filter((key) => key !== 'advance'));
    expect(Object.keys(definitions.entraStep!.patternProperties as Schema)[0]).toBe('^advance$');
    expect((definitions.entraOnlyAction!.enum as string[]).sort()).toEqual([...ENTRA_ONLY_ACTIONS].sort());
    expect((definitions.entraStepKey!.enum as string[]).sort()).toEqual([...ENTRA_ACTIONS, ...OKTA_ONLY_ACTIONS].sort());
    // The other IdP's actions get through the schema, so that the loader can say whose they are.
    expect(pattern('entraStep')).toBe(`^(${OKTA_ONLY_ACTIONS.join('|')})$`);
    expect(pattern('idpStep')).toBe(`^(${ENTRA_ONLY_ACTIONS.join('|')})$`);
  });

  it('offers every assumed setting of DEFAULT_ENTRA_SETTINGS (requestTimeoutMs as the duration requestTimeout)', () => {
    const assumed = (definitions.entraConfig!.properties as Record<string, Schema>).assumed!.properties as Schema;
    const expected = Object.keys(DEFAULT_ENTRA_SETTINGS.assumed).map((key) => (key === 'requestTimeoutMs' ? 'requestTimeout' : key));
    expect(Object.keys(assumed).sort()).toEqual(expected.sort());
  });

  it('takes an Entra step or a request step in an Entra scenario, and Okta-shaped arguments nowhere there', () => {
    expect(entra([{ advance: '2h', expect: { idp: { 'job.state': 'running' } } }, { request: { method: 'GET', path: '/Users' } }, { expect: { sent: [] } }])).toEqual([]);
    expect(entra([{ assign: { users: 'alice', groups: ['sales'] } }, { provisionOnDemand: { group: 'sales', members: 'alice' } }])).toEqual([]);
    expect(entra([{ assign: { group: 'sales' } }])).not.toEqual([]);
    expect(entra([{ nextCycle: 0 }])).not.toEqual([]);
    expect(entra([{ startProvisioning: false }])).not.toEqual([]);
  });

  it("lets either IdP's actions through the other's steps, for the loader to report", () => {
    expect(entra([{ pushGroups: 'devs' }])).toEqual([]);
    expect(okta([{ startProvisioning: true }, { provisionOnDemand: 'alice' }])).toEqual([]);
    expect(okta([{ advance: '40m', expect: { idp: { openTasks: [] } } }])).not.toEqual([]);
  });

  it('validates idpConfig and directory by the IdP named', () => {
    const config = { scope: 'all', userMappings: { title: { constant: 'Engineer' }, externalId: null }, assumed: { requestTimeout: '30s' } };
    expect(entra([{ startProvisioning: true }], { idpConfig: config, directory: { users: { carol: { status: 'softDeleted' } } } })).toEqual([]);
    expect(validateAgainstSchema('scenario', { scenario: 's', idp: 'okta', idpConfig: config, steps: [{ assign: 'a' }] })).not.toEqual([]);
    expect(entra([{ startProvisioning: true }], { idpConfig: { flavour: 'aiw' } })).not.toEqual([]);
    expect(entra([{ startProvisioning: true }], { directory: { users: { carol: { status: 'suspended' } } } })).not.toEqual([]);
    expect(entra([{ startProvisioning: true }], { idpConfig: { assumed: { requestTimeoutMs: 1000 } } })).not.toEqual([]);
  });
});

describe('scenario.schema.json for the control adapter', () => {
  const definitions = scenarioSchema.definitions as Record<string, Schema>;
  const props = (name: string) => Object.keys(definitions[name]!.properties as Schema);
  const validate = (steps: unknown[], rest: Record<string, unknown> = {}) => validateAgainstSchema('scenario', { scenario: 's', ...rest, steps });

  it('knows the same actions, capabilities, settings and check fields as the loader and the adapter', () => {
    expect(props('controlAction')).toEqual([...CONTROL_ACTIONS]);
    expect(definitions.controlCapability!.enum).toEqual(CONTROL_CAPABILITIES);
    const settings: Record<keyof AccountSettings, true> = {
      scimEnabled: true, manageLicensesWithScim: true, allowManualUpdates: true, availableLicenses: true, ssoLicenseMappings: true, ssoGroupMappings: true, defaultGroups: true,
    };
    expect(props('accountSettings')).toEqual(Object.keys(settings));
    const fields = [...new Set<string>([...ACCOUNT_CHECK_FIELDS.user, ...ACCOUNT_CHECK_FIELDS.group])];
    expect(props('accountCheck').sort()).toEqual(['user', 'group', 'manualUpdate', ...fields].sort());
    expect(Object.keys((definitions.accountCheck!.properties as Record<string, Schema>).manualUpdate!.properties as Schema)).toEqual([...ACCOUNT_CHECK_FIELDS.manualUpdate]);
  });

  it('takes a control step in any scenario, told apart by its control key', () => {
    const steps = [{ control: { acceptInvitation: 'a@example.com' } }, { control: {}, expect: { account: { user: 'a@example.com', accepted: true } } }, { control: null, expect: { account: [{ group: 'g', exists: false }] } }];
    expect(validate(steps)).toEqual([]);
    expect(validate(steps, { idp: 'okta' })).toEqual([]);
    expect(validate(steps, { idp: 'entra' })).toEqual([]);
    expect(validate([{ control: { setIpAllowlist: null } }, { control: { setIpAllowlist: ['10.0.0.0/8'] } }])).toEqual([]);
    // A control step is not also a request, an IdP action or an advance.
    expect(validate([{ control: { invite: 'a@example.com' }, request: { method: 'GET', path: '/' } }])).not.toEqual([]);
    expect(validate([{ control: { invite: 'a@example.com' }, assign: 'alice' }], { idp: 'okta' })).not.toEqual([]);
    expect(validate([{ control: { invite: 'a@example.com' }, advance: '2h' }], { idp: 'entra' })).not.toEqual([]);
    expect(validate([{ control: { assign: 'alice' } }], { idp: 'okta' })).not.toEqual([]);
    expect(validate([{ control: { createToken: 'two words' } }])).not.toEqual([]);
    // Its expect has account, target and level; the IdP's own checks belong to IdP steps.
    expect(validate([{ control: {}, expect: { sent: [] } }], { idp: 'okta' })).not.toEqual([]);
  });

  it('takes account checks in Okta, Entra and control steps, a check step with only account checks included', () => {
    const account = { account: { user: '{{alice.userName}}', license: { oneOf: ['developer', 'it'] }, scimManaged: true } };
    expect(validate([{ assign: 'alice', expect: account }, { expect: account }], { idp: 'okta' })).toEqual([]);
    expect(validate([{ nextCycle: true, expect: account }, { expect: account }], { idp: 'entra' })).toEqual([]);
    expect(validate([{ expect: { account: { user: 'a@example.com', licence: 'developer' } } }], { idp: 'okta' })).not.toEqual([]);
    expect(validate([{ expect: { account: [] } }], { idp: 'okta' })).not.toEqual([]);
  });

  it('takes account: and an explicit requiresControl of known capabilities', () => {
    const account = { settings: { defaultGroups: { member: false }, availableLicenses: ['developer'] }, users: { legacy: { email: 'l@example.com' } }, groups: { Owners: ['l@example.com'] } };
    expect(validate([{ advance: '1m' }], { account, requiresControl: ['tokens', 'readUser'] })).toEqual([]);
    expect(validate([{ advance: '1m' }], { requiresControl: ['sso'] })).not.toEqual([]);
    expect(validate([{ advance: '1m' }], { account: { users: { legacy: { firstName: 'Lee' } } } })).not.toEqual([]);
    expect(validate([{ advance: '1m' }], { account: { settings: { defaultGroups: {} } } })).not.toEqual([]);
  });
});

describe('files in other line-ending conventions', () => {
  it('locates problems the same with CRLF line endings and a byte-order mark stripped', () => {
    const source = 'scenario: crlf\r\nsteps:\r\n  - advance: 5 m\r\n';
    let lines: string[] = [];
    try {
      loadScenarioText(source, 'crlf.yaml', { suite: 's', env: {} });
    } catch (error) {
      lines = (error as ScenarioFileError).diagnostics.map(formatDiagnosticLine);
    }
    expect(lines).toEqual(["crlf.yaml:3:14: invalid value '5 m' (write a duration such as 40m, 1h30m or 500ms; units: ms, s, m, h, d)"]);
  });
});
