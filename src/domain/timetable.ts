// Statutory election timetables counted back from the poll in working days (./election-rules.ts for
// the numbers and their sources, ./calendar.ts for the days not counted). A UK Parliament by-election
// runs forward from the writ instead (./by-election.ts).
import {
  DIVISIONS,
  calendarFor,
  OutOfCalendarRange,
  type CalendarScope,
  type HolidayData,
  type WorkingDayCalendar,
} from "./calendar";
import { addDays, parseIsoDate, weekday, WEEKDAY_NAMES, type IsoDate } from "./dates";
import { DomainError } from "./errors";
import {
  DIVISION_OF,
  RULES,
  unsupportedReason,
  type ElectionKind,
  type Milestone,
  type Nation,
  type TimetableRule,
} from "./election-rules";

export interface TimetableInput {
  kind: ElectionKind;
  nation: Nation;
  poll: IsoDate;
  byElection?: boolean;
  /** UK Parliament by-elections: the day the returning officer received the writ. */
  writ?: IsoDate;
  /** Date of the declaration of result, for the spending-return deadline. */
  declared?: IsoDate;
  /** A neighbourhood planning referendum held with a business referendum (56 days' notice). */
  businessReferendum?: boolean;
  /** Where the pre-election period starts for a general election (a council setting). */
  generalElectionPurdahStarts?: "notice" | "dissolution";
}

export interface Timetable {
  kind: ElectionKind;
  nation: Nation;
  byElection: boolean;
  pollDate: IsoDate;
  /** Whose bank holidays the timetable disregards. */
  bankHolidaysOf: CalendarScope;
  writReceived?: IsoDate;
  dissolution?: IsoDate;
  noticeOfElectionFrom?: IsoDate;
  noticeOfElectionBy: IsoDate;
  /** By-elections from the writ: the earliest day the returning officer may fix for the close of nominations. */
  nominationsCloseFrom?: IsoDate;
  nominationsCloseBy: IsoDate | null;
  statementOfPersonsNominatedBy: IsoDate | null;
  /** Where objections to nominations were made (UK Parliament general elections). */
  statementOfPersonsNominatedIfObjectionsBy?: IsoDate;
  registrationDeadline: IsoDate;
  postalVoteDeadline: IsoDate;
  proxyDeadline: IsoDate;
  /** The day a person already announced becomes a candidate; spending counts from the next day (RULES.md §3). */
  candidateFrom: IsoDate | null;
  preElectionPeriod: { start: IsoDate; end: IsoDate };
  spendingReturnDue?: IsoDate;
  sources: Record<string, string>;
  notes: string[];
}

export function ruleFor(kind: ElectionKind, nation: Nation): TimetableRule {
  const rule = RULES[nation][kind];
  if (!rule) throw new DomainError("unsupported", "kind", unsupportedReason(kind, nation));
  return rule;
}

function countBack(cal: WorkingDayCalendar, poll: IsoDate, days: number | null | undefined): IsoDate | null {
  return days == null ? null : cal.workingDaysBefore(poll, days);
}

/** The calendar a timetable counts on: a general election's is UK-wide, a by-election's the nation's. */
export function calendarScope(rule: TimetableRule, nation: Nation, byElection: boolean): CalendarScope {
  return rule.calendar && !byElection ? rule.calendar : DIVISION_OF[nation];
}

function checkByElection(input: TimetableInput, rule: TimetableRule, byElection: boolean): void {
  const mode = rule.byElection ?? "counted-back";
  if (byElection && typeof mode === "object") throw new DomainError("invalid", "byElection", mode.none);
  if (mode === "from-writ" && byElection && !input.writ) {
    // "unsupported" rather than "invalid": a stored by-election without its writ falls back to the
    // notice date the council records.
    throw new DomainError(
      "unsupported",
      "writ",
      `A UK Parliament by-election's timetable runs forward from the writ (${rule.sources.byElection}): give the day the returning officer received it.`,
    );
  }
  if (input.writ && !(mode === "from-writ" && byElection))
    throw new DomainError("invalid", "writ", "Only a UK Parliament by-election runs from the writ.");
  if (input.writ && parseIsoDate(input.writ) === null)
    throw new DomainError("invalid", "writ", `${input.writ} is not a calendar date.`);
}

export function computeTimetable(input: TimetableInput, data: HolidayData): Timetable {
  const { kind, nation, poll } = input;
  const byElection = input.byElection ?? false;
  if (parseIsoDate(poll) === null) throw new DomainError("invalid", "poll", `${poll} is not a calendar date.`);
  const rule = ruleFor(kind, nation);
  checkByElection(input, rule, byElection);
  const base = calendarFor(data, calendarScope(rule, nation, byElection));
  const cal = rule.easterMonday ? base.withOptions({ easterMonday: true }) : base;
  try {
    const why = base.disregarded(poll);
    if (why) throw new DomainError("invalid", "poll", `${poll} is a ${why}; a poll is held on a working day.`);
    if (rule.ordinaryPollOnThursday && !byElection && weekday(poll) !== 4) {
      throw new DomainError(
        "invalid",
        "poll",
        `${poll} is a ${WEEKDAY_NAMES[weekday(poll)]}; ordinary ${kind} elections poll on a Thursday (${rule.sources.poll}). Set byElection=true for a by-election.`,
      );
    }
    const days = { ...rule.days };
    const notes = [...(rule.notes ?? [])];
    const published = Math.min(...DIVISIONS.map((d) => data.published[d].last));
    if (poll > `${published}-12-31`) {
      notes.push(
        `Bank holidays after ${published} are projected from the statutory rules (Banking and Financial Dealings Act 1971 Sch 1): check the dates again when gov.uk publishes that year.`,
      );
    }
    if (kind === "referendum" && input.businessReferendum) {
      days.noticeOfElectionBy = 56;
      notes.push(
        "With a business referendum the information statement is due 56 days before (SI 2012/2031 reg.4(1A)).",
      );
    }
    const at = (m: Milestone) => countBack(cal, poll, days[m]);
    const general = kind === "parliamentary" && !byElection;
    const timetable: Timetable = {
      kind,
      nation,
      byElection,
      pollDate: poll,
      bankHolidaysOf: base.division,
      ...(general ? { dissolution: at("dissolution")! } : {}),
      ...(rule.noticeNotBefore ? { noticeOfElectionFrom: cal.workingDaysBefore(poll, rule.noticeNotBefore) } : {}),
      noticeOfElectionBy: at("noticeOfElectionBy")!,
      nominationsCloseBy: at("nominationsCloseBy"),
      statementOfPersonsNominatedBy: at("statementOfPersonsNominatedBy"),
      ...(general
        ? { statementOfPersonsNominatedIfObjectionsBy: at("statementOfPersonsNominatedIfObjectionsBy")! }
        : {}),
      registrationDeadline: countBack(base, poll, days.registrationDeadline)!,
      postalVoteDeadline: countBack(base, poll, days.postalVoteDeadline)!,
      proxyDeadline: countBack(base, poll, days.proxyDeadline)!,
      candidateFrom: null,
      preElectionPeriod: { start: poll, end: poll },
      sources: Object.fromEntries(Object.entries(rule.sources).filter(([, v]) => v)) as Record<string, string>,
      notes,
    };
    if (input.writ) fromWrit(timetable, cal, input.writ);
    if (!general) {
      delete timetable.sources.dissolution;
      delete timetable.sources.statementOfPersonsNominatedIfObjectionsBy;
    }
    if (!byElection || !input.writ) delete timetable.sources.byElection;
    // At a general election a person already announced becomes a candidate at dissolution; otherwise on
    // the last day for the notice of election (Electoral Commission, "When do candidate spending laws apply").
    timetable.candidateFrom = rule.spendingReturn ? (timetable.dissolution ?? timetable.noticeOfElectionBy) : null;
    const purdahFromDissolution = general && input.generalElectionPurdahStarts === "dissolution";
    timetable.preElectionPeriod.start = purdahFromDissolution ? timetable.dissolution! : timetable.noticeOfElectionBy;
    if (input.declared) addSpendingReturn(timetable, rule, base, input.declared);
    return timetable;
  } catch (err) {
    if (err instanceof OutOfCalendarRange) {
      throw new DomainError(
        "out_of_range",
        "poll",
        `The timetable for a poll on ${poll} needs bank-holiday data for ${err.date}, outside the data held (${err.coverage.first} to ${err.coverage.last}). An administrator can upload a newer gov.uk file.`,
      );
    }
    throw err;
  }
}

/**
 * UK Parliament by-election (RPA 1983 Sch 1 r.1): notice by the 2nd working day after the writ is
 * received; the close of nominations is a day the returning officer fixes between the 3rd working day
 * after the notice and the 7th after the writ; the poll 17 to 19 working days after it. Given the writ
 * and the poll, the close of nominations lies in the overlap of those two windows.
 */
function fromWrit(t: Timetable, cal: WorkingDayCalendar, writ: IsoDate): void {
  if (writ >= t.pollDate) throw new DomainError("invalid", "writ", "The writ is received before the poll.");
  const earliest = [cal.workingDaysAfter(writ, 3), cal.workingDaysBefore(t.pollDate, 19)].sort()[1];
  const latest = [cal.workingDaysAfter(writ, 7), cal.workingDaysBefore(t.pollDate, 17)].sort()[0];
  if (earliest > latest) {
    const first = cal.workingDaysAfter(cal.workingDaysAfter(writ, 3), 17);
    const last = cal.workingDaysAfter(cal.workingDaysAfter(writ, 7), 19);
    throw new DomainError(
      "invalid",
      "poll",
      `With the writ received on ${writ} the poll falls between ${first} and ${last} (${t.sources.byElection}).`,
    );
  }
  t.writReceived = writ;
  t.noticeOfElectionBy = cal.workingDaysAfter(writ, 2);
  t.nominationsCloseFrom = earliest;
  t.nominationsCloseBy = latest;
  t.statementOfPersonsNominatedBy = latest;
  t.sources.noticeOfElectionBy = `${t.sources.byElection}: notice by 4pm on the 2nd working day after the writ`;
  t.sources.nominationsCloseBy = `${t.sources.byElection}: the latest day the returning officer may fix`;
  t.sources.statementOfPersonsNominatedBy =
    "Representation of the People Act 1983 Sch 1 r.1: at the close of the time for objections on the last day for nominations, or as soon after as objections are disposed of";
  t.notes.push(
    "The close of nominations is the day the returning officer fixes between nominationsCloseFrom and nominationsCloseBy; the statement of persons nominated follows it that day.",
  );
}

function addSpendingReturn(t: Timetable, rule: TimetableRule, base: WorkingDayCalendar, declared: IsoDate): void {
  if (!rule.spendingReturn)
    throw new DomainError("unsupported", "declared", `No candidates' spending return applies to a ${t.kind}.`);
  if (parseIsoDate(declared) === null)
    throw new DomainError("invalid", "declared", `${declared} is not a calendar date.`);
  if (declared < t.pollDate || declared > addDays(t.pollDate, 7)) {
    throw new DomainError("invalid", "declared", "The declaration is on the poll day or within a week after it.");
  }
  const from = rule.spendingReturn.after === "declaration" ? declared : t.pollDate;
  t.spendingReturnDue = base.onOrNextWorkingDay(addDays(from, rule.spendingReturn.days));
  t.sources.spendingReturnDue = rule.spendingReturn.source;
}
