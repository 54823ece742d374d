// The devolved parliaments, Northern Ireland's Assembly and councils, and the Greater London
// Authority: each with its own statutory timetable (working days before the poll) and sources.
// Checked against published timetables in test/domain/elections-devolved.test.ts.
import type { ElectionKind, Nation, TimetableRule } from "./election-rules";
import {
  ABSENT_VOTING_EW,
  ABSENT_VOTING_NI,
  ABSENT_VOTING_SCOTLAND,
  COMMON_ABSENT,
  EW_COMPUTATION,
  NI_ABSENT,
  NI_COMPUTATION,
  PRE_ELECTION,
  SPENDING_RETURN,
} from "./election-rules-common";

const SP = "Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425) Sch 2";
const scottishParliament: TimetableRule = {
  days: { noticeOfElectionBy: 28, nominationsCloseBy: 23, statementOfPersonsNominatedBy: 23, ...COMMON_ABSENT },
  noticeNotBefore: 35,
  easterMonday: true,
  ordinaryPollOnThursday: true,
  spendingReturn: { ...SPENDING_RETURN, source: `${SP} and Electoral Commission: 35 days after the declaration` },
  sources: {
    noticeOfElectionBy: `${SP} r.1: notice of election not earlier than the 35th nor later than the 28th day before the poll`,
    nominationsCloseBy: `${SP} r.1: nominations (constituency, regional list and individual) close 4pm on the 23rd day before the poll`,
    statementOfPersonsNominatedBy: `${SP} r.1: the statement of persons nominated at the close of the time for objections on the 23rd day, or, where objections are made, within 24 hours of the close of nominations`,
    computation: `${SP} r.2: Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, Easter Monday, Scottish bank holidays and days of public thanksgiving or mourning are disregarded (Electoral Commission timetable, 5 May 2016)`,
    poll: "Scotland Act 1998 s.2 as amended by the Scottish Elections (Reform) Act 2020: the first Thursday in May, five years after the last; constituency by-elections under s.9",
    byElection: "Scotland Act 1998 s.9: a constituency vacancy is filled at a by-election; the same rules apply",
    preElectionPeriod: PRE_ELECTION,
    ...ABSENT_VOTING_SCOTLAND,
  },
  notes: [
    "A regional member's vacancy is filled from the party's list (Scotland Act 1998 s.10), without a poll.",
    "Dissolution follows the Scotland Act 1998 s.2(3) and may be moved by statute (in 2026, 9 April); it is not computed.",
  ],
};

const SENEDD =
  "National Assembly for Wales (Representation of the People) Order 2007 (SI 2007/236) Sch 5 (Senedd election rules), as amended for the 2026 closed-list system by the Senedd Cymru (Members and Elections) Act 2024";
const senedd: TimetableRule = {
  days: { noticeOfElectionBy: 25, nominationsCloseBy: 19, statementOfPersonsNominatedBy: 18, ...COMMON_ABSENT },
  ordinaryPollOnThursday: true,
  byElection: {
    none: "From 2026 Senedd Cymru has no by-elections: a vacancy is filled from the party's closed list, and an individual member's seat stays vacant (Senedd Cymru (Members and Elections) Act 2024).",
  },
  spendingReturn: { ...SPENDING_RETURN, source: `${SENEDD}: 35 days after the declaration (Electoral Commission)` },
  sources: {
    noticeOfElectionBy: `${SENEDD} r.1: notice of election not later than the 25th working day before the poll`,
    nominationsCloseBy: `${SENEDD} r.1: party lists and individual candidates' nominations close 4pm on the 19th working day before the poll (vote.wales: 9 April for the 7 May 2026 poll)`,
    statementOfPersonsNominatedBy: `${SENEDD} r.1: statement of parties and persons nominated by 4pm on the 18th working day before the poll (Electoral Commission guidance for Senedd candidates)`,
    computation: EW_COMPUTATION,
    poll: "Government of Wales Act 2006 s.3 as amended: the first Thursday in May, every four years from 2026",
    preElectionPeriod: PRE_ELECTION,
    ...ABSENT_VOTING_EW,
  },
  notes: [
    "From 2026, 96 members in 16 constituencies of six, elected from closed party lists and individual candidates (Senedd Cymru (Members and Elections) Act 2024).",
  ],
};

function northernIreland(name: string, nominationsAt: string): TimetableRule {
  return {
    days: { noticeOfElectionBy: 25, nominationsCloseBy: 16, statementOfPersonsNominatedBy: 16, ...NI_ABSENT },
    ordinaryPollOnThursday: true,
    spendingReturn: { ...SPENDING_RETURN, source: `${name}: 35 days after the declaration (Electoral Commission)` },
    sources: {
      noticeOfElectionBy: `${name}: notice of election not later than the 25th working day before the poll`,
      nominationsCloseBy: `${name}: nominations close ${nominationsAt} on the 16th working day before the poll`,
      statementOfPersonsNominatedBy: `${name}: statement of persons nominated by 6pm on the 16th working day before the poll if no objections are made (Electoral Commission)`,
      computation: NI_COMPUTATION,
      preElectionPeriod: PRE_ELECTION,
      ...ABSENT_VOTING_NI,
    },
  };
}

const niAssembly: TimetableRule = {
  ...northernIreland(
    "Northern Ireland Assembly (Elections) Order 2001 (SI 2001/2599) Sch 1 r.1, as substituted by SI 2009/256",
    "1pm",
  ),
  notes: [
    "Vacancies are usually filled by the party's nominee or a substitute (Northern Ireland Act 1998 s.35); a by-election is held only where none can be.",
  ],
};
niAssembly.sources.poll =
  "Northern Ireland Act 1998 s.31: the first Thursday in May in the fifth year, unless an extraordinary election is called";

const niLocal: TimetableRule = {
  ...northernIreland(
    "Electoral Law Act (Northern Ireland) 1962 Sch 5 (local election rules), as substituted by the Local Elections (Northern Ireland) Order 2010 (SI 2010/2977)",
    "1pm",
  ),
  notes: [
    "Casual vacancies are filled by co-option or a substitute where the law provides one; a by-election is the exception.",
  ],
};
niLocal.sources.poll = "Electoral Law Act (Northern Ireland) 1962 s.11: ordinary elections every four years";

const GLA = "Greater London Authority Elections Rules 2007 (SI 2007/3541) Sch 1 and 2 r.3, as amended by SI 2016/24";
function london(body: string): TimetableRule {
  return {
    days: { noticeOfElectionBy: 30, nominationsCloseBy: 24, statementOfPersonsNominatedBy: 22, ...COMMON_ABSENT },
    ordinaryPollOnThursday: true,
    spendingReturn: { ...SPENDING_RETURN, source: `${GLA}: 35 days after the declaration (Electoral Commission)` },
    sources: {
      noticeOfElectionBy: `${GLA}: notice of election not later than the 30th working day before the poll (London Elects: Tue 19 Mar 2024 for 2 May 2024)`,
      nominationsCloseBy: `${GLA}: nominations close 4pm on the 24th working day before the poll`,
      statementOfPersonsNominatedBy: `${GLA}: statement of persons (and parties) nominated by 4pm on the 22nd working day before the poll`,
      computation: EW_COMPUTATION,
      poll: `Greater London Authority Act 1999 s.3: ${body} elected on the first Thursday in May every four years; by-elections under ss.10 and 16`,
      preElectionPeriod: PRE_ELECTION,
      ...ABSENT_VOTING_EW,
    },
    notes: [
      "The Mayor of London and the London Assembly (constituency and London-wide members) are elected together on one timetable, longer than other mayoral elections.",
    ],
  };
}

export const DEVOLVED_RULES: Record<Nation, Partial<Record<ElectionKind, TimetableRule>>> = {
  england: { "london-mayor": london("the Mayor of London"), "london-assembly": london("the London Assembly") },
  wales: { senedd },
  scotland: { "scottish-parliament": scottishParliament },
  "northern-ireland": { "ni-assembly": niAssembly, local: niLocal },
};
