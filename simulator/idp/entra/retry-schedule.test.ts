import { describe, expect, test } from 'vitest';
import { RETRY_OFFSETS_MS, RETRY_WINDOW_MS, escrowThresholdVerdict, nextRetryAfter } from './retry-schedule.js';

/**
 * The retry series and the escrow thresholds, against E-QUAR's own words and every worked example
 * of its "Escrow thresholds" section. Covers research §2.3 "Escrow and retry" (6 h, 12 h, 24 h after
 * the first failure, then every 24 h, for 28 days) and "Quarantine" (evaluation from 5 000
 * failures; > 40 % of events or > 40 000 failures, reference failures excluded; an absolute cap of
 * 60 000 including reference failures).
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const first = new Date('2026-01-05T09:00:00Z');
const at = (ms: number) => new Date(first.getTime() + ms);
const after = (ms: number) => {
  const next = nextRetryAfter(first, at(ms));
  return next === undefined ? undefined : (next.getTime() - first.getTime()) / HOUR;
};

describe('nextRetryAfter (E-QUAR "Retry duration")', () => {
  test('the constants are the documented ones', () => {
    expect(RETRY_OFFSETS_MS).toEqual([6 * HOUR, 12 * HOUR, 24 * HOUR]);
    expect(RETRY_WINDOW_MS).toBe(28 * DAY);
  });

  test('following the series from the first failure: 6 h, 12 h, 24 h, then every 24 h up to day 28, then nothing', () => {
    const series: number[] = [];
    let now = 0;
    for (;;) {
      const next = after(now);
      if (next === undefined) break;
      series.push(next);
      now = next * HOUR;
    }
    expect(series).toEqual([6, 12, 24, ...Array.from({ length: 27 }, (_, i) => 24 * (i + 2))]);
    expect(series.at(-1)).toBe(28 * 24);
  });

  test.each<[string, number, number | undefined]>([
    ['at the first failure', 0, 6],
    ['an hour later', 1 * HOUR, 6],
    ['just before 6 h', 6 * HOUR - 1, 6],
    ['at 6 h (the first retry failed)', 6 * HOUR, 12],
    ['at 12 h', 12 * HOUR, 24],
    ['at 13 h', 13 * HOUR, 24],
    ['at 24 h', 24 * HOUR, 48],
    ['at 25 h', 25 * HOUR, 48],
    ['at 47 h 59', 48 * HOUR - 60_000, 48],
    ['at day 27', 27 * DAY, 28 * 24],
    ['at day 27 + 1 h', 27 * DAY + HOUR, 28 * 24],
    ['at day 28: the 28 days are over', 28 * DAY, undefined],
    ['at day 40', 40 * DAY, undefined],
  ])('%s → %s h', (_when, elapsed, expected) => {
    expect(after(elapsed)).toBe(expected);
  });
});

describe('escrowThresholdVerdict (E-QUAR "Escrow thresholds")', () => {
  /** `events`: every provisioning event, failed or not. */
  const verdict = (failures: number, successes: number, referenceFailures = 0) => escrowThresholdVerdict({ failures, referenceFailures, events: failures + successes });

  test('"a job with 4,000 failures wouldn\'t go into quarantine" (even if everything failed)', () => {
    expect(verdict(4_000, 0)).toBeUndefined();
    expect(verdict(4_999, 0)).toBeUndefined();
  });

  test('"a job with 5,000 failures would trigger an evaluation": quarantined when they are over 40 %, not when under', () => {
    expect(verdict(5_000, 0)).toBe('EncounteredEscrowProportionThreshold');
    expect(verdict(5_000, 95_000)).toBeUndefined();
  });

  test('"45,000 users were unsuccessfully provisioned … exceeds the 40,000 threshold", whatever the proportion', () => {
    expect(verdict(45_000, 0)).toBe('EncounteredEscrowProportionThreshold');
    expect(verdict(45_000, 1_000_000)).toBe('EncounteredEscrowProportionThreshold');
  });

  test('"30,000 users failed provisioning and 5,000 were successful … exceeds the 40% threshold and 5,000 minimum"', () => {
    expect(verdict(30_000, 5_000)).toBe('EncounteredEscrowProportionThreshold');
  });

  test('"20,000 failures and 100,000 success wouldn\'t go into quarantine"', () => {
    expect(verdict(20_000, 100_000)).toBeUndefined();
  });

  test('"40,000 users failed to be provisioned and 21,000 manager updates failed. The total is 61,000 … exceeds the 60,000 limit"', () => {
    expect(verdict(40_000, 1_000_000, 21_000)).toBe('EncounteredTotalEscrowThreshold');
  });

  test('"more than": exactly 40 %, exactly 40,000 and exactly 60,000 do not quarantine', () => {
    expect(verdict(8_000, 12_000)).toBeUndefined();
    expect(verdict(8_001, 12_000)).toBe('EncounteredEscrowProportionThreshold');
    expect(verdict(40_000, 1_000_000)).toBeUndefined();
    expect(verdict(40_001, 1_000_000)).toBe('EncounteredEscrowProportionThreshold');
    expect(verdict(30_000, 1_000_000, 30_000)).toBeUndefined();
    expect(verdict(30_000, 1_000_000, 30_001)).toBe('EncounteredTotalEscrowThreshold');
  });

  test('"Reference failures won\'t be counted as part of the 40% threshold or 40,000 threshold"', () => {
    // 55 % if the references counted; 18 % without them.
    expect(verdict(10_000, 45_000, 45_000)).toBeUndefined();
    // Over 40,000 with the references, 30,000 without.
    expect(verdict(30_000, 1_000_000, 25_000)).toBeUndefined();
    // Under the 5,000 minimum without them.
    expect(verdict(4_000, 0, 50_000)).toBeUndefined();
  });
});
