import { compareEntries, type Baseline, type BaselineEntry } from './baseline-file.js';

/**
 * The file text: entries sorted by (scenario, check), keys in one fixed order, 2-space JSON and a
 * final newline, so rewriting an unchanged baseline changes no byte and a change is a small diff.
 */
export function formatBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries].sort(compareEntries).map(orderedEntry);
  return `${JSON.stringify({ formatVersion: baseline.formatVersion, entries }, null, 2)}\n`;
}

function orderedEntry(e: BaselineEntry): BaselineEntry {
  return {
    id: e.id,
    scenario: e.scenario,
    check: e.check,
    status: e.status,
    ...(e.message !== undefined ? { message: e.message } : {}),
    reason: e.reason,
    firstSeen: e.firstSeen,
    ...(e.expires !== undefined ? { expires: e.expires } : {}),
  };
}
