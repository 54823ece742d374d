// Statutory election timetables counted back from the poll in working days (./election-rules.ts for
// the numbers and their sources, ./calendar.ts for the days not counted).
import { calendarFor, OutOfCalendarRange, type HolidayData, type WorkingDayCalendar } from "./calendar";
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
  dissolution?: IsoDate;
  noticeOfElectionFrom?: IsoDate;
  noticeOfElectionBy: IsoDate;
  nominationsCloseBy: IsoDate | null;
  statementOfPersonsNominatedBy: IsoDate | null;
  registrationDeadline: IsoDate;
  postalVoteDeadline: IsoDate;
  proxyDeadline: IsoDate;
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

export function computeTimetable(input: TimetableInput, data: HolidayData): Timetable {
  const { kind, nation, poll } = input;
  const byElection = input.byElection ?? false;
  if (parseIsoDate(poll) === null) throw new DomainError("invalid", "poll", `${poll} is not a calendar date.`);
  const rule = ruleFor(kind, nation);
  if (kind === "parliamentary" && byElection) {
    throw new DomainError(
      "unsupported",
      "byElection",
      "A parliamentary by-election's timetable runs forward from the writ (Representation of the People Act 1983 Sch 1 r.1), not back from the poll; record the election with its actual notice date instead.",
    );
  }
  if (kind === "referendum" && byElection)
    throw new DomainError("invalid", "byElection", "A referendum is not a by-election.");
  const base = calendarFor(data, DIVISION_OF[nation]);
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
    if (kind === "referendum" && input.businessReferendum) {
      days.noticeOfElectionBy = 56;
      notes.push(
        "With a business referendum the information statement is due 56 days before (SI 2012/2031 reg.4(1A)).",
      );
    }
    const at = (m: Milestone) => countBack(cal, poll, days[m]);
    const notice = at("noticeOfElectionBy")!;
    const dissolution = at("dissolution") ?? undefined;
    const general = kind === "parliamentary" && !byElection;
    const purdahStart =
      general && input.generalElectionPurdahStarts === "dissolution" && dissolution ? dissolution : notice;
    const timetable: Timetable = {
      kind,
      nation,
      byElection,
      pollDate: poll,
      ...(general ? { dissolution } : {}),
      ...(rule.noticeNotBefore ? { noticeOfElectionFrom: cal.workingDaysBefore(poll, rule.noticeNotBefore) } : {}),
      noticeOfElectionBy: notice,
      nominationsCloseBy: at("nominationsCloseBy"),
      statementOfPersonsNominatedBy: at("statementOfPersonsNominatedBy"),
      registrationDeadline: countBack(base, poll, days.registrationDeadline)!,
      postalVoteDeadline: countBack(base, poll, days.postalVoteDeadline)!,
      proxyDeadline: countBack(base, poll, days.proxyDeadline)!,
      preElectionPeriod: { start: purdahStart, end: poll },
      sources: Object.fromEntries(Object.entries(rule.sources).filter(([, v]) => v)) as Record<string, string>,
      notes,
    };
    if (input.declared) {
      if (!rule.spendingReturn)
        throw new DomainError("unsupported", "declared", `No candidates' spending return applies to a ${kind}.`);
      if (parseIsoDate(input.declared) === null)
        throw new DomainError("invalid", "declared", `${input.declared} is not a calendar date.`);
      if (input.declared < poll || input.declared > addDays(poll, 7)) {
        throw new DomainError("invalid", "declared", "The declaration is on the poll day or within a week after it.");
      }
      const from = rule.spendingReturn.after === "declaration" ? input.declared : poll;
      timetable.spendingReturnDue = base.onOrNextWorkingDay(addDays(from, rule.spendingReturn.days));
      timetable.sources.spendingReturnDue = rule.spendingReturn.source;
    }
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
