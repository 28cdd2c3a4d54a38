/** Process exit codes: CI gates on these, so they never change meaning. */
export const EXIT_OK = 0;
/** At least one check failed or errored against the target. */
export const EXIT_FAILURES = 1;
/** No verdict: bad flags, a bad scenario file, no scenarios matched, or an unreachable target. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

export { UsageError } from '../api/usage-error.js';
