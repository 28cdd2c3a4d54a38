import type { RunResult, ScenarioResult, ScenarioStatus } from '../../suites/model/result.js';
import { countCases, countRunCases, countsLine, failsOnlyKnown, knownMatch, scenarioCases, type ReportCase } from '../../suites/model/report-cases.js';
import type { BaselineMatch } from '../../suites/model/result.js';
import { caseDetails, caseMessage, checkLabel, formatLocation } from './check-text.js';
import { licenseGridSection } from './license-grid.js';
import type { Paint } from './paint.js';
import { formatDuration, indentLines, oneLine, printable } from './printable.js';

/** One line per finished scenario: `✓ core/users-create  Create a user (12 ms)`. */
export function scenarioLine(scenario: ScenarioResult, paint: Paint): string {
  const name = `${scenario.id}  ${oneLine(scenario.title)}`;
  if (scenario.status === 'skipped') {
    return paint.dim(`- ${name}  skipped: ${oneLine(scenario.skipReason ?? 'no reason given')}`);
  }
  const counts = countCases(scenarioCases(scenario));
  const took = paint.dim(`(${formatDuration(scenario.durationMs)})`);
  const notes: string[] = [];
  if (counts.failed > 0) notes.push(paint.red(`${counts.failed} failed`));
  if (counts.errored > 0) notes.push(paint.red(`${counts.errored} errored`));
  if (counts.warnings > 0) notes.push(paint.yellow(`${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`));
  const tail = notes.length > 0 ? `  ${notes.join(', ')}` : '';
  const mark = scenario.status === 'passed' ? paint.green('✓') : paint.red('✗');
  return `${mark} ${name} ${took}${tail}`;
}

/**
 * Everything printed when the run ends: each failure in full (grouped by scenario), warnings in
 * brief, the summary, and last the counts line CI log readers look for.
 */
export function renderFinalReport(run: RunResult, paint: Paint): string {
  const scenarios = run.suites.flatMap((suite) => suite.scenarios);
  const lines: string[] = [];
  lines.push(...failureSection(run, scenarios, paint));
  lines.push(...warningSection(scenarios, paint));
  lines.push(...baselineSection(run, paint));
  lines.push(...targetLogSection(run, paint));
  lines.push(...licenseGridSection(scenarios, paint));
  lines.push(...summarySection(run, scenarios, paint));
  lines.push('', countsLine(countRunCases(run)));
  return lines.join('\n') + '\n';
}

function failureSection(run: RunResult, scenarios: ScenarioResult[], paint: Paint): string[] {
  const lines: string[] = [];
  let number = 0;
  const shown = new Map<string, string>();
  for (const scenario of scenarios) {
    // Known failures are listed, briefly, in the baseline section.
    const bad = scenarioCases(scenario).filter((c) => (c.status === 'failed' || c.status === 'errored') && !knownMatch(run, scenario.id, c));
    if (bad.length === 0) continue;
    if (lines.length === 0) lines.push('', paint.bold(paint.red('Failures')));
    lines.push('', scenarioHeading(scenario, paint), `  ${paint.dim(`${scenario.location.file}:${scenario.location.line}`)}`);
    for (const c of bad) {
      number += 1;
      const verdict = c.status === 'errored' ? paint.red('errored') : paint.red('failed');
      lines.push('', `  ${number}) ${paint.bold(oneLine(c.name))} ${paint.dim('·')} ${verdict}`);
      lines.push(...indentLines(caseDetails(c, scenario, paint, { shown, label: String(number) }), 5));
    }
  }
  return lines;
}

function warningSection(scenarios: ScenarioResult[], paint: Paint): string[] {
  const lines: string[] = [];
  for (const scenario of scenarios) {
    const warned = scenarioCases(scenario).filter((c) => c.status === 'warned');
    if (warned.length === 0) continue;
    if (lines.length === 0) lines.push('', paint.bold(paint.yellow('Warnings')));
    lines.push('', scenarioHeading(scenario, paint));
    for (const c of warned) lines.push(...warningLines(c, paint));
  }
  return lines;
}

function warningLines(c: ReportCase, paint: Paint): string[] {
  return [
    `  ${paint.yellow('⚠')} ${oneLine(c.name)} — ${oneLine(caseMessage(c))}`,
    `    ${paint.dim(`${checkLabel(c)} at ${formatLocation(c.location)}`)}`,
  ];
}

/** Lines of the container's output shown on the console; the JSON and HTML reports keep all of it. */
const LOG_LINES_SHOWN = 30;

/** What the target container printed, when the run failed: often the reason, in the server's words. */
function targetLogSection(run: RunResult, paint: Paint): string[] {
  const logs = run.target.logs;
  if (!logs) return [];
  const all = printable(logs).trimEnd().split('\n');
  const shown = all.slice(-LOG_LINES_SHOWN);
  const skipped = all.length - shown.length;
  return [
    '',
    paint.bold(`Output of the target container ${printable(run.target.image ?? '')}`.trimEnd()),
    ...(skipped > 0 ? [paint.dim(`  … ${skipped} earlier lines in the JSON and HTML reports`)] : []),
    ...shown.map((line) => `  ${paint.dim('|')} ${line}`),
  ];
}

/** Known failures in one line each; then what the baseline should lose (fixed) or decide on (expired). */
function baselineSection(run: RunResult, paint: Paint): string[] {
  const baseline = run.baseline;
  if (!baseline) return [];
  const entry = (m: BaselineMatch) => `${paint.dim(m.entryId)} ${oneLine(m.scenario)} › ${oneLine(m.check)}`;
  const lines = ['', paint.bold(`Baseline ${printable(baseline.file)}`)];
  if (baseline.known.length > 0) {
    lines.push(`  ${baseline.known.length} known failure${baseline.known.length === 1 ? '' : 's'} (not failing the run):`);
    for (const m of baseline.known) lines.push(`    ${paint.yellow('○')} ${entry(m)} ${paint.dim(`— ${oneLine(m.reason)}`)}`);
  }
  if (baseline.fixed.length > 0) {
    lines.push(`  ${paint.green(`${baseline.fixed.length} fixed`)}: these pass now; drop them with --update-baseline so a regression fails the run:`);
    for (const m of baseline.fixed) lines.push(`    ${paint.green('✓')} ${entry(m)}`);
  }
  if (baseline.expired.length > 0) {
    lines.push(`  ${paint.red(`${baseline.expired.length} expired`)}: these no longer excuse a failure:`);
    for (const m of baseline.expired) lines.push(`    ${paint.red('✗')} ${entry(m)} ${paint.dim(`(expired ${m.expires ?? '?'})`)}`);
  }
  if (baseline.known.length + baseline.fixed.length + baseline.expired.length === 0) lines.push(paint.dim('  no entry matched this run'));
  return lines;
}

function summarySection(run: RunResult, scenarios: ScenarioResult[], paint: Paint): string[] {
  const byStatus: Record<ScenarioStatus, number> = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  let onlyKnown = 0;
  for (const scenario of scenarios) {
    if (failsOnlyKnown(run, scenario)) onlyKnown += 1;
    else byStatus[scenario.status] += 1;
  }
  const parts = [`${byStatus.passed} passed`, `${byStatus.failed} failed`, `${byStatus.skipped} skipped`];
  if (byStatus.errored > 0) parts.push(`${byStatus.errored} errored`);
  if (onlyKnown > 0) parts.push(`${onlyKnown} failed only as the baseline expects`);
  const exchanges = scenarios.reduce((sum, s) => sum + s.exchanges.length, 0);
  const row = (label: string, value: string) => `  ${paint.dim(label.padEnd(10))} ${value}`;
  const lines = [
    '',
    paint.bold('Summary'),
    row('Scenarios', `${parts.join(', ')} (${scenarios.length} total)`),
    row('Checks', `${countRunCases(run).total} (expectations and protocol rules)`),
    row('Exchanges', String(exchanges)),
    row('Duration', formatDuration(run.durationMs)),
    row('Target', `${printable(run.target.url)} (${run.target.kind}${run.target.image ? ` ${printable(run.target.image)}` : ''})`),
  ];
  const assumed = assumptionsOf(scenarios);
  if (assumed.length > 0) {
    lines.push(row('Assumed', `${assumed.length} IdP behaviour${assumed.length === 1 ? '' : 's'} research could not confirm shaped this run (settings under idpConfig.assumed):`));
    for (const { setting, value, note } of assumed) lines.push(`  ${' '.repeat(10)} ${paint.dim(`${setting} = ${printable(JSON.stringify(value))}: ${oneLine(note)}`)}`);
  }
  if (run.status === 'interrupted') {
    lines.push(row('Status', paint.yellow('interrupted: stopped early (--bail or a signal), not every scenario ran')));
  }
  return lines;
}

/** Each distinct (setting, value) any scenario relied on, in first-seen order. */
export function assumptionsOf(scenarios: ScenarioResult[]): Array<{ setting: string; value: unknown; note: string }> {
  const seen = new Map<string, { setting: string; value: unknown; note: string }>();
  for (const scenario of scenarios) {
    for (const assumption of scenario.idp?.assumptions ?? []) {
      const key = `${assumption.setting}=${JSON.stringify(assumption.value)}`;
      if (!seen.has(key)) seen.set(key, assumption);
    }
  }
  return [...seen.values()];
}

function scenarioHeading(scenario: ScenarioResult, paint: Paint): string {
  const mark = scenario.status === 'passed' ? paint.yellow('⚠') : paint.red('✗');
  return `${mark} ${paint.bold(scenario.id)}  ${oneLine(scenario.title)}`;
}
