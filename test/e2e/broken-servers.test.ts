import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import type { RunResult } from '../../suites/model/result.js';
import { startBreakingProxy, type Breaker } from './breaking-proxy.js';
import { runCli, type CliRun } from './run-cli.js';

const TOKEN = 'broken-server-token-93ab51';
let upstream: RunningReferenceServer;
let out: string;

beforeAll(async () => {
  upstream = await startReferenceServer({ port: 0, tokens: [TOKEN] });
  out = await mkdtemp(join(tmpdir(), 'scimsim-broken-'));
});
afterAll(async () => {
  await upstream.close();
});

/** Run the core suite (or part of it) against the reference server with one thing broken. */
async function runAgainst(name: string, breaker: Breaker, extraArgs: string[] = []): Promise<{ run: CliRun; result: RunResult }> {
  const proxy = await startBreakingProxy(upstream.url, breaker);
  try {
    const json = join(out, `${name}.json`);
    const run = await runCli(['run', '--suite', 'core', '--target', proxy.url, '--reporter', `json=${json}`, ...extraArgs], { env: { SCIM_TOKEN: TOKEN } });
    const result = JSON.parse(await readFile(json, 'utf8')) as RunResult;
    return { run, result };
  } finally {
    await proxy.close();
  }
}

/** Every non-passing check of the run, as `scenario id › check id`. */
function failures(result: RunResult): string[] {
  const found: string[] = [];
  for (const suite of result.suites)
    for (const scenario of suite.scenarios) {
      for (const step of [...scenario.steps, ...scenario.teardown])
        for (const check of step.checks) if (check.status === 'failed' || check.status === 'errored') found.push(`${scenario.id} › ${check.id}`);
    }
  return found;
}

const isCreate = (method: string, url: string) => method === 'POST' && /\/(Users|Groups)$/.test(url.split('?')[0]!);

describe('the core suite against deliberately broken servers', () => {
  it('catches a create answered 200 instead of 201', async () => {
    const { run, result } = await runAgainst('wrong-status', async (req, upstreamResponse) => {
      if (!isCreate(req.method, req.url)) return 'pass';
      const res = await upstreamResponse();
      return res.status === 201 ? { ...res, status: 200 } : res;
    });
    expect(run.code).toBe(1);
    expect(failures(result)).toEqual(expect.arrayContaining([expect.stringMatching(/rfc7644-3\.3-created-201$/), expect.stringMatching(/expect\.status$/)]));
    expect(run.stdout).toMatch(/rfc7644-3\.3-created-201/);
  });

  it('catches error bodies whose status is a number', async () => {
    const { run, result } = await runAgainst('numeric-status', async (_req, upstreamResponse) => {
      const res = await upstreamResponse();
      if (res.status < 400) return res;
      const body = JSON.parse(res.body) as Record<string, unknown>;
      return { ...res, body: JSON.stringify({ ...body, status: Number(body['status']) }) };
    });
    expect(run.code).toBe(1);
    expect(failures(result)).toEqual(expect.arrayContaining([expect.stringMatching(/rfc7644-3\.12-error-status-string$/)]));
    expect(failures(result)).toEqual(expect.arrayContaining([expect.stringMatching(/okta-spec-test › expect\.body\.status$/)]));
  });

  it('catches a userName filter that is case-sensitive', async () => {
    const { run, result } = await runAgainst('case-sensitive-filter', async (req) => {
      const filter = new URL(req.url, 'http://x').searchParams.get('filter') ?? '';
      const value = /^userName eq "(.*)"$/i.exec(filter)?.[1];
      if (req.method !== 'GET' || value === undefined || value === value.toLowerCase()) return 'pass';
      // Pretend the stored userNames (all lower case) did not match: an empty, well-formed list.
      const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };
      return { status: 200, headers: { 'content-type': 'application/scim+json' }, body: JSON.stringify(body) };
    });
    expect(run.code).toBe(1);
    expect(failures(result).some((f) => /expect\.body\.(totalResults|Resources)/.test(f))).toBe(true);
  });

  it('catches a 201 without Location', async () => {
    const { run, result } = await runAgainst('no-location', async (req, upstreamResponse) => {
      const res = await upstreamResponse();
      if (!isCreate(req.method, req.url)) return res;
      const { location: _dropped, ...headers } = res.headers;
      return { ...res, headers };
    });
    expect(run.code).toBe(1);
    expect(failures(result)).toEqual(expect.arrayContaining([expect.stringMatching(/rfc7644-3\.3-location$/)]));
  });

  it('turns garbage JSON into failed checks, not a crash', async () => {
    const { run, result } = await runAgainst('garbage-json', async (req, upstreamResponse) => {
      const res = await upstreamResponse();
      if (req.method !== 'GET' || !/\/Users\/[^/?]+$/.test(req.url.split('?')[0]!)) return res;
      return { ...res, body: `${res.body.slice(0, 25)}\u0000<<garbage` };
    });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(failures(result)).toEqual(expect.arrayContaining([expect.stringMatching(/rfc7644-3\.8-json-body$/)]));
    expect(run.stdout).toMatch(/not JSON/);
  });

  it('survives a server that hangs: the hanging steps error, the run ends and reports', async () => {
    const { run, result } = await runAgainst(
      'hang',
      async (req) => (req.method === 'GET' && req.url.split('?')[0]!.endsWith('/Groups') ? 'hang' : 'pass'),
      ['--timeout', '400'],
    );
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/internal error/);
    const errored = result.suites.flatMap((s) => s.scenarios).filter((s) => s.status === 'errored');
    expect(errored.length).toBeGreaterThan(0);
    const messages = errored.flatMap((s) => s.steps.map((step) => step.error ?? '')).join('\n');
    expect(messages).toMatch(/no complete response within 400 ms/);
    expect(result.stats.scenarios.passed).toBeGreaterThan(0);
  });

  it('skips, with the reason, a scenario whose required feature the server does not advertise', async () => {
    const { run, result } = await runAgainst('no-etag', async (req, upstreamResponse) => {
      const res = await upstreamResponse();
      if (!req.url.split('?')[0]!.endsWith('/ServiceProviderConfig') || res.status !== 200) return res;
      const config = JSON.parse(res.body) as Record<string, unknown>;
      return { ...res, body: JSON.stringify({ ...config, etag: { supported: false } }) };
    });
    const etag = result.suites.flatMap((s) => s.scenarios).find((s) => s.id === 'core/13-etag');
    expect(etag).toMatchObject({ status: 'skipped', skipReason: 'the target does not advertise etag.supported in /ServiceProviderConfig' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/core\/13-etag.*skipped: the target does not advertise etag\.supported/);
  });
});
