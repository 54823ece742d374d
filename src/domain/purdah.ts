// Pre-election ("purdah") windows for council publicity. A window starts at 00:00 Europe/London on
// the day the notice of election is published — the actual day once recorded, else the latest legal
// day (RULES.md §2) — or at dissolution for a general election where the council so decides; it ends
// at the close of poll (22:00) or at the declaration, as the council decides.
import { addDays, type IsoDate } from "./dates";
import { londonToUtc } from "./london-time";
import type { ElectionKind, Nation } from "./election-rules";
import type { Timetable } from "./timetable";

export interface PurdahSettings {
  purdahEnds: "close_of_poll" | "declaration";
  generalElectionPurdahStarts: "notice" | "dissolution";
}

export interface ElectionFacts {
  id: string;
  title: string;
  kind: ElectionKind;
  nation: Nation;
  byElection: boolean;
  pollDate: IsoDate;
  noticePublishedOn: IsoDate | null;
  declarationAt: string | null;
  areaIds: string[];
  /** UK Parliament by-elections: the day the returning officer received the writ. */
  writReceived?: IsoDate | null;
}

export type StartBasis = "notice_published" | "latest_legal_notice" | "dissolution" | "combined_poll";
export type EndBasis = "close_of_poll" | "declaration" | "expected_declaration";

export interface PurdahWindow {
  electionId: string;
  title: string;
  kind: ElectionKind;
  pollDate: IsoDate;
  areaIds: string[];
  /** Instants, ISO-8601 UTC; the window is [start, end). */
  start: string;
  end: string;
  startDate: IsoDate;
  startBasis: StartBasis;
  endBasis: EndBasis;
  source: string;
  /**
   * Other elections polling the same day in overlapping areas (a combined poll): the window then starts
   * at the earliest of their starts, and each keeps its own start here.
   */
  combinedWith?: { electionId: string; title: string; kind: ElectionKind; startDate: IsoDate }[];
  /** This election's own start, where a combined poll moved the window earlier. */
  ownStartDate?: IsoDate;
}

export const PURDAH_SOURCE =
  "Code of Recommended Practice on Local Authority Publicity 2011 (Local Government Act 1986 s.4) and LGA guidance for the pre-election period; policy 9.1, 9.2";

const CLOSE_OF_POLL = { hours: 22, minutes: 0 };

/** The window, or null when its start cannot be known (no timetable and no recorded notice). */
export function purdahWindow(
  election: ElectionFacts,
  timetable: Timetable | null,
  settings: PurdahSettings,
): PurdahWindow | null {
  let startDate: IsoDate | null = election.noticePublishedOn ?? timetable?.noticeOfElectionBy ?? null;
  let startBasis: StartBasis = election.noticePublishedOn ? "notice_published" : "latest_legal_notice";
  const general = election.kind === "parliamentary" && !election.byElection;
  if (general && settings.generalElectionPurdahStarts === "dissolution" && timetable?.dissolution) {
    if (!startDate || timetable.dissolution < startDate) {
      startDate = timetable.dissolution;
      startBasis = "dissolution";
    }
  }
  if (!startDate) return null;

  let end: Date;
  let endBasis: EndBasis;
  if (settings.purdahEnds === "close_of_poll") {
    end = londonToUtc(election.pollDate, CLOSE_OF_POLL.hours, CLOSE_OF_POLL.minutes);
    endBasis = "close_of_poll";
  } else if (election.declarationAt) {
    end = new Date(election.declarationAt);
    endBasis = "declaration";
  } else {
    // Until the declaration is recorded, assume counting ends by the end of the day after the poll.
    end = londonToUtc(addDays(election.pollDate, 2));
    endBasis = "expected_declaration";
  }
  return {
    electionId: election.id,
    title: election.title,
    kind: election.kind,
    pollDate: election.pollDate,
    areaIds: election.areaIds,
    start: londonToUtc(startDate).toISOString(),
    end: end.toISOString(),
    startDate,
    startBasis,
    endBasis,
    source:
      election.kind === "referendum"
        ? `Neighbourhood Planning (Referendums) Regulations 2012 reg.5; ${PURDAH_SOURCE}`
        : PURDAH_SOURCE,
  };
}

/** Windows in force at an instant. */
export function windowsAt(windows: readonly PurdahWindow[], at: Date): PurdahWindow[] {
  const t = at.toISOString();
  return windows.filter((w) => w.start <= t && t < w.end);
}

/** Windows that intersect [from, to). */
export function windowsBetween(windows: readonly PurdahWindow[], from: Date, to: Date): PurdahWindow[] {
  const f = from.toISOString();
  const e = to.toISOString();
  return windows.filter((w) => w.start < e && f < w.end);
}

/**
 * Combined polls: when elections share a poll day in areas that overlap (one inside or enclosing the
 * other), the council is in one pre-election period from the earliest notice (or dissolution) among
 * them. Each window lists the others and, where it moved, its own start.
 */
export function combineSharedPolls(
  windows: readonly PurdahWindow[],
  overlap: (a: PurdahWindow, b: PurdahWindow) => boolean,
): PurdahWindow[] {
  const byPoll = new Map<IsoDate, PurdahWindow[]>();
  for (const w of windows) byPoll.set(w.pollDate, [...(byPoll.get(w.pollDate) ?? []), w]);
  return windows.map((w) => {
    const others = (byPoll.get(w.pollDate) ?? []).filter((o) => o.electionId !== w.electionId && overlap(w, o));
    if (!others.length) return w;
    const combinedWith = others.map((o) => ({
      electionId: o.electionId,
      title: o.title,
      kind: o.kind,
      startDate: o.ownStartDate ?? o.startDate,
    }));
    const earliest = others.reduce((min, o) => (o.start < min.start ? o : min), w);
    if (earliest === w) return { ...w, combinedWith };
    return {
      ...w,
      start: earliest.start,
      startDate: earliest.startDate,
      startBasis: "combined_poll",
      ownStartDate: w.startDate,
      combinedWith,
    };
  });
}
