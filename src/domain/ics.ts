// An RFC 5545 calendar of pre-election windows and polling days, for Outlook and Google Calendar to
// subscribe to: CRLF line ends, TEXT escaping (§3.3.11), lines folded at 75 octets (§3.1) without
// splitting a UTF-8 character, and UIDs stable across fetches so subscribers update in place.
import type { PurdahWindow } from "./purdah";
import { addDays } from "./dates";

const encoder = new TextEncoder();

export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds one content line into chunks of at most 75 octets, continuation lines led by a space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function utcStamp(iso: string): string {
  return iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const dateValue = (iso: string) => iso.replace(/-/g, "");

export interface CalendarEntry {
  window: PurdahWindow | null;
  electionId: string;
  title: string;
  pollDate: string;
  updatedAt: string;
}

/**
 * `uidDomain` makes the UIDs globally unique and must not change between fetches or hosts (the same
 * feed read through another hostname is the same calendar): the council's own slug, not the Host.
 */
export function renderIcs(opts: { name: string; uidDomain: string; entries: CalendarEntry[] }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Council social media governance//Pre-election calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
    "X-PUBLISHED-TTL:PT6H",
  ];
  for (const e of opts.entries) {
    const stamp = utcStamp(new Date(e.updatedAt).toISOString());
    if (e.window) {
      const w = e.window;
      lines.push(
        "BEGIN:VEVENT",
        `UID:purdah-${e.electionId}@${opts.uidDomain}`,
        `DTSTAMP:${stamp}`,
        `DTSTART:${utcStamp(w.start)}`,
        `DTEND:${utcStamp(w.end)}`,
        `SUMMARY:${escapeText(`Pre-election period: ${e.title}`)}`,
        `DESCRIPTION:${escapeText(
          `Council publicity is restricted: no party-political content, no promotion of councillors or candidates, no controversial issues, no new campaigns or consultations.\nStarts: ${w.startBasis.replaceAll("_", " ")} (${w.startDate}). Ends: ${w.endBasis.replaceAll("_", " ")}.\nSource: ${w.source}`,
        )}`,
        "CATEGORIES:Pre-election period",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      );
    }
    lines.push(
      "BEGIN:VEVENT",
      `UID:poll-${e.electionId}@${opts.uidDomain}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${dateValue(e.pollDate)}`,
      `DTEND;VALUE=DATE:${dateValue(addDays(e.pollDate, 1))}`,
      `SUMMARY:${escapeText(`Polling day: ${e.title}`)}`,
      "CATEGORIES:Polling day",
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
