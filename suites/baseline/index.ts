/** Baselines of known failures: load a file, match it against a run, rewrite it from a run. */
export { BASELINE_FORMAT_VERSION, DEFAULT_BASELINE_FILE, entryId, type Baseline, type BaselineEntry } from './baseline-file.js';
export { todayUtc } from './calendar-date.js';
export { formatBaseline } from './format-baseline.js';
export { BaselineFileError, loadBaseline, loadBaselineIfPresent, parseBaseline } from './load-baseline.js';
export { gateStatus, isLive, matchBaseline } from './match-baseline.js';
export { updateBaseline, updateSummary, type BaselineUpdate } from './update-baseline.js';
