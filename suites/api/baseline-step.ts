import { resolve } from 'node:path';
import { DEFAULT_BASELINE_FILE, formatBaseline, gateStatus, loadBaseline, loadBaselineIfPresent, matchBaseline, todayUtc, updateBaseline, updateSummary, type Baseline } from '../baseline/index.js';
import type { RunResult } from '../model/result.js';
import { writeFileAtomic } from '../../reports/output-file.js';
import { displayPath } from './display-path.js';

export interface BaselineOption {
  /** The baseline file; default `conformance-baseline.json`. */
  file?: string;
  /** Rewrite the file to this run's failures (keeping reasons and expiry dates) before judging. */
  update?: boolean;
}

/**
 * The baseline step of a run: the file is read (strictly: a bad file throws `BaselineFileError`
 * with file:line:col) before the first request; at the end the update is written, then the run is
 * judged against the baseline, so every reporter sees `RunResult.baseline`.
 */
export async function baselineStep(option: BaselineOption, cwd: string, notice: (message: string) => void): Promise<(run: RunResult) => Promise<RunResult>> {
  const path = resolve(cwd, option.file ?? DEFAULT_BASELINE_FILE);
  const shown = displayPath(path, cwd);
  const today = todayUtc();
  let baseline: Baseline | undefined = option.update ? await loadBaselineIfPresent(path) : await loadBaseline(path);
  return async (run) => {
    if (option.update && run.status === 'interrupted') {
      // A run stopped early would drop entries of the cases it never reached.
      notice(`baseline: not updated, the run was interrupted: ${shown} is unchanged`);
    } else if (option.update) {
      const updated = updateBaseline(run, baseline, today);
      await writeFileAtomic(path, formatBaseline(updated.baseline));
      notice(`${updateSummary(updated)}: wrote ${shown}`);
      baseline = updated.baseline;
    }
    if (!baseline) return run;
    const judged: RunResult = { ...run, baseline: matchBaseline(run, baseline, shown, today) };
    return { ...judged, status: gateStatus(judged) };
  };
}
