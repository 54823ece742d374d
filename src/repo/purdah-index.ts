import type { HolidayData } from "../domain/calendar";
import type { ElectionKind, Nation } from "../domain/election-rules";
import { combineSharedPolls, purdahWindow, type ElectionFacts, type PurdahWindow } from "../domain/purdah";
import { computeTimetable, type Timetable } from "../domain/timetable";
import { DomainError } from "../domain/errors";
import { ancestorsAndSelf, descendants, type AreaNode } from "../domain/areas";
import { holidayData, invalidateHolidayData, TTL_MS } from "./calendar-data";
import { settingsFromRow, type CouncilSettings } from "./council";
import { clock } from "../lib/clock";

export interface ElectionRecord extends ElectionFacts {
  businessReferendum: boolean;
  status: "scheduled" | "cancelled";
  cycleId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AreaRecord extends AreaNode {
  name: string;
  kind: string;
  gssCode: string | null;
  createdAt: string;
  retiredAt: string | null;
}

export interface IndexedElection {
  election: ElectionRecord;
  timetable: Timetable | null;
  timetableProblem: string | null;
  window: PurdahWindow | null;
}

export interface PurdahIndex {
  settings: CouncilSettings;
  areas: Map<string, AreaRecord>;
  elections: IndexedElection[];
  windows: PurdahWindow[];
  builtAt: number;
}

/** The timetable and window of one election under the council's settings and the calendar in force. */
export function indexElection(election: ElectionRecord, data: HolidayData, settings: CouncilSettings): IndexedElection {
  let timetable: Timetable | null = null;
  let timetableProblem: string | null = null;
  try {
    timetable = computeTimetable(
      {
        kind: election.kind,
        nation: election.nation,
        poll: election.pollDate,
        byElection: election.byElection,
        writ: election.writReceived ?? undefined,
        businessReferendum: election.businessReferendum,
        generalElectionPurdahStarts: settings.generalElectionPurdahStarts,
      },
      data,
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    timetableProblem = err.message;
  }
  const window = election.status === "cancelled" ? null : purdahWindow(election, timetable, settings);
  return { election, timetable, timetableProblem, window };
}

export function electionFromRow(row: Record<string, unknown>, areaIds: string[]): ElectionRecord {
  return {
    id: row.id as string,
    title: row.title as string,
    kind: row.kind as ElectionKind,
    nation: row.nation as Nation,
    byElection: Boolean(row.by_election),
    businessReferendum: Boolean(row.business_referendum),
    pollDate: row.poll_date as string,
    noticePublishedOn: (row.notice_published_on as string) ?? null,
    writReceived: (row.writ_received as string) ?? null,
    declarationAt: (row.declaration_at as string) ?? null,
    status: row.status as ElectionRecord["status"],
    cycleId: (row.cycle_id as string) ?? null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    areaIds,
  };
}

export function areaFromRow(r: Record<string, unknown>): AreaRecord {
  return {
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as string,
    parentId: (r.parent_id as string) ?? null,
    gssCode: (r.gss_code as string) ?? null,
    createdAt: r.created_at as string,
    retiredAt: (r.retired_at as string) ?? null,
  };
}

async function build(d1: D1Database): Promise<PurdahIndex> {
  const [settingsRes, areasRes, electionsRes, linksRes] = await d1.batch([
    d1.prepare(
      "SELECT id, name, slug, nation, area_id AS areaId, purdah_ends AS purdahEnds, general_election_purdah_starts AS generalElectionPurdahStarts, updated_at AS updatedAt FROM council_settings WHERE id = 1",
    ),
    d1.prepare("SELECT * FROM areas"),
    d1.prepare("SELECT * FROM elections ORDER BY poll_date, id"),
    d1.prepare("SELECT election_id, area_id FROM election_areas"),
  ]);
  const data = await holidayData(d1);
  const settings = settingsFromRow((settingsRes.results[0] as Parameters<typeof settingsFromRow>[0]) ?? null);
  const links = new Map<string, string[]>();
  for (const l of linksRes.results as { election_id: string; area_id: string }[])
    links.set(l.election_id, [...(links.get(l.election_id) ?? []), l.area_id]);
  const areas = new Map((areasRes.results as Record<string, unknown>[]).map((r) => [r.id as string, areaFromRow(r)]));
  const elections = withCombinedPolls(
    (electionsRes.results as Record<string, unknown>[]).map((r) =>
      indexElection(electionFromRow(r, (links.get(r.id as string) ?? []).sort()), data, settings),
    ),
    areas,
  );
  return {
    settings,
    areas,
    elections,
    windows: elections.flatMap((e) => (e.window ? [e.window] : [])),
    builtAt: clock.ms(),
  };
}

/** Elections polling the same day in overlapping areas share one pre-election period (combineSharedPolls). */
export function withCombinedPolls(
  elections: IndexedElection[],
  areas: ReadonlyMap<string, AreaNode>,
): IndexedElection[] {
  const reach = new Map<string, Set<string>>();
  const reachOf = (w: PurdahWindow) => {
    let set = reach.get(w.electionId);
    if (!set) {
      set = new Set(w.areaIds.flatMap((a) => [...ancestorsAndSelf(areas, a), ...descendants(areas, a)]));
      reach.set(w.electionId, set);
    }
    return set;
  };
  const windows = elections.flatMap((e) => (e.window ? [e.window] : []));
  const combined = new Map(
    combineSharedPolls(windows, (a, b) => b.areaIds.some((id) => reachOf(a).has(id))).map((w) => [w.electionId, w]),
  );
  return elections.map((e) => (e.window ? { ...e, window: combined.get(e.election.id) ?? e.window } : e));
}

// Every purdah lookup would otherwise read all elections: each isolate keeps the computed windows for
// up to TTL_MS, and a write in this isolate rebuilds them at once. Gates that decide (approvals) ask
// for a fresh index.
const cache = new WeakMap<D1Database, Promise<PurdahIndex>>();

export function invalidateCalendars(d1: D1Database): void {
  cache.delete(d1);
  invalidateHolidayData(d1);
}

export async function purdahIndex(d1: D1Database, opts: { fresh?: boolean } = {}): Promise<PurdahIndex> {
  const hit = cache.get(d1);
  if (!opts.fresh && hit) {
    const index = await hit.catch(() => null);
    if (index && clock.ms() - index.builtAt < TTL_MS) return index;
  }
  if (opts.fresh) invalidateHolidayData(d1);
  const pending = build(d1);
  cache.set(d1, pending);
  pending.catch(() => cache.delete(d1));
  return pending;
}
