import { caseMessage } from '../../reports/render/check-text.js';
import { oneLine } from '../../reports/render/printable.js';
import type { RunResult } from '../model/result.js';
import { scenarioCases } from '../model/report-cases.js';
import { BASELINE_FORMAT_VERSION, compareEntries, entryId, type Baseline, type BaselineEntry } from './baseline-file.js';
import { isFailing, ranScenarios } from './match-baseline.js';

/** A recorded message is a reminder, not evidence: long ones are cut so the file stays readable. */
const MAX_MESSAGE = 200;

/** The rewritten baseline and what changed, for the CLI's one-line summary. */
export interface BaselineUpdate {
  baseline: Baseline;
  /** Failing cases no entry covered. */
  added: BaselineEntry[];
  /** Entries of scenarios that ran whose case no longer fails. */
  removed: BaselineEntry[];
  /** Entries whose case still fails: unchanged, reason, dates and recorded message included. */
  kept: BaselineEntry[];
  /** Entries of scenarios that did not run (another shard, --grep, skipped): unchanged. */
  untouched: BaselineEntry[];
}

/**
 * The baseline for this run: exactly the failing cases of the scenarios that ran, keeping the
 * entries that still match by id as they are (an expired one stays expired: an update never extends
 * a waiver), and every entry of a scenario that did not run. New entries are dated `today`.
 */
export function updateBaseline(run: RunResult, previous: Baseline | undefined, today: string): BaselineUpdate {
  const before = new Map((previous?.entries ?? []).map((e) => [e.id, e]));
  const ran = ranScenarios(run);
  const update: BaselineUpdate = { baseline: { formatVersion: BASELINE_FORMAT_VERSION, entries: [] }, added: [], removed: [], kept: [], untouched: [] };
  const stillFailing = new Set<string>();
  for (const scenario of ran.values()) {
    for (const c of scenarioCases(scenario).filter(isFailing)) {
      const id = entryId(scenario.id, c.name);
      stillFailing.add(id);
      const existing = before.get(id);
      if (existing) {
        update.kept.push(existing);
        continue;
      }
      update.added.push({
        id,
        scenario: scenario.id,
        check: c.name,
        status: c.status === 'errored' ? 'errored' : 'failed',
        message: shorten(oneLine(caseMessage(c))),
        reason: `recorded by --update-baseline on ${today}; say why this failure is accepted`,
        firstSeen: today,
      });
    }
  }
  for (const entry of previous?.entries ?? []) {
    if (!ran.has(entry.scenario)) update.untouched.push(entry);
    else if (!stillFailing.has(entry.id)) update.removed.push(entry);
  }
  update.baseline.entries = [...update.kept, ...update.added, ...update.untouched].sort(compareEntries);
  return update;
}

/** `baseline: 3 added, 1 removed (fixed), 12 kept`, naming the kept entries whose scenarios did not run. */
export function updateSummary(update: BaselineUpdate): string {
  const kept = update.kept.length + update.untouched.length;
  const notRun = update.untouched.length > 0 ? ` (${update.untouched.length} of scenarios that did not run)` : '';
  return `baseline: ${update.added.length} added, ${update.removed.length} removed (fixed), ${kept} kept${notRun}`;
}

function shorten(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}
