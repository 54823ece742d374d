// The statutory timetables, as data: working days before the poll for each milestone, and where each
// number comes from. Facts: ../shared/RULES.md §1. A kind and nation with no entry here is
// unsupported and the calculator says so (422) rather than guessing.
import type { Division } from "./calendar";

export const ELECTION_KINDS = ["local", "parish", "mayoral", "pcc", "parliamentary", "referendum"] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];
export const NATIONS = ["england", "wales", "scotland", "northern-ireland"] as const;
export type Nation = (typeof NATIONS)[number];

export const DIVISION_OF: Record<Nation, Division> = {
  england: "england-and-wales",
  wales: "england-and-wales",
  scotland: "scotland",
  "northern-ireland": "northern-ireland",
};

export type Milestone =
  | "dissolution"
  | "noticeOfElectionBy"
  | "nominationsCloseBy"
  | "statementOfPersonsNominatedBy"
  | "registrationDeadline"
  | "postalVoteDeadline"
  | "proxyDeadline";

export interface TimetableRule {
  /** Working days before the poll; null where the milestone does not exist for this kind. */
  days: Partial<Record<Milestone, number | null>>;
  /** Scotland: the notice may not be published before this many days before the poll. */
  noticeNotBefore?: number;
  /** Scottish council elections also disregard Easter Monday. */
  easterMonday?: boolean;
  /** Ordinary (not by-) elections must poll on a Thursday. */
  ordinaryPollOnThursday: boolean;
  /** The spending return: days after the declaration (or the poll, for parish elections). */
  spendingReturn: { days: number; after: "declaration" | "poll"; source: string } | null;
  sources: Partial<Record<Milestone | "computation" | "preElectionPeriod" | "poll", string>>;
  notes?: string[];
}

const ABSENT_VOTING_EW = {
  registrationDeadline:
    "Representation of the People Act 1983 s.13B; 12 working days before the poll (Electoral Commission)",
  postalVoteDeadline:
    "Representation of the People (England and Wales) Regulations 2001 reg.56: 5pm, 11 working days before the poll",
  proxyDeadline:
    "Representation of the People (England and Wales) Regulations 2001 reg.56 and reg.64A: 5pm, 6 working days before the poll (proxy and voter authority certificate)",
};

const ABSENT_VOTING_SCOTLAND = {
  registrationDeadline:
    "Representation of the People Act 1983 s.13B; 12 working days before the poll (Electoral Commission)",
  postalVoteDeadline:
    "Representation of the People (Scotland) Regulations 2001 reg.56: 5pm, 11 working days before the poll",
  proxyDeadline:
    "Representation of the People (Scotland) Regulations 2001 reg.56 and reg.64A: 5pm, 6 working days before the poll",
};

const PRE_ELECTION =
  "Code of Recommended Practice on Local Authority Publicity 2011 (Local Government Act 1986 s.4), 'periods of heightened sensitivity'; policy 9.1 and 9.2";

const SPENDING_RETURN = {
  days: 35,
  after: "declaration" as const,
  source:
    "Representation of the People Act 1983 s.81: 35 days after the declaration, moved to the next working day if that is disregarded (RULES.md §3)",
};

const COMMON_ABSENT = { registrationDeadline: 12, postalVoteDeadline: 11, proxyDeadline: 6 };

function principalArea(name: string, computation: string): TimetableRule {
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

const EW_COMPUTATION =
  "Local Elections (Principal Areas) (England and Wales) Rules 2006 r.2: Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, bank holidays and days of public thanksgiving or mourning are disregarded";

const ENGLAND_AND_WALES: Partial<Record<ElectionKind, TimetableRule>> = {
  local: principalArea(
    "Local Elections (Principal Areas) (England and Wales) Rules 2006 (SI 2006/3304)",
    EW_COMPUTATION,
  ),
  parish: {
    ...principalArea(
      "Local Elections (Parishes and Communities) (England and Wales) Rules 2006 (SI 2006/3305)",
      EW_COMPUTATION,
    ),
    spendingReturn: {
      days: 28,
      after: "poll",
      source: "Parish and community elections: the return is due within 28 days of the poll (RULES.md §3)",
    },
  },
  mayoral: principalArea(
    "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007 (SI 2007/1024) and Combined Authorities (Mayoral Elections) Order 2017 (SI 2017/67)",
    EW_COMPUTATION,
  ),
  pcc: principalArea("Police and Crime Commissioner Elections Order 2012 (SI 2012/1917), Sch 3", EW_COMPUTATION),
  parliamentary: {
    days: {
      dissolution: 25,
      noticeOfElectionBy: 22,
      nominationsCloseBy: 19,
      statementOfPersonsNominatedBy: 19,
      ...COMMON_ABSENT,
    },
    ordinaryPollOnThursday: false,
    spendingReturn: SPENDING_RETURN,
    sources: {
      dissolution:
        "Dissolution and Calling of Parliament Act 2022; Representation of the People Act 1983 Sch 1 r.1: Parliament dissolves 25 working days before the poll (Electoral Commission timetable)",
      noticeOfElectionBy:
        "Representation of the People Act 1983 Sch 1 r.1: notice of election by 4pm on the 22nd working day before the poll",
      nominationsCloseBy:
        "Representation of the People Act 1983 Sch 1 r.1: nominations close 4pm on the 19th working day before the poll",
      statementOfPersonsNominatedBy:
        "Representation of the People Act 1983 Sch 1 r.1: statement of persons nominated by 5pm on the 19th working day before the poll",
      computation:
        "Representation of the People Act 1983 Sch 1 r.2: Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, bank holidays and days of public thanksgiving or mourning are disregarded",
      poll: "Set by proclamation (Dissolution and Calling of Parliament Act 2022)",
      preElectionPeriod: PRE_ELECTION,
      ...ABSENT_VOTING_EW,
    },
  },
};

export const RULES: Record<Nation, Partial<Record<ElectionKind, TimetableRule>>> = {
  england: {
    ...ENGLAND_AND_WALES,
    referendum: {
      days: { noticeOfElectionBy: 28, nominationsCloseBy: null, statementOfPersonsNominatedBy: null, ...COMMON_ABSENT },
      ordinaryPollOnThursday: false,
      spendingReturn: null,
      sources: {
        noticeOfElectionBy:
          "Neighbourhood Planning (Referendums) Regulations 2012 (SI 2012/2031) reg.4(1A): the information statement is published not fewer than 28 days before the referendum (56 with a business referendum)",
        computation:
          "SI 2012/2031 reg.4 disregards 'certain days'; which ones is not confirmed (RULES.md ⚠), so the usual list of the 2006 Rules r.2 is assumed",
        preElectionPeriod:
          "Neighbourhood Planning (Referendums) Regulations 2012 reg.5: council publicity is restricted during the 28 days before the referendum",
        ...ABSENT_VOTING_EW,
      },
      notes: [
        "Assumption: the 28 days are counted disregarding the days listed in the 2006 Rules r.2, because which days reg.4 disregards is not confirmed.",
        "A referendum has no nominations or statement of persons nominated.",
      ],
    },
  },
  wales: ENGLAND_AND_WALES,
  scotland: {
    local: {
      days: { noticeOfElectionBy: 28, nominationsCloseBy: 23, statementOfPersonsNominatedBy: 23, ...COMMON_ABSENT },
      noticeNotBefore: 35,
      easterMonday: true,
      ordinaryPollOnThursday: true,
      spendingReturn: SPENDING_RETURN,
      sources: {
        noticeOfElectionBy:
          "Scottish Local Government Elections Order 2011 (SSI 2011/399) Sch 1 r.1: notice of election not earlier than the 35th nor later than the 28th day before the poll",
        nominationsCloseBy: "SSI 2011/399 Sch 1 r.1: nominations close 4pm on the 23rd day before the poll",
        statementOfPersonsNominatedBy:
          "SSI 2011/399 Sch 1 r.1: the statement of persons nominated follows the close of nominations on the 23rd day",
        computation:
          "SSI 2011/399 Sch 1 r.2: Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, Scottish bank holidays, days of public thanksgiving or mourning, and Easter Monday are disregarded (RULES.md §1: the 2022 close of nominations, Wed 30 Mar 2022, comes out only so)",
        poll: "Local Governance (Scotland) Act 2004 and SSI 2011/399",
        preElectionPeriod: PRE_ELECTION,
        ...ABSENT_VOTING_SCOTLAND,
      },
    },
    parliamentary: {
      ...ENGLAND_AND_WALES.parliamentary!,
      sources: { ...ENGLAND_AND_WALES.parliamentary!.sources, ...ABSENT_VOTING_SCOTLAND },
    },
  },
  "northern-ireland": {},
};

/** Why a kind and nation is not supported, for the 422. */
export function unsupportedReason(kind: ElectionKind, nation: Nation): string {
  if (nation === "northern-ireland") {
    return "Northern Ireland timetables follow different legislation (Electoral Law Act (Northern Ireland) 1962, Local Elections (Northern Ireland) Order 2010) that this service does not implement yet.";
  }
  if (nation === "scotland") {
    const why: Partial<Record<ElectionKind, string>> = {
      parish: "Scotland has no parish councils (community councils are not elected under the election rules).",
      mayoral: "Scotland has no directly elected mayors.",
      pcc: "Scotland has no police and crime commissioners (policing is national).",
      referendum: "Neighbourhood planning referendums are held in England only.",
    };
    return why[kind] ?? `${kind} elections in Scotland are not supported.`;
  }
  if (kind === "referendum") return "Neighbourhood planning referendums are held in England only.";
  return `${kind} elections in ${nation} are not supported.`;
}
