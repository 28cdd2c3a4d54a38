import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRunCases, scenarioCases } from '../../suites/model/report-cases.js';
import type { RunResult } from '../../suites/model/result.js';
import { junitSchemaErrors } from '../../reports/fixtures/junit-schema.js';
import { runCli } from './run-cli.js';

/** What must not depend on how the run was split: every scenario, its verdict, each case's verdict, its exchanges. */
function verdicts(run: RunResult) {
  return run.suites.map((suite) => ({
    suite: suite.name,
    scenarios: suite.scenarios.map((s) => ({
      id: s.id,
      status: s.status,
      cases: scenarioCases(s).map((c) => `${c.status} ${c.name}`),
      exchanges: s.exchanges.map((e) => `${e.id} ${e.request.method} ${e.response?.status ?? 'none'}`),
    })),
  }));
}

describe('--shard i/n and scimsim merge', () => {
  it('four shards of the shipped suites, merged, equal the unsplit run', async () => {
    const out = await mkdtemp(join(tmpdir(), 'scimsim-shards-'));
    const whole = runCli(['run', '--reporter', `json=${join(out, 'whole.json')}`], { timeoutMs: 120_000 });
    const parts = [1, 2, 3, 4].map((i) => runCli(['run', '--shard', `${i}/4`, '--reporter', `json=${join(out, `shard-${i}.json`)}`], { timeoutMs: 120_000 }));
    const runs = await Promise.all([whole, ...parts]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    for (const [i, run] of runs.slice(1).entries()) expect(run.stderr).toMatch(new RegExp(`shard ${i + 1} of 4: \\d+ of \\d+ scenarios`));

    const shardFiles = [4, 2, 1, 3].map((i) => join(out, `shard-${i}.json`));
    const merged = await runCli(['merge', ...shardFiles, '--reporter', `json=${join(out, 'merged.json')}`, '--reporter', `junit=${join(out, 'merged.xml')}`]);
    expect(merged.code, merged.stderr).toBe(0);

    const expected = JSON.parse(await readFile(join(out, 'whole.json'), 'utf8')) as RunResult;
    const actual = JSON.parse(await readFile(join(out, 'merged.json'), 'utf8')) as RunResult;
    const shardSizes = await Promise.all([1, 2, 3, 4].map(async (i) => (JSON.parse(await readFile(join(out, `shard-${i}.json`), 'utf8')) as RunResult).suites.flatMap((s) => s.scenarios).length));
    const total = expected.suites.flatMap((s) => s.scenarios).length;
    expect(shardSizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...shardSizes) - Math.min(...shardSizes)).toBeLessThanOrEqual(1);

    expect(verdicts(actual)).toEqual(verdicts(expected));
    expect(actual.stats).toEqual(expected.stats);
    expect(countRunCases(actual)).toEqual(countRunCases(expected));
    expect(actual.status).toBe('passed');
    expect(actual.shard).toBeUndefined();
    expect(merged.stdout.trimEnd().split('\n').at(-1)).toBe(
      (await runCli(['merge', join(out, 'whole.json')])).stdout.trimEnd().split('\n').at(-1),
    );
    expect(await junitSchemaErrors(await readFile(join(out, 'merged.xml'), 'utf8'))).toEqual([]);
  }, 180_000);

  it('refuses to merge an incomplete set of shards (exit 2, naming the missing one)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'scimsim-shards-'));
    const one = await runCli(['run', '--suite', 'core', '--shard', '1/2', '--reporter', `json=${join(out, 'one.json')}`]);
    expect(one.code, one.stderr).toBe(0);
    const merged = await runCli(['merge', join(out, 'one.json')]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toMatch(/shard 2\/2 missing/);
  });

  it('rejects a malformed --shard with exit 2', async () => {
    const run = await runCli(['run', '--suite', 'core', '--shard', '3/2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--shard 3\/2: the shard must be between 1 and 2/);
  });
});
