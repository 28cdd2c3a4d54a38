import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Reporter } from './reporter.js';
import type { BaselineMatch, RunResult, ScenarioResult } from '../suites/model/result.js';
import { countCases, countRunCases, countsLine, failsOnlyKnown, knownMatch, scenarioCases } from '../suites/model/report-cases.js';
import { writeReport, type ReportDestination } from './output-file.js';
import { caseDetails, checkLabel, caseMessage, formatLocation } from './render/check-text.js';
import { mdBlock, mdCode, mdTable, mdText } from './render/markdown-text.js';
import { plainPaint } from './render/paint.js';
import { formatDuration } from './render/printable.js';
import { assumptionsOf } from './render/run-summary.js';

/** Failures shown with their evidence; later ones get one line each, then a count. */
const DETAILED_FAILURES = 25;
const LISTED_FAILURES = 100;
/** Lines of evidence per failure: a pull-request comment is not the place for whole bodies. */
const EVIDENCE_LINES = 40;

/**
 * A Markdown summary for pull-request comments and GitHub's job summary (`GITHUB_STEP_SUMMARY`,
 * which the CLI appends to when set: each step adds its own part). Short by design — the verdict,
 * a table per suite, the failures with their evidence folded — and pointing at the full reports.
 */
export class MarkdownReporter implements Reporter {
  constructor(
    private readonly destination: ReportDestination,
    private readonly options: { append?: boolean } = {},
  ) {}

  printsToStdio(): boolean {
    return !('path' in this.destination);
  }

  async onRunEnd(result: RunResult): Promise<void> {
    const text = renderMarkdown(result);
    if (this.options.append && 'path' in this.destination) {
      await mkdir(dirname(this.destination.path), { recursive: true });
      await appendFile(this.destination.path, `${text}\n`, 'utf8');
    } else {
      await writeReport(this.destination, text);
    }
  }
}

/** The Markdown document for a run. Pure, so it can be golden-tested. */
export function renderMarkdown(run: RunResult): string {
  const scenarios = run.suites.flatMap((s) => s.scenarios);
  const lines = [heading(run, scenarios), '', facts(run), '', ...suiteTable(run), ...failures(run, scenarios), ...baselineSection(run), ...targetLogs(run), ...assumed(scenarios)];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function heading(run: RunResult, scenarios: ScenarioResult[]): string {
  const failed = scenarios.filter((s) => (s.status === 'failed' || s.status === 'errored') && !failsOnlyKnown(run, s)).length;
  const known = scenarios.filter((s) => failsOnlyKnown(run, s)).length;
  const total = `${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`;
  if (run.status === 'interrupted') return `### ⏹️ scimsim: interrupted after ${total}${failed > 0 ? `, ${failed} failed` : ''}`;
  if (failed > 0) return `### ❌ scimsim: ${failed} of ${total} failed`;
  if (known > 0) return `### ✅ scimsim: ${total} passed or failed only as known (${known} with known failures)`;
  return `### ✅ scimsim: all ${total} passed`;
}

function facts(run: RunResult): string {
  const parts = [`**${countsLine(countRunCases(run))}**`, formatDuration(run.durationMs), `target ${mdCode(run.target.url)} (${run.target.kind})`];
  if (run.seed !== undefined) parts.push(`seed ${run.seed}`);
  if (run.shard) parts.push(`shard ${run.shard.index}/${run.shard.total}`);
  parts.push(`scimsim ${mdText(run.tool.version)}`);
  return parts.join(' · ');
}

function suiteTable(run: RunResult): string[] {
  const withBaseline = run.baseline !== undefined;
  const header = ['Suite', 'Scenarios', 'Passed', 'Failed', 'Skipped', ...(withBaseline ? ['Known'] : []), 'Checks failed'];
  const rows = run.suites.map((suite) => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let known = 0;
    let checksFailed = 0;
    for (const scenario of suite.scenarios) {
      const counts = countCases(scenarioCases(scenario), scenario, run);
      checksFailed += counts.failed + counts.errored;
      if (scenario.status === 'skipped') skipped += 1;
      else if (scenario.status === 'passed') passed += 1;
      else if (failsOnlyKnown(run, scenario)) known += 1;
      else failed += 1;
    }
    const cells = [mdText(suite.name), String(suite.scenarios.length), String(passed), failed > 0 ? `**${failed}**` : '0', String(skipped)];
    return [...cells, ...(withBaseline ? [String(known)] : []), String(checksFailed)];
  });
  return [...mdTable(header, rows, header.map((_, i) => (i === 0 ? 'left' : 'right'))), ''];
}

function failures(run: RunResult, scenarios: ScenarioResult[]): string[] {
  const lines: string[] = [];
  let shown = 0;
  let listed = 0;
  let total = 0;
  for (const scenario of scenarios) {
    const bad = scenarioCases(scenario).filter((c) => (c.status === 'failed' || c.status === 'errored') && !knownMatch(run, scenario.id, c));
    if (bad.length === 0) continue;
    total += bad.length;
    if (listed >= LISTED_FAILURES) continue;
    if (lines.length === 0) lines.push('#### Failures', '');
    const where = `${scenario.location.file}:${scenario.location.line}`;
    lines.push(`<details><summary>❌ <b>${mdText(scenario.id)}</b> ${mdText(scenario.title)} — ${bad.length} failed</summary>`, '', `${mdCode(where)}`, '');
    for (const c of bad) {
      if (listed >= LISTED_FAILURES) break;
      listed += 1;
      lines.push(`- **${mdText(c.name)}** ${c.status === 'errored' ? '(errored) ' : ''}— ${mdText(caseMessage(c))}  `, `  ${mdText(checkLabel(c))} at ${mdCode(formatLocation(c.location))}`);
      if (shown < DETAILED_FAILURES) {
        shown += 1;
        const evidence = caseDetails(c, scenario, plainPaint).slice(1);
        const cut = evidence.length > EVIDENCE_LINES ? [...evidence.slice(0, EVIDENCE_LINES), `… ${evidence.length - EVIDENCE_LINES} more lines in the JUnit, JSON and HTML reports`] : evidence;
        lines.push('', ...mdBlock(cut).map((l) => (l === '' ? l : `  ${l}`)), '');
      }
    }
    lines.push('', '</details>', '');
  }
  if (total > listed) lines.push(`_${total - listed} more failures are not listed here: see the JUnit, JSON or HTML report._`, '');
  return lines;
}

function baselineSection(run: RunResult): string[] {
  const baseline = run.baseline;
  if (!baseline) return [];
  const table = (matches: BaselineMatch[], extra?: (m: BaselineMatch) => string) =>
    mdTable(['Entry', 'Scenario', 'Check', 'Reason', ...(extra ? ['Expires'] : [])], matches.map((m) => [mdCode(m.entryId), mdText(m.scenario), mdText(m.check), mdText(m.reason), ...(extra ? [extra(m)] : [])]));
  const lines = [`#### Baseline ${mdCode(baseline.file)}`, ''];
  lines.push(`${baseline.known.length} known failure${baseline.known.length === 1 ? '' : 's'}, ${baseline.fixed.length} fixed, ${baseline.expired.length} expired.`, '');
  if (baseline.fixed.length > 0) lines.push('**Fixed** — these now pass: remove them with `--update-baseline`.', '', ...table(baseline.fixed), '');
  if (baseline.expired.length > 0) lines.push('**Expired** — these no longer excuse a failure.', '', ...table(baseline.expired, (m) => mdText(m.expires ?? '')), '');
  if (baseline.known.length > 0) lines.push('<details><summary>Known failures</summary>', '', ...table(baseline.known), '', '</details>', '');
  return lines;
}

/** The target container's output, folded: the server's own account of what went wrong. */
function targetLogs(run: RunResult): string[] {
  const logs = run.target.logs;
  if (!logs) return [];
  const lines = logs.trimEnd().split('\n').slice(-EVIDENCE_LINES);
  return [`<details><summary>Output of the target container ${mdText(run.target.image ?? '')} (last ${lines.length} lines)</summary>`, '', ...mdBlock(lines), '', '</details>', ''];
}

function assumed(scenarios: ScenarioResult[]): string[] {
  const list = assumptionsOf(scenarios);
  if (list.length === 0) return [];
  return [
    `<details><summary>${list.length} IdP behaviour${list.length === 1 ? '' : 's'} research could not confirm shaped this run</summary>`,
    '',
    ...list.map(({ setting, value, note }) => `- ${mdCode(`${setting} = ${JSON.stringify(value)}`)}: ${mdText(note)}`),
    '',
    '</details>',
    '',
  ];
}
