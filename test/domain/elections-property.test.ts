// Property: for every Thursday from 2018 to 2028, every supported kind in every nation, no deadline
// falls on a day its election rules disregard, and the deadlines keep their statutory order (a
// milestone more working days before the poll falls earlier; the same number, the same day).
import { describe, expect, it } from "vitest";
import { buildHolidayData, calendarFor } from "../../src/domain/calendar";
import { addDays, weekday } from "../../src/domain/dates";
import { ELECTION_KINDS, NATIONS, RULES, type Milestone } from "../../src/domain/election-rules";
import { calendarScope, computeTimetable, type Timetable } from "../../src/domain/timetable";
import { BUNDLED_BANK_HOLIDAYS } from "../../src/repo/calendar-data";

const data = buildHolidayData(BUNDLED_BANK_HOLIDAYS, [], []);

function thursdays(from: string, to: string): string[] {
  const out: string[] = [];
  let d = from;
  while (weekday(d) !== 4) d = addDays(d, 1);
  for (; d <= to; d = addDays(d, 7)) out.push(d);
  return out;
}

// The first polls need data from the year before, which the bundled file (from 2018) lacks.
const POLLS = thursdays("2018-03-01", "2028-12-31");
const DATED: Milestone[] = [
  "dissolution",
  "noticeOfElectionBy",
  "nominationsCloseBy",
  "statementOfPersonsNominatedBy",
  "statementOfPersonsNominatedIfObjectionsBy",
  "registrationDeadline",
  "postalVoteDeadline",
  "proxyDeadline",
];

describe("every Thursday 2018–2028 × every supported kind and nation", () => {
  for (const nation of NATIONS) {
    for (const kind of ELECTION_KINDS) {
      const rule = RULES[nation][kind];
      if (!rule) continue;
      it(`${kind} in ${nation}: no deadline on a disregarded day, deadlines in statutory order`, () => {
        const scope = calendarScope(rule, nation, false);
        const cal = calendarFor(data, scope, { easterMonday: rule.easterMonday });
        // Registration and absent-voting deadlines follow their own regulations, which (in Scotland) do
        // not add Easter Monday to the bank holidays.
        const absentCal = calendarFor(data, scope);
        const ABSENT = new Set<Milestone>(["registrationDeadline", "postalVoteDeadline", "proxyDeadline"]);
        let checked = 0;
        for (const poll of POLLS) {
          if (cal.disregarded(poll)) continue; // a poll is never fixed on a disregarded day
          const t = computeTimetable({ kind, nation, poll }, data) as Timetable & Record<string, unknown>;
          const dated = DATED.filter((m) => typeof t[m] === "string" && rule.days[m] != null).map((m) => ({
            m,
            date: t[m] as string,
            days: rule.days[m]!,
          }));
          for (const { m, date } of dated) {
            const why = (ABSENT.has(m) ? absentCal : cal).disregarded(date);
            if (why) throw new Error(`${kind}/${nation} poll ${poll}: ${m} on ${date}, a ${why}`);
            expect(date < poll).toBe(true);
          }
          for (const a of dated)
            for (const b of dated) {
              if (a.days > b.days && !(a.date < b.date))
                throw new Error(`${kind}/${nation} poll ${poll}: ${a.m} ${a.date} not before ${b.m} ${b.date}`);
              if (a.days === b.days) expect(a.date).toBe(b.date);
            }
          if (t.noticeOfElectionFrom) expect(t.noticeOfElectionFrom < t.noticeOfElectionBy).toBe(true);
          expect(t.preElectionPeriod.start <= t.noticeOfElectionBy).toBe(true);
          checked += 1;
        }
        expect(checked).toBeGreaterThan(500);
      });
    }
  }
  it("UK general elections: no deadline falls on a bank holiday of any part of the UK", () => {
    const divisions = ["england-and-wales", "scotland", "northern-ireland"] as const;
    const cals = divisions.map((d) => calendarFor(data, d));
    for (const poll of POLLS) {
      if (cals.some((c) => c.disregarded(poll))) continue;
      const t = computeTimetable({ kind: "parliamentary", nation: "england", poll }, data);
      for (const date of [t.dissolution!, t.noticeOfElectionBy, t.nominationsCloseBy!, t.postalVoteDeadline])
        for (const c of cals) expect(c.disregarded(date), `${poll}: ${date} in ${c.division}`).toBeNull();
    }
  });
});
