import type { BaselineMatch, BaselineOutcome, CheckStatus, RunResult, ScenarioResult } from '../model/result.js';
import { knownMatch, scenarioCases, type ReportCase } from '../model/report-cases.js';
import type { Baseline, BaselineEntry } from './baseline-file.js';

/** An entry matches until the end of its `expires` day (UTC); `today` is `YYYY-MM-DD` in UTC. */
export function isLive(entry: Pick<BaselineEntry, 'expires'>, today: string): boolean {
  return entry.expires === undefined || today <= entry.expires;
}

/** Failed and errored cases are what a baseline can know; warnings already pass. */
export function isFailing(c: Pick<ReportCase, 'status'>): boolean {
  return c.status === 'failed' || c.status === 'errored';
}

/** Scenarios that ran in this run: present and not skipped. Entries of any other scenario are not judged. */
export function ranScenarios(run: RunResult): Map<string, ScenarioResult> {
  const ran = new Map<string, ScenarioResult>();
  for (const suite of run.suites) for (const scenario of suite.scenarios) if (scenario.status !== 'skipped') ran.set(scenario.id, scenario);
  return ran;
}

/**
 * How the run's failures meet the baseline: `known` (failing cases a live entry covers), `fixed`
 * (live entries whose scenario ran and whose case no longer fails) and `expired` (every entry past
 * its date, matched or not). Entries of scenarios this run did not run (another shard, --grep) are
 * in none of them.
 */
export function matchBaseline(run: RunResult, baseline: Baseline, file: string, today: string): BaselineOutcome {
  const live = new Map(baseline.entries.filter((e) => isLive(e, today)).map((e) => [identity(e.scenario, e.check), e]));
  const ran = ranScenarios(run);
  const known: BaselineMatch[] = [];
  const statusNow = new Map<string, CheckStatus>();
  for (const scenario of ran.values()) {
    for (const c of scenarioCases(scenario)) {
      statusNow.set(identity(scenario.id, c.name), c.status);
      const entry = isFailing(c) ? live.get(identity(scenario.id, c.name)) : undefined;
      if (entry) known.push(toMatch(entry));
    }
  }
  const fixed = [...live.values()].filter((e) => noLongerFails(ran.get(e.scenario), statusNow.get(identity(e.scenario, e.check)))).map(toMatch);
  const expired = baseline.entries.filter((e) => !isLive(e, today)).map(toMatch);
  return { file, known, fixed, expired };
}

/**
 * The status the run gets once its baseline outcome is set: passed when every failing case is
 * known, failed otherwise; an interrupted run stays interrupted (it has no complete verdict).
 */
export function gateStatus(run: RunResult): RunResult['status'] {
  if (run.status === 'interrupted') return 'interrupted';
  for (const suite of run.suites) {
    for (const scenario of suite.scenarios) {
      const failing = scenarioCases(scenario).filter(isFailing);
      // A failed scenario with no failing case to name cannot be covered by any entry.
      if (failing.length === 0 && (scenario.status === 'failed' || scenario.status === 'errored')) return 'failed';
      if (failing.some((c) => knownMatch(run, scenario.id, c) === undefined)) return 'failed';
    }
  }
  return 'passed';
}

/**
 * True when the run shows the entry's case no longer fails: it passed (or warned), or it is gone
 * from a scenario that completed. A skipped case, or one missing from an errored scenario, tells
 * nothing: the check may simply not have been reached.
 */
function noLongerFails(scenario: ScenarioResult | undefined, statusNow: CheckStatus | undefined): boolean {
  if (!scenario) return false;
  if (statusNow) return statusNow === 'passed' || statusNow === 'warned';
  return scenario.status !== 'errored';
}

function toMatch(entry: BaselineEntry): BaselineMatch {
  return {
    scenario: entry.scenario,
    check: entry.check,
    entryId: entry.id,
    reason: entry.reason,
    ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
  };
}

function identity(scenario: string, check: string): string {
  return `${scenario}\u0000${check}`;
}
