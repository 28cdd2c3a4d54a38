/** `YYYY-MM-DD` for a real day of the Gregorian calendar (no 2026-02-30, no 2026-13-01). */
export function isCalendarDate(text: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March: a real date survives the round trip unchanged.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in UTC as `YYYY-MM-DD`: expiry is judged the same on every CI runner. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
