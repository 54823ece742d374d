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
