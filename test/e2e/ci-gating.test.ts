import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junitSchemaErrors } from '../../reports/fixtures/junit-schema.js';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import type { RunResult } from '../../suites/model/result.js';
import { startBreakingProxy, type BreakingProxy } from './breaking-proxy.js';
import { runCli } from './run-cli.js';

/**
 * Issue 6's "done when": a run with failures against a broken server gives a JUnit file that
 * validates, an HTML report, a Markdown summary and annotations; the same run with a baseline of
 * those failures exits 0; and the baseline's life cycle (fixed, expired, a new failure) around it.
 */
const TOKEN = 'ci-gating-token-4f81d2';
let upstream: RunningReferenceServer;
let broken: BreakingProxy;
let out: string;

beforeAll(async () => {
  upstream = await startReferenceServer({ port: 0, tokens: [TOKEN] });
  // Creates answer 200 instead of 201: a MUST of RFC 7644 §3.3 fails in every scenario that creates.
  broken = await startBreakingProxy(upstream.url, async (req, upstreamResponse) => {
    if (req.method !== 'POST' || !/\/(Users|Groups)$/.test(req.url.split('?')[0]!)) return 'pass';
    const res = await upstreamResponse();
    return res.status === 201 ? { ...res, status: 200 } : res;
  });
  out = await mkdtemp(join(tmpdir(), 'scimsim-gating-'));
});
afterAll(async () => {
  await broken.close();
  await upstream.close();
});

const core = (target: string, ...args: string[]) => ['run', '--suite', 'core', '--target', target, ...args];

describe('CI gating on a broken server', () => {
  it('writes a valid JUnit file, an HTML page, a Markdown step summary and annotations; exit 1', async () => {
    const summary = join(out, 'step-summary.md');
    const run = await runCli(
      core(broken.url, '--reporter', 'github', '--reporter', `junit=${join(out, 'junit.xml')}`, '--reporter', `html=${join(out, 'report.html')}`, '--reporter', `json=${join(out, 'run.json')}`),
      { env: { SCIM_TOKEN: TOKEN, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(await junitSchemaErrors(await readFile(join(out, 'junit.xml'), 'utf8'))).toEqual([]);
    expect(run.stdout).toMatch(/^::error file=scenarios\/core\/[^,]+\.yaml,line=\d+,col=\d+,title=core\/[^:]*::expected status 201, got 200/m);
    expect(run.stdout).toMatch(/^::notice title=scimsim::\d+ passed, [1-9]\d* failed/m);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toMatch(/^### ❌ scimsim: \d+ of \d+ scenarios failed/);
    expect(markdown).toContain('expected status 201, got 200');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    for (const text of [run.stdout, run.stderr, markdown, html, await readFile(join(out, 'junit.xml'), 'utf8')]) expect(text).not.toContain(TOKEN);
  });

  it('with a baseline of those failures exits 0 and says so; a fixed server shows the entries as fixed', async () => {
    const baseline = join(out, 'conformance-baseline.json');
    const recorded = await runCli(core(broken.url, '--update-baseline', '--baseline', baseline), { env: { SCIM_TOKEN: TOKEN } });
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stderr).toMatch(/baseline: [1-9]\d* added, 0 removed \(fixed\), 0 kept: wrote /);
    const file = JSON.parse(await readFile(baseline, 'utf8')) as { entries: Array<{ scenario: string; check: string; reason: string }> };
    const keys = file.entries.map((e) => `${e.scenario}\u0000${e.check}`);
    expect(keys).toEqual([...keys].sort());

    const again = await runCli(core(broken.url, '--baseline', baseline, '--reporter', `junit=${join(out, 'known.xml')}`, '--reporter', `json=${join(out, 'known.json')}`), { env: { SCIM_TOKEN: TOKEN } });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^\\d+ passed, 0 failed, \\d+ skipped.*, ${file.entries.length} known failures \\(baseline\\)$`));
    expect(again.stdout).toMatch(/known failures? \(not failing the run\)/);
    const known = JSON.parse(await readFile(join(out, 'known.json'), 'utf8')) as RunResult;
    expect(known.status).toBe('passed');
    expect(known.baseline?.known).toHaveLength(file.entries.length);
    const junit = await readFile(join(out, 'known.xml'), 'utf8');
    expect(await junitSchemaErrors(junit)).toEqual([]);
    expect(junit).toMatch(/<testsuites [^>]*failures="0"/);
    expect(junit).toContain('known failure (baseline entry ');

    const healthy = await runCli(core(upstream.url, '--baseline', baseline), { env: { SCIM_TOKEN: TOKEN } });
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(new RegExp(`${file.entries.length} fixed: these pass now`));
  });

  it('fails again on a new failure, and when the entries have expired', async () => {
    const baseline = join(out, 'conformance-baseline.json');
    const file = JSON.parse(await readFile(baseline, 'utf8')) as { formatVersion: 1; entries: Array<Record<string, unknown>> };
    const fewer = join(out, 'fewer.json');
    await writeFile(fewer, JSON.stringify({ ...file, entries: file.entries.slice(1) }, null, 2));
    const regression = await runCli(core(broken.url, '--baseline', fewer), { env: { SCIM_TOKEN: TOKEN } });
    expect(regression.code).toBe(1);
    expect(regression.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 1 failed/);

    const expired = join(out, 'expired.json');
    await writeFile(expired, JSON.stringify({ ...file, entries: file.entries.map((e) => ({ ...e, expires: '2020-01-31' })) }, null, 2));
    const lapsed = await runCli(core(broken.url, '--baseline', expired), { env: { SCIM_TOKEN: TOKEN } });
    expect(lapsed.code).toBe(1);
    expect(lapsed.stdout).toMatch(new RegExp(`${file.entries.length} expired: these no longer excuse a failure`));
  });

  it('a bad baseline file is exit 2 with file:line:col, before any request', async () => {
    const bad = join(out, 'bad.json');
    await writeFile(bad, '{\n  "formatVersion": 1,\n  "entries": [ { "scenario": "core/x" } ]\n}\n');
    const run = await runCli(core(broken.url, '--baseline', bad), { env: { SCIM_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json:3:\d+: /);
    expect(run.stdout).not.toMatch(/Running/);
  });
});
