import { STATUS_CODES } from 'node:http';
import type { RunResult, ScenarioResult } from '../../suites/model/result.js';
import {
  countCases,
  countRunCases,
  countsLine,
  failsOnlyKnown,
  knownMatch,
  scenarioCases,
  type CaseCounts,
  type ReportCase,
} from '../../suites/model/report-cases.js';
import { assumptionsOf } from '../render/run-summary.js';

/**
 * What the viewer shows but must not compute itself: the numbers and baseline matches come from
 * the same functions the console and JUnit use (report-cases.ts), so the three never disagree.
 * Embedded beside the run as its own JSON block; the run itself stays exactly the JSON report.
 */
export interface PageFacts {
  /** `countsLine(countRunCases(run))`, the console's closing line. */
  countsLine: string;
  counts: CaseCounts;
  /** One per scenario, in report order (suites, then their scenarios). */
  scenarios: ScenarioFacts[];
  /** Each distinct IdP behaviour research could not confirm that any scenario relied on. */
  assumptions: Array<{ setting: string; value: unknown; note: string }>;
  /** The simulated IdPs the run used (`scenario.idp.kind`), in first-seen order. */
  idps: string[];
  /** Reason phrases for the HTTP statuses the run saw, as Node names them (`201` → `Created`). */
  statusText: Record<string, string>;
}

/**
 * Why a scenario is listed under a status filter. `failed`: it has failures no baseline entry
 * covers (errored ones included). `known`: at least one failure a baseline entry covers.
 */
export type ScenarioCategory = 'failed' | 'passed' | 'skipped' | 'known';

export interface ScenarioFacts {
  counts: CaseCounts;
  countsLine: string;
  categories: ScenarioCategory[];
  /** The scenario failed, but only in cases the baseline knows: shown as "known", not as failed. */
  onlyKnown: boolean;
  known: KnownCase[];
}

/**
 * A failed case a baseline entry covers. `ref` says where it is in the scenario: `steps:S:C` and
 * `teardown:S:C` (step and check positions), `steps:S:error` (a step error), `rules:R`, `scenario`.
 */
export interface KnownCase {
  ref: string;
  name: string;
  entryId: string;
  reason: string;
  expires?: string;
}

export function pageFacts(run: RunResult): PageFacts {
  const counts = countRunCases(run);
  const scenarios = run.suites.flatMap((suite) => suite.scenarios);
  const idps: string[] = [];
  for (const scenario of scenarios) if (scenario.idp && !idps.includes(scenario.idp.kind)) idps.push(scenario.idp.kind);
  return {
    countsLine: countsLine(counts),
    counts,
    scenarios: scenarios.map((scenario) => scenarioFacts(run, scenario)),
    assumptions: assumptionsOf(scenarios),
    idps,
    statusText: statusTexts(scenarios),
  };
}

function scenarioFacts(run: RunResult, scenario: ScenarioResult): ScenarioFacts {
  const cases = scenarioCases(scenario);
  const counts = countCases(cases, scenario, run);
  const onlyKnown = failsOnlyKnown(run, scenario);
  const known: KnownCase[] = [];
  for (const c of cases) {
    const match = knownMatch(run, scenario.id, c);
    if (!match) continue;
    known.push({ ref: caseRef(scenario, c), name: c.name, entryId: match.entryId, reason: match.reason, ...(match.expires ? { expires: match.expires } : {}) });
  }
  const categories: ScenarioCategory[] = [];
  if ((scenario.status === 'failed' || scenario.status === 'errored') && !onlyKnown) categories.push('failed');
  if (scenario.status === 'passed') categories.push('passed');
  if (scenario.status === 'skipped') categories.push('skipped');
  if (counts.known > 0) categories.push('known');
  return { counts, countsLine: countsLine(counts), categories, onlyKnown, known };
}

/** Where a case's check, rule or step sits in the scenario, by position: the viewer's lookup key. */
function caseRef(scenario: ScenarioResult, c: ReportCase): string {
  switch (c.kind) {
    case 'expectation':
    case 'step-error': {
      const part = scenario.steps.includes(c.step) ? 'steps' : 'teardown';
      const step = scenario[part].indexOf(c.step);
      return c.kind === 'expectation' ? `${part}:${step}:${c.step.checks.indexOf(c.check)}` : `${part}:${step}:error`;
    }
    case 'rule':
      return `rules:${scenario.rules.indexOf(c.rule)}`;
    case 'scenario':
      return 'scenario';
  }
}

function statusTexts(scenarios: ScenarioResult[]): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const scenario of scenarios) {
    for (const exchange of scenario.exchanges) {
      const status = exchange.response?.status;
      const text = status === undefined ? undefined : STATUS_CODES[status];
      if (status !== undefined && text) texts[String(status)] = text;
    }
  }
  return texts;
}
