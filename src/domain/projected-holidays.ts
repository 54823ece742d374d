// Bank holidays for the years after the published data, projected from the rules that make them: the
// Banking and Financial Dealings Act 1971 Sch 1 and the standing royal proclamations (New Year's Day
// and Early May in England and Wales and Northern Ireland; 2 January and St Andrew's Day in Scotland;
// the Battle of the Boyne in Northern Ireland), with a day falling at a weekend moved to the next
// weekday that is not already a holiday (the substitute days gov.uk publishes). One-off days appointed
// by proclamation cannot be projected: the data-age warning asks for gov.uk's newer file.
import { addDays, weekday, type IsoDate } from "./dates";
import { easterSunday, type Division } from "./calendar";

/** How many years past the published data holidays are projected (two four-yearly cycles). */
export const PROJECTION_YEARS = 8;

const pad = (n: number) => String(n).padStart(2, "0");
const fixed = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;

/** The nth (1-based) Monday of a month, or the last when n is -1. */
function monday(year: number, month: number, n: number): IsoDate {
  if (n > 0) {
    let d = fixed(year, month, 1);
    while (weekday(d) !== 1) d = addDays(d, 1);
    return addDays(d, 7 * (n - 1));
  }
  let d = addDays(fixed(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  while (weekday(d) !== 1) d = addDays(d, -1);
  return d;
}

interface Rule {
  title: string;
  /** Fixed-date days move to a substitute weekday; the others always fall on a weekday. */
  date: (year: number) => IsoDate;
  substitute?: boolean;
}

const NEW_YEAR: Rule = { title: "New Year’s Day", date: (y) => fixed(y, 1, 1), substitute: true };
const GOOD_FRIDAY: Rule = { title: "Good Friday", date: (y) => addDays(easterSunday(y), -2) };
const EASTER_MONDAY: Rule = { title: "Easter Monday", date: (y) => addDays(easterSunday(y), 1) };
const EARLY_MAY: Rule = { title: "Early May bank holiday", date: (y) => monday(y, 5, 1) };
const SPRING: Rule = { title: "Spring bank holiday", date: (y) => monday(y, 5, -1) };
const CHRISTMAS: Rule = { title: "Christmas Day", date: (y) => fixed(y, 12, 25), substitute: true };
const BOXING: Rule = { title: "Boxing Day", date: (y) => fixed(y, 12, 26), substitute: true };

const RULES: Record<Division, Rule[]> = {
  "england-and-wales": [
    NEW_YEAR,
    GOOD_FRIDAY,
    EASTER_MONDAY,
    EARLY_MAY,
    SPRING,
    { title: "Summer bank holiday", date: (y) => monday(y, 8, -1) },
    CHRISTMAS,
    BOXING,
  ],
  scotland: [
    NEW_YEAR,
    { title: "2nd January", date: (y) => fixed(y, 1, 2), substitute: true },
    GOOD_FRIDAY,
    EARLY_MAY,
    SPRING,
    { title: "Summer bank holiday", date: (y) => monday(y, 8, 1) },
    { title: "St Andrew’s Day", date: (y) => fixed(y, 11, 30), substitute: true },
    CHRISTMAS,
    BOXING,
  ],
  "northern-ireland": [
    NEW_YEAR,
    { title: "St Patrick’s Day", date: (y) => fixed(y, 3, 17), substitute: true },
    GOOD_FRIDAY,
    EASTER_MONDAY,
    EARLY_MAY,
    SPRING,
    { title: "Battle of the Boyne (Orangemen’s Day)", date: (y) => fixed(y, 7, 12), substitute: true },
    { title: "Summer bank holiday", date: (y) => monday(y, 8, -1) },
    CHRISTMAS,
    BOXING,
  ],
};

/** One year's bank holidays in a division by the standing rules, substitute days included. */
export function projectedBankHolidays(division: Division, year: number): { date: IsoDate; title: string }[] {
  const taken = new Map<IsoDate, string>();
  const weekend = (d: IsoDate) => weekday(d) === 0 || weekday(d) === 6;
  const rules = RULES[division].map((r) => ({ ...r, on: r.date(year) }));
  // Days on a weekday first, so a substitute never lands on another holiday (1 and 2 January in Scotland).
  for (const r of rules) if (!r.substitute || !weekend(r.on)) taken.set(r.on, r.title);
  for (const r of rules.filter((x) => x.substitute && weekend(x.on))) {
    let d = addDays(r.on, 1);
    while (weekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.set(d, `${r.title} (substitute day)`);
  }
  return [...taken].map(([date, title]) => ({ date, title })).sort((a, b) => a.date.localeCompare(b.date));
}
