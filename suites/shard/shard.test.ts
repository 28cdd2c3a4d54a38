import { describe, expect, it } from 'vitest';
import { parseShard, takeShard } from './shard.js';

const suites = (sizes: number[]) => sizes.map((n, s) => ({ name: `s${s}`, scenarios: Array.from({ length: n }, (_, i) => `s${s}/${i}`) }));
const ids = (part: ReturnType<typeof takeShard<string>>) => part.suites.flatMap((s) => s.scenarios);

describe('parseShard', () => {
  it('reads i/n and explains what is wrong otherwise', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, total: 1 });
    expect(parseShard('0/4')).toEqual({ error: '--shard 0/4: the shard must be between 1 and 4' });
    expect(parseShard('5/4')).toEqual({ error: '--shard 5/4: the shard must be between 1 and 4' });
    expect(parseShard('1/0')).toEqual({ error: '--shard 1/0: the number of shards must be at least 1' });
    expect(parseShard('half')).toEqual({ error: "--shard takes i/n (e.g. 2/4), got 'half'" });
  });
});

describe('takeShard', () => {
  it.each([
    [[13, 32, 35, 25], 4],
    [[13, 32, 35, 25], 7],
    [[3], 5],
    [[1, 0, 2], 2],
    [[10], 1],
  ])('puts every scenario of %j in exactly one of %i shards, in order, sizes within one', (sizes, total) => {
    const all = suites(sizes).flatMap((s) => s.scenarios);
    const parts = Array.from({ length: total }, (_, i) => takeShard(suites(sizes), { index: i + 1, total }));
    expect(parts.flatMap(ids)).toEqual(all);
    const lengths = parts.map((p) => ids(p).length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    parts.forEach((p, i) => {
      expect(p.info).toMatchObject({ index: i + 1, total, planned: all.length });
      expect(all.indexOf(ids(p)[0] ?? '')).toBe(ids(p).length > 0 ? p.info.firstScenario : -1);
    });
  });

  it('keeps suite names and drops suites with nothing in the shard', () => {
    const part = takeShard(suites([2, 2, 2]), { index: 2, total: 3 });
    expect(part.suites).toEqual([{ name: 's1', scenarios: ['s1/0', 's1/1'] }]);
  });
});
