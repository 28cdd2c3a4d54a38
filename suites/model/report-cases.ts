import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type {
  BaselineMatch,
  CheckResult,
  CheckStatus,
  RuleSummary,
  RunResult,
  ScenarioResult,
  StepResult,
} from './result.js';

/**
 * One reported check: a JUnit test case, and one unit of the console's closing counts line.
 * Both reporters list cases through `scenarioCases`, so their numbers cannot drift apart.
 */
export type ReportCase =
  | { kind: 'expectation'; name: string; status: CheckStatus; location: SourceLocation; step: StepResult; check: CheckResult }
  | { kind: 'rule'; name: string; status: CheckStatus; location: SourceLocation; rule: RuleSummary }
  /** A step that errored with no errored check to carry the error (e.g. the target never answered). */
  | { kind: 'step-error'; name: string; status: 'errored'; location: SourceLocation; step: StepResult }
  /** A scenario skipped or errored before any check existed: still one case, so it is not invisible. */
  | { kind: 'scenario'; name: string; status: 'skipped' | 'errored'; location: SourceLocation; message: string };

export interface CaseCounts {
  /** Includes warned cases: a warning passes (as in JUnit); `warnings` says how many of them warned. */
  passed: number;
  /** Failed and errored cases exclude the known ones (`known`), which a baseline entry covers. */
  failed: number;
  skipped: number;
  errored: number;
  warnings: number;
  known: number;
  total: number;
}

/** The cases of one scenario, in report order: step expectations (steps, then teardown), then rules. */
export function scenarioCases(scenario: ScenarioResult): ReportCase[] {
  const cases: ReportCase[] = [];
  const names = new UniqueNames();
  const addSteps = (steps: StepResult[], prefix: string) => {
    for (const step of steps) {
      const title = `${prefix}${step.title}`;
      for (const check of step.checks) {
        if (check.kind !== 'expectation') continue;
        cases.push({
          kind: 'expectation',
          name: names.take(`${title} › ${check.id}`),
          status: check.status,
          location: check.location ?? step.location,
          step,
          check,
        });
      }
      const errorCarried = step.checks.some((c) => c.kind === 'expectation' && c.status === 'errored');
      if (step.error !== undefined && step.status === 'errored' && !errorCarried) {
        cases.push({ kind: 'step-error', name: names.take(`${title} › error`), status: 'errored', location: step.location, step });
      }
    }
  };
  addSteps(scenario.steps, '');
  addSteps(scenario.teardown, 'teardown › ');
  for (const rule of scenario.rules) {
    cases.push({
      kind: 'rule',
      name: names.take(`rule ${rule.id}: ${rule.title}`),
      status: rule.status,
      location: rule.findings.find((f) => f.location)?.location ?? scenario.location,
      rule,
    });
  }
  if (cases.length === 0 && (scenario.status === 'skipped' || scenario.status === 'errored')) {
    const message =
      scenario.skipReason ?? (scenario.status === 'skipped' ? 'skipped' : 'the scenario errored before any check ran');
    cases.push({ kind: 'scenario', name: 'scenario', status: scenario.status, location: scenario.location, message });
  }
  return cases;
}

export function emptyCounts(): CaseCounts {
  return { passed: 0, failed: 0, skipped: 0, errored: 0, warnings: 0, known: 0, total: 0 };
}

export function addCase(counts: CaseCounts, status: CheckStatus, known = false): void {
  counts.total += 1;
  if (known && (status === 'failed' || status === 'errored')) {
    counts.known += 1;
  } else if (status === 'warned') {
    counts.passed += 1;
    counts.warnings += 1;
  } else {
    counts[status] += 1;
  }
}

/** Counts one scenario's cases; with `run`, failures its baseline knows count as `known`. */
export function countCases(cases: ReportCase[], scenario?: ScenarioResult, run?: RunResult): CaseCounts {
  const counts = emptyCounts();
  for (const c of cases) addCase(counts, c.status, scenario && run ? knownMatch(run, scenario.id, c) !== undefined : false);
  return counts;
}

export function countRunCases(run: RunResult): CaseCounts {
  const counts = emptyCounts();
  for (const suite of run.suites) {
    for (const scenario of suite.scenarios) {
      for (const c of scenarioCases(scenario)) addCase(counts, c.status, knownMatch(run, scenario.id, c) !== undefined);
    }
  }
  return counts;
}

/** `N passed, N failed, N skipped`, then `, N warnings` / `, N errored` / `, N known failures` only when non-zero. */
export function countsLine(counts: CaseCounts): string {
  let line = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  if (counts.warnings > 0) line += `, ${counts.warnings} warnings`;
  if (counts.errored > 0) line += `, ${counts.errored} errored`;
  if (counts.known > 0) line += `, ${counts.known} known failure${counts.known === 1 ? '' : 's'} (baseline)`;
  return line;
}

const knownIndex = new WeakMap<object, Map<string, BaselineMatch>>();

/** The baseline entry that covers this case when it failed or errored; undefined otherwise. */
export function knownMatch(run: RunResult, scenarioId: string, c: Pick<ReportCase, 'name' | 'status'>): BaselineMatch | undefined {
  if (!run.baseline || (c.status !== 'failed' && c.status !== 'errored')) return undefined;
  let index = knownIndex.get(run.baseline);
  if (!index) {
    index = new Map(run.baseline.known.map((m) => [caseKey(m.scenario, m.check), m]));
    knownIndex.set(run.baseline, index);
  }
  return index.get(caseKey(scenarioId, c.name));
}

/** True when the scenario failed only in cases the baseline knows. */
export function failsOnlyKnown(run: RunResult, scenario: ScenarioResult): boolean {
  const bad = scenarioCases(scenario).filter((c) => c.status === 'failed' || c.status === 'errored');
  return bad.length > 0 && bad.every((c) => knownMatch(run, scenario.id, c) !== undefined);
}

function caseKey(scenario: string, check: string): string {
  return `${scenario}\u0000${check}`;
}

/** GitLab keeps only the first of several test cases with the same name: make repeats distinct. */
class UniqueNames {
  private readonly seen = new Map<string, number>();
  take(name: string): string {
    const n = (this.seen.get(name) ?? 0) + 1;
    this.seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  }
}
