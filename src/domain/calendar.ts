// Which days election timetables do not count. Local Elections (Principal Areas) (England and Wales)
// Rules 2006 r.2: Saturday, Sunday, Christmas Eve, Christmas Day, Good Friday, a bank holiday in that
// part of the UK, and a day appointed for public thanksgiving or mourning. RPA 1983 Sch 1 r.2 has the
// same list for UK Parliamentary elections but counts a bank holiday in *any* part of the UK (House of
// Commons Library CBP-8728: "a bank holiday in one part of the UK is disregarded in the whole of the
// UK"), so those polls count on the union of the three divisions' calendars.
import { projectedBankHolidays, PROJECTION_YEARS } from "./projected-holidays";
import { addDays, dayNumber, isoDate, weekday, type IsoDate } from "./dates";

export const DIVISIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;
export type Division = (typeof DIVISIONS)[number];
/** The calendar a timetable counts on: one division's, or every division's bank holidays at once. */
export type CalendarScope = Division | "united-kingdom";

export interface BankHolidayEvent {
  title: string;
  date: IsoDate;
  notes: string;
  bunting: boolean;
}

export type BankHolidayFile = Record<Division, { division: Division; events: BankHolidayEvent[] }>;

export interface AppointedDay {
  date: IsoDate;
  title: string;
  divisions: Division[];
}

/** Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export class OutOfCalendarRange extends Error {
  constructor(
    readonly date: IsoDate,
    readonly coverage: { first: IsoDate; last: IsoDate },
  ) {
    super(`${date} is outside the bank-holiday data (${coverage.first} to ${coverage.last})`);
  }
}

export interface CalendarOptions {
  /**
   * Scottish council elections also skip Easter Monday though it is not a Scottish bank holiday
   * (SSI 2011/399; the 2022 close of nominations, Wed 30 Mar, only comes out so: RULES.md §1).
   */
  easterMonday?: boolean;
}

/** One division's disregarded days, over the years its bank-holiday data covers. */
export class WorkingDayCalendar {
  readonly coverage: { first: IsoDate; last: IsoDate };
  private readonly first: number;
  private readonly last: number;

  constructor(
    readonly division: CalendarScope,
    private readonly bankHolidays: ReadonlyMap<IsoDate, string>,
    private readonly appointed: ReadonlyMap<IsoDate, string>,
    years: { first: number; last: number },
    private readonly options: CalendarOptions = {},
  ) {
    this.coverage = { first: `${years.first}-01-01`, last: `${years.last}-12-31` };
    this.first = dayNumber(this.coverage.first);
    this.last = dayNumber(this.coverage.last);
  }

  withOptions(options: CalendarOptions): WorkingDayCalendar {
    const years = { first: Number(this.coverage.first.slice(0, 4)), last: Number(this.coverage.last.slice(0, 4)) };
    return new WorkingDayCalendar(this.division, this.bankHolidays, this.appointed, years, options);
  }

  covers(date: IsoDate): boolean {
    const n = dayNumber(date);
    return n >= this.first && n <= this.last;
  }

  /** Why the day is not counted, or null when it is a working day. */
  disregarded(date: IsoDate): string | null {
    if (!this.covers(date)) throw new OutOfCalendarRange(date, this.coverage);
    const dow = weekday(date);
    if (dow === 6) return "Saturday";
    if (dow === 0) return "Sunday";
    const md = date.slice(5);
    if (md === "12-24") return "Christmas Eve";
    if (md === "12-25") return "Christmas Day";
    const easter = easterSunday(Number(date.slice(0, 4)));
    if (date === addDays(easter, -2)) return "Good Friday";
    const holiday = this.bankHolidays.get(date);
    if (holiday) return `bank holiday (${holiday})`;
    const appointed = this.appointed.get(date);
    if (appointed) return `day of public thanksgiving or mourning (${appointed})`;
    if (this.options.easterMonday && date === addDays(easter, 1)) return "Easter Monday";
    return null;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.disregarded(date) === null;
  }

  /** The day that is `n` working days before `date` (the day itself not counted). */
  workingDaysBefore(date: IsoDate, n: number): IsoDate {
    let day = dayNumber(date);
    let counted = 0;
    while (counted < n) {
      day -= 1;
      if (this.isWorkingDay(isoDate(day))) counted += 1;
    }
    return isoDate(day);
  }

  /** The day that is `n` working days after `date` (the day itself not counted). */
  workingDaysAfter(date: IsoDate, n: number): IsoDate {
    let day = dayNumber(date);
    let counted = 0;
    while (counted < n) {
      day += 1;
      if (this.isWorkingDay(isoDate(day))) counted += 1;
    }
    return isoDate(day);
  }

  /** The day itself if it is a working day, otherwise the next one. */
  onOrNextWorkingDay(date: IsoDate): IsoDate {
    let day = dayNumber(date);
    while (!this.isWorkingDay(isoDate(day))) day += 1;
    return isoDate(day);
  }
}

export interface HolidayData {
  bankHolidays: Record<Division, Map<IsoDate, string>>;
  /** The years the calendar covers: the published data, then PROJECTION_YEARS projected by rule. */
  years: Record<Division, { first: number; last: number }>;
  /** The years gov.uk's published data (bundled or uploaded) covers. */
  published: Record<Division, { first: number; last: number }>;
  appointed: AppointedDay[];
}

/**
 * Bundled data overlaid with uploads: for each division, the years an upload covers replace those
 * years of the bundled file; other years are kept.
 */
export function buildHolidayData(
  bundled: BankHolidayFile,
  uploads: { division: Division; event: BankHolidayEvent }[],
  appointed: AppointedDay[],
): HolidayData {
  const bankHolidays = {} as HolidayData["bankHolidays"];
  const years = {} as HolidayData["years"];
  const published = {} as HolidayData["published"];
  for (const division of DIVISIONS) {
    const uploadedHere = uploads.filter((u) => u.division === division).map((u) => u.event);
    const replacedYears = new Set(uploadedHere.map((e) => Number(e.date.slice(0, 4))));
    const events = [
      ...bundled[division].events.filter((e) => !replacedYears.has(Number(e.date.slice(0, 4)))),
      ...uploadedHere,
    ];
    bankHolidays[division] = new Map(events.map((e) => [e.date, e.title]));
    const ys = events.map((e) => Number(e.date.slice(0, 4)));
    published[division] = { first: Math.min(...ys), last: Math.max(...ys) };
    // After the published data, the days the standing rules make (src/domain/projected-holidays.ts).
    for (let y = published[division].last + 1; y <= published[division].last + PROJECTION_YEARS; y++) {
      for (const h of projectedBankHolidays(division, y)) bankHolidays[division].set(h.date, `${h.title} (projected)`);
    }
    years[division] = { first: published[division].first, last: published[division].last + PROJECTION_YEARS };
  }
  return { bankHolidays, years, published, appointed };
}

const unions = new WeakMap<
  HolidayData,
  { bankHolidays: Map<IsoDate, string>; years: { first: number; last: number } }
>();

/**
 * Every division's bank holidays in one map (titles name the division when they differ), over the
 * years every division covers. Built once per HolidayData.
 */
function unionOf(data: HolidayData) {
  let union = unions.get(data);
  if (!union) {
    const bankHolidays = new Map<IsoDate, string>();
    for (const division of DIVISIONS) {
      for (const [date, title] of data.bankHolidays[division]) {
        const prev = bankHolidays.get(date);
        const named = `${title}, ${division}`;
        bankHolidays.set(date, prev ? `${prev}; ${named}` : named);
      }
    }
    const years = {
      first: Math.max(...DIVISIONS.map((d) => data.years[d].first)),
      last: Math.min(...DIVISIONS.map((d) => data.years[d].last)),
    };
    union = { bankHolidays, years };
    unions.set(data, union);
  }
  return union;
}

export function calendarFor(
  data: HolidayData,
  scope: CalendarScope,
  options: CalendarOptions = {},
): WorkingDayCalendar {
  const inScope = (a: AppointedDay) => scope === "united-kingdom" || a.divisions.includes(scope);
  const appointed = new Map(data.appointed.filter(inScope).map((a) => [a.date, a.title]));
  if (scope === "united-kingdom") {
    const union = unionOf(data);
    return new WorkingDayCalendar(scope, union.bankHolidays, appointed, union.years, options);
  }
  return new WorkingDayCalendar(scope, data.bankHolidays[scope], appointed, data.years[scope], options);
}

export interface CalendarDataAge {
  /** When the bundled gov.uk file was taken. */
  bundledTaken: IsoDate;
  /** The last year every division's data covers, uploads included. */
  lastYear: number;
  lastYearByDivision: Record<Division, number>;
  /** Set when the published data ends within 18 months of `today`: later dates use projected bank holidays. */
  warning: string | null;
}

/** How old the bank-holiday data is and whether it is running out (the 18 months a timetable can look ahead). */
export function calendarDataAge(data: HolidayData, bundledTaken: IsoDate, today: IsoDate): CalendarDataAge {
  const lastYearByDivision = Object.fromEntries(DIVISIONS.map((d) => [d, data.published[d].last])) as Record<
    Division,
    number
  >;
  const lastYear = Math.min(...Object.values(lastYearByDivision));
  const [y, m, d] = today.split("-").map(Number);
  const horizon = new Date(Date.UTC(y, m - 1 + 18, d)).toISOString().slice(0, 10);
  const warning =
    `${lastYear}-12-31` < horizon
      ? `The published bank-holiday data ends on ${lastYear}-12-31, within 18 months of ${today}: later dates use bank holidays projected from the statutory rules, which cannot know a one-off day. Upload gov.uk's newer file (PUT /v1/calendars/bank-holidays).`
      : null;
  return { bundledTaken, lastYear, lastYearByDivision, warning };
}
