import type { ScenarioResult } from '../../suites/model/result.js';
import type { Paint } from './paint.js';
import { oneLine, printable } from './printable.js';

/**
 * The license grid (issue 5): every license check of the run as one row — who, their groups, the
 * license mode, where the target says the license came from, the expected and the actual license
 * — grouped by scenario, so a support engineer reads the precedence grid as a table.
 */
export function licenseGridSection(scenarios: ScenarioResult[], paint: Paint): string[] {
  const blocks: string[][] = [];
  for (const scenario of scenarios) {
    const rows: string[][] = [];
    for (const step of scenario.steps) {
      for (const check of step.checks) {
        if (!check.licenseRow) continue;
        const { user, groups, mode, source } = check.licenseRow;
        const verdict = check.status === 'passed' ? '✓' : check.status === 'warned' ? '⚠' : '✗';
        rows.push([verdict, oneLine(step.title), user, groups.join(', ') || '(none)', mode, source ?? '', text(check.expected), text(check.actual)]);
      }
    }
    if (rows.length > 0) blocks.push([paint.bold(scenario.id), ...table(['', 'step', 'user', 'groups', 'mode', 'source', 'expected', 'actual'], rows, paint)]);
  }
  if (blocks.length === 0) return [];
  return ['', paint.bold('License grid'), ...blocks.flatMap((block) => ['', ...block.map((line) => `  ${line}`)])];
}

function text(value: unknown): string {
  if (value === undefined) return '—';
  return printable(typeof value === 'string' ? value : JSON.stringify(value));
}

function table(header: string[], rows: string[][], paint: Paint): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [paint.dim(line(header)), ...rows.map((row) => {
    const painted = line(row);
    return row[0] === '✓' ? painted : paint.red(painted);
  })];
}
