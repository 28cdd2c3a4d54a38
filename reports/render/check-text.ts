import type { SourceLocation } from '../../suites/diagnostics/diagnostic.js';
import type { CheckResult, ScenarioResult } from '../../suites/model/result.js';
import type { ReportCase } from '../../suites/model/report-cases.js';
import { exchangeLines, exchangeSummary } from './exchange-text.js';
import type { Paint } from './paint.js';
import { indentLines, printable } from './printable.js';
import { labelledValue } from './value-text.js';

/** Findings of one rule shown in full; the rest are counted (the JSON report has them all). */
const MAX_FINDINGS = 5;
/** Exchanges shown per check; a check rarely points at more than one. */
const MAX_EXCHANGES = 2;

/**
 * Lets a list of failures print each exchange in full once: later cases that point at the same
 * exchange get its summary line and a pointer to `label` of the case that showed it.
 */
export interface ExchangeMemo {
  shown: Map<string, string>;
  label: string;
}

/** `file:line:col`, the form terminals and editors turn into links. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.col}`;
}

/** What was checked: `expectation expect.status (MUST)` or `rule scim.x (MUST, RFC 7644 §3.1)`. */
export function checkLabel(c: ReportCase): string {
  switch (c.kind) {
    case 'expectation':
      return `expectation ${c.check.id} (${c.check.level}${c.check.citation ? `, ${c.check.citation}` : ''})`;
    case 'rule':
      return `rule ${c.rule.id} (${c.rule.level}, ${c.rule.citation})`;
    case 'step-error':
      return `step ${c.step.index + 1}, ${c.step.kind}`;
    case 'scenario':
      return 'scenario';
  }
}

/** A one-line reason for the case's verdict (JUnit's `message` attribute, the console's brief form). */
export function caseMessage(c: ReportCase): string {
  switch (c.kind) {
    case 'expectation':
      return c.check.message ?? defaultMessage(c.check);
    case 'rule': {
      const first = c.rule.findings[0];
      const text = first ? (first.message ?? defaultMessage(first)) : `${c.rule.title}: ${c.status}`;
      const more = c.rule.findings.length - 1;
      return more > 0 ? `${text} (and ${more} more)` : text;
    }
    case 'step-error':
      return c.step.error ?? 'the step errored';
    case 'scenario':
      return c.message;
  }
}

/**
 * The full explanation of a case, without a title line: where, what was checked, expected vs
 * actual, the message, and the exchange that shows it. Shared by the console and JUnit bodies.
 */
export function caseDetails(c: ReportCase, scenario: ScenarioResult, paint: Paint, memo?: ExchangeMemo): string[] {
  const lines = [`${paint.dim('at')} ${formatLocation(c.location)}`];
  switch (c.kind) {
    case 'expectation':
      lines.push(`${paint.dim('check')} ${checkLabel(c)}: ${printable(c.check.title)}`);
      lines.push(...checkEvidence(c.check, scenario, paint, memo));
      if (c.step.error) lines.push(`${paint.dim('step error')} ${printable(c.step.error)}`);
      break;
    case 'rule': {
      const { rule } = c;
      const n = rule.findings.length;
      lines.push(`${paint.dim('check')} ${checkLabel(c)}: ${printable(rule.title)}`);
      lines.push(paint.dim(`applied to ${rule.applied} exchange${rule.applied === 1 ? '' : 's'}, ${n} finding${n === 1 ? '' : 's'}`));
      rule.findings.slice(0, MAX_FINDINGS).forEach((finding, i) => {
        const where = finding.location ? ` at ${formatLocation(finding.location)}` : '';
        lines.push('', `finding ${i + 1} of ${n}${where}`);
        lines.push(...indentLines(checkEvidence(finding, scenario, paint, memo), 2));
      });
      if (n > MAX_FINDINGS) lines.push('', paint.dim(`… ${n - MAX_FINDINGS} more findings in the JSON report`));
      break;
    }
    case 'step-error':
      lines.push(`${paint.dim('step')} ${printable(c.step.title)} ${paint.dim(`(${checkLabel(c)})`)}`);
      lines.push(`${paint.dim('error')} ${paint.red(printable(c.step.error ?? 'the step errored'))}`);
      lines.push(...exchangeBlock(c.step.exchangeIds, scenario, paint, memo));
      break;
    case 'scenario':
      lines.push(printable(c.message));
      break;
  }
  return lines;
}

/** Expected vs actual, the message, then the exchanges the check judged. */
function checkEvidence(check: CheckResult, scenario: ScenarioResult, paint: Paint, memo?: ExchangeMemo): string[] {
  const lines: string[] = [];
  if (check.expected !== undefined || check.actual !== undefined) {
    if (check.expected !== undefined) lines.push(...labelledValue(paint.dim('expected'), check.expected, 2));
    lines.push(...labelledValue(paint.dim('actual  '), check.actual, 2));
  }
  const tint = check.status === 'warned' ? paint.yellow : check.status === 'passed' ? paint.green : paint.red;
  // One entry per line, so the caller's indentation reaches every line of a multi-line message.
  lines.push(...printable(check.message ?? defaultMessage(check)).split('\n').map((line) => tint(line)));
  lines.push(...exchangeBlock(check.exchangeIds, scenario, paint, memo));
  return lines;
}

function exchangeBlock(ids: string[], scenario: ScenarioResult, paint: Paint, memo?: ExchangeMemo): string[] {
  const lines: string[] = [];
  for (const id of ids.slice(0, MAX_EXCHANGES)) {
    const exchange = scenario.exchanges.find((e) => e.id === id);
    const shownUnder = memo?.shown.get(id);
    lines.push('');
    if (!exchange) {
      lines.push(paint.dim(`(exchange ${id} is not in this scenario's log)`));
    } else if (shownUnder !== undefined) {
      lines.push(`${exchangeSummary(exchange, paint)} ${paint.dim(`(shown in full in failure ${shownUnder})`)}`);
    } else {
      lines.push(...exchangeLines(exchange, paint));
      memo?.shown.set(id, memo.label);
    }
  }
  if (ids.length > MAX_EXCHANGES) lines.push('', paint.dim(`… ${ids.length - MAX_EXCHANGES} more exchanges in the JSON report`));
  return lines;
}

function defaultMessage(check: CheckResult): string {
  return `${check.title}: ${check.status}`;
}
