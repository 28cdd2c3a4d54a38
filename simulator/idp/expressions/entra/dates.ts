import { formatDotnetDate, instantOf, offsetMinutes } from './dotnet-date-format.js';

/** How every Entra DateTime is rendered (CDate, Now, DateAdd, DateFromNum), in UTC (E-FUNC). */
export const ENTRA_DATE_FORMAT = 'M/d/yyyy h:mm:ss tt';

export function renderDate(date: Date): string {
  return formatDotnetDate(date, ENTRA_DATE_FORMAT);
}

const OFFSET = '(Z|[+-]\\d{2}(?::?\\d{2})?)?';
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?';
// ISO 8601 as the docs' examples write it, offset straight after the date included: "2020-03-16-07:00".
const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]${TIME})?\\s*${OFFSET}$`, 'i');
// The invariant culture's own form, which Entra renders and must read back: "8/25/2021 5:41:18 PM".
const INVARIANT = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:\\s+${TIME}(?:\\s*([AP]M))?)?\\s*${OFFSET}$`, 'i');

/**
 * Read a date/time string the way .NET `DateTime.Parse` (invariant culture) reads the forms the
 * docs use: ISO 8601 with or without time and offset, and `M/d/yyyy h:mm:ss tt`. research silent
 * on a value without an offset: it is taken as UTC, the provisioning service's time zone.
 * Returns undefined for anything else.
 */
export function parseDate(text: string): Date | undefined {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  const invariant = iso ? null : INVARIANT.exec(trimmed);
  const match = iso ?? invariant;
  if (!match) return undefined;
  const [year, month, day] = iso ? [match[1], match[2], match[3]] : [match[3], match[1], match[2]];
  const [hour, minute, second, fraction] = [match[4], match[5], match[6], match[7]];
  const meridiem = invariant ? match[8] : undefined;
  const offset = iso ? match[8] : match[9];
  let hours = Number(hour ?? 0);
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  try {
    return instantOf({
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: hours,
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
      millisecond: Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
      offset: offset === undefined ? 0 : offsetMinutes(offset),
    });
  } catch {
    return undefined;
  }
}

/** DateAdd and DateDiff intervals (E-FUNC), VBA's letters. */
export const INTERVALS = ['yyyy', 'm', 'd', 'ww', 'h', 'n', 's'] as const;
export type Interval = (typeof INTERVALS)[number];

export function isInterval(text: string): text is Interval {
  return (INTERVALS as readonly string[]).includes(text);
}

const MILLISECONDS: Readonly<Record<Exclude<Interval, 'yyyy' | 'm'>, number>> = {
  ww: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  n: 60_000,
  s: 1_000,
};

function daysInMonth(year: number, monthIndex: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, monthIndex + 1, 0);
  return lastDay.getUTCDate();
}

/** .NET `AddMonths`: the day is clamped to the target month's length (31 January + 1 month = 28 or 29 February). */
function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), daysInMonth(year, month)));
  return result;
}

export function addInterval(date: Date, interval: Interval, amount: number): Date {
  if (interval === 'yyyy') return addMonths(date, 12 * amount);
  if (interval === 'm') return addMonths(date, amount);
  return new Date(date.getTime() + amount * MILLISECONDS[interval]);
}

/**
 * VB's `DateDiff`: calendar years and months count boundaries crossed; days, hours, minutes and
 * seconds are whole elapsed units (truncated toward zero); `ww` counts weeks between the Sundays
 * starting each date's week. Checked against the docs' table (e.g. -3449 days, -493 weeks).
 */
export function diffInterval(interval: Interval, from: Date, to: Date): number {
  if (interval === 'yyyy') return to.getUTCFullYear() - from.getUTCFullYear();
  if (interval === 'm') return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
  if (interval === 'ww') {
    const sunday = (date: Date): number => date.getTime() - date.getUTCDay() * MILLISECONDS.d;
    return Math.trunc((sunday(to) - sunday(from)) / MILLISECONDS.ww);
  }
  return Math.trunc((to.getTime() - from.getTime()) / MILLISECONDS[interval]);
}

// Active Directory dates (accountExpires, lastLogonTimestamp) are Windows FILETIMEs: 100 ns ticks since 1601-01-01 UTC.
const FILETIME_EPOCH_MS = BigInt(Date.UTC(1601, 0, 1));
const TICKS_PER_MS = 10_000n;

export function toFileTime(date: Date): bigint {
  return (BigInt(date.getTime()) - FILETIME_EPOCH_MS) * TICKS_PER_MS;
}

export function fromFileTime(ticks: bigint): Date {
  return new Date(Number(ticks / TICKS_PER_MS + FILETIME_EPOCH_MS));
}
