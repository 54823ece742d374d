// Calendar dates as ISO strings (YYYY-MM-DD) and as day numbers (days since 1970-01-01), the form
// the timetable arithmetic counts in. No time zones here: a date is a date.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

/** The day number of a real calendar date, or null for "2026-02-30" and other impossible dates. */
export function parseIsoDate(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

export function dayNumber(iso: IsoDate): number {
  const n = parseIsoDate(iso);
  if (n === null) throw new RangeError(`Not a calendar date: ${iso}`);
  return n;
}

export function isoDate(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoDate(dayNumber(iso) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: IsoDate): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function year(iso: IsoDate): number {
  return Number(iso.slice(0, 4));
}
