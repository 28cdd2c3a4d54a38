import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../model/result.js';
import { engineOnLoopback } from './fixtures/engine-on-loopback.js';

const TOKEN = 'engine-test-token-1234';
const engine = engineOnLoopback(TOKEN);
/** Load a scenario from YAML text (the real loader) and run it against the reference server. */
const run = (yaml: string, features: ReadonlySet<'etag' | 'bulk'> = new Set(['etag'])) => engine.run(yaml, { features });

describe('runScenario', () => {
  it('fakes the same values for the same seed, captures ids and resolves them later', async () => {
    const yaml = `
scenario: capture and reuse
seed: 42
vars:
  given: { fake: person.firstName }
  email: "{{given | lower}}.x1y2@example.com"
steps:
  - request: { method: POST, path: /Users, body: { userName: "{{email}}" } }
    expect: { status: 201 }
    capture: { userId: id }
  - request: { method: GET, path: "/Users/{{userId}}" }
    expect: { status: 200, body: { userName: "{{email}}" } }
teardown:
  - request: { method: DELETE, path: "/Users/{{userId}}" }
    expect: { status: 204 }
`;
    const first = await run(yaml);
    const second = await run(yaml);
    expect(first.status).toBe('passed');
    const sent = (r: ScenarioResult) => JSON.parse(r.exchanges[0]!.request.body!).userName;
    expect(sent(first)).toBe(sent(second));
    expect(first.exchanges[1]!.request.url).toMatch(/\/Users\/[0-9a-f-]{36}$/);
    expect(first.teardown[0]!.status).toBe('passed');
  });

  it('keeps going after a failed expectation, but stops at an errored step and still tears down', async () => {
    const result = await run(`
scenario: failure then error
steps:
  - request: { method: GET, path: /Users/does-not-exist }
    expect: { status: 200 }
  - request: { method: GET, path: /Users?count=1 }
    capture: { missing: "Resources[5].id" }
  - request: { method: GET, path: "/Users/{{missing}}" }
  - request: { method: GET, path: /ServiceProviderConfig }
teardown:
  - request: { method: DELETE, path: "/Users/{{missing}}" }
`);
    expect(result.status).toBe('errored');
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'passed', 'errored', 'skipped']);
    expect(result.steps[2]!.error).toBe("unresolved placeholder '{{missing}}': the capture in 'GET /Users?count=1' (line 7) found nothing at body path Resources[5].id");
    expect(result.steps[3]!.error).toBe('an earlier step errored');
    expect(result.teardown[0]!.status).toBe('skipped');
  });

  it('reports a failing SHOULD as a warning and a passing scenario stays passed', async () => {
    const result = await run(`
scenario: should level
steps:
  - request: { method: GET, path: /ServiceProviderConfig }
    expect: { level: SHOULD, body: { bulk.supported: true } }
`);
    expect(result.status).toBe('passed');
    expect(result.steps[0]!.checks.find((c) => c.kind === 'expectation')).toMatchObject({ status: 'warned', level: 'SHOULD', actual: false });
  });

  it('moves the virtual clock without waiting', async () => {
    const started = performance.now();
    const result = await run(`
scenario: advance
steps:
  - request: { method: GET, path: /ServiceProviderConfig }
  - advance: 40m
  - request: { method: GET, path: /ServiceProviderConfig }
`);
    expect(performance.now() - started).toBeLessThan(60_000); // 40 real minutes would never get here
    const [a, b] = result.exchanges.map((e) => Date.parse(e.virtualTime));
    expect(b! - a!).toBe(40 * 60_000);
  });

  it('skips a scenario whose required feature the target does not advertise', async () => {
    const result = await run('scenario: needs bulk\nrequires: [bulk]\nsteps:\n  - request: { method: GET, path: /Users }\n');
    expect(result).toMatchObject({ status: 'skipped', skipReason: 'the target does not advertise bulk.supported in /ServiceProviderConfig', exchanges: [] });
  });

  it('applies protocol rules to every exchange and sums them per scenario', async () => {
    const result = await run(`
scenario: rules
steps:
  - request: { method: GET, path: /Users/nope }
    expect: { status: 404 }
  - request: { method: GET, path: /Users/nope2 }
    skipRules: [rfc7644-3.12-error-status-string]
`);
    const statusRule = result.rules.find((r) => r.id === 'rfc7644-3.12-error-status-string');
    expect(statusRule).toMatchObject({ status: 'passed', applied: 1 });
    expect(result.rules.find((r) => r.id === 'rfc7644-3.12-error-schema')).toMatchObject({ applied: 2 });
  });
});
