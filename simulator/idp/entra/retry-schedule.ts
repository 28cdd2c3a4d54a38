/**
 * Entra's retry series after a failure (E-QUAR "Retry duration"): 6 h, 12 h and 24 h after the
 * first failure, then every 24 h, for 28 days; then the escrow entry is removed. While the job is
 * quarantined its cycles follow the same series ("gradually reduced to once per day"), and a job
 * still quarantined after four weeks is disabled.
 */
const HOUR = 3600_000;
export const RETRY_OFFSETS_MS = [6 * HOUR, 12 * HOUR, 24 * HOUR];
export const RETRY_WINDOW_MS = 28 * 24 * HOUR;

/** The first retry strictly after `now`, counted from the first failure; undefined past the 28 days. */
export function nextRetryAfter(firstFailureAt: Date, now: Date): Date | undefined {
  const elapsed = now.getTime() - firstFailureAt.getTime();
  let offset = RETRY_OFFSETS_MS.find((candidate) => candidate > elapsed);
  if (offset === undefined) offset = (Math.floor(elapsed / (24 * HOUR)) + 1) * 24 * HOUR;
  return offset > RETRY_WINDOW_MS ? undefined : new Date(firstFailureAt.getTime() + offset);
}

/**
 * The escrow-proportion rules of E-QUAR, as documented, with its worked examples (retry-schedule.test.ts):
 * 4 000 failures → no quarantine; 5 000 → evaluated; 45 000 failed → quarantine (> 40 000);
 * 30 000 failed + 5 000 succeeded → quarantine (> 40 %); 20 000 failed + 100 000 succeeded → none;
 * 40 000 failed + 21 000 manager updates failed = 61 000 → quarantine (> 60 000 absolute).
 * Reference failures count only toward the 60 000. `events` = every provisioning event, failed or not.
 */
export function escrowThresholdVerdict(counts: { failures: number; referenceFailures: number; events: number }): 'EncounteredEscrowProportionThreshold' | 'EncounteredTotalEscrowThreshold' | undefined {
  if (counts.failures + counts.referenceFailures > 60_000) return 'EncounteredTotalEscrowThreshold';
  if (counts.failures < 5_000) return undefined;
  if (counts.failures > 40_000) return 'EncounteredEscrowProportionThreshold';
  return counts.events > 0 && counts.failures / counts.events > 0.4 ? 'EncounteredEscrowProportionThreshold' : undefined;
}
