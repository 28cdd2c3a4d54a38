import { caseMessage, formatLocation } from '../../reports/render/check-text.js';
import { oneLine } from '../../reports/render/printable.js';
import { knownMatch, scenarioCases } from '../model/report-cases.js';
import type { RunResult } from '../model/result.js';

/**
 * One line per failed or errored case that the baseline does not know:
 * `core/users-create › Create the user › expect.status: expected status 201, got 200 (scenarios/core/04-users-create.yaml:29:7)`.
 * Made for test runners: `expect(failureLines(result)).toEqual([])` prints the list as the diff.
 */
export function failureLines(run: RunResult): string[] {
  const lines: string[] = [];
  for (const suite of run.suites) {
    for (const scenario of suite.scenarios) {
      for (const c of scenarioCases(scenario)) {
        if ((c.status !== 'failed' && c.status !== 'errored') || knownMatch(run, scenario.id, c)) continue;
        lines.push(`${scenario.id} › ${oneLine(c.name)}: ${oneLine(caseMessage(c))} (${formatLocation(c.location)})`);
      }
    }
  }
  return lines;
}
