import { isAbsolute, relative, resolve } from 'node:path';
import type { Reporter } from './reporter.js';
import type { RunResult, ScenarioResult } from '../suites/model/result.js';
import { countRunCases, countsLine, knownMatch, scenarioCases, type ReportCase } from '../suites/model/report-cases.js';
import type { TextSink } from './output-file.js';
import { caseMessage, checkLabel } from './render/check-text.js';
import { oneLine, printable } from './render/printable.js';
import { formatValue } from './render/value-text.js';
import { workflowCommand, type AnnotationLevel } from './render/workflow-command.js';

/** GitHub shows at most 10 errors and 10 warnings per step (actions/toolkit); more are dropped silently. */
const PER_LEVEL = 10;

export interface GithubReporterOptions {
  stream: TextSink;
  /** Annotation paths are relative to it (GitHub matches them against the checkout); default: cwd. */
  workspace?: string;
  /** Where scenario file paths in the results are relative to; default: cwd. */
  cwd?: string;
}

/**
 * GitHub Actions annotations: each failure is an `::error` on the scenario file and line, SHOULD
 * findings `::warning`, fixed baseline entries a `::notice`, and one closing summary notice that
 * says how many were left out. Annotations do not fail a job: the exit code does.
 */
export class GithubReporter implements Reporter {
  constructor(private readonly options: GithubReporterOptions) {}

  printsToStdio(): boolean {
    return true;
  }

  onRunEnd(result: RunResult): void {
    const cwd = this.options.cwd ?? process.cwd();
    const lines = renderAnnotations(result, { workspace: this.options.workspace ?? cwd, cwd });
    this.options.stream.write(lines.map((l) => `${l}\n`).join(''));
  }
}

/** The workflow commands for a run. Pure, so it can be golden-tested. */
export function renderAnnotations(run: RunResult, paths: { workspace: string; cwd: string }): string[] {
  const errors: string[] = [];
  const warnings: string[] = [];
  let omittedErrors = 0;
  let omittedWarnings = 0;
  for (const scenario of run.suites.flatMap((s) => s.scenarios)) {
    for (const c of scenarioCases(scenario)) {
      const level = levelOf(c, scenario, run);
      if (level === undefined) continue;
      const list = level === 'error' ? errors : warnings;
      if (list.length >= PER_LEVEL) {
        if (level === 'error') omittedErrors += 1;
        else omittedWarnings += 1;
        continue;
      }
      list.push(
        workflowCommand(
          level,
          { file: workspacePath(c.location.file, paths), line: c.location.line, col: c.location.col, title: `${oneLine(scenario.id)} › ${oneLine(c.name)}` },
          annotationText(c),
        ),
      );
    }
  }
  const notices = (run.baseline?.fixed ?? []).slice(0, PER_LEVEL).map((m) =>
    workflowCommand(
      'notice',
      { title: `Baseline entry ${m.entryId} is fixed`, file: workspacePath(run.baseline!.file, paths) },
      `${m.scenario} › ${m.check} passes now; remove the entry (--update-baseline) so a regression is caught.`,
    ),
  );
  const left: string[] = [];
  if (omittedErrors > 0) left.push(`${omittedErrors} more failure${omittedErrors === 1 ? '' : 's'}`);
  if (omittedWarnings > 0) left.push(`${omittedWarnings} more warning${omittedWarnings === 1 ? '' : 's'}`);
  const tail = left.length > 0 ? `; ${left.join(' and ')} not annotated (GitHub shows ${PER_LEVEL} per kind): see the JUnit, HTML or Markdown report` : '';
  const summary = workflowCommand('notice', { title: 'scimsim' }, `${countsLine(countRunCases(run))}${tail}`);
  return [...errors, ...warnings, ...notices, summary];
}

/** error: a failure the baseline does not know; warning: a SHOULD that did not hold. */
function levelOf(c: ReportCase, scenario: ScenarioResult, run: RunResult): AnnotationLevel | undefined {
  if (c.status === 'failed' || c.status === 'errored') return knownMatch(run, scenario.id, c) ? undefined : 'error';
  if (c.status === 'warned') return 'warning';
  return undefined;
}

/** The message, then expected and actual when they are short enough to read in an annotation. */
function annotationText(c: ReportCase): string {
  const lines = [printable(caseMessage(c)), checkLabel(c)];
  if (c.kind === 'expectation' && (c.check.expected !== undefined || c.check.actual !== undefined)) {
    const brief = (value: unknown) => {
      const text = formatValue(value);
      return 'inline' in text ? text.inline : `${text.block.slice(0, 8).join('\n')}${text.block.length > 8 ? '\n…' : ''}`;
    };
    if (c.check.expected !== undefined) lines.push(`expected: ${brief(c.check.expected)}`);
    lines.push(`actual:   ${brief(c.check.actual)}`);
  }
  return lines.join('\n');
}

/** GitHub matches annotation paths against the repository checkout, so they are workspace-relative. */
function workspacePath(file: string, paths: { workspace: string; cwd: string }): string {
  const absolute = isAbsolute(file) ? file : resolve(paths.cwd, file);
  const rel = relative(paths.workspace, absolute);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split('\\').join('/');
}
