import { describe, expect, it } from "vitest";
import { buildHolidayData, calendarFor, easterSunday } from "../../src/domain/calendar";
import { computeTimetable, type TimetableInput } from "../../src/domain/timetable";
import { DomainError } from "../../src/domain/errors";
import { BUNDLED_BANK_HOLIDAYS } from "../../src/repo/calendar-data";
import { ELECTION_KINDS, NATIONS, RULES } from "../../src/domain/election-rules";

function firstThursdayOfMay(year: number): string {
  const d = new Date(Date.UTC(year, 4, 1));
  while (d.getUTCDay() !== 4) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const data = buildHolidayData(BUNDLED_BANK_HOLIDAYS, [], []);
const tt = (input: Partial<TimetableInput> & { poll: string }) =>
  computeTimetable({ kind: "local", nation: "england", ...input }, data);

function expectDomainError(fn: () => unknown, code: string, field: string, message?: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(code);
    expect((err as DomainError).field).toBe(field);
    if (message) expect((err as DomainError).message).toMatch(message);
    return;
  }
  throw new Error("expected a DomainError");
}

describe("the checked examples in RULES.md §1", () => {
  it("poll 2 May 2024: notice by Tue 26 Mar 2024 (across Easter)", () => {
    expect(tt({ poll: "2024-05-02" }).noticeOfElectionBy).toBe("2024-03-26");
  });
  it("poll 1 May 2025: notice by Tue 25 Mar, nominations close Wed 2 Apr", () => {
    const t = tt({ poll: "2025-05-01" });
    expect([t.noticeOfElectionBy, t.nominationsCloseBy]).toEqual(["2025-03-25", "2025-04-02"]);
  });
  it("poll 7 May 2026: notice by Mon 30 Mar, nominations close Thu 9 Apr, the rest of the timetable", () => {
    expect(tt({ poll: "2026-05-07" })).toMatchObject({
      noticeOfElectionBy: "2026-03-30",
      nominationsCloseBy: "2026-04-09",
      statementOfPersonsNominatedBy: "2026-04-10",
      registrationDeadline: "2026-04-20",
      postalVoteDeadline: "2026-04-21",
      proxyDeadline: "2026-04-28",
      preElectionPeriod: { start: "2026-03-30", end: "2026-05-07" },
    });
  });
  it("UK general election 4 Jul 2024: dissolution Thu 30 May, notice Tue 4 Jun, nominations Fri 7 Jun", () => {
    expect(computeTimetable({ kind: "parliamentary", nation: "england", poll: "2024-07-04" }, data)).toMatchObject({
      dissolution: "2024-05-30",
      noticeOfElectionBy: "2024-06-04",
      nominationsCloseBy: "2024-06-07",
      statementOfPersonsNominatedBy: "2024-06-07",
      statementOfPersonsNominatedIfObjectionsBy: "2024-06-10",
      candidateFrom: "2024-05-30",
      registrationDeadline: "2024-06-18",
      postalVoteDeadline: "2024-06-19",
      proxyDeadline: "2024-06-26",
    });
  });
  it("Scotland, poll 5 May 2022: nominations close Wed 30 Mar 2022, skipping Easter Monday", () => {
    const t = computeTimetable({ kind: "local", nation: "scotland", poll: "2022-05-05" }, data);
    expect(t).toMatchObject({
      nominationsCloseBy: "2022-03-30",
      noticeOfElectionBy: "2022-03-23",
      noticeOfElectionFrom: "2022-03-14",
    });
    // Absent-voting deadlines follow the ordinary Scottish calendar, where Easter Monday is a working day.
    expect(t.registrationDeadline).toBe("2022-04-18");
  });
});

describe("crossings", () => {
  it("Christmas and New Year: a by-election on Thu 21 Jan 2027", () => {
    expect(tt({ poll: "2027-01-21", byElection: true })).toMatchObject({
      noticeOfElectionBy: "2026-12-11",
      nominationsCloseBy: "2026-12-21",
      statementOfPersonsNominatedBy: "2026-12-22",
      registrationDeadline: "2027-01-05",
      postalVoteDeadline: "2027-01-06",
      proxyDeadline: "2027-01-13",
    });
  });
  it("the Queen's state funeral, 19 Sep 2022, is not counted", () => {
    expect(tt({ poll: "2022-09-29", byElection: true })).toMatchObject({
      noticeOfElectionBy: "2022-08-23",
      nominationsCloseBy: "2022-09-01",
      registrationDeadline: "2022-09-12",
      proxyDeadline: "2022-09-21",
    });
  });
  it("the coronation, 8 May 2023, is not counted", () => {
    expect(tt({ poll: "2023-05-25", byElection: true })).toMatchObject({
      noticeOfElectionBy: "2023-04-18",
      nominationsCloseBy: "2023-04-26",
      registrationDeadline: "2023-05-09",
      proxyDeadline: "2023-05-17",
    });
  });
  it("the Platinum Jubilee, 2–3 Jun 2022, is not counted, and the moved 30 May 2022 is", () => {
    const t = tt({ poll: "2022-06-16", byElection: true });
    expect(t.proxyDeadline).toBe("2022-06-08");
    expect(t.registrationDeadline).toBe("2022-05-27");
    expect(calendarFor(data, "england-and-wales").isWorkingDay("2022-05-30")).toBe(true);
  });
  it("a leap day counts as a working day", () => {
    expect(tt({ poll: "2024-03-07", byElection: true })).toMatchObject({
      noticeOfElectionBy: "2024-02-01",
      registrationDeadline: "2024-02-20",
      proxyDeadline: "2024-02-28",
    });
  });
  it("Easter: Good Friday and Easter Monday skipped in England, only Good Friday in Scotland's ordinary calendar", () => {
    expect(calendarFor(data, "england-and-wales").disregarded("2026-04-06")).toMatch(/bank holiday/);
    expect(calendarFor(data, "scotland").disregarded("2026-04-06")).toBeNull();
    expect(calendarFor(data, "scotland").withOptions({ easterMonday: true }).disregarded("2026-04-06")).toBe(
      "Easter Monday",
    );
    expect(calendarFor(data, "scotland").disregarded("2026-04-03")).toBe("Good Friday");
    expect([2024, 2025, 2026, 2027, 2028].map(easterSunday)).toEqual([
      "2024-03-31",
      "2025-04-20",
      "2026-04-05",
      "2027-03-28",
      "2028-04-16",
    ]);
  });
  it("Christmas Eve is disregarded even though it is not a bank holiday", () => {
    expect(calendarFor(data, "england-and-wales").disregarded("2025-12-24")).toBe("Christmas Eve");
  });
  it("a recorded day of mourning is disregarded in the divisions it applies to", () => {
    const mourning = buildHolidayData(
      BUNDLED_BANK_HOLIDAYS,
      [],
      [{ date: "2026-06-10", title: "National day of mourning", divisions: ["england-and-wales"] }],
    );
    expect(calendarFor(mourning, "england-and-wales").disregarded("2026-06-10")).toMatch(/mourning/);
    expect(calendarFor(mourning, "scotland").disregarded("2026-06-10")).toBeNull();
    expect(
      computeTimetable({ kind: "local", nation: "england", poll: "2026-06-18", byElection: true }, mourning)
        .proxyDeadline,
    ).toBe("2026-06-09");
    expect(tt({ poll: "2026-06-18", byElection: true }).proxyDeadline).toBe("2026-06-10");
  });
});

describe("every kind × nation", () => {
  const polls: Record<string, string> = {
    local: "2026-05-07",
    parish: "2026-05-07",
    mayoral: "2026-05-07",
    pcc: "2028-05-04",
    parliamentary: "2026-05-07",
    referendum: "2026-06-18",
    "scottish-parliament": "2026-05-07",
    senedd: "2026-05-07",
    "ni-assembly": "2027-05-06",
    "london-mayor": "2028-05-04",
    "london-assembly": "2028-05-04",
  };
  for (const nation of NATIONS) {
    for (const kind of ELECTION_KINDS) {
      const supported = Boolean(RULES[nation][kind]);
      it(`${kind} in ${nation} is ${supported ? "computed, with every date before the poll and sourced" : "refused as unsupported"}`, () => {
        if (!supported)
          return expectDomainError(
            () => computeTimetable({ kind, nation, poll: polls[kind] }, data),
            "unsupported",
            "kind",
          );
        const t = computeTimetable({ kind, nation, poll: polls[kind] }, data);
        const dates = [
          t.noticeOfElectionBy,
          t.nominationsCloseBy,
          t.statementOfPersonsNominatedBy,
          t.registrationDeadline,
          t.postalVoteDeadline,
          t.proxyDeadline,
        ].filter(Boolean) as string[];
        for (const d of dates) expect(d < t.pollDate).toBe(true);
        expect(t.noticeOfElectionBy <= (t.nominationsCloseBy ?? t.registrationDeadline)).toBe(true);
        // The order of every milestone is checked for every Thursday in elections-property.test.ts; in
        // Northern Ireland postal and proxy applications (14 working days) close before registration (12).
        expect(t.postalVoteDeadline <= t.proxyDeadline).toBe(true);
        expect(t.sources.noticeOfElectionBy).toBeTruthy();
        expect(t.sources.registrationDeadline).toBeTruthy();
      });
    }
  }
  it("a neighbourhood planning referendum: 28 working days' notice, or 56 with a business referendum, and no nominations", () => {
    const t = computeTimetable({ kind: "referendum", nation: "england", poll: "2026-06-18" }, data);
    expect(t.nominationsCloseBy).toBeNull();
    expect(t.noticeOfElectionBy).toBe("2026-05-08");
    expect(t.notes.join(" ")).toMatch(/Assumption/);
    expect(
      computeTimetable({ kind: "referendum", nation: "england", poll: "2026-06-18", businessReferendum: true }, data)
        .noticeOfElectionBy,
    ).toBe("2026-03-26");
  });
  it("a general election's pre-election period can start at dissolution", () => {
    const t = computeTimetable(
      { kind: "parliamentary", nation: "england", poll: "2024-07-04", generalElectionPurdahStarts: "dissolution" },
      data,
    );
    expect(t.preElectionPeriod.start).toBe("2024-05-30");
  });
});

describe("spending-return deadlines", () => {
  it("35 days after the declaration", () => {
    expect(tt({ poll: "2026-05-07", declared: "2026-05-08" }).spendingReturnDue).toBe("2026-06-12");
  });
  it("rolled past Christmas and the substitute bank holiday to the next working day", () => {
    expect(tt({ poll: "2026-11-19", byElection: true, declared: "2026-11-20" }).spendingReturnDue).toBe("2026-12-29");
  });
  it("parish elections: 28 days after the poll", () => {
    expect(
      computeTimetable({ kind: "parish", nation: "england", poll: "2026-05-07", declared: "2026-05-08" }, data)
        .spendingReturnDue,
    ).toBe("2026-06-04");
  });
  it("a declaration before the poll or long after is refused", () => {
    expectDomainError(() => tt({ poll: "2026-05-07", declared: "2026-05-06" }), "invalid", "declared");
    expectDomainError(() => tt({ poll: "2026-05-07", declared: "2026-06-06" }), "invalid", "declared");
  });
});

describe("impossible and unsupported input", () => {
  it("an impossible date", () =>
    expectDomainError(() => tt({ poll: "2026-02-30" }), "invalid", "poll", /not a calendar date/));
  it("a weekend or bank-holiday poll", () => {
    expectDomainError(() => tt({ poll: "2026-05-09", byElection: true }), "invalid", "poll", /Saturday/);
    expectDomainError(() => tt({ poll: "2026-12-25", byElection: true }), "invalid", "poll", /Christmas Day/);
  });
  it("an ordinary election not on a Thursday, though a by-election may be", () => {
    expectDomainError(() => tt({ poll: "2026-05-06" }), "invalid", "poll", /Wednesday/);
    expect(tt({ poll: "2026-05-06", byElection: true }).noticeOfElectionBy).toBe("2026-03-27");
  });
  it("a poll outside the bank-holiday data, published and projected", () => {
    const end = data.years["england-and-wales"].last;
    expect(end).toBe(data.published["england-and-wales"].last + 8);
    expectDomainError(() => tt({ poll: `${end + 1}-05-01` }), "out_of_range", "poll", /outside the data/);
    expectDomainError(() => tt({ poll: "2018-01-11", byElection: true }), "out_of_range", "poll", /2017/);
  });
  it("a poll after the published data uses projected bank holidays, and says so", () => {
    const after = data.published["england-and-wales"].last + 1;
    const t = tt({ poll: firstThursdayOfMay(after) });
    expect(t.notes.join(" ")).toMatch(/projected from the statutory rules/);
    expect(tt({ poll: "2026-05-07" }).notes.join(" ")).not.toMatch(/projected/);
  });
  it("a parliamentary by-election without its writ, whose timetable runs from the writ", () => {
    expectDomainError(
      () => computeTimetable({ kind: "parliamentary", nation: "england", poll: "2026-05-07", byElection: true }, data),
      "unsupported",
      "writ",
    );
  });
});
