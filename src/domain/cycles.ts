// Ordinary elections generated from a council's cycle, an RFC 5545 RRULE (RULES.md §1): all-out
// `FREQ=YEARLY;INTERVAL=4;BYMONTH=5;BYDAY=1TH`, by thirds `FREQ=YEARLY;BYMONTH=5;BYDAY=1TH` with the
// county year as an exception date, by halves `FREQ=YEARLY;INTERVAL=2;BYMONTH=5;BYDAY=1TH`.
import * as rruleModule from "rrule";
import { parseIsoDate, type IsoDate } from "./dates";
import { DomainError } from "./errors";

// rrule ships ES modules to bundlers (the Worker) and CommonJS to Node (the seed script).
const rruleNs = rruleModule as unknown as Record<string, typeof rruleModule | undefined>;
const rrulestr = rruleModule.rrulestr ?? rruleNs[["de", "fault"].join("")]!.rrulestr;

const compact = (iso: IsoDate) => iso.replace(/-/g, "");

/** Poll dates of the cycle in [from, to], without its exception dates. */
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const intIn = (lo: number, hi: number, signed: boolean) => (v: string) => {
  if (!(signed ? /^[+-]?\d{1,3}$/ : /^\d{1,4}$/).test(v)) return false;
  const n = Math.abs(Number(v));
  return n >= lo && n <= hi;
};
const listOf = (ok: (v: string) => boolean) => (v: string) => v.split(",").every((x) => x !== "" && ok(x));
/** RFC 5545 §3.3.10: each part's values, as far as a yearly election cycle can use them. */
const PARTS: Record<string, (v: string) => boolean> = {
  FREQ: (v) => v === "YEARLY",
  INTERVAL: intIn(1, 1000, false),
  COUNT: intIn(1, 1000, false),
  UNTIL: (v) =>
    /^\d{8}(T\d{6}Z?)?$/.test(v) && parseIsoDate(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`) !== null,
  BYMONTH: listOf(intIn(1, 12, false)),
  BYMONTHDAY: listOf(intIn(1, 31, true)),
  BYYEARDAY: listOf(intIn(1, 366, true)),
  BYWEEKNO: listOf(intIn(1, 53, true)),
  BYSETPOS: listOf(intIn(1, 366, true)),
  BYDAY: listOf((v) => {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(v);
    return !!m && (m[1] === undefined || intIn(1, 53, true)(m[1]));
  }),
  WKST: (v) => WEEKDAYS.includes(v),
};

/** Refuses what the RRULE library would quietly accept: unknown parts, repeats, out-of-range values. */
function checkRrule(rrule: string): void {
  const seen = new Set<string>();
  for (const part of rrule.split(";")) {
    const [key, value, extra] = part.split("=");
    const check = PARTS[key];
    if (!check || value === undefined || extra !== undefined)
      throw new DomainError("invalid", "rrule", `'${part}' is not a part of an RRULE that election cycles use.`);
    if (seen.has(key)) throw new DomainError("invalid", "rrule", `${key} is given twice.`);
    seen.add(key);
    if (!check(value)) throw new DomainError("invalid", "rrule", `${key}=${value} is out of range (RFC 5545 §3.3.10).`);
  }
  if (seen.has("COUNT") && seen.has("UNTIL"))
    throw new DomainError("invalid", "rrule", "Give COUNT or UNTIL, not both (RFC 5545 §3.3.10).");
}

export function cycleOccurrences(
  rule: { rrule: string; dtstart: IsoDate; exdates: IsoDate[] },
  from: IsoDate,
  to: IsoDate,
): IsoDate[] {
  if (/DTSTART|RRULE:|\n/i.test(rule.rrule))
    throw new DomainError(
      "invalid",
      "rrule",
      "Give the RRULE value alone (e.g. FREQ=YEARLY;INTERVAL=4;BYMONTH=5;BYDAY=1TH); DTSTART is its own field.",
    );
  if (!/^FREQ=YEARLY(;|$)/.test(rule.rrule))
    throw new DomainError("invalid", "rrule", "Election cycles repeat yearly: the RRULE must start FREQ=YEARLY.");
  checkRrule(rule.rrule);
  if (parseIsoDate(rule.dtstart) === null)
    throw new DomainError("invalid", "dtstart", `${rule.dtstart} is not a calendar date.`);
  let set: ReturnType<typeof rrulestr>;
  try {
    const text = [
      `DTSTART:${compact(rule.dtstart)}T000000Z`,
      `RRULE:${rule.rrule}`,
      ...rule.exdates.map((d) => `EXDATE:${compact(d)}T000000Z`),
    ].join("\n");
    set = rrulestr(text, { forceset: true });
  } catch (err) {
    throw new DomainError("invalid", "rrule", `Not a valid RRULE: ${(err as Error).message}`);
  }
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  return set.between(start, end, true).map((d) => d.toISOString().slice(0, 10));
}
