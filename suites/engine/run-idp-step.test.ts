import { describe, expect, it } from 'vitest';
import type { CheckResult, ScenarioResult } from '../model/result.js';
import { engineOnLoopback } from './fixtures/engine-on-loopback.js';

/** IdP steps through the real loader and engine, against the reference server on loopback. */

const TOKEN = 'idp-step-test-token-5678';
const engine = engineOnLoopback(TOKEN);
const run = (yaml: string, prefix = '1-') => engine.run(yaml, { prefix, suite: 'idp-test' });

function check(result: ScenarioResult, id: string, step = 0): CheckResult {
  const found = result.steps[step]?.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in step ${step}: ${result.steps[step]?.checks.map((c) => c.id).join(', ')}`);
  return found;
}

describe('IdP steps', () => {
  it('passes when the wire, the admin view and the target match, and keeps IdP and harness exchanges in one ordered log', async () => {
    const result = await run(`
scenario: push one user
id: idp-test-1
idp: okta
directory: { users: { alice: { firstName: Alice } } }
steps:
  - assign: alice
    expect:
      sent:
        - { method: GET, path: /Users, query: { filter: 'userName eq "{{alice.userName}}"', startIndex: 1, count: 100 } }
        - { method: POST, path: /Users, body: { name.givenName: Alice, externalId: "{{alice.oktaId}}" } }
      idp: { appUsers.alice.status: PROVISIONED }
      target: { user: alice, body: { name.givenName: Alice } }
`);
    expect(result.status).toBe('passed');
    expect(result.exchanges.map((e) => `${e.id} ${e.request.method} ${e.request.headers['user-agent']}`)).toEqual([
      expect.stringMatching(/^1-okta-1 GET Okta SCIM Client 1\.0\.0$/),
      expect.stringMatching(/^1-okta-2 POST Okta SCIM Client 1\.0\.0$/),
      expect.stringMatching(/^1-1 GET scimsim\//),
    ]);
    expect(result.idp?.kind).toBe('okta');
    expect(result.idp?.assumptions.map((a) => a.setting)).toEqual(expect.arrayContaining(['contentType', 'accept']));
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('fails `sent` with every difference named, and still applies protocol rules to the IdP exchanges', async () => {
    const result = await run(`
scenario: wrong expectations
id: idp-test-2
idp: okta
directory: { users: { alice: {} } }
steps:
  - assign: alice
    expect:
      sent:
        - { method: GET, path: /Users, query: { count: 10 } }
        - { method: PUT, path: /Users }
        - { method: GET, path: /Users }
`);
    const sent = check(result, 'expect.sent');
    expect(sent.status).toBe('failed');
    expect(sent.message).toContain('request 1 (GET /Users): expected query');
    expect(sent.message).toContain('request 2 (PUT /Users): got POST /Users');
    expect(sent.message).toContain('request 3: expected GET /Users, but only 2 request(s) were sent');
    expect(result.steps[0]!.checks.some((c) => c.kind === 'rule')).toBe(true);
    expect(result.status).toBe('failed');
  });

  it('fails the step through okta.outcome when Okta shows a failed task, unless the step checks idp itself', async () => {
    const yaml = (expectIdp: boolean) => `
scenario: 409 on create
id: idp-test-3-${expectIdp}
idp: okta
idpConfig: { uniqueIdField: externalId }
directory: { users: { alice: {} } }
steps:
  - request: { method: POST, path: /Users, body: { userName: "{{alice.userName}}" } }
    expect: { status: 201 }
  - assign: alice
${expectIdp ? `    expect:\n      idp: { openTasks: { length: 1 }, "tasks[0].message": { contains: "Conflict. Errors reported by remote server" } }` : ''}
`;
    const unchecked = await run(yaml(false), '2-');
    const outcome = check(unchecked, 'okta.outcome', 1);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/^task 1: Automatic provisioning of user .+ to app dbt failed: Error while creating user .+: Conflict\./);
    const checked = await run(yaml(true), '3-');
    expect(checked.status).toBe('passed');
    expect(checked.steps[1]!.checks.some((c) => c.id === 'okta.outcome')).toBe(false);
  });

  it('reports compatibility-mode expressions as a warning on every evaluation, not a failure', async () => {
    const result = await run(`
scenario: seed expression
id: idp-test-4
idp: okta
idpConfig:
  mappings:
    licenseType: { namespace: "urn:ietf:params:scim:schemas:extension:dbtLabs:2.0:User", expression: 'IIF(isMemberOf("g"), "developer", "read_only")' }
directory: { users: { alice: {}, bob: {} }, groups: { g: [alice] } }
steps:
  - assign: [alice, bob]
    expect:
      warnings: { length: 4 }
      sent:
        - { method: GET, path: /Users }
        - { method: POST, path: /Users, body: { "urn:ietf:params:scim:schemas:extension:dbtLabs:2.0:User:licenseType": developer } }
        - { method: GET, path: /Users }
        - { method: POST, path: /Users, body: { "urn:ietf:params:scim:schemas:extension:dbtLabs:2.0:User:licenseType": read_only } }
  - reapplyMappings: all
    expect: { warnings: { length: 4 }, sent: [] }
`);
    expect(result.status).toBe('passed');
    const warned = result.steps[0]!.checks.filter((c) => c.id === 'okta.expression');
    expect(warned).toHaveLength(4);
    expect(warned.every((c) => c.status === 'warned' && c.message!.includes('isMemberOfGroupName("g") ? "developer" : "read_only"'))).toBe(true);
  });

  it('reads the target only through ids Okta holds: exists false passes, a read of a never-pushed user fails with the reason', async () => {
    const result = await run(`
scenario: target read of a user never pushed
id: idp-test-5
idp: okta
directory: { users: { alice: {} } }
steps:
  - expect: { target: { user: alice, exists: false } }
  - expect: { target: { user: alice } }
`);
    expect(check(result, 'expect.target.alice', 0).status).toBe('passed');
    const missing = check(result, 'expect.target.alice', 1);
    expect(missing.status).toBe('failed');
    expect(missing.message).toContain('never created or linked');
  });
});
