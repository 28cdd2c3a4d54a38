import type { CaseChange, CaseState, RunComparison, TimingChange } from '../../suites/diff/compare-runs.js';
import { countsLine } from '../../suites/model/report-cases.js';
import { mdTable } from './markdown-text.js';
import type { Paint } from './paint.js';
import { formatDuration, oneLine } from './printable.js';

/** How the two compared files are named in the output: as given on the command line. */
export interface DiffLabels {
  old: string;
  next: string;
}

/** A PR comment is capped (65,536 characters on GitHub): long tables are cut with a count of the rest. */
const MARKDOWN_MAX_ROWS = 50;
/** Messages longer than this are cut in tables; the JSON reports have them whole. */
const MARKDOWN_MAX_CELL = 160;

/** The comparison for a terminal or a CI log: changed verdicts first, the one-line verdict last. */
export function renderRunDiffText(diff: RunComparison, labels: DiffLabels, paint: Paint): string {
  const lines: string[] = [`Comparing ${oneLine(labels.old)} (${when(diff.startedAt.before)}) with ${oneLine(labels.next)} (${when(diff.startedAt.after)})`];
  const caseSection = (title: string, changes: CaseChange[], mark: string, showMessage: boolean) => {
    if (changes.length === 0) return;
    lines.push('', paint.bold(`${title} (${changes.length})`));
    for (const c of changes) {
      lines.push(`  ${mark} ${oneLine(c.scenario)} › ${oneLine(c.check)}  ${paint.dim(transition(c.before, c.after))}`);
      if (showMessage) lines.push(`      ${oneLine(c.message)}`);
    }
  };
  caseSection('Newly failing', diff.newlyFailing, paint.red('✗'), true);
  caseSection('Newly failing, known to the baseline', diff.newlyKnown, paint.yellow('○'), true);
  caseSection('Fixed', diff.fixed, paint.green('✓'), false);

  const scenarioLines = [
    ...diff.scenariosAdded.map((s) => `  ${paint.green('+')} ${oneLine(s.id)}  ${oneLine(s.title)}  ${paint.dim(`added, ${s.status}`)}`),
    ...diff.scenariosRemoved.map((s) => `  ${paint.red('-')} ${oneLine(s.id)}  ${oneLine(s.title)}  ${paint.dim(`removed, was ${s.status}`)}`),
    ...diff.statusChanges.map((s) => `  ${paint.yellow('~')} ${oneLine(s.id)}  ${oneLine(s.title)}  ${paint.dim(`${s.before} → ${s.after}`)}`),
  ];
  if (scenarioLines.length > 0) lines.push('', paint.bold('Scenarios'), ...scenarioLines);

  const row = (label: string, value: string) => `  ${paint.dim(label.padEnd(10))} ${value}`;
  lines.push('', paint.bold('Timing'));
  const inParens = (text: string) => (text ? ` (${text})` : '');
  lines.push(row('Duration', `${formatDuration(diff.durationMs.before)} → ${formatDuration(diff.durationMs.after)}${inParens(percentChange(diff.durationMs.before, diff.durationMs.after))}`));
  lines.push(row('Exchanges', `${diff.exchanges.before} → ${diff.exchanges.after}${inParens(countChange(diff.exchanges.before, diff.exchanges.after))}`));
  for (const t of diff.timing) lines.push(row(t.afterMs > t.beforeMs ? 'Slower' : 'Faster', timingText(t)));
  const unlisted = diff.timingChangesTotal - diff.timing.length;
  if (unlisted > 0) lines.push(row('', paint.dim(`and ${unlisted} more scenario${unlisted === 1 ? '' : 's'} whose time changed as much`)));

  lines.push('', row('Before', `${countsLine(diff.counts.before)} · ${diff.status.before}`), row('After', `${countsLine(diff.counts.after)} · ${diff.status.after}`));
  lines.push('', verdictLine(diff, paint));
  return `${lines.join('\n')}\n`;
}

/** The comparison as GitHub-flavoured Markdown for a PR comment: tables, text escaped. */
export function renderRunDiffMarkdown(diff: RunComparison, labels: DiffLabels): string {
  const out: string[] = ['## scimsim: run comparison', '', `${verdictLine(diff)} · ${cell(labels.old)} → ${cell(labels.next)}`];
  const caseTable = (title: string, changes: CaseChange[], withMessage: boolean) => {
    if (changes.length === 0) return;
    const header = withMessage ? ['Scenario', 'Check', 'Was', 'Now', 'Message'] : ['Scenario', 'Check', 'Was', 'Now'];
    const rows = changes.map((c) => [c.scenario, c.check, state(c.before), state(c.after), ...(withMessage ? [c.message] : [])]);
    out.push('', `### ${title} (${changes.length})`, '', ...table(header, rows));
  };
  caseTable('Newly failing', diff.newlyFailing, true);
  caseTable('Newly failing, known to the baseline', diff.newlyKnown, true);
  caseTable('Fixed', diff.fixed, false);

  const scenarioRows = [
    ...diff.scenariosAdded.map((s) => [s.id, s.title, '(absent)', s.status]),
    ...diff.scenariosRemoved.map((s) => [s.id, s.title, s.status, '(absent)']),
    ...diff.statusChanges.map((s) => [s.id, s.title, s.before, s.after]),
  ];
  if (scenarioRows.length > 0) out.push('', '### Scenarios', '', ...table(['Scenario', 'Title', 'Was', 'Now'], scenarioRows));

  const timingRows = [
    ['Duration', formatDuration(diff.durationMs.before), formatDuration(diff.durationMs.after), percentChange(diff.durationMs.before, diff.durationMs.after)],
    ['Exchanges', String(diff.exchanges.before), String(diff.exchanges.after), countChange(diff.exchanges.before, diff.exchanges.after)],
    ...diff.timing.map((t) => [t.scenario, formatDuration(t.beforeMs), formatDuration(t.afterMs), changeText(t)]),
  ];
  out.push('', '### Timing', '', ...table(['', 'Before', 'After', 'Change'], timingRows));
  const unlisted = diff.timingChangesTotal - diff.timing.length;
  if (unlisted > 0) out.push('', `and ${unlisted} more scenario${unlisted === 1 ? '' : 's'} whose time changed as much`);

  out.push('', ...table(['', 'Checks', 'Run status'], [
    ['Before', countsLine(diff.counts.before), diff.status.before],
    ['After', countsLine(diff.counts.after), diff.status.after],
  ]));
  return `${out.join('\n')}\n`;
}

/** `2 newly failing, 1 fixed, 3 still failing (1 known)`: the line CI logs and PR readers look for. */
function verdictLine(diff: RunComparison, paint?: Paint): string {
  const newly = `${diff.newlyFailing.length} newly failing`;
  const parts = [diff.newlyFailing.length > 0 ? (paint ? paint.red(paint.bold(newly)) : `**${newly}**`) : newly];
  if (diff.newlyKnown.length > 0) parts.push(`${diff.newlyKnown.length} newly known`);
  parts.push(`${diff.fixed.length} fixed`);
  const { total, known } = diff.stillFailing;
  parts.push(`${total} still failing${known > 0 ? ` (${known} known)` : ''}`);
  return parts.join(', ');
}

function transition(before: CaseState, after: CaseState): string {
  return `${state(before)} → ${state(after)}`;
}

function state(s: CaseState): string {
  return s === 'absent' ? '(absent)' : s;
}

function when(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : oneLine(iso);
}

function timingText(t: TimingChange): string {
  return `${oneLine(t.scenario)}  ${formatDuration(t.beforeMs)} → ${formatDuration(t.afterMs)} (${changeText(t)})`;
}

function changeText(t: TimingChange): string {
  const delta = t.afterMs - t.beforeMs;
  return `${delta >= 0 ? '+' : '-'}${formatDuration(Math.abs(delta))}, ${signedPercent(t.beforeMs, t.afterMs)}`;
}

/** `+22%`, or nothing when there is no base to compare with. */
function percentChange(before: number, after: number): string {
  return before > 0 ? signedPercent(before, after) : '';
}

function signedPercent(before: number, after: number): string {
  const percent = Math.round(((after - before) / before) * 100);
  return `${percent >= 0 ? '+' : ''}${percent}%`;
}

/** `+8`, `-3`, or nothing when equal. */
function countChange(before: number, after: number): string {
  const delta = after - before;
  return delta === 0 ? '' : `${delta > 0 ? '+' : ''}${delta}`;
}

/** A GFM table, cut to `MARKDOWN_MAX_ROWS` rows. */
function table(header: string[], rows: string[][]): string[] {
  const shown = rows.slice(0, MARKDOWN_MAX_ROWS);
  const lines = mdTable(header.map(cell), shown.map((r) => r.map(cell)));
  if (rows.length > shown.length) lines.push('', `and ${rows.length - shown.length} more, not shown`);
  return lines;
}

/**
 * Text from a run as inert Markdown: one line, cut to length, and every character Markdown or a
 * table reads (`|` ends a cell, `<` opens HTML, `*_[]` format) escaped with a backslash.
 */
function cell(text: string): string {
  const flat = oneLine(text);
  const cut = flat.length > MARKDOWN_MAX_CELL ? `${flat.slice(0, MARKDOWN_MAX_CELL - 1)}…` : flat;
  return cut.replace(/[\\`*_[\]<>|#~!&]/g, (c) => `\\${c}`);
}
