import { describe, expect, it } from 'vitest';
import { sampleRun } from '../../reports/fixtures/sample-run.js';
import type { RunResult, ScenarioResult } from '../model/result.js';
import { compareRuns, TIMING_TOP } from './compare-runs.js';
import { changedRun } from './fixtures/changed-run.js';

const names = (changes: Array<{ scenario: string; check: string; before: string; after: string }>) =>
  changes.map((c) => `${c.scenario} › ${c.check}: ${c.before} → ${c.after}`);

/** A run of copies of sample's passing discovery scenario, one per id, with the given durations. */
function timedRun(durations: Record<string, number>): RunResult {
  const run = sampleRun();
  const template = run.suites[0]!.scenarios[0]!;
  const scenarios: ScenarioResult[] = Object.entries(durations).map(([id, durationMs]) => ({ ...template, id, durationMs }));
  return { ...run, suites: [{ name: 'core', scenarios }] };
}

describe('compareRuns', () => {
  it('sorts every case by how its verdict moved', () => {
    const diff = compareRuns(sampleRun(), changedRun());
    expect(names(diff.newlyFailing)).toEqual(['core/discovery › Read /ServiceProviderConfig › expect.status: passed → failed']);
    expect(diff.newlyFailing[0]!.message).toBe('expected 200, got 500 | body: <html>oops</html>');
    expect(names(diff.newlyKnown)).toEqual(['entra/users › Create the user › expect.status: absent → failed']);
    expect(names(diff.fixed)).toEqual([
      'core/users-create › Create the user › expect.status: failed → passed',
      'core/users-patch › Deactivate › error: errored → absent',
    ]);
    expect(diff.fixed[0]!.message).toBe('expected 201, got 200');
    expect(diff.stillFailing).toEqual({ total: 3, known: 1 });
  });

  it('lists scenarios added, removed and changed, and the run totals', () => {
    const diff = compareRuns(sampleRun(), changedRun());
    expect(diff.scenariosAdded).toEqual([{ id: 'entra/users', title: 'Provision a user | with <b>pipes</b>', status: 'failed' }]);
    expect(diff.scenariosRemoved.map((s) => s.id)).toEqual(['entra/groups']);
    expect(diff.statusChanges.map((s) => `${s.id}: ${s.before} → ${s.after}`)).toEqual(['core/discovery: passed → failed', 'core/users-patch: errored → passed']);
    expect(diff.durationMs).toEqual({ before: 1234, after: 1500 });
    expect(diff.exchanges).toEqual({ before: 5, after: 6 });
    expect(diff.timing).toEqual([{ scenario: 'core/users-create', beforeMs: 54, afterMs: 140 }]);
    expect(diff.counts.before).toMatchObject({ failed: 4, errored: 1, known: 0 });
    expect(diff.counts.after).toMatchObject({ failed: 3, errored: 0, known: 2 });
  });

  it('reads the other way round too: what was fixed is newly failing, and there is no baseline to know it', () => {
    const diff = compareRuns(changedRun(), sampleRun());
    expect(names(diff.newlyFailing)).toEqual([
      'core/users-create › Create the user › expect.status: passed → failed',
      'core/users-patch › Deactivate › error: absent → errored',
    ]);
    expect(names(diff.fixed)).toEqual(['core/discovery › Read /ServiceProviderConfig › expect.status: failed → passed']);
    expect(diff.newlyKnown).toEqual([]);
  });

  it('finds nothing new between a run and itself', () => {
    const diff = compareRuns(sampleRun(), sampleRun());
    expect([diff.newlyFailing, diff.newlyKnown, diff.fixed, diff.scenariosAdded, diff.scenariosRemoved, diff.statusChanges, diff.timing]).toEqual([[], [], [], [], [], [], []]);
    expect(diff.stillFailing).toEqual({ total: 5, known: 0 });
  });

  it('counts a skipped case that now fails as newly failing', () => {
    const next = sampleRun();
    const groups = next.suites[1]!.scenarios[0]!;
    Object.assign(groups, { status: 'errored', skipReason: 'the control adapter threw' });
    expect(names(compareRuns(sampleRun(), next).newlyFailing)).toEqual(['entra/groups › scenario: skipped → errored']);
  });

  it('does not call a failure fixed when its scenario errored before reaching it', () => {
    const next = sampleRun();
    const create = next.suites[0]!.scenarios[1]!;
    create.status = 'errored';
    create.steps = [create.steps[0]!];
    create.rules = [];
    const fixed = compareRuns(sampleRun(), next).fixed;
    expect(fixed).toEqual([]);
  });

  it('lists timing changes only past both thresholds, largest first, at most the top N', () => {
    const before = timedRun({ 'core/fast': 10, 'core/steady': 100, 'core/slower': 100, 'core/faster': 400, 'core/tiny': 49 });
    const after = timedRun({ 'core/fast': 200, 'core/steady': 140, 'core/slower': 160, 'core/faster': 100, 'core/tiny': 500 });
    expect(compareRuns(before, after).timing.map((t) => t.scenario)).toEqual(['core/faster', 'core/slower']);

    const many = Object.fromEntries(Array.from({ length: TIMING_TOP + 3 }, (_, i) => [`core/s${String(i).padStart(2, '0')}`, 100]));
    const slower = Object.fromEntries(Object.keys(many).map((id, i) => [id, 200 + i]));
    const diff = compareRuns(timedRun(many), timedRun(slower));
    expect(diff.timing).toHaveLength(TIMING_TOP);
    expect(diff.timing[0]!.scenario).toBe(`core/s${TIMING_TOP + 2}`);
    expect(diff.timingChangesTotal).toBe(TIMING_TOP + 3);
  });
});
