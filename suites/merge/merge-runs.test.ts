import { describe, expect, it } from 'vitest';
import { passingRun, sampleRun } from '../../reports/fixtures/sample-run.js';
import { computeStats } from '../engine/run.js';
import { scenarioCases } from '../model/report-cases.js';
import type { RunResult, ShardInfo } from '../model/result.js';
import { MergeError, mergeRuns } from './merge-runs.js';

/** The sample run cut into shards the way `takeShard` cuts: contiguous, in order. */
function shards(run: RunResult, total: number): RunResult[] {
  const flat = run.suites.flatMap((s) => s.scenarios.map((scenario) => ({ suite: s.name, scenario })));
  return Array.from({ length: total }, (_, i) => {
    const start = Math.floor((i * flat.length) / total);
    const end = Math.floor(((i + 1) * flat.length) / total);
    const suites: RunResult['suites'] = [];
    for (const { suite, scenario } of flat.slice(start, end)) {
      const last = suites.at(-1);
      if (last?.name === suite) last.scenarios.push(scenario);
      else suites.push({ name: suite, scenarios: [scenario] });
    }
    const shard: ShardInfo = { index: i + 1, total, planned: flat.length, firstScenario: start };
    return { ...structuredClone(run), suites, shard, startedAt: new Date(Date.parse(run.startedAt) + i * 1000).toISOString(), durationMs: 500 };
  });
}
const input = (runs: RunResult[]) => runs.map((run, i) => ({ path: `shard-${i + 1}.json`, run }));

describe('mergeRuns', () => {
  it('puts shards given in any order back into the unsplit order, with the stats of the whole', () => {
    const whole = sampleRun();
    const parts = shards(whole, 3);
    const { run, warnings } = mergeRuns(input([parts[2]!, parts[0]!, parts[1]!]));
    expect(warnings).toEqual([]);
    expect(run.suites).toEqual(whole.suites);
    expect(run.stats).toEqual(computeStats(whole.suites));
    expect(run.status).toBe('failed');
    expect(run.shard).toBeUndefined();
    // Wall clock: from the first shard's start to the last one's end.
    expect(run.startedAt).toBe(whole.startedAt);
    expect(run.durationMs).toBe(2500);
  });

  it('refuses an incomplete or repeated set of shards, or shards of different runs', () => {
    const parts = shards(sampleRun(), 4);
    expect(() => mergeRuns(input([parts[0]!, parts[1]!, parts[3]!]))).toThrow(new MergeError('shard 3/4 missing: the merged run would lack their scenarios'));
    expect(() => mergeRuns(input([parts[0]!, parts[0]!, parts[1]!, parts[2]!]))).toThrow(/shard 1\/4 is given twice: shard-1.json and shard-2.json/);
    const other = shards(sampleRun(), 2)[1]!;
    expect(() => mergeRuns(input([parts[0]!, other]))).toThrow(/shard-2.json is shard 2\/2 of 5 scenarios, but shard-1.json is of 4 shards of 5: not the same run/);
    expect(() => mergeRuns(input([parts[0]!, passingRun()]))).toThrow(/shard-2.json is not a shard but shard-1.json is/);
    expect(() => mergeRuns([])).toThrow(/nothing to merge/);
  });

  it('merges separate runs in the order given and refuses a scenario twice', () => {
    const a = sampleRun();
    const b: RunResult = { ...passingRun(), suites: [{ name: 'okta', scenarios: passingRun().suites[0]!.scenarios.map((s) => ({ ...s, id: 'okta/one', suite: 'okta' })) }] };
    const { run } = mergeRuns(input([a, b]));
    expect(run.suites.map((s) => s.name)).toEqual([...a.suites.map((s) => s.name), 'okta']);
    expect(() => mergeRuns(input([a, sampleRun()]))).toThrow(/scenario core\/discovery is in both shard-1.json and shard-2.json/);
  });

  it('warns when the runs differ in version, target or seed', () => {
    const [one, two] = shards(sampleRun(), 2);
    two!.tool = { ...two!.tool, version: '9.9.9' };
    two!.target = { kind: 'url', url: 'https://other.example.test/scim/v2' };
    two!.seed = 4;
    const { warnings } = mergeRuns(input([one!, two!]));
    expect(warnings).toEqual([
      'shard-2.json was written by scimsim 9.9.9, shard-1.json by 0.1.0',
      'shard-2.json ran against https://other.example.test/scim/v2, shard-1.json against https://scim.example.test/scim/v2',
      'shard-2.json ran with --seed 4, shard-1.json with (none)',
    ]);
  });

  it('unites the baseline outcomes and passes a run whose failures are all known', () => {
    const parts = shards(sampleRun(), 2);
    const failing = sampleRun().suites.flatMap((s) => s.scenarios).filter((s) => s.status === 'failed' || s.status === 'errored');
    expect(failing.length).toBeGreaterThan(0);
    const known = failing.flatMap((sc) => scenarioCases(sc).filter((c) => c.status === 'failed' || c.status === 'errored').map((c, i) => ({ entryId: `${sc.id}#${i}`, scenario: sc.id, check: c.name, reason: 'r' })));
    parts[0]!.baseline = { file: 'b.json', known: known.slice(0, 1), fixed: [{ entryId: 'f', scenario: 'x', check: 'y', reason: 'r' }], expired: [] };
    parts[1]!.baseline = { file: 'b.json', known: known.slice(1), fixed: [], expired: [] };
    const { run } = mergeRuns(input(parts));
    expect(run.baseline!.known).toHaveLength(known.length);
    expect(run.baseline!.fixed.map((m) => m.entryId)).toEqual(['f']);
    expect(run.status).toBe('passed');
  });
});
