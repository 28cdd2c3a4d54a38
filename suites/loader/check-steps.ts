import { eachStep } from './each-step.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocPath, Locator } from './locate.js';
import { isAdvanceStep, isRequestStep, type RawScenario } from './raw-scenario.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';

/**
 * What the schema cannot say about steps: `body` and `rawBody` together, regular expressions that
 * do not compile, protocol rule ids that do not exist, and captures that hide a var.
 */
export function checkSteps(raw: RawScenario, locator: Locator, knownRuleIds?: string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const varNames = new Set(Object.keys(raw.vars ?? {}));
  for (const { step, at } of eachStep(raw)) {
    if (!isRequestStep(step)) {
      if (isAdvanceStep(step, raw)) continue;
      for (const [path, matcher] of Object.entries(step.expect?.idp ?? {})) diagnostics.push(...checkRegex(matcher, [...at, 'expect', 'idp', path], locator));
      continue;
    }
    if (step.request.body !== undefined && step.request.rawBody !== undefined) {
      diagnostics.push(error(locator.key([...at, 'request', 'rawBody']), "a request has 'body' or 'rawBody', not both", "use 'rawBody' for text sent as is"));
    }
    for (const [path, matcher] of Object.entries(step.expect?.body ?? {})) {
      diagnostics.push(...checkRegex(matcher, [...at, 'expect', 'body', path], locator));
    }
    for (const [name, matcher] of Object.entries(step.expect?.headers ?? {})) {
      diagnostics.push(...checkRegex(matcher, [...at, 'expect', 'headers', name], locator));
    }
    if (knownRuleIds) {
      (step.skipRules ?? []).forEach((id, ruleIndex) => {
        if (knownRuleIds.includes(id)) return;
        const guess = didYouMean(id, knownRuleIds);
        const hint = guess ? `did you mean '${guess}'?` : '`scimsim rules` lists the rule ids';
        diagnostics.push(error(locator.value([...at, 'skipRules', ruleIndex]), `unknown protocol rule '${id}'`, hint));
      });
    }
    for (const name of Object.keys(step.capture ?? {})) {
      if (!varNames.has(name)) continue;
      diagnostics.push({
        severity: 'warning',
        location: locator.key([...at, 'capture', name]),
        message: `capture '${name}' replaces the var of the same name from the next step on`,
        hint: 'rename the capture if you still need the var',
      });
    }
  }
  return diagnostics;
}

/** A matcher's `matches` that does not compile, at its place. */
export function checkRegex(matcher: unknown, path: DocPath, locator: Locator): Diagnostic[] {
  if (typeof matcher !== 'object' || matcher === null || Array.isArray(matcher)) return [];
  const pattern = (matcher as { matches?: unknown }).matches;
  if (typeof pattern !== 'string' || pattern.includes('{{')) return [];
  try {
    new RegExp(pattern);
    return [];
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^.*: /, '') : String(e);
    return [error(locator.value([...path, 'matches']), `invalid regular expression: ${reason.toLowerCase()}`)];
  }
}

function error(location: Diagnostic['location'], message: string, hint?: string): Diagnostic {
  return hint ? { severity: 'error', location, message, hint } : { severity: 'error', location, message };
}
