import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import { runCli } from './run-cli.js';

const TOKEN = 'e2e-secret-token-7f3c9a1b5d';

let server: RunningReferenceServer;
let out: string;

beforeAll(async () => {
  server = await startReferenceServer({ port: 0, tokens: [TOKEN, 'another-valid-token'] });
  out = await mkdtemp(join(tmpdir(), 'scimsim-e2e-'));
});
afterAll(async () => {
  await server.close();
});

async function allOutputFiles(dir: string): Promise<string> {
  const names = await readdir(dir);
  const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8').catch(() => '')));
  return texts.join('\n');
}

describe('scimsim run', () => {
  it('runs every shipped suite against the embedded server: all pass, exit 0, reports written', async () => {
    const junit = join(out, 'embedded-junit.xml');
    const json = join(out, 'embedded-run.json');
    const run = await runCli(['run', '--reporter', 'console', '--reporter', `junit=${junit}`, '--reporter', `json=${json}`]);
    expect(run.stderr + run.stdout).not.toMatch(/internal error/);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed, \d+ skipped/);

    const xml = await readFile(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { testsuites: Record<string, string> };
    expect(Number(parsed.testsuites['@_tests'])).toBeGreaterThanOrEqual(40);
    expect(parsed.testsuites['@_failures']).toBe('0');

    const result = JSON.parse(await readFile(json, 'utf8')) as { formatVersion: number; status: string; target: { kind: string }; suites: Array<{ name: string }> };
    expect(result).toMatchObject({ formatVersion: 1, status: 'passed', target: { kind: 'embedded' } });
    expect(result.suites.map((s) => s.name)).toContain('core');
  });

  it('runs the core suite against an external server given by --target, and the token appears nowhere', async () => {
    const dir = await mkdtemp(join(out, 'external-'));
    const run = await runCli(
      ['run', '--suite', 'core', '--target', server.url, '--reporter', `junit=${join(dir, 'junit.xml')}`, '--reporter', `json=${join(dir, 'run.json')}`],
      { env: { SCIM_TOKEN: TOKEN } },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const json = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as { target: { kind: string; url: string }; stats: { exchanges: number } };
    expect(json.target).toEqual({ kind: 'url', url: server.url });
    expect(json.stats.exchanges).toBeGreaterThan(50);
    const everything = run.stdout + run.stderr + (await allOutputFiles(dir));
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain('‹redacted›');
  });

  it('redacts secrets a scenario takes from the environment, wherever they travel', async () => {
    const dir = await mkdtemp(join(out, 'env-secret-'));
    const file = join(dir, 'secret-header.yaml');
    const apiKey = 'k3y-from-env-0a9b8c7d';
    await writeFile(
      file,
      [
        'scenario: a custom credential header from the environment',
        'steps:',
        '  - request:',
        '      method: GET',
        '      path: "/Users?filter=userName%20eq%20%22${SCIM_API_KEY}%22"',
        '      headers: { X-Api-Key: "${SCIM_API_KEY}" }',
        '    expect: { status: 500 }',
        '',
      ].join('\n'),
    );
    const run = await runCli(['run', file, '--target', server.url, '--reporter', `json=${join(dir, 'run.json')}`, '--reporter', `junit=${join(dir, 'junit.xml')}`], {
      env: { SCIM_TOKEN: TOKEN, SCIM_API_KEY: apiKey },
    });
    expect(run.code).toBe(1); // the deliberately wrong status expectation prints the exchange
    const everything = run.stdout + run.stderr + (await allOutputFiles(dir));
    expect(everything).toContain('x-api-key');
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain(TOKEN);
  });

  it('fakes the same data for the same seed, and other data under --seed', async () => {
    const userNames = async (extra: string[]) => {
      const json = join(out, `seed-${extra.join('') || 'default'}-${Math.random()}.json`);
      const run = await runCli(['run', '--suite', 'core', '--grep', '04-users-create', '--reporter', `json=${json}`, ...extra]);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(await readFile(json, 'utf8')) as { suites: Array<{ scenarios: Array<{ exchanges: Array<{ request: { method: string; body?: string } }> }> }> };
      const posts = result.suites[0]!.scenarios[0]!.exchanges.filter((e) => e.request.method === 'POST');
      // The scenario's malformed-JSON probe has a userName too, as raw text: match it textually.
      return posts.map((e) => /"userName":"([^"]*)"/.exec(e.request.body ?? '')?.[1]).join(',');
    };
    const first = await userNames([]);
    expect(await userNames([])).toBe(first);
    const seeded = await userNames(['--seed', '7']);
    expect(seeded).not.toBe(first);
    expect(await userNames(['--seed', '7'])).toBe(seeded);
    expect((await runCli(['run', '--seed', 'x'])).code).toBe(2);
  });

  it('reads the token from the variable --token-env names', async () => {
    const run = await runCli(['run', '--suite', 'core', '--grep', 'discovery', '--target', server.url, '--token-env', 'MY_SCIM_TOKEN'], {
      env: { MY_SCIM_TOKEN: 'another-valid-token' },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('another-valid-token');
  });

  it('fails (exit 1) against a server with a wrong token, and says which checks failed', async () => {
    const run = await runCli(['run', '--suite', 'core', '--grep', 'discovery', '--target', server.url], { env: { SCIM_TOKEN: 'not-the-token' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/expected status 200, got 401/);
    expect(run.stdout + run.stderr).not.toContain('not-the-token');
  });

  it('exits 2 with file:line:col for a malformed scenario file, and runs nothing', async () => {
    const file = join(out, 'broken.yaml');
    await writeFile(file, 'scenario: broken\nsteps:\n  - request: { method: GET, path: /Users }\n    expct: { status: 200 }\n');
    const run = await runCli(['run', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.yaml:4:5: .*expct.*expect/);
  });

  it('exits 2 when the target is unreachable, saying so', async () => {
    const run = await runCli(['run', '--suite', 'core', '--target', 'http://127.0.0.1:9/scim/v2'], { env: { SCIM_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/target unreachable: http:\/\/127\.0\.0\.1:9\/scim\/v2/);
  });

  it('exits 2 for usage errors with a hint', async () => {
    const flag = await runCli(['run', '--tagret', server.url]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--tagret.*did you mean --target/);
    const suite = await runCli(['run', '--suite', 'nope']);
    expect(suite.code).toBe(2);
    expect(suite.stderr).toMatch(/no suite named 'nope'.*core/);
    const grep = await runCli(['run', '--grep', 'zzz-no-such-scenario']);
    expect(grep.code).toBe(2);
    expect(grep.stderr).toMatch(/no scenario matches/);
    const reporter = await runCli(['run', '--reporter', 'jnuit=x.xml']);
    expect(reporter.code).toBe(2);
    expect(reporter.stderr).toMatch(/did you mean 'junit'/);
    const command = await runCli(['rnu']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/did you mean 'scimsim run'/);
  });
});

describe('scimsim validate', () => {
  it('accepts the shipped suites', async () => {
    const run = await runCli(['validate', 'scenarios']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/valid/);
  });

  it('reports every problem as file:line:col and exits 2', async () => {
    const file = join(out, 'typos.yaml');
    await writeFile(file, 'scenario: typos\nstep:\n  - advance: 5m\n');
    const run = await runCli(['validate', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/typos\.yaml:2:1: /);
  });
});
