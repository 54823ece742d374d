import bundledFile from "../../calendars/bank-holidays.json";
import bundledSource from "../../calendars/bank-holidays.source.json";
import {
  buildHolidayData,
  calendarDataAge,
  type CalendarDataAge,
  type AppointedDay,
  type BankHolidayFile,
  type Division,
  type HolidayData,
} from "../domain/calendar";
import { clock } from "../lib/clock";
import { londonDate } from "../domain/london-time";

export const BUNDLED_BANK_HOLIDAYS = bundledFile as BankHolidayFile;

// Bank holidays change a few times a year; reading them from D1 on every request would cost more than
// the arithmetic. Each isolate keeps them for a short time; a write in this isolate drops them at once,
// other isolates see it within TTL_MS.
export const TTL_MS = 30_000;

interface Cached {
  at: number;
  data: HolidayData;
}

const cache = new WeakMap<D1Database, Cached>();

export function invalidateHolidayData(d1: D1Database): void {
  cache.delete(d1);
}

export async function loadHolidayData(d1: D1Database): Promise<HolidayData> {
  const [uploads, appointed] = await d1.batch([
    d1.prepare("SELECT division, date, title, notes, bunting FROM bank_holiday_uploads"),
    d1.prepare("SELECT date, title, divisions FROM appointed_days"),
  ]);
  return buildHolidayData(
    BUNDLED_BANK_HOLIDAYS,
    (uploads.results as { division: Division; date: string; title: string; notes: string; bunting: number }[]).map(
      (r) => ({
        division: r.division,
        event: { date: r.date, title: r.title, notes: r.notes, bunting: Boolean(r.bunting) },
      }),
    ),
    (appointed.results as { date: string; title: string; divisions: string }[]).map(
      (r): AppointedDay => ({ date: r.date, title: r.title, divisions: JSON.parse(r.divisions) }),
    ),
  );
}

/** The bank holidays and appointed days in force, cached per isolate for up to TTL_MS. */
export async function holidayData(d1: D1Database, opts: { fresh?: boolean } = {}): Promise<HolidayData> {
  const hit = cache.get(d1);
  if (!opts.fresh && hit && clock.ms() - hit.at < TTL_MS) return hit.data;
  const data = await loadHolidayData(d1);
  cache.set(d1, { at: clock.ms(), data });
  return data;
}

/** The age of the bank-holiday data in force, and a warning when it runs out within 18 months. */
export async function holidayDataAge(d1: D1Database): Promise<CalendarDataAge> {
  return calendarDataAge(await holidayData(d1), bundledSource.taken, londonDate(clock.now()));
}
