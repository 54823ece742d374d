// UK time in words for the pages (GOV.UK style): "1 July 2027 at 9:30am", "21 January 2027", "midday".
import { londonOffsetMinutes } from "../../domain/london-time";
import { parseIsoDate } from "../../domain/dates";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "21 January 2027" from "2027-01-21" (or from an instant, as its London date). */
export function ukDate(value: string | null | undefined): string {
  if (!value) return "";
  if (value.length > 10) return ukDateTime(value).replace(/ at .*$/, "");
  if (parseIsoDate(value) === null) return value;
  const [y, m, d] = value.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "9:30am", "midday", "midnight". */
export function ukClock(hours: number, minutes: number): string {
  if (minutes === 0 && hours === 12) return "midday";
  if (minutes === 0 && hours === 0) return "midnight";
  const h = hours % 12 === 0 ? 12 : hours % 12;
  return `${h}:${String(minutes).padStart(2, "0")}${hours < 12 ? "am" : "pm"}`;
}

/** The London wall-clock parts of an instant. */
export function londonParts(instant: string | Date) {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const local = new Date(ms + londonOffsetMinutes(ms) * 60_000);
  return {
    date: local.toISOString().slice(0, 10),
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
  };
}

/** "1 July 2027 at 9:30am" (UK time) from an ISO instant. */
export function ukDateTime(instant: string | null | undefined): string {
  if (!instant) return "";
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const p = londonParts(new Date(ms));
  return `${ukDate(p.date)} at ${ukClock(p.hours, p.minutes)}`;
}

/** "January 2027" from "2027-01". */
export function ukMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** Free text from the service (titles, reasons) with any ISO instants and dates put into words. */
export function inWords(text: string): string {
  return (
    text
      // The e-mails' "2027-07-01 08:30 UTC" (src/domain/notifications.ts), read on a page as UK time.
      .replace(/\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\b/g, (_, d, t) => ukDateTime(`${d}T${t}:00Z`))
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, (t) => ukDateTime(t))
      .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => ukDate(d))
  );
}
