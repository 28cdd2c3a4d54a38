import type { ShardInfo } from '../model/result.js';

/** `--shard i/n` as given: 1-based index and count. */
export interface ShardSpec {
  index: number;
  total: number;
}

/** Parses `2/4`; returns a reason when the value is not a shard. */
export function parseShard(text: string): ShardSpec | { error: string } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return { error: `--shard takes i/n (e.g. 2/4), got '${text}'` };
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1) return { error: `--shard ${text}: the number of shards must be at least 1` };
  if (index < 1 || index > total) return { error: `--shard ${text}: the shard must be between 1 and ${total}` };
  return { index, total };
}

/**
 * This shard's part of the suites: contiguous blocks of the run order, sizes differing by at most
 * one (Playwright's split). Every scenario lands in exactly one shard, and concatenating the shards
 * in index order gives back the unsplit order, which is what `scimsim merge` relies on.
 */
export function takeShard<S>(suites: Array<{ name: string; scenarios: S[] }>, spec: ShardSpec): { suites: Array<{ name: string; scenarios: S[] }>; info: ShardInfo } {
  const planned = suites.reduce((n, s) => n + s.scenarios.length, 0);
  const start = Math.floor(((spec.index - 1) * planned) / spec.total);
  const end = Math.floor((spec.index * planned) / spec.total);
  const taken: Array<{ name: string; scenarios: S[] }> = [];
  let position = 0;
  for (const suite of suites) {
    const from = Math.max(start - position, 0);
    const to = Math.min(end - position, suite.scenarios.length);
    if (from < to) taken.push({ name: suite.name, scenarios: suite.scenarios.slice(from, to) });
    position += suite.scenarios.length;
  }
  return { suites: taken, info: { index: spec.index, total: spec.total, planned, firstScenario: start } };
}
