import { describe, expect, it } from "vitest";
import { bstBounds, londonDate, londonToUtc } from "../../src/domain/london-time";
import { purdahWindow, windowsAt, windowsBetween, type ElectionFacts } from "../../src/domain/purdah";
import { buildHolidayData } from "../../src/domain/calendar";
import { computeTimetable } from "../../src/domain/timetable";
import { BUNDLED_BANK_HOLIDAYS } from "../../src/repo/calendar-data";

const data = buildHolidayData(BUNDLED_BANK_HOLIDAYS, [], []);

function intlLondon(instant: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

describe("Europe/London", () => {
  it("agrees with the tz database at every hour across 2018–2028's clock changes", () => {
    for (let y = 2018; y <= 2028; y++) {
      const { start, end } = bstBounds(y);
      for (const edge of [start, end]) {
        for (let h = -3; h <= 3; h++) {
          const instant = new Date(edge + h * 3_600_000);
          const wall = intlLondon(instant);
          expect(londonDate(instant)).toBe(wall.slice(0, 10));
        }
      }
    }
  });

  it("midnight and 22:00 London map to the right UTC instants in GMT and BST", () => {
    expect(londonToUtc("2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(londonToUtc("2026-03-30").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(londonToUtc("2026-05-07", 22).toISOString()).toBe("2026-05-07T21:00:00.000Z");
    expect(londonToUtc("2026-10-25", 22).toISOString()).toBe("2026-10-25T22:00:00.000Z");
    for (const [d, h] of [
      ["2026-03-29", 0],
      ["2026-03-29", 3],
      ["2026-10-25", 0],
      ["2026-10-25", 3],
      ["2027-03-28", 12],
      ["2024-12-31", 23],
    ] as const) {
      expect(intlLondon(londonToUtc(d, h))).toBe(`${d}T${String(h).padStart(2, "0")}:00`);
    }
  });
});

const base: ElectionFacts = {
  id: "local.demo.2026-05-07",
  title: "Demo council elections",
  kind: "local",
  nation: "england",
  byElection: false,
  pollDate: "2026-05-07",
  noticePublishedOn: null,
  declarationAt: null,
  areaIds: ["demo"],
};
const settings = { purdahEnds: "close_of_poll" as const, generalElectionPurdahStarts: "notice" as const };

describe("pre-election windows", () => {
  const timetable = computeTimetable({ kind: "local", nation: "england", poll: "2026-05-07" }, data);

  it("start at 00:00 London on the latest legal notice day — across the spring clock change — and end at 22:00 on polling day", () => {
    const w = purdahWindow(base, timetable, settings)!;
    expect(w).toMatchObject({
      start: "2026-03-29T23:00:00.000Z",
      end: "2026-05-07T21:00:00.000Z",
      startBasis: "latest_legal_notice",
      endBasis: "close_of_poll",
    });
    expect(w.source).toMatch(/Local Government Act 1986 s.4/);
  });

  it("start on the day the notice was actually published, when recorded", () => {
    const w = purdahWindow({ ...base, noticePublishedOn: "2026-03-20" }, timetable, settings)!;
    expect(w).toMatchObject({ start: "2026-03-20T00:00:00.000Z", startBasis: "notice_published" });
  });

  it("end at the declaration where the council says so, expected by the end of the next day until recorded", () => {
    const decl = { ...settings, purdahEnds: "declaration" as const };
    expect(purdahWindow(base, timetable, decl)).toMatchObject({
      end: "2026-05-08T23:00:00.000Z",
      endBasis: "expected_declaration",
    });
    expect(purdahWindow({ ...base, declarationAt: "2026-05-08T03:12:00.000Z" }, timetable, decl)).toMatchObject({
      end: "2026-05-08T03:12:00.000Z",
      endBasis: "declaration",
    });
  });

  it("a general election starts at dissolution where the council so decides", () => {
    const ge = { ...base, kind: "parliamentary" as const, pollDate: "2024-07-04" };
    const t = computeTimetable({ kind: "parliamentary", nation: "england", poll: "2024-07-04" }, data);
    expect(purdahWindow(ge, t, settings)!.startDate).toBe("2024-06-04");
    expect(purdahWindow(ge, t, { ...settings, generalElectionPurdahStarts: "dissolution" })).toMatchObject({
      startDate: "2024-05-30",
      startBasis: "dissolution",
      start: "2024-05-29T23:00:00.000Z",
    });
  });

  it("has no window without a timetable or a recorded notice", () => {
    expect(purdahWindow({ ...base, kind: "parliamentary", byElection: true }, null, settings)).toBeNull();
    expect(purdahWindow({ ...base, noticePublishedOn: "2026-04-01" }, null, settings)!.startDate).toBe("2026-04-01");
  });

  it("is half-open: in force from its first instant, not at its last", () => {
    const w = purdahWindow(base, timetable, settings)!;
    expect(windowsAt([w], new Date("2026-03-29T22:59:59.999Z"))).toEqual([]);
    expect(windowsAt([w], new Date("2026-03-29T23:00:00.000Z"))).toHaveLength(1);
    expect(windowsAt([w], new Date("2026-05-07T20:59:59.999Z"))).toHaveLength(1);
    expect(windowsAt([w], new Date("2026-05-07T21:00:00.000Z"))).toEqual([]);
    expect(windowsBetween([w], new Date("2026-05-07T21:00:00Z"), new Date("2026-06-01T00:00:00Z"))).toEqual([]);
    expect(windowsBetween([w], new Date("2026-01-01T00:00:00Z"), new Date("2026-03-29T23:00:00.001Z"))).toHaveLength(1);
  });
});
