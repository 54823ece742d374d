import { describe, expect, it } from "vitest";
import { escapeText, foldLine, renderIcs } from "../../src/domain/ics";
import { cycleOccurrences } from "../../src/domain/cycles";
import { ancestorsAndSelf, descendants, wouldCycle } from "../../src/domain/areas";
import { DomainError } from "../../src/domain/errors";

const octets = (s: string) => new TextEncoder().encode(s).length;

describe("iCalendar text", () => {
  it("escapes backslashes, semicolons, commas and newlines", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
  });
  it("folds long lines at 75 octets without splitting a UTF-8 character, and unfolds to the original", () => {
    const line = `SUMMARY:${"Pre-election period: Ynys Môn — Llanfair­pwllgwyngyll ward by-election ✓ ".repeat(4)}`;
    const folded = foldLine(line);
    for (const physical of folded.split("\r\n")) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
  });
  it("renders a calendar with stable UIDs, UTC instants, all-day polls and CRLF line ends", () => {
    const ics = renderIcs({
      name: "Demo, purdah",
      uidDomain: "csg.example",
      entries: [
        {
          electionId: "local.demo.2026-05-07",
          title: "Demo; elections",
          pollDate: "2026-05-07",
          updatedAt: "2026-01-02T03:04:05.000Z",
          window: {
            electionId: "local.demo.2026-05-07",
            title: "x",
            kind: "local",
            pollDate: "2026-05-07",
            areaIds: [],
            start: "2026-03-29T23:00:00.000Z",
            end: "2026-05-07T21:00:00.000Z",
            startDate: "2026-03-30",
            startBasis: "latest_legal_notice",
            endBasis: "close_of_poll",
            source: "Code, 2011",
          },
        },
      ],
    });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.split("\r\n").every((l) => !l.includes("\n"))).toBe(true);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("UID:purdah-local.demo.2026-05-07@csg.example\r\n");
    expect(unfolded).toContain("DTSTART:20260329T230000Z\r\nDTEND:20260507T210000Z");
    expect(unfolded).toContain("DTSTART;VALUE=DATE:20260507\r\nDTEND;VALUE=DATE:20260508");
    expect(unfolded).toContain("SUMMARY:Polling day: Demo\\; elections");
    expect(unfolded).toContain("X-WR-CALNAME:Demo\\, purdah");
    expect(unfolded).toContain("DTSTAMP:20260102T030405Z");
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });
});

describe("election cycles", () => {
  it("all-out every four years on the first Thursday in May", () => {
    expect(
      cycleOccurrences(
        { rrule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=5;BYDAY=1TH", dtstart: "2023-05-04", exdates: [] },
        "2023-01-01",
        "2032-12-31",
      ),
    ).toEqual(["2023-05-04", "2027-05-06", "2031-05-01"]);
  });
  it("by thirds, skipping the county year", () => {
    expect(
      cycleOccurrences(
        { rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=1TH", dtstart: "2022-05-05", exdates: ["2025-05-01"] },
        "2026-01-01",
        "2029-12-31",
      ),
    ).toEqual(["2026-05-07", "2027-05-06", "2028-05-04", "2029-05-03"]);
  });
  it("by halves, every two years", () => {
    expect(
      cycleOccurrences(
        { rrule: "FREQ=YEARLY;INTERVAL=2;BYMONTH=5;BYDAY=1TH", dtstart: "2024-05-02", exdates: [] },
        "2024-05-03",
        "2028-12-31",
      ),
    ).toEqual(["2026-05-07", "2028-05-04"]);
  });
  it("refuses rules that are not yearly, malformed, or carry their own DTSTART", () => {
    for (const rrule of [
      "FREQ=DAILY",
      "FREQ=YEARLY;BYDAY=9XX",
      "DTSTART:20220101\nRRULE:FREQ=YEARLY",
      // Values the RRULE library would accept quietly (RFC 5545 §3.3.10 ranges).
      "FREQ=YEARLY;BYMONTH=13;BYDAY=1TH",
      "FREQ=YEARLY;BYMONTH=0",
      "FREQ=YEARLY;INTERVAL=0",
      "FREQ=YEARLY;INTERVAL=-4",
      "FREQ=YEARLY;WKST=XX",
      "FREQ=YEARLY;BYDAY=60TH",
      "FREQ=YEARLY;BYMONTHDAY=32",
      "FREQ=YEARLY;BYMONTH=5;BYMONTH=6",
      "FREQ=YEARLY;COUNT=3;UNTIL=20300101",
      "FREQ=YEARLY;UNTIL=20300231",
      "FREQ=YEARLY;FOO=1",
      "FREQ=YEARLY;BYMONTH=5,",
      "FREQ=YEARLY;;BYMONTH=5",
    ]) {
      expect(() => cycleOccurrences({ rrule, dtstart: "2022-05-05", exdates: [] }, "2022-01-01", "2030-01-01")).toThrow(
        DomainError,
      );
    }
    expect(() =>
      cycleOccurrences({ rrule: "FREQ=YEARLY", dtstart: "2022-02-30", exdates: [] }, "2022-01-01", "2030-01-01"),
    ).toThrow(/calendar date/);
  });
  it("accepts the parts an election cycle uses, in their ranges", () => {
    for (const rrule of [
      "FREQ=YEARLY;INTERVAL=4;BYMONTH=5;BYDAY=1TH;WKST=MO",
      "FREQ=YEARLY;BYMONTH=5;BYDAY=TH;BYSETPOS=1",
      "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=TH;UNTIL=20400101",
      "FREQ=YEARLY;COUNT=10;BYMONTH=5;BYDAY=+1TH",
    ]) {
      expect(
        cycleOccurrences({ rrule, dtstart: "2022-05-05", exdates: [] }, "2022-01-01", "2031-01-01").length,
      ).toBeGreaterThan(0);
    }
  });
});

describe("area hierarchy", () => {
  const areas = new Map([
    ["county", { id: "county", parentId: null }],
    ["district", { id: "district", parentId: "county" }],
    ["ward", { id: "ward", parentId: "district" }],
    ["other", { id: "other", parentId: "county" }],
  ]);
  it("walks up and down", () => {
    expect(ancestorsAndSelf(areas, "ward")).toEqual(["ward", "district", "county"]);
    expect(descendants(areas, "county").sort()).toEqual(["district", "other", "ward"]);
    expect(descendants(areas, "ward")).toEqual([]);
  });
  it("spots a parent that would put an area inside itself", () => {
    expect(wouldCycle(areas, "county", "ward")).toBe(true);
    expect(wouldCycle(areas, "ward", "other")).toBe(false);
  });
});
