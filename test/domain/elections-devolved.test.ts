// Each case names the published timetable it was checked against.
import { describe, expect, it } from "vitest";
import { buildHolidayData, calendarDataAge, calendarFor } from "../../src/domain/calendar";
import { computeTimetable, type TimetableInput } from "../../src/domain/timetable";
import { DomainError } from "../../src/domain/errors";
import { BUNDLED_BANK_HOLIDAYS } from "../../src/repo/calendar-data";

const data = buildHolidayData(BUNDLED_BANK_HOLIDAYS, [], []);
const tt = (input: TimetableInput) => computeTimetable(input, data);

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error("expected a DomainError");
}

describe("UK Parliament general elections disregard every UK bank holiday", () => {
  // House of Commons Library CBP-8728 and RULES.md §1: the St Andrew's Day holiday (Mon 2 Dec 2019,
  // Scotland only) is disregarded everywhere; Democracy Club's test for parl.2019-12-12 gives the
  // statement of persons nominated on 14 Nov and postal applications on 26 Nov.
  for (const nation of ["england", "wales", "scotland", "northern-ireland"] as const) {
    it(`GE 12 Dec 2019 in ${nation}: dissolution 6 Nov, notice 11 Nov, nominations 14 Nov, postal 26 Nov`, () => {
      const t = tt({ kind: "parliamentary", nation, poll: "2019-12-12" });
      expect(t).toMatchObject({
        bankHolidaysOf: "united-kingdom",
        dissolution: "2019-11-06",
        noticeOfElectionBy: "2019-11-11",
        nominationsCloseBy: "2019-11-14",
        statementOfPersonsNominatedBy: "2019-11-14",
        statementOfPersonsNominatedIfObjectionsBy: "2019-11-15",
      });
      if (nation !== "northern-ireland") expect(t.postalVoteDeadline).toBe("2019-11-26");
    });
  }
  it("GE 4 Jul 2024 (Electoral Commission): the SoPN by 5pm Fri 7 Jun without objections, 4pm Mon 10 Jun with", () => {
    const t = tt({ kind: "parliamentary", nation: "wales", poll: "2024-07-04" });
    expect([t.statementOfPersonsNominatedBy, t.statementOfPersonsNominatedIfObjectionsBy]).toEqual([
      "2024-06-07",
      "2024-06-10",
    ]);
    expect(t.sources.statementOfPersonsNominatedIfObjectionsBy).toMatch(/4pm on the 18th/);
  });
  it("counting on one nation's calendar alone would be a day late (the defect the issue reports)", () => {
    const england = calendarFor(data, "england-and-wales");
    expect(england.workingDaysBefore("2019-12-12", 22)).toBe("2019-11-12");
    expect(calendarFor(data, "united-kingdom").workingDaysBefore("2019-12-12", 22)).toBe("2019-11-11");
  });
});

describe("UK Parliament by-elections run from the writ, on the nation's calendar", () => {
  // RPA 1983 Sch 1 r.1 as summarised in Erskine May 2.7: notice by the 2nd working day after the writ;
  // nominations close between the 3rd working day after the notice and the 7th after the writ; the
  // poll 17 to 19 working days after the close. Dates derived by hand from that rule.
  it("writ received Thu 26 Nov 2026 in Scotland: St Andrew's Day (Mon 30 Nov) is skipped, not in England", () => {
    const scotland = tt({
      kind: "parliamentary",
      nation: "scotland",
      byElection: true,
      writ: "2026-11-26",
      poll: "2027-01-07",
    });
    expect(scotland).toMatchObject({
      bankHolidaysOf: "scotland",
      writReceived: "2026-11-26",
      noticeOfElectionBy: "2026-12-01",
    });
    const england = tt({
      kind: "parliamentary",
      nation: "england",
      byElection: true,
      writ: "2026-11-26",
      poll: "2027-01-07",
    });
    expect(england.noticeOfElectionBy).toBe("2026-11-30");
    expect(england.nominationsCloseFrom! <= england.nominationsCloseBy!).toBe(true);
    expect(england.dissolution).toBeUndefined();
  });
  it("a poll too soon or too late after the writ is refused with the window", () => {
    const e = domainError(() =>
      tt({ kind: "parliamentary", nation: "england", byElection: true, writ: "2026-03-02", poll: "2026-03-12" }),
    );
    expect([e.code, e.field]).toEqual(["invalid", "poll"]);
    expect(e.message).toMatch(/falls between/);
  });
  it("a writ for anything but a UK Parliament by-election is refused", () => {
    expect(
      domainError(() => tt({ kind: "local", nation: "england", poll: "2026-05-07", writ: "2026-04-01" })).field,
    ).toBe("writ");
  });
});

describe("Scottish Parliament", () => {
  it("6 May 2021 (Comhairle nan Eilean Siar timetable): notice 15–24 Mar, nominations 4pm Wed 31 Mar", () => {
    expect(tt({ kind: "scottish-parliament", nation: "scotland", poll: "2021-05-06" })).toMatchObject({
      noticeOfElectionFrom: "2021-03-15",
      noticeOfElectionBy: "2021-03-24",
      nominationsCloseBy: "2021-03-31",
      statementOfPersonsNominatedBy: "2021-03-31",
    });
  });
  it("7 May 2026 (East Dunbartonshire technical note 14, from Electoral Commission guidance): notice Mon 16 – Wed 25 Mar", () => {
    const t = tt({ kind: "scottish-parliament", nation: "scotland", poll: "2026-05-07" });
    expect([t.noticeOfElectionFrom, t.noticeOfElectionBy]).toEqual(["2026-03-16", "2026-03-25"]);
    expect(t.preElectionPeriod.start).toBe("2026-03-25");
  });
  it("a constituency by-election is counted back the same way; not held outside Scotland", () => {
    expect(
      tt({ kind: "scottish-parliament", nation: "scotland", poll: "2027-03-16", byElection: true }).byElection,
    ).toBe(true);
    expect(domainError(() => tt({ kind: "scottish-parliament", nation: "wales", poll: "2026-05-07" })).code).toBe(
      "unsupported",
    );
  });
});

describe("Senedd Cymru (2026 closed lists)", () => {
  it("7 May 2026 (vote.wales: nominations closed 9 April; Electoral Commission: SoPN 18 working days before)", () => {
    expect(tt({ kind: "senedd", nation: "wales", poll: "2026-05-07" })).toMatchObject({
      noticeOfElectionBy: "2026-03-30",
      nominationsCloseBy: "2026-04-09",
      statementOfPersonsNominatedBy: "2026-04-10",
    });
  });
  it("has no by-elections from 2026", () => {
    const e = domainError(() => tt({ kind: "senedd", nation: "wales", poll: "2027-03-16", byElection: true }));
    expect([e.code, e.field]).toEqual(["invalid", "byElection"]);
  });
});

describe("Northern Ireland", () => {
  it("Assembly, 5 May 2022 (Electoral Commission NI guide): notice 28 Mar, nominations and SoPN 8 Apr, postal/proxy 12 Apr, registration 14 Apr", () => {
    expect(tt({ kind: "ni-assembly", nation: "northern-ireland", poll: "2022-05-05" })).toMatchObject({
      bankHolidaysOf: "northern-ireland",
      noticeOfElectionBy: "2022-03-28",
      nominationsCloseBy: "2022-04-08",
      statementOfPersonsNominatedBy: "2022-04-08",
      postalVoteDeadline: "2022-04-12",
      proxyDeadline: "2022-04-12",
      registrationDeadline: "2022-04-14",
    });
  });
  it("councils, 18 May 2023 (Electoral Commission NI guide): notice 11 Apr, nominations 24 Apr, postal/proxy 26 Apr, registration 28 Apr", () => {
    expect(tt({ kind: "local", nation: "northern-ireland", poll: "2023-05-18" })).toMatchObject({
      noticeOfElectionBy: "2023-04-11",
      nominationsCloseBy: "2023-04-24",
      statementOfPersonsNominatedBy: "2023-04-24",
      postalVoteDeadline: "2023-04-26",
      proxyDeadline: "2023-04-26",
      registrationDeadline: "2023-04-28",
    });
  });
  it("the 12 July holiday is disregarded in Northern Ireland only", () => {
    const ni = tt({ kind: "local", nation: "northern-ireland", poll: "2027-07-22", byElection: true });
    const gb = tt({ kind: "local", nation: "england", poll: "2027-07-22", byElection: true });
    expect(ni.registrationDeadline < gb.registrationDeadline).toBe(true);
  });
});

describe("Greater London Authority", () => {
  for (const kind of ["london-mayor", "london-assembly"] as const) {
    it(`${kind}, 2 May 2024 (London Elects timetable): notice 19 Mar, nominations 27 Mar, SoPN 2 Apr, registration 16 Apr, postal 17 Apr, proxy 24 Apr`, () => {
      expect(tt({ kind, nation: "england", poll: "2024-05-02" })).toMatchObject({
        noticeOfElectionBy: "2024-03-19",
        nominationsCloseBy: "2024-03-27",
        statementOfPersonsNominatedBy: "2024-04-02",
        registrationDeadline: "2024-04-16",
        postalVoteDeadline: "2024-04-17",
        proxyDeadline: "2024-04-24",
        preElectionPeriod: { start: "2024-03-19", end: "2024-05-02" },
      });
    });
  }
  it("differs from a combined-authority mayor on the same day, which starts later", () => {
    expect(tt({ kind: "mayoral", nation: "england", poll: "2024-05-02" }).noticeOfElectionBy).toBe("2024-03-26");
  });
});

describe("the refreshed bank-holiday data", () => {
  it("disregards Scotland's one-off bank holiday, Mon 15 Jun 2026 (royal proclamation, Feb 2026), in Scotland only", () => {
    const scotland = tt({ kind: "local", nation: "scotland", poll: "2026-06-25", byElection: true });
    const england = tt({ kind: "local", nation: "england", poll: "2026-06-25", byElection: true });
    expect(scotland.registrationDeadline).toBe("2026-06-08");
    expect(england.registrationDeadline).toBe("2026-06-09");
  });
});

describe("the age of the bank-holiday data", () => {
  it("warns once the last year covered ends within 18 months of today", () => {
    const last = Math.min(
      data.published["england-and-wales"].last,
      data.published.scotland.last,
      data.published["northern-ireland"].last,
    );
    expect(calendarDataAge(data, "2026-11-25", `${last - 1}-06-30`).warning).toBeNull();
    expect(calendarDataAge(data, "2026-11-25", `${last - 1}-07-01`).warning).toMatch(/within 18 months/);
    expect(calendarDataAge(data, "2026-11-25", `${last}-01-01`)).toMatchObject({
      bundledTaken: "2026-11-25",
      lastYear: last,
    });
  });
});
