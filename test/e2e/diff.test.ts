import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStream } from '../../reports/fixtures/fake-stream.js';
import { readRunResult } from '../../reports/json.js';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import type { CliIo } from '../../suites/cli/cli-io.js';
import { diffCommand } from '../../suites/cli/diff-command.js';
import { compareRuns } from '../../suites/diff/compare-runs.js';
import { startBreakingProxy, type Breaker } from './breaking-proxy.js';
import { runCli } from './run-cli.js';

const TOKEN = 'diff-e2e-token-5c1f0a';
let upstream: RunningReferenceServer;
let out: string;
let clean: string;
let broken: string;

/** Creates answered 200 instead of 201: the one thing the second run breaks. */
const wrongCreateStatus: Breaker = async (req, upstreamResponse) => {
  if (req.method !== 'POST' || !/\/(Users|Groups)$/.test(req.url.split('?')[0]!)) return 'pass';
  const res = await upstreamResponse();
  return res.status === 201 ? { ...res, status: 200 } : res;
};

/** Runs core/04-users-create through a proxy with the real CLI and returns the JSON report's path. */
async function runCore(name: string, breaker: Breaker, expectedCode: number): Promise<string> {
  const proxy = await startBreakingProxy(upstream.url, breaker);
  try {
    const json = join(out, `${name}.json`);
    const run = await runCli(['run', '--suite', 'core', '--grep', 'users-create', '--target', proxy.url, '--reporter', `json=${json}`], { env: { SCIM_TOKEN: TOKEN } });
    expect(run.code, run.stderr).toBe(expectedCode);
    return json;
  } finally {
    await proxy.close();
  }
}

async function diff(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new FakeStream();
  const stderr = new FakeStream();
  const io = { stdout, stderr, env: { NO_COLOR: '1' }, cwd: out } as unknown as CliIo;
  const code = await diffCommand(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

beforeAll(async () => {
  upstream = await startReferenceServer({ port: 0, tokens: [TOKEN] });
  out = await mkdtemp(join(tmpdir(), 'scimsim-diff-e2e-'));
  clean = await runCore('clean', async () => 'pass', 0);
  broken = await runCore('broken', wrongCreateStatus, 1);
}, 60_000);
afterAll(async () => {
  await upstream.close();
});

describe('scimsim diff on two real runs', () => {
  it('names what newly fails when creates start answering 200, and exits 1', async () => {
    const { code, stdout } = await diff([clean, broken]);
    expect(code).toBe(1);
    const expected = compareRuns(await readRunResult(clean), await readRunResult(broken));
    const failing = expected.newlyFailing.map((c) => `${c.scenario} › ${c.check}`);
    expect(failing).toEqual(expect.arrayContaining([expect.stringMatching(/^core\/04-users-create › rule rfc7644-3\.3-created-201: /), expect.stringMatching(/^core\/04-users-create › .* › expect\.status$/)]));
    for (const name of failing) expect(stdout).toContain(`✗ ${name}  passed → failed`);
    expect(expected.fixed).toEqual([]);
    expect(stdout).not.toMatch(/^Fixed/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`${failing.length} newly failing, 0 fixed, 0 still failing`);
  });

  it('names the same cases as fixed the other way round, and exits 0', async () => {
    const { code, stdout } = await diff([broken, clean]);
    expect(code).toBe(0);
    const forward = compareRuns(await readRunResult(clean), await readRunResult(broken));
    const backward = compareRuns(await readRunResult(broken), await readRunResult(clean));
    const fixed = backward.fixed.map((c) => `${c.scenario} › ${c.check}`);
    expect(fixed).toEqual(forward.newlyFailing.map((c) => `${c.scenario} › ${c.check}`));
    for (const name of fixed) expect(stdout).toContain(`✓ ${name}  failed → passed`);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`0 newly failing, ${fixed.length} fixed, 0 still failing`);
  });

  it('renders the same comparison as Markdown', async () => {
    const { code, stdout } = await diff(['--format', 'markdown', 'clean.json', 'broken.json']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^### Newly failing \(\d+\)$/m);
    expect(stdout).toMatch(/^\| core\/04-users-create \| rule rfc7644-3\.3-created-201: .* \| passed \| failed \| /m);
  });
});
