import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkFakeMethod } from './fake-methods.js';
import type { Locator } from './locate.js';
import { isFakeCall, type RawScenario } from './raw-scenario.js';

/** Every `fake:` var names a method that exists on faker (`person.firstName`). */
export function checkFakes(raw: RawScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, value] of Object.entries(raw.vars ?? {})) {
    if (!isFakeCall(value)) continue;
    const problem = checkFakeMethod(value.fake);
    if (!problem) continue;
    const diagnostic: Diagnostic = { severity: 'error', location: locator.value(['vars', name, 'fake']), message: problem.message };
    if (problem.hint) diagnostic.hint = problem.hint;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
