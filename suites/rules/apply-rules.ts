import type { Exchange } from '../../simulator/scim/exchange.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { CheckResult, RuleSummary } from '../model/result.js';
import { observe, type ObservedExchange } from './observed-exchange.js';
import type { ProtocolRule } from './rule.js';

/** Run every applicable rule on one exchange; a rule that throws is an errored check, not a crash. */
export function applyRules(
  rules: Iterable<ProtocolRule>,
  exchange: Exchange,
  baseUrl: string,
  options: { skip?: readonly string[]; location?: SourceLocation } = {},
): CheckResult[] {
  const observed = observe(exchange, baseUrl);
  return observed ? applyRulesToObserved(rules, observed, options) : [];
}

/** The same, for an exchange already observed (its body parsed once for rules and expectations). */
export function applyRulesToObserved(
  rules: Iterable<ProtocolRule>,
  observed: ObservedExchange,
  options: { skip?: readonly string[]; location?: SourceLocation } = {},
): CheckResult[] {
  const results: CheckResult[] = [];
  for (const rule of rules) {
    if (options.skip?.includes(rule.id)) continue;
    const base = { id: rule.id, kind: 'rule' as const, title: rule.title, level: rule.level, citation: rule.citation, exchangeIds: [observed.exchange.id], location: options.location };
    try {
      const verdict = rule.check(observed);
      if (!verdict) continue;
      if (verdict.passed) results.push({ ...base, status: 'passed' });
      else results.push({ ...base, status: rule.level === 'MUST' ? 'failed' : 'warned', message: verdict.message, expected: verdict.expected, actual: verdict.actual });
    } catch (error) {
      results.push({ ...base, status: 'errored', message: `the rule itself failed: ${(error as Error).message}` });
    }
  }
  return results;
}

const SEVERITY = { errored: 4, failed: 3, warned: 2, passed: 1, skipped: 0 } as const;

/** Sum a scenario's rule checks: one summary per rule that applied, worst status wins. */
export function summarizeRules(checks: CheckResult[], rules: ReadonlyMap<string, ProtocolRule>): RuleSummary[] {
  const byRule = new Map<string, CheckResult[]>();
  for (const check of checks) {
    if (check.kind !== 'rule') continue;
    const list = byRule.get(check.id) ?? [];
    list.push(check);
    byRule.set(check.id, list);
  }
  const summaries: RuleSummary[] = [];
  for (const [id, rule] of rules) {
    const list = byRule.get(id);
    if (!list) continue;
    const status = list.reduce((worst, c) => (SEVERITY[c.status] > SEVERITY[worst] ? c.status : worst), 'passed' as CheckResult['status']);
    summaries.push({
      id,
      title: rule.title,
      level: rule.level,
      citation: rule.citation,
      status,
      applied: list.length,
      findings: list.filter((c) => c.status !== 'passed'),
    });
  }
  return summaries;
}
