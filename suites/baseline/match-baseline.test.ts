import { describe, expect, it } from 'vitest';
import { sampleRun } from '../../reports/fixtures/sample-run.js';
import { countRunCases } from '../model/report-cases.js';
import type { RunResult } from '../model/result.js';
import type { Baseline, BaselineEntry } from './baseline-file.js';
import { entry, SAMPLE_FAILURES } from './fixtures/entry.js';
import { gateStatus, isLive, matchBaseline } from './match-baseline.js';

const TODAY = '2026-12-01';
const baseline = (...entries: BaselineEntry[]): Baseline => ({ formatVersion: 1, entries });
const all = Object.values(SAMPLE_FAILURES).map(([scenario, check]) => entry(scenario, check));

/** The run as the CLI will hand it on: its outcome attached, its status re-judged. */
function gated(run: RunResult, b: Baseline, today = TODAY): RunResult {
  const withOutcome = { ...run, baseline: matchBaseline(run, b, 'conformance-baseline.json', today) };
  return { ...withOutcome, status: gateStatus(withOutcome) };
}

describe('matchBaseline', () => {
  it('knows every failed and errored case an entry covers, and the gate then passes', () => {
    const run = gated(sampleRun(), baseline(...all));
    expect(run.baseline!.known.map((m) => `${m.scenario} › ${m.check}`)).toEqual([
      'core/users-create › Create the user › expect.status',
      'core/users-create › Create the user › expect.body.name.familyName',
      'core/users-create › Read it back › expect.body.emails[0]',
      'core/users-create › rule scim.content-type: Content-Type is application/scim+json',
      'core/users-patch › Deactivate › error',
    ]);
    expect(run.baseline!.known[0]).toEqual({ scenario: 'core/users-create', check: 'Create the user › expect.status', entryId: '92f62b02', reason: 'accepted for the test' });
    expect(run.baseline!.fixed).toEqual([]);
    expect(run.status).toBe('passed');
    expect(countRunCases(run)).toMatchObject({ failed: 0, errored: 0, known: 5 });
  });

  it('fails the gate on one failure it does not know, errored ones included', () => {
    const withoutPatch = all.filter((e) => e.scenario !== 'core/users-patch');
    const run = gated(sampleRun(), baseline(...withoutPatch));
    expect(run.status).toBe('failed');
    expect(countRunCases(run)).toMatchObject({ failed: 0, errored: 1, known: 4 });
  });

  it('reports entries whose case passes now, or is gone from a scenario that completed, as fixed', () => {
    const b = baseline(
      entry('core/discovery', 'Read /ServiceProviderConfig › expect.status'),
      entry('core/discovery', 'A step since removed › expect.status'),
      // users-patch errored: its skipped case, and a case it never reached, say nothing.
      entry('core/users-patch', 'Read it back › expect.status'),
      entry('core/users-patch', 'A later step › expect.status'),
    );
    const outcome = matchBaseline(sampleRun(), b, 'b.json', TODAY);
    expect(outcome.fixed.map((m) => m.check)).toEqual(['Read /ServiceProviderConfig › expect.status', 'A step since removed › expect.status']);
    expect(outcome.known).toEqual([]);
  });

  it('leaves entries of scenarios that did not run alone: another shard, --grep, skipped', () => {
    const b = baseline(entry('core/groups', 'Create a group › expect.status'), entry('entra/groups', 'scenario', { status: 'errored' }), ...all);
    const run = gated(sampleRun(), b);
    expect(run.baseline!.known).toHaveLength(5);
    expect(run.baseline!.fixed).toEqual([]);
    expect(run.baseline!.expired).toEqual([]);
    expect(run.status).toBe('passed');
  });

  it('stops matching an entry after its expiry day, and names every expired entry', () => {
    const [first, ...rest] = all;
    const expiredToday = { ...first!, expires: '2026-11-30' };
    const elsewhere = entry('core/groups', 'Create a group › expect.status', { expires: '2026-01-01' });
    const run = gated(sampleRun(), baseline(expiredToday, elsewhere, ...rest));
    expect(run.baseline!.known.map((m) => m.check)).not.toContain(first!.check);
    expect(run.baseline!.expired.map((m) => [m.check, m.expires])).toEqual([
      [first!.check, '2026-11-30'],
      ['Create a group › expect.status', '2026-01-01'],
    ]);
    expect(run.status).toBe('failed');
    expect(countRunCases(run)).toMatchObject({ failed: 1, known: 4 });
  });

  it('still matches on the expiry day itself (it lasts through that day, UTC)', () => {
    expect(isLive({ expires: TODAY }, TODAY)).toBe(true);
    expect(isLive({ expires: '2026-11-30' }, TODAY)).toBe(false);
    expect(isLive({}, TODAY)).toBe(true);
    expect(gated(sampleRun(), baseline(...all.map((e) => ({ ...e, expires: TODAY })))).status).toBe('passed');
  });

  it('does not match on status or message, which only record what the failure looked like', () => {
    const drifted = all.map((e) => ({ ...e, status: 'errored' as const, message: 'something else entirely' }));
    expect(gated(sampleRun(), baseline(...drifted)).status).toBe('passed');
  });

  it('keeps an interrupted run interrupted', () => {
    expect(gated({ ...sampleRun(), status: 'interrupted' }, baseline(...all)).status).toBe('interrupted');
  });
});
