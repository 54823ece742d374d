// The statutory timetables, as data: working days before the poll for each milestone, and where each
// number comes from. Facts: ../shared/RULES.md §1. A kind and nation with no entry here is
// unsupported and the calculator says so (422) rather than guessing. England, Wales and Scottish
// councils are here; the devolved parliaments, Northern Ireland and London in ./election-rules-devolved.ts.
import type { CalendarScope, Division } from "./calendar";
import {
  ABSENT_VOTING_EW,
  ABSENT_VOTING_NI,
  ABSENT_VOTING_SCOTLAND,
  COMMON_ABSENT,
  EW_COMPUTATION,
  NI_ABSENT,
  PRE_ELECTION,
  principalArea,
  SPENDING_RETURN,
} from "./election-rules-common";
import { DEVOLVED_RULES } from "./election-rules-devolved";

export const ELECTION_KINDS = [
  "local",
  "parish",
  "mayoral",
  "pcc",
  "parliamentary",
  "referendum",
  "scottish-parliament",
  "senedd",
  "ni-assembly",
  "london-mayor",
  "london-assembly",
] as const;
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
  | "statementOfPersonsNominatedIfObjectionsBy"
  | "registrationDeadline"
  | "postalVoteDeadline"
  | "proxyDeadline";

export interface TimetableRule {
  /** Working days before the poll; null where the milestone does not exist for this kind. */
  days: Partial<Record<Milestone, number | null>>;
  /** Scotland: the notice may not be published before this many days before the poll. */
  noticeNotBefore?: number;
  /** Scottish elections also disregard Easter Monday. */
  easterMonday?: boolean;
  /** Whose bank holidays are disregarded, when not the nation's own (UK general elections: all of them). */
  calendar?: CalendarScope;
  /** Ordinary (not by-) elections must poll on a Thursday. */
  ordinaryPollOnThursday: boolean;
  /**
   * By-elections: counted back from the poll like the ordinary election (the default), run forward from
   * the writ (UK Parliament), or not held at all (the reason).
   */
  byElection?: "counted-back" | "from-writ" | { none: string };
  /** The spending return: days after the declaration (or the poll, for parish elections). */
  spendingReturn: { days: number; after: "declaration" | "poll"; source: string } | null;
  sources: Partial<Record<Milestone | "computation" | "preElectionPeriod" | "poll" | "byElection", string>>;
  notes?: string[];
}

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
  mayoral: {
    ...principalArea(
      "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007 (SI 2007/1024) and Combined Authorities (Mayoral Elections) Order 2017 (SI 2017/67)",
      EW_COMPUTATION,
    ),
    notes: [
      "Local authority and combined-authority mayors. The Mayor of London is elected under the Greater London Authority Elections Rules 2007 with a longer timetable: use kind london-mayor.",
    ],
  },
  pcc: principalArea("Police and Crime Commissioner Elections Order 2012 (SI 2012/1917), Sch 3", EW_COMPUTATION),
};

const PARLIAMENT_COMPUTATION =
  "Representation of the People Act 1983 Sch 1 r.2: Saturdays, Sundays, Christmas Eve, Christmas Day, Good Friday, bank holidays and days of public thanksgiving or mourning are disregarded; at a general election a bank holiday in any part of the UK is disregarded everywhere (House of Commons Library CBP-8728), at a by-election those of the part of the UK the constituency is in";

function parliamentary(absent: typeof COMMON_ABSENT, absentSources: typeof ABSENT_VOTING_EW): TimetableRule {
  return {
    days: {
      dissolution: 25,
      noticeOfElectionBy: 22,
      nominationsCloseBy: 19,
      statementOfPersonsNominatedBy: 19,
      statementOfPersonsNominatedIfObjectionsBy: 18,
      ...absent,
    },
    calendar: "united-kingdom",
    ordinaryPollOnThursday: false,
    byElection: "from-writ",
    spendingReturn: SPENDING_RETURN,
    sources: {
      dissolution:
        "Dissolution and Calling of Parliament Act 2022; Representation of the People Act 1983 Sch 1 r.1: Parliament dissolves 25 working days before the poll (Electoral Commission timetable)",
      noticeOfElectionBy:
        "Representation of the People Act 1983 Sch 1 r.1: notice of election by 4pm on the 22nd working day before the poll",
      nominationsCloseBy:
        "Representation of the People Act 1983 Sch 1 r.1: nominations close 4pm on the 19th working day before the poll",
      statementOfPersonsNominatedBy:
        "Representation of the People Act 1983 Sch 1 r.1: statement of persons nominated by 5pm on the 19th working day before the poll if no objections were made (Electoral Commission guidance for (A)ROs)",
      statementOfPersonsNominatedIfObjectionsBy:
        "Representation of the People Act 1983 Sch 1 r.1: where objections were made, the statement of persons nominated by 4pm on the 18th working day before the poll (Electoral Commission guidance for (A)ROs)",
      computation: PARLIAMENT_COMPUTATION,
      poll: "Set by proclamation (Dissolution and Calling of Parliament Act 2022); a by-election's poll is fixed by the returning officer after the writ (RPA 1983 Sch 1 r.1)",
      byElection:
        "Representation of the People Act 1983 Sch 1 r.1 (Erskine May 2.7): notice by 4pm on the 2nd working day after the writ is received; nominations close on a day the returning officer fixes, not earlier than the 3rd working day after the notice nor later than the 7th after the writ; the poll 17 to 19 working days after the close of nominations",
      preElectionPeriod: PRE_ELECTION,
      ...absentSources,
    },
  };
}

export const RULES: Record<Nation, Partial<Record<ElectionKind, TimetableRule>>> = {
  england: {
    ...ENGLAND_AND_WALES,
    parliamentary: parliamentary(COMMON_ABSENT, ABSENT_VOTING_EW),
    referendum: {
      days: { noticeOfElectionBy: 28, nominationsCloseBy: null, statementOfPersonsNominatedBy: null, ...COMMON_ABSENT },
      ordinaryPollOnThursday: false,
      byElection: { none: "A referendum is not a by-election." },
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
    ...DEVOLVED_RULES.england,
  },
  wales: {
    ...ENGLAND_AND_WALES,
    parliamentary: parliamentary(COMMON_ABSENT, ABSENT_VOTING_EW),
    ...DEVOLVED_RULES.wales,
  },
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
    parliamentary: parliamentary(COMMON_ABSENT, ABSENT_VOTING_SCOTLAND),
    ...DEVOLVED_RULES.scotland,
  },
  "northern-ireland": {
    parliamentary: parliamentary(NI_ABSENT, ABSENT_VOTING_NI),
    ...DEVOLVED_RULES["northern-ireland"],
  },
};

const ONLY_IN: Partial<Record<ElectionKind, { nation: Nation; why: string }>> = {
  "scottish-parliament": { nation: "scotland", why: "The Scottish Parliament is elected in Scotland only." },
  senedd: { nation: "wales", why: "Senedd Cymru is elected in Wales only." },
  "ni-assembly": {
    nation: "northern-ireland",
    why: "The Northern Ireland Assembly is elected in Northern Ireland only.",
  },
  "london-mayor": { nation: "england", why: "The Mayor of London is elected in Greater London only." },
  "london-assembly": { nation: "england", why: "The London Assembly is elected in Greater London only." },
  referendum: { nation: "england", why: "Neighbourhood planning referendums are held in England only." },
};

/** Why a kind and nation is not supported, for the 422. */
export function unsupportedReason(kind: ElectionKind, nation: Nation): string {
  const only = ONLY_IN[kind];
  if (only && only.nation !== nation) return only.why;
  const why: Partial<Record<ElectionKind, string>> = {
    parish:
      nation === "scotland"
        ? "Scotland has no parish councils (community councils are not elected under the election rules)."
        : "Northern Ireland has no parish or community councils.",
    mayoral: "Only England and Wales have directly elected mayors.",
    pcc: "Police and crime commissioners are elected in England and Wales only.",
  };
  return why[kind] ?? `${kind} elections in ${nation} are not supported.`;
}
