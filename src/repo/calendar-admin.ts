import { eq } from "drizzle-orm";
import { appointedDays, bankHolidayUploads } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { ApiError } from "../lib/problem";
import { DIVISIONS, type BankHolidayEvent, type BankHolidayFile, type Division } from "../domain/calendar";
import { commit, type Actor } from "./audit";
import { holidayData, BUNDLED_BANK_HOLIDAYS } from "./calendar-data";
import { invalidateCalendars } from "./purdah-index";
import { clock } from "../lib/clock";

/** The bank holidays in force, in gov.uk's shape, each division with the years it covers. */
export async function currentBankHolidays(d1: D1Database): Promise<
  BankHolidayFile & {
    coverage: Record<Division, { first: number; last: number }>;
    projectedThrough: Record<Division, { first: number; last: number }>;
  }
> {
  const data = await holidayData(d1, { fresh: true });
  const uploads = await dbOf(d1).select().from(bankHolidayUploads);
  const out = {} as BankHolidayFile;
  for (const division of DIVISIONS) {
    const uploaded = uploads.filter((u) => u.division === division);
    const years = new Set(uploaded.map((u) => u.date.slice(0, 4)));
    const events: BankHolidayEvent[] = [
      ...BUNDLED_BANK_HOLIDAYS[division].events.filter((e) => !years.has(e.date.slice(0, 4))),
      ...uploaded.map((u) => ({ title: u.title, date: u.date, notes: u.notes, bunting: u.bunting })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    out[division] = { division, events };
  }
  // coverage: the published years; projectedThrough: the last year bank holidays are projected by rule.
  return { ...out, coverage: data.published, projectedThrough: data.years };
}

/**
 * Replaces, for each division, the years the uploaded gov.uk file covers. Validated as a whole by the
 * route's schema before this runs; written in one batch, so a failure changes nothing.
 */
export async function uploadBankHolidays(d1: D1Database, actor: Actor, file: BankHolidayFile) {
  const db = dbOf(d1);
  const uploadedAt = clock.iso();
  const writes: D1PreparedStatement[] = [];
  const summary: Record<string, { years: number[]; events: number }> = {};
  for (const division of DIVISIONS) {
    const events = file[division].events;
    const years = [...new Set(events.map((e) => Number(e.date.slice(0, 4))))].sort();
    summary[division] = { years, events: events.length };
    for (const y of years) {
      writes.push(
        d1.prepare("DELETE FROM bank_holiday_uploads WHERE division = ? AND date LIKE ?").bind(division, `${y}-%`),
      );
    }
    for (const e of events) {
      writes.push(
        toD1(
          d1,
          db.insert(bankHolidayUploads).values({
            division,
            date: e.date,
            title: e.title,
            notes: e.notes ?? "",
            bunting: e.bunting ?? false,
            uploadedAt,
          }),
        ),
      );
    }
  }
  await commit(d1, actor, writes, [
    { action: "calendar.bank_holidays_uploaded", subjectType: "calendar", subjectId: "bank-holidays", after: summary },
  ]);
  invalidateCalendars(d1);
  return { uploadedAt, divisions: summary };
}

export interface AppointedDayInput {
  date: string;
  title: string;
  divisions: Division[];
  source: string;
}

export async function listAppointedDays(d1: D1Database) {
  return (await dbOf(d1).select().from(appointedDays))
    .map((r) => ({ ...r, divisions: JSON.parse(r.divisions) as Division[] }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export async function addAppointedDay(d1: D1Database, actor: Actor, input: AppointedDayInput) {
  const row = { ...input, divisions: JSON.stringify([...new Set(input.divisions)].sort()), createdAt: clock.iso() };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(appointedDays).values(row))],
    [{ action: "calendar.appointed_day_added", subjectType: "appointed_day", subjectId: input.date, after: input }],
  ).catch((err) => {
    if (String(err?.message).includes("appointed_days.date")) {
      throw new ApiError("conflict", `${input.date} is already recorded.`, {
        errors: [{ in: "body", pointer: "/date", detail: "Already recorded.", code: "duplicate" }],
      });
    }
    throw err;
  });
  invalidateCalendars(d1);
  return { ...input, createdAt: row.createdAt };
}

export async function removeAppointedDay(d1: D1Database, actor: Actor, date: string) {
  const [before] = await dbOf(d1).select().from(appointedDays).where(eq(appointedDays.date, date));
  if (!before) throw new ApiError("not_found", `No appointed day on ${date}.`);
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).delete(appointedDays).where(eq(appointedDays.date, date)))],
    [{ action: "calendar.appointed_day_removed", subjectType: "appointed_day", subjectId: date, before }],
    { onlyIfChanged: true },
  );
  invalidateCalendars(d1);
}
