/** Process exit codes: CI gates on these, so they never change meaning. */
export const EXIT_OK = 0;
/** At least one check failed or errored against the target. */
export const EXIT_FAILURES = 1;
/** No verdict: bad flags, a bad scenario file, no scenarios matched, or an unreachable target. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

/** A problem that ends the command with EXIT_USAGE and one clear message. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
