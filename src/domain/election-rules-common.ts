// Pieces shared by the statutory timetables (./election-rules.ts): the absent-voting and registration
// deadlines, the pre-election-period source, the spending return, and the shape of a principal-area
// timetable. Facts: ../shared/RULES.md §1 and §3.
import type { TimetableRule } from "./election-rules";

export const COMMON_ABSENT = { registrationDeadline: 12, postalVoteDeadline: 11, proxyDeadline: 6 };
/** Northern Ireland: postal and proxy applications close 14 working days before the poll. */
export const NI_ABSENT = { registrationDeadline: 12, postalVoteDeadline: 14, proxyDeadline: 14 };

const REGISTRATION =
  "Representation of the People Act 1983 s.13B; 12 working days before the poll (Electoral Commission)";

export const ABSENT_VOTING_EW = {
  registrationDeadline: REGISTRATION,
  postalVoteDeadline:
    "Representation of the People (England and Wales) Regulations 2001 reg.56: 5pm, 11 working days before the poll",
  proxyDeadline:
    "Representation of the People (England and Wales) Regulations 2001 reg.56 and reg.64A: 5pm, 6 working days before the poll (proxy and voter authority certificate)",
};

export const ABSENT_VOTING_SCOTLAND = {
  registrationDeadline: REGISTRATION,
  postalVoteDeadline:
    "Representation of the People (Scotland) Regulations 2001 reg.56: 5pm, 11 working days before the poll",
  proxyDeadline:
    "Representation of the People (Scotland) Regulations 2001 reg.56 and reg.64A: 5pm, 6 working days before the poll",
};

export const ABSENT_VOTING_NI = {
  registrationDeadline: REGISTRATION,
  postalVoteDeadline:
    "Representation of the People (Northern Ireland) Regulations 2008 (SI 2008/1741): postal applications by 5pm, 14 working days before the poll (Electoral Commission: 12 Apr 2022 for the 5 May 2022 Assembly poll, 26 Apr 2023 for the 18 May 2023 council poll)",
  proxyDeadline:
    "Representation of the People (Northern Ireland) Regulations 2008 (SI 2008/1741): proxy applications by 5pm, 14 working days before the poll (Electoral Commission NI timetables)",
};

export const PRE_ELECTION =
  "Code of Recommended Practice on Local Authority Publicity 2011 (Local Government Act 1986 s.4), 'periods of heightened sensitivity'; policy 9.1 and 9.2";

export const SPENDING_RETURN = {
  days: 35,
  after: "declaration" as const,
  source:
    "Representation of the People Act 1983 s.81: 35 days after the declaration, moved to the next working day if that is disregarded (RULES.md §3)",
};

export const EW_COMPUTATION =
  "Local Elections (Principal Areas) (England and Wales) Rules 2006 r.2: Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, bank holidays and days of public thanksgiving or mourning are disregarded";

export const NI_COMPUTATION =
  "Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, Northern Ireland bank holidays (St Patrick's Day, Easter Monday, 12 July among them) and days of public thanksgiving or mourning are disregarded";

export function principalArea(name: string, computation: string): TimetableRule {
  return {
    days: { noticeOfElectionBy: 25, nominationsCloseBy: 19, statementOfPersonsNominatedBy: 18, ...COMMON_ABSENT },
    ordinaryPollOnThursday: true,
    spendingReturn: SPENDING_RETURN,
    sources: {
      noticeOfElectionBy: `${name}, Sch 1 r.1 (timetable): notice of election not later than the 25th working day before the poll`,
      nominationsCloseBy: `${name}, Sch 1 r.1: nominations close 4pm on the 19th working day before the poll`,
      statementOfPersonsNominatedBy: `${name}, Sch 1 r.1: statement of persons nominated by 4pm on the 18th working day before the poll`,
      computation,
      poll: "Representation of the People Act 1983 s.37 (ordinary day of election: first Thursday in May); by-elections under Local Government Act 1972 s.89",
      preElectionPeriod: PRE_ELECTION,
      ...ABSENT_VOTING_EW,
    },
  };
}
