import { caseMessage } from '../../reports/render/check-text.js';
import { countRunCases, knownMatch, scenarioCases, type CaseCounts, type ReportCase } from '../model/report-cases.js';
import type { CheckStatus, RunResult, ScenarioResult, ScenarioStatus } from '../model/result.js';

/**
 * A scenario's timing change is worth a reviewer's eye when both runs took at least this long
 * (below it, timer noise and GC pauses dominate) …
 */
export const TIMING_MIN_MS = 50;
/** … and one run took at least this many times as long as the other (so +50% and −33% both count). */
export const TIMING_MIN_RATIO = 1.5;
/** The timing changes listed, largest absolute change first. */
export const TIMING_TOP = 10;

/** A case's state in one run: its status, or absent when that run did not report it. */
export type CaseState = CheckStatus | 'absent';

/** One case (scenario id + report name) whose verdict moved between the runs. */
export interface CaseChange {
  scenario: string;
  check: string;
  before: CaseState;
  after: CaseState;
  /** Why it fails: the new run's message for a new failure, the old run's for a fixed one. */
  message: string;
}

export interface ScenarioRef {
  id: string;
  title: string;
  status: ScenarioStatus;
}

export interface ScenarioStatusChange {
  id: string;
  title: string;
  before: ScenarioStatus;
  after: ScenarioStatus;
}

export interface TimingChange {
  scenario: string;
  beforeMs: number;
  afterMs: number;
}

/** What changed from one run to the next; renderers print it, `scimsim diff` gates on `newlyFailing`. */
export interface RunComparison {
  /** Failing (failed/errored) now, not before (passed, warned, skipped or absent), and not known to the new run's baseline. */
  newlyFailing: CaseChange[];
  /** Failing now, not before, but a baseline entry of the new run covers them: known, not new. */
  newlyKnown: CaseChange[];
  /** Failing before; passing now, or gone from a scenario that completed. */
  fixed: CaseChange[];
  /** Failing in both runs, and how many of those the new run's baseline knows. */
  stillFailing: { total: number; known: number };
  scenariosAdded: ScenarioRef[];
  scenariosRemoved: ScenarioRef[];
  /** Scenarios in both runs whose status differs. */
  statusChanges: ScenarioStatusChange[];
  status: { before: RunResult['status']; after: RunResult['status'] };
  startedAt: { before: string; after: string };
  durationMs: { before: number; after: number };
  exchanges: { before: number; after: number };
  /** Scenarios whose time changed past the thresholds above, the largest `TIMING_TOP` changes. */
  timing: TimingChange[];
  /** How many scenarios passed the timing thresholds in all (more than `timing` lists when over the top N). */
  timingChangesTotal: number;
  counts: { before: CaseCounts; after: CaseCounts };
}

/** Compares two runs by scenario id and case name; a pure function of the two results. */
export function compareRuns(old: RunResult, next: RunResult): RunComparison {
  const before = indexRun(old);
  const after = indexRun(next);
  const comparison: RunComparison = {
    newlyFailing: [],
    newlyKnown: [],
    fixed: [],
    stillFailing: { total: 0, known: 0 },
    scenariosAdded: [],
    scenariosRemoved: [],
    statusChanges: [],
    status: { before: old.status, after: next.status },
    startedAt: { before: old.startedAt, after: next.startedAt },
    durationMs: { before: old.durationMs, after: next.durationMs },
    exchanges: { before: old.stats.exchanges, after: next.stats.exchanges },
    timing: [],
    timingChangesTotal: 0,
    counts: { before: countRunCases(old), after: countRunCases(next) },
  };

  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) comparison.scenariosAdded.push(ref(now.scenario));
    else if (was.scenario.status !== now.scenario.status) {
      comparison.statusChanges.push({ id, title: now.scenario.title, before: was.scenario.status, after: now.scenario.status });
    }
    for (const c of now.cases.values()) {
      if (!isFailing(c.status)) continue;
      const previous = was?.cases.get(c.name);
      const known = knownMatch(next, id, c) !== undefined;
      if (previous && isFailing(previous.status)) {
        comparison.stillFailing.total += 1;
        if (known) comparison.stillFailing.known += 1;
        continue;
      }
      const change: CaseChange = { scenario: id, check: c.name, before: previous?.status ?? 'absent', after: c.status, message: caseMessage(c) };
      (known ? comparison.newlyKnown : comparison.newlyFailing).push(change);
    }
  }

  for (const [id, was] of before) {
    const now = after.get(id);
    if (!now) {
      comparison.scenariosRemoved.push(ref(was.scenario));
      continue;
    }
    for (const c of was.cases.values()) {
      if (!isFailing(c.status)) continue;
      const current = now.cases.get(c.name);
      const passes = current ? current.status === 'passed' || current.status === 'warned' : completed(now.scenario);
      if (passes) comparison.fixed.push({ scenario: id, check: c.name, before: c.status, after: current?.status ?? 'absent', message: caseMessage(c) });
    }
  }

  const timing = timingChanges(before, after);
  comparison.timingChangesTotal = timing.length;
  comparison.timing = timing.slice(0, TIMING_TOP);
  return comparison;
}

interface IndexedScenario {
  scenario: ScenarioResult;
  cases: Map<string, ReportCase>;
}

/** Scenarios by id, in run order, each with its cases by report name. */
function indexRun(run: RunResult): Map<string, IndexedScenario> {
  const index = new Map<string, IndexedScenario>();
  for (const suite of run.suites) {
    for (const scenario of suite.scenarios) {
      index.set(scenario.id, { scenario, cases: new Map(scenarioCases(scenario).map((c) => [c.name, c])) });
    }
  }
  return index;
}

function timingChanges(before: Map<string, IndexedScenario>, after: Map<string, IndexedScenario>): TimingChange[] {
  const changes: TimingChange[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    // A skipped scenario took no time worth comparing.
    if (!was || was.scenario.status === 'skipped' || now.scenario.status === 'skipped') continue;
    const [beforeMs, afterMs] = [was.scenario.durationMs, now.scenario.durationMs];
    if (Math.min(beforeMs, afterMs) < TIMING_MIN_MS) continue;
    if (Math.max(beforeMs, afterMs) / Math.min(beforeMs, afterMs) < TIMING_MIN_RATIO) continue;
    changes.push({ scenario: id, beforeMs, afterMs });
  }
  return changes.sort((a, b) => Math.abs(b.afterMs - b.beforeMs) - Math.abs(a.afterMs - a.beforeMs) || (a.scenario < b.scenario ? -1 : 1));
}

/** A case missing from a scenario that errored may just not have been reached: only a completed one tells. */
function completed(scenario: ScenarioResult): boolean {
  return scenario.status === 'passed' || scenario.status === 'failed';
}

function isFailing(status: CheckStatus): boolean {
  return status === 'failed' || status === 'errored';
}

function ref(scenario: ScenarioResult): ScenarioRef {
  return { id: scenario.id, title: scenario.title, status: scenario.status };
}
