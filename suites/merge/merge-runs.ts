import { computeStats } from '../engine/run.js';
import { countRunCases } from '../model/report-cases.js';
import type { BaselineMatch, BaselineOutcome, RunResult } from '../model/result.js';

/** Shard results that cannot make one run: missing or repeated shards, a scenario in two files. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface MergeInput {
  /** For messages: the file the result came from. */
  path: string;
  run: RunResult;
}

export interface MergedRun {
  run: RunResult;
  /** Differences that do not stop the merge but that a reader should know (versions, targets). */
  warnings: string[];
}

/**
 * One result from several: the shards of a `--shard i/n` run (all of them, each once, put back in
 * shard order so the merged run lists scenarios as an unsplit run would), or results of separate
 * runs (kept in the order given). Stats, status and the baseline outcome are recomputed.
 */
export function mergeRuns(inputs: MergeInput[]): MergedRun {
  if (inputs.length === 0) throw new MergeError('nothing to merge: give the JSON reports of the runs or shards');
  const ordered = orderShards(inputs);
  const warnings = differences(ordered);

  const suites: RunResult['suites'] = [];
  const seen = new Map<string, string>();
  for (const { path, run } of ordered) {
    for (const suite of run.suites) {
      for (const scenario of suite.scenarios) {
        const earlier = seen.get(scenario.id);
        if (earlier !== undefined) throw new MergeError(`scenario ${scenario.id} is in both ${earlier} and ${path}: a result can be merged once`);
        seen.set(scenario.id, path);
      }
      // A suite split across two shards becomes one again.
      const last = suites.at(-1);
      if (last && last.name === suite.name) last.scenarios.push(...suite.scenarios);
      else suites.push({ name: suite.name, scenarios: [...suite.scenarios] });
    }
  }

  const starts = ordered.map(({ run }) => Date.parse(run.startedAt));
  const ends = ordered.map(({ run }) => Date.parse(run.startedAt) + run.durationMs);
  const first = ordered[0]!.run;
  const baseline = mergeBaselines(ordered.map(({ run }) => run.baseline));
  const merged: RunResult = {
    tool: first.tool,
    startedAt: new Date(Math.min(...starts)).toISOString(),
    // Wall-clock span: shards run side by side, so their durations do not add up.
    durationMs: Math.max(...ends) - Math.min(...starts),
    target: first.target,
    suites,
    stats: computeStats(suites),
    status: 'passed',
    ...(first.seed !== undefined ? { seed: first.seed } : {}),
    ...(baseline ? { baseline } : {}),
  };
  const counts = countRunCases(merged);
  merged.status = ordered.some(({ run }) => run.status === 'interrupted') ? 'interrupted' : counts.failed + counts.errored > 0 ? 'failed' : 'passed';
  return { run: merged, warnings };
}

/** Shards in index order, after checking that they are one complete set; other results as given. */
function orderShards(inputs: MergeInput[]): MergeInput[] {
  const sharded = inputs.filter(({ run }) => run.shard);
  if (sharded.length === 0) return inputs;
  if (sharded.length !== inputs.length) {
    const plain = inputs.find(({ run }) => !run.shard)!;
    throw new MergeError(`${plain.path} is not a shard but ${sharded[0]!.path} is: merge the shards of one run, or whole runs`);
  }
  const { total, planned } = sharded[0]!.run.shard!;
  const byIndex = new Map<number, MergeInput>();
  for (const input of inputs) {
    const shard = input.run.shard!;
    if (shard.total !== total || shard.planned !== planned) {
      throw new MergeError(
        `${input.path} is shard ${shard.index}/${shard.total} of ${shard.planned} scenarios, but ${sharded[0]!.path} is of ${total} shards of ${planned}: not the same run`,
      );
    }
    const twin = byIndex.get(shard.index);
    if (twin) throw new MergeError(`shard ${shard.index}/${total} is given twice: ${twin.path} and ${input.path}`);
    byIndex.set(shard.index, input);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new MergeError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${total}`).join(', ')} missing: the merged run would lack their scenarios`);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, input]) => input);
}

function differences(inputs: MergeInput[]): string[] {
  const warnings: string[] = [];
  const first = inputs[0]!;
  for (const { path, run } of inputs.slice(1)) {
    if (run.tool.version !== first.run.tool.version) warnings.push(`${path} was written by scimsim ${run.tool.version}, ${first.path} by ${first.run.tool.version}`);
    if (run.target.kind !== first.run.target.kind) warnings.push(`${path} ran against a ${run.target.kind} target, ${first.path} against a ${first.run.target.kind} one`);
    // The embedded server listens on a new port in every run: only a real target's URL should agree.
    else if (run.target.kind === 'url' && run.target.url !== first.run.target.url) warnings.push(`${path} ran against ${run.target.url}, ${first.path} against ${first.run.target.url}`);
    if (run.seed !== first.run.seed) warnings.push(`${path} ran with --seed ${run.seed ?? '(none)'}, ${first.path} with ${first.run.seed ?? '(none)'}`);
  }
  return warnings;
}

/** Every shard matched the same baseline against its own scenarios: the union is the whole run's. */
function mergeBaselines(outcomes: Array<BaselineOutcome | undefined>): BaselineOutcome | undefined {
  const present = outcomes.filter((o): o is BaselineOutcome => o !== undefined);
  if (present.length === 0) return undefined;
  const union = (pick: (o: BaselineOutcome) => BaselineMatch[]) => {
    const byId = new Map<string, BaselineMatch>();
    for (const outcome of present) for (const match of pick(outcome)) byId.set(match.entryId, match);
    return [...byId.values()];
  };
  return { file: present[0]!.file, known: union((o) => o.known), fixed: union((o) => o.fixed), expired: union((o) => o.expired) };
}
