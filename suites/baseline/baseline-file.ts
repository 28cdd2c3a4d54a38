import { createHash } from 'node:crypto';
import type { CheckStatus } from '../model/result.js';

/** Bumped when a change would make old baseline files mean something else. */
export const BASELINE_FORMAT_VERSION = 1;

/** The conventional file name, as written by `--update-baseline` when no other is given. */
export const DEFAULT_BASELINE_FILE = 'conformance-baseline.json';

/**
 * One accepted failure. Identity is (scenario, check); `status` and `message` record what the
 * failure looked like when it was recorded and take no part in matching.
 */
export interface BaselineEntry {
  /** First 8 hex digits of sha256(scenario + "\0" + check): see `entryId`. */
  id: string;
  /** The scenario's id, e.g. `core/04-users-create`. */
  scenario: string;
  /** The case's report name as `scenarioCases` names it, e.g. `Create the user › expect.status`. */
  check: string;
  status: Extract<CheckStatus, 'failed' | 'errored'>;
  message?: string;
  /** Why this failure is accepted: required, so a waiver always says why it exists. */
  reason: string;
  /** `YYYY-MM-DD`, the day the entry was first recorded. */
  firstSeen: string;
  /** `YYYY-MM-DD`; the entry matches through the end of that day (UTC), then stops matching. */
  expires?: string;
}

export interface Baseline {
  formatVersion: typeof BASELINE_FORMAT_VERSION;
  entries: BaselineEntry[];
}

/** The entry id of a case: stable as long as the scenario id and the case name are. */
export function entryId(scenario: string, check: string): string {
  return createHash('sha256').update(`${scenario}\u0000${check}`).digest('hex').slice(0, 8);
}

/** Orders entries by identity (scenario, then check), the order files are written in. */
export function compareEntries(a: Pick<BaselineEntry, 'scenario' | 'check'>, b: Pick<BaselineEntry, 'scenario' | 'check'>): number {
  return compareText(a.scenario, b.scenario) || compareText(a.check, b.check);
}

/** Code-unit order, not locale order: the file must sort the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
