import { eq } from "drizzle-orm";
import { electionCycles } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { ApiError } from "../lib/problem";
import { cycleOccurrences } from "../domain/cycles";
import { addDays, type IsoDate } from "../domain/dates";
import { DIVISION_OF, type ElectionKind, type Nation } from "../domain/election-rules";
import type { EventInput } from "../domain/events";
import { newId } from "../lib/crypto";
import { commit, type Actor, type AuditInput } from "./audit";
import { holidayData } from "./calendar-data";
import {
  checkAreas,
  checkedTimetable,
  domainToApi,
  electionId,
  electionView,
  electionWrites,
  purdahEvents,
  today,
} from "./elections";
import {
  indexElection,
  invalidateCalendars,
  purdahIndex,
  type ElectionRecord,
  type IndexedElection,
  type PurdahIndex,
} from "./purdah-index";
import { clock } from "../lib/clock";

export interface CycleInput {
  name: string;
  kind: ElectionKind;
  nation?: Nation;
  rrule: string;
  dtstart: IsoDate;
  exdates?: IsoDate[];
  areaIds: string[];
}

export interface Cycle extends Required<Omit<CycleInput, "nation">> {
  id: string;
  nation: Nation;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
}

function fromRow(r: typeof electionCycles.$inferSelect): Cycle {
  return {
    ...r,
    kind: r.kind as ElectionKind,
    nation: r.nation as Nation,
    exdates: JSON.parse(r.exdates),
    areaIds: JSON.parse(r.areaIds),
  };
}

export async function listCycles(d1: D1Database): Promise<Cycle[]> {
  return (await dbOf(d1).select().from(electionCycles)).map(fromRow);
}

export async function getCycle(d1: D1Database, id: string): Promise<Cycle> {
  const [row] = await dbOf(d1).select().from(electionCycles).where(eq(electionCycles.id, id));
  if (!row) throw new ApiError("not_found", `No election cycle with id '${id}'.`);
  return fromRow(row);
}

/**
 * The upcoming ordinary elections a cycle generates: from tomorrow up to the last year the calendar
 * covers (gov.uk's published bank holidays, then years projected by rule; beyond that no timetable can
 * be computed), minus any already recorded.
 */
async function generate(
  d1: D1Database,
  index: PurdahIndex,
  cycle: Cycle,
  keep: Set<string>,
): Promise<ElectionRecord[]> {
  const data = await holidayData(d1);
  const tomorrow = addDays(today(), 1);
  // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings, compared as text
  const from = tomorrow > cycle.dtstart ? tomorrow : cycle.dtstart;
  const to = `${data.years[DIVISION_OF[cycle.nation]].last}-12-31`;
  let polls: IsoDate[];
  try {
    polls = cycleOccurrences(cycle, from, to);
  } catch (err) {
    return domainToApi(err);
  }
  const now = clock.iso();
  const out: ElectionRecord[] = [];
  for (const poll of polls) {
    const id = electionId(cycle.kind, index.settings.slug, cycle.areaIds, index.settings.areaId, poll);
    if (keep.has(id)) continue;
    const record: ElectionRecord = {
      id,
      title: `${cycle.name} ${poll}`,
      kind: cycle.kind,
      nation: cycle.nation,
      byElection: false,
      businessReferendum: false,
      pollDate: poll,
      noticePublishedOn: null,
      declarationAt: null,
      status: "scheduled",
      cycleId: cycle.id,
      createdAt: now,
      updatedAt: now,
      areaIds: [...cycle.areaIds].sort(),
    };
    try {
      checkedTimetable(index, record, data);
    } catch (err) {
      const detail = `The rule generates a poll on ${poll} that cannot be an ordinary election: ${(err as ApiError).detail ?? (err as Error).message}`;
      throw new ApiError("validation_failed", detail, {
        errors: [{ in: "body", pointer: "/rrule", detail, code: "invalid" }],
      });
    }
    out.push(record);
  }
  return out;
}

/** Future elections of the cycle that nobody has acted on yet: safe to regenerate. Past ones never are. */
function replaceable(index: PurdahIndex, cycleId: string): ElectionRecord[] {
  const t = today();
  return index.elections
    .map((e) => e.election)
    .filter((e) => e.cycleId === cycleId && e.pollDate > t && !e.noticePublishedOn && e.status === "scheduled");
}

/**
 * What the comms team (and publishing tools) hear when a cycle's elections are regenerated, as when an
 * election is recorded or changed (src/repo/elections.ts): a period that is new is announced; one that
 * replaces the cycle's withdrawn election of the same year (the same poll, or a poll the rule now puts on
 * another day) has moved, if its dates changed, and says which period it replaces. A withdrawn election
 * with no replacement raises nothing, as a cancelled one does not.
 */
function cycleEvents(withdrawn: IndexedElection[], generated: IndexedElection[]): EventInput[] {
  const unmatched = [...withdrawn];
  const events: EventInput[] = [];
  for (const e of generated) {
    const year = e.election.pollDate.slice(0, 4);
    const candidates = unmatched.filter((w) => w.election.pollDate.slice(0, 4) === year);
    const prior =
      candidates.find((w) => w.election.id === e.election.id) ??
      candidates.sort(
        (a, b) =>
          Math.abs(Date.parse(a.election.pollDate) - Date.parse(e.election.pollDate)) -
          Math.abs(Date.parse(b.election.pollDate) - Date.parse(e.election.pollDate)),
      )[0];
    if (!prior) {
      events.push(...purdahEvents("purdah.announced", e));
      continue;
    }
    unmatched.splice(unmatched.indexOf(prior), 1);
    if (prior.window?.start === e.window?.start && prior.window?.end === e.window?.end) continue;
    events.push(
      ...purdahEvents("purdah.moved", e).map((ev) => ({
        ...ev,
        data: {
          ...ev.data,
          replaces: prior.window
            ? { electionId: prior.election.id, startsAt: prior.window.start, endsAt: prior.window.end }
            : { electionId: prior.election.id },
        },
      })),
    );
  }
  return events;
}

async function save(d1: D1Database, actor: Actor, before: Cycle | null, cycle: Cycle) {
  const index = await purdahIndex(d1, { fresh: true });
  checkAreas(index, cycle.areaIds);
  const removed = before ? replaceable(index, cycle.id) : [];
  const removedIds = new Set(removed.map((e) => e.id));
  // A withdrawn election takes its statement of persons nominated with it (the foreign key cascades):
  // its entry records those rows as deleted, as a replaced statement's entry does.
  const nominated = removed.length
    ? (
        await d1
          .prepare("SELECT id, election_id FROM nominations WHERE election_id IN (SELECT value FROM json_each(?))")
          .bind(JSON.stringify([...removedIds]))
          .all<{ id: string; election_id: string }>()
      ).results
    : [];
  const keep = new Set(index.elections.map((e) => e.election.id).filter((id) => !removedIds.has(id)));
  const generated = cycle.retiredAt ? [] : await generate(d1, index, cycle, keep);
  const data = await holidayData(d1);
  const db = dbOf(d1);
  const row = { ...cycle, exdates: JSON.stringify(cycle.exdates), areaIds: JSON.stringify(cycle.areaIds) };
  const writes = [
    before
      ? toD1(d1, db.update(electionCycles).set(row).where(eq(electionCycles.id, cycle.id)))
      : toD1(d1, db.insert(electionCycles).values(row)),
    ...removed.map((e) => d1.prepare("DELETE FROM elections WHERE id = ?").bind(e.id)),
    ...generated.flatMap((e) => electionWrites(d1, e)),
  ];
  const audit: AuditInput[] = [
    {
      action: before ? (cycle.retiredAt ? "cycle.retired" : "cycle.updated") : "cycle.created",
      subjectType: "election_cycle",
      subjectId: cycle.id,
      before,
      after: cycle,
    },
    ...removed.map(
      (e): AuditInput => ({
        action: "election.withdrawn_by_cycle",
        subjectType: "election",
        subjectId: e.id,
        before: e,
        rowSet: { table: "nominations", ids: nominated.filter((n) => n.election_id === e.id).map((n) => n.id) },
      }),
    ),
    ...generated.map((e) => ({
      action: "election.generated_by_cycle",
      subjectType: "election",
      subjectId: e.id,
      after: e,
    })),
  ];
  await commit(d1, actor, writes, audit, {
    events: cycleEvents(
      removed.map((e) => indexElection(e, data, index.settings)),
      generated.map((e) => indexElection(e, data, index.settings)),
    ),
  });
  invalidateCalendars(d1);
  return {
    cycle,
    generated: generated.map((e) => electionView(indexElection(e, data, index.settings))),
    withdrawn: removed.map((e) => e.id),
  };
}

export async function createCycle(d1: D1Database, actor: Actor, input: CycleInput) {
  const settingsNation = (await purdahIndex(d1)).settings.nation;
  const now = clock.iso();
  const cycle: Cycle = {
    id: newId(),
    name: input.name,
    kind: input.kind,
    nation: input.nation ?? settingsNation,
    rrule: input.rrule,
    dtstart: input.dtstart,
    exdates: input.exdates ?? [],
    areaIds: input.areaIds,
    createdAt: now,
    updatedAt: now,
    retiredAt: null,
  };
  return save(d1, actor, null, cycle);
}

export async function updateCycle(d1: D1Database, actor: Actor, id: string, input: CycleInput) {
  const before = await getCycle(d1, id);
  if (before.retiredAt) throw new ApiError("conflict", "This cycle is retired.");
  const cycle: Cycle = {
    ...before,
    ...input,
    nation: input.nation ?? before.nation,
    exdates: input.exdates ?? [],
    updatedAt: clock.iso(),
  };
  return save(d1, actor, before, cycle);
}

export async function retireCycle(d1: D1Database, actor: Actor, id: string) {
  const before = await getCycle(d1, id);
  if (before.retiredAt) return { cycle: before, generated: [], withdrawn: [] };
  return save(d1, actor, before, { ...before, retiredAt: clock.iso(), updatedAt: clock.iso() });
}
