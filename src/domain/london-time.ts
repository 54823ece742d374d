// Europe/London wall-clock time ↔ UTC instants, from the statutory rule rather than a tz database:
// British Summer Time runs from 01:00 UTC on the last Sunday in March to 01:00 UTC on the last
// Sunday in October (Summer Time Act 1972 s.1, as varied by the Summer Time Order 2002, SI 2002/262).
// Pure and fast; test/domain/london-time.test.ts checks it against Intl's Europe/London.
import { dayNumber, isoDate, type IsoDate } from "./dates";

function lastSundayDay(year: number, month: number): number {
  const lastDay = Date.UTC(year, month, 0) / 86_400_000; // month is 1-based: day 0 of next month
  const dow = (((lastDay + 4) % 7) + 7) % 7;
  return lastDay - dow;
}

/** The instant (ms) at which BST begins and ends in a year. */
export function bstBounds(year: number): { start: number; end: number } {
  return {
    start: lastSundayDay(year, 3) * 86_400_000 + 3_600_000,
    end: lastSundayDay(year, 10) * 86_400_000 + 3_600_000,
  };
}

export function londonOffsetMinutes(instantMs: number): number {
  const y = new Date(instantMs).getUTCFullYear();
  const { start, end } = bstBounds(y);
  return instantMs >= start && instantMs < end ? 60 : 0;
}

/**
 * The UTC instant of a London wall-clock time on a date. In the hour the clocks skip (01:00–02:00 on
 * the spring Sunday) the time is read as GMT; in the hour that repeats in autumn, as the first (BST).
 * Election deadlines (00:00, 16:00, 17:00, 22:00) never fall in either.
 */
export function londonToUtc(date: IsoDate, hours = 0, minutes = 0): Date {
  const asGmt = dayNumber(date) * 86_400_000 + (hours * 60 + minutes) * 60_000;
  const bst = asGmt - 3_600_000;
  if (londonOffsetMinutes(bst) === 60) return new Date(bst);
  return new Date(asGmt);
}

/** The London calendar date of an instant. */
export function londonDate(instant: Date): IsoDate {
  const ms = instant.getTime() + londonOffsetMinutes(instant.getTime()) * 60_000;
  return isoDate(Math.floor(ms / 86_400_000));
}
