import { describe, expect, it } from 'vitest';
import type { CheckResult, ScenarioResult } from '../model/result.js';
import { engineOnLoopback } from './fixtures/engine-on-loopback.js';

/** Entra steps through the real loader and engine, against the reference server on loopback. */

const TOKEN = 'entra-step-test-token-9012';
const engine = engineOnLoopback(TOKEN);
const run = (yaml: string, prefix = '1-') => engine.run(yaml, { prefix, suite: 'entra-test' });

function check(result: ScenarioResult, id: string, step: number): CheckResult {
  const found = result.steps[step]?.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in step ${step}: ${result.steps[step]?.checks.map((c) => c.id).join(', ')}`);
  return found;
}

describe('Entra steps', () => {
  it('runs cycles on the virtual clock: nothing at assign, the create at the next cycle, in one ordered exchange log', async () => {
    const result = await run(`
scenario: assign then wait for the cycle
id: entra-test-1
idp: entra
directory: { users: { alice: { givenName: Alice } } }
steps:
  - startProvisioning: true
    expect: { sent: [], idp: { job.state: running, job.cycles: 1 } }
  - assign: alice
    expect:
      sent: []
      target: { user: alice, exists: false }
  - advance: 40m
    expect:
      sent:
        - { method: GET, path: /Users, query: { filter: 'userName eq "{{alice.userName}}"' } }
        - { method: POST, path: /Users, body: { name.givenName: Alice, externalId: "{{alice.mailNickname}}", active: true } }
      idp: { job.cycles: 2, users.alice.lastLog.action: Create, users.alice.targetId: "{{alice.id}}" }
      target: { user: alice, body: { name.givenName: Alice, active: true } }
`);
    expect(result.status).toBe('passed');
    expect(result.exchanges.map((e) => `${e.id} ${e.request.method} ${e.request.headers['user-agent']}`)).toEqual([
      expect.stringMatching(/^1-entra-1 GET Microsoft Azure AD SCIM provisioning$/),
      expect.stringMatching(/^1-entra-2 POST Microsoft Azure AD SCIM provisioning$/),
      expect.stringMatching(/^1-1 GET scimsim\//),
    ]);
    expect(Date.parse(result.exchanges[0]!.virtualTime) - Date.parse(result.virtualEnd)).toBe(0);
    expect(result.idp?.kind).toBe('entra');
    expect(result.idp?.assumptions.map((a) => a.setting)).toEqual(expect.arrayContaining(['userAgent', 'activeOnCreate', 'createSchemas']));
    expect((result.idp?.adminView['logs'] as unknown[]).length).toBe(1);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('fails a step whose wire differs, naming the request and what was sent', async () => {
    const result = await run(`
scenario: wrong expectation
id: entra-test-2
idp: entra
directory: { users: { alice: {} } }
steps:
  - assign: alice
  - startProvisioning: true
    expect:
      sent:
        - { method: POST, path: /Users }
`);
    expect(result.status).toBe('failed');
    expect(check(result, 'expect.sent', 1)).toMatchObject({ status: 'failed', message: expect.stringMatching(/request 1 \(POST \/Users\): got GET \/Users/) });
  });

  it('without an idp: expectation, an action step fails when Entra logs a failure or quarantines the job', async () => {
    const result = await run(`
scenario: invalid credentials
id: entra-test-3
idp: entra
idpConfig: { credentials: invalid }
directory: { users: { alice: {} } }
steps:
  - assign: alice
  - startProvisioning: true
  - name: the same, checked on purpose
    restartProvisioning: true
    expect: { idp: { job.state: quarantined, job.quarantine.reason: EncounteredQuarantineException, users.alice.lastLog.errorCode: Unauthorized } }
`);
    expect(check(result, 'entra.outcome', 1)).toMatchObject({ status: 'failed', message: expect.stringMatching(/Unauthorized[\s\S]*job in quarantine: EncounteredQuarantineException/) });
    expect(result.steps[2]!.checks.some((c) => c.id === 'entra.outcome')).toBe(false);
    expect(result.steps[2]!.status).toBe('passed');
    expect(JSON.stringify(result)).not.toMatch(/invalid-[0-9a-f]{8}-/);
  });

  it('an admin action Entra would not offer errors the step with the reason', async () => {
    const result = await run(`
scenario: next cycle before start
id: entra-test-4
idp: entra
directory: { users: { alice: {} } }
steps:
  - nextCycle: true
`);
    expect(result.status).toBe('errored');
    expect(result.steps[0]!.error).toMatch(/no cycle is scheduled: the provisioning job is not started/);
  });
});

describe('sent query matchers', () => {
  it('a query value may be a matcher (Test Connection\'s random GUID); the names must still match exactly', async () => {
    const passing = await run(`
scenario: probe
id: entra-test-5
idp: entra
directory: { users: { alice: {} } }
steps:
  - testConnection: true
    expect:
      sent:
        - { method: GET, path: /Users, query: { filter: { matches: '^userName eq "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$' } } }
        - { method: GET, path: /Groups, query: { excludedAttributes: members, filter: { startsWith: 'displayName eq "' } } }
`);
    expect(passing.status).toBe('passed');
    const failing = await run(`
scenario: probe, wrong
id: entra-test-6
idp: entra
directory: { users: { alice: {} } }
steps:
  - testConnection: true
    expect:
      sent:
        - { method: GET, path: /Users, query: { filter: { matches: '^externalId eq' } } }
        - { method: GET, path: /Groups, query: { filter: { startsWith: 'displayName eq "' } } }
`);
    expect(check(failing, 'expect.sent', 0).message).toMatch(/request 1 \(GET \/Users\): query filter [\s\S]*\nrequest 2 \(GET \/Groups\): expected query \{"filter":"<startsWith/);
  });
});
