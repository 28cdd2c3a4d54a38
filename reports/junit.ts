import type { Reporter } from './reporter.js';
import type { RunResult, ScenarioResult } from '../suites/model/result.js';
import { countCases, countRunCases, knownMatch, scenarioCases, type CaseCounts, type ReportCase } from '../suites/model/report-cases.js';
import { writeReport, type ReportDestination } from './output-file.js';
import { caseDetails, caseMessage, checkLabel } from './render/check-text.js';
import { plainPaint } from './render/paint.js';
import { serializeXml, type XmlElement } from './render/xml.js';

/**
 * JUnit XML for CI (GitHub test-report actions, GitLab, Jenkins): one <testsuite> per scenario, one
 * <testcase> per check (expectation or rule summary). Written once when the run ends. A known
 * failure (`--baseline`) is a <skipped> case naming its entry: consumers that fail a check run on
 * any <failure> must agree with the exit code, which a known failure does not change.
 */
export class JunitReporter implements Reporter {
  constructor(private readonly destination: ReportDestination) {}

  printsToStdio(): boolean {
    return !('path' in this.destination);
  }

  async onRunEnd(result: RunResult): Promise<void> {
    await writeReport(this.destination, renderJunit(result));
  }
}

/** The JUnit document for a run. Pure, so it can be golden-tested. */
export function renderJunit(run: RunResult): string {
  const totals = countRunCases(run);
  const suites: XmlElement[] = [];
  for (const suite of run.suites) {
    for (const scenario of suite.scenarios) suites.push(scenarioSuite(scenario, run));
  }
  return serializeXml({
    name: 'testsuites',
    attributes: {
      name: 'scimsim',
      ...countAttributes(totals),
      time: seconds(run.durationMs),
      timestamp: run.startedAt,
    },
    children: suites,
  });
}

function scenarioSuite(scenario: ScenarioResult, run: RunResult): XmlElement {
  const cases = scenarioCases(scenario);
  const counts = countCases(cases, scenario, run);
  const properties: Array<[string, string]> = [
    ['scenario.id', scenario.id],
    ['seed', String(scenario.seed)],
    ['target.url', run.target.url],
    ['target.kind', run.target.kind],
    ['tags', scenario.tags.join(',')],
    ['virtual.end', scenario.virtualEnd],
  ];
  if (scenario.idp) {
    properties.push(['idp', scenario.idp.kind]);
    // Behaviours research could not confirm, as this scenario set them: the verdict rests on them.
    for (const { setting, value, note } of scenario.idp.assumptions) properties.push([`assumed.${setting}`, `${JSON.stringify(value)}: ${note}`]);
  }
  return {
    name: 'testsuite',
    attributes: {
      name: `${scenario.suite} › ${scenario.title}`,
      ...countAttributes(counts),
      time: seconds(scenario.durationMs),
      // Results carry no scenario start time: its first request is the closest, else the run's.
      timestamp: scenario.startedAt,
      file: scenario.file,
    },
    children: [
      {
        name: 'properties',
        children: properties.map(([name, value]) => ({ name: 'property', attributes: { name, value } })),
      },
      ...cases.map((c) => testCase(c, scenario, run)),
    ],
  };
}

function testCase(c: ReportCase, scenario: ScenarioResult, run: RunResult): XmlElement {
  const children: XmlElement[] = [];
  const explanation = () => [`${scenario.id} › ${c.name}`, ...caseDetails(c, scenario, plainPaint)].join('\n');
  const known = knownMatch(run, scenario.id, c);
  if (known) {
    const message = `known ${c.status === 'errored' ? 'error' : 'failure'} (baseline entry ${known.entryId}: ${known.reason}): ${caseMessage(c)}`;
    children.push({ name: 'skipped', attributes: { message } }, { name: 'system-out', text: `${message}\n${explanation()}` });
  } else {
    switch (c.status) {
      case 'failed':
        children.push({ name: 'failure', attributes: { message: caseMessage(c), type: caseType(c) }, text: explanation() });
        break;
      case 'errored':
        children.push({ name: 'error', attributes: { message: caseMessage(c), type: caseType(c) }, text: explanation() });
        break;
      case 'skipped':
        children.push({ name: 'skipped', attributes: { message: caseMessage(c) } });
        break;
      case 'warned':
        // A SHOULD that did not hold passes; the one system-out carries the warning for readers.
        children.push({ name: 'system-out', text: `warning: ${checkLabel(c)}\n${explanation()}` });
        break;
      case 'passed':
        break;
    }
  }
  return {
    name: 'testcase',
    attributes: {
      classname: className(scenario),
      name: c.name,
      file: c.location.file,
      line: c.location.line,
      time: seconds(c.kind === 'expectation' ? c.step.durationMs : 0),
    },
    children,
  };
}

/** `<suite>.<scenario id>`, dotted; the id's own `<suite>/` prefix is not repeated. */
export function className(scenario: ScenarioResult): string {
  const id = scenario.id.startsWith(`${scenario.suite}/`) ? scenario.id.slice(scenario.suite.length + 1) : scenario.id;
  return `${scenario.suite}.${id.replace(/\//g, '.')}`;
}

function caseType(c: ReportCase): string {
  switch (c.kind) {
    case 'expectation':
      return c.check.id;
    case 'rule':
      return c.rule.id;
    case 'step-error':
      return 'step-error';
    case 'scenario':
      return 'scenario-error';
  }
}

/** Known failures are skipped cases in JUnit (see the class comment). */
function countAttributes(counts: CaseCounts): Record<string, number> {
  return { tests: counts.total, failures: counts.failed, errors: counts.errored, skipped: counts.skipped + counts.known };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
