import { and, eq } from "drizzle-orm";
import { electionAreas, elections } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { ApiError, type FieldError } from "../lib/problem";
import { addDays, type IsoDate } from "../domain/dates";
import { DomainError } from "../domain/errors";
import { londonDate, londonToUtc } from "../domain/london-time";
import { computeTimetable, type Timetable } from "../domain/timetable";
import type { ElectionKind, Nation } from "../domain/election-rules";
import { ancestorsAndSelf, descendants } from "../domain/areas";
import { commit, type Actor } from "./audit";
import { holidayData } from "./calendar-data";
import {
  indexElection,
  invalidateCalendars,
  purdahIndex,
  type ElectionRecord,
  type IndexedElection,
  type PurdahIndex,
} from "./purdah-index";
import { clock } from "../lib/clock";
import { COMMS_TEAM, type EventInput } from "../domain/events";

const PREFIX: Record<ElectionKind, string> = {
  local: "local",
  parish: "parish",
  mayoral: "mayor",
  pcc: "pcc",
  parliamentary: "parl",
  referendum: "ref",
  "scottish-parliament": "sp",
  senedd: "senedd",
  "ni-assembly": "nia",
  "london-mayor": "mayor.london",
  "london-assembly": "gla",
};

/** Democracy Club style: `local.<council>.<ward>.<date>` for one ward, `local.<council>.<date>` otherwise. */
export function electionId(
  kind: ElectionKind,
  councilSlug: string,
  areaIds: string[],
  councilAreaId: string | null,
  poll: IsoDate,
): string {
  const single = areaIds.length === 1 && areaIds[0] !== councilAreaId ? areaIds[0] : null;
  return [PREFIX[kind], councilSlug, single, poll].filter(Boolean).join(".");
}

export function today(): IsoDate {
  return londonDate(clock.now());
}

export function electionView(e: IndexedElection) {
  return {
    ...e.election,
    writReceived: e.election.writReceived ?? null,
    timetable: e.timetable,
    timetableProblem: e.timetableProblem,
    preElectionPeriod: e.window,
  };
}

const FIELD_POINTERS: Record<string, string> = {
  poll: "/pollDate",
  kind: "/kind",
  byElection: "/byElection",
  declared: "/declarationAt",
  writ: "/writReceived",
};

export function domainToApi(
  err: unknown,
  where: FieldError["in"] = "body",
  pointers: Record<string, string> = FIELD_POINTERS,
): never {
  if (err instanceof DomainError) {
    const pointer = pointers[err.field] ?? `/${err.field}`;
    throw new ApiError(err.code === "unsupported" ? "unsupported" : "validation_failed", err.message, {
      errors: [{ in: where, pointer, detail: err.message, code: err.code }],
    });
  }
  throw err;
}

const invalid = (pointer: string, detail: string) =>
  new ApiError("validation_failed", detail, { errors: [{ in: "body", pointer, detail, code: "invalid" }] });

export interface NewElection {
  kind: ElectionKind;
  nation?: Nation;
  pollDate: IsoDate;
  areaIds: string[];
  byElection?: boolean;
  businessReferendum?: boolean;
  title?: string;
  noticePublishedOn?: IsoDate | null;
  writReceived?: IsoDate | null;
}

/** The timetable, or null where none can be computed (which then needs a recorded notice date). */
export function checkedTimetable(
  index: PurdahIndex,
  e: Pick<ElectionRecord, "kind" | "nation" | "pollDate" | "byElection" | "businessReferendum" | "writReceived">,
  data: Parameters<typeof computeTimetable>[1],
): Timetable | null {
  try {
    return computeTimetable(
      {
        kind: e.kind,
        nation: e.nation,
        poll: e.pollDate,
        byElection: e.byElection,
        writ: e.writReceived ?? undefined,
        businessReferendum: e.businessReferendum,
        generalElectionPurdahStarts: index.settings.generalElectionPurdahStarts,
      },
      data,
    );
  } catch (err) {
    if (err instanceof DomainError && err.code !== "invalid") return null;
    return domainToApi(err);
  }
}

export function checkNoticeDate(notice: IsoDate | null | undefined, poll: IsoDate, timetable: Timetable | null): void {
  if (!notice) return;
  if (notice >= poll) throw invalid("/noticePublishedOn", "The notice of election is published before the poll.");
  if (notice < addDays(poll, -120))
    throw invalid(
      "/noticePublishedOn",
      "A notice of election more than 120 days before the poll is not plausible; check the date.",
    );
  if (timetable && notice > timetable.noticeOfElectionBy) {
    throw invalid(
      "/noticePublishedOn",
      `The notice must be published by ${timetable.noticeOfElectionBy} (${timetable.sources.noticeOfElectionBy}).`,
    );
  }
  if (timetable?.noticeOfElectionFrom && notice < timetable.noticeOfElectionFrom) {
    throw invalid(
      "/noticePublishedOn",
      `The notice may not be published before ${timetable.noticeOfElectionFrom} (${timetable.sources.noticeOfElectionBy}).`,
    );
  }
}

export function checkAreas(index: PurdahIndex, areaIds: string[], pointer = "/areaIds"): void {
  areaIds.forEach((id, i) => {
    const area = index.areas.get(id);
    if (!area) throw invalid(`${pointer}/${i}`, `No area with id '${id}'.`);
    if (area.retiredAt) throw invalid(`${pointer}/${i}`, `The area '${id}' is retired.`);
  });
}

export function electionWrites(d1: D1Database, e: ElectionRecord): D1PreparedStatement[] {
  const db = dbOf(d1);
  const { areaIds, ...row } = e;
  return [
    toD1(d1, db.insert(elections).values(row)),
    ...areaIds.map((areaId) => toD1(d1, db.insert(electionAreas).values({ electionId: e.id, areaId }))),
  ];
}

export async function createElection(d1: D1Database, actor: Actor, input: NewElection) {
  const index = await purdahIndex(d1, { fresh: true });
  const data = await holidayData(d1);
  checkAreas(index, input.areaIds);
  const nation = input.nation ?? index.settings.nation;
  const now = clock.iso();
  const record: ElectionRecord = {
    id: electionId(input.kind, index.settings.slug, input.areaIds, index.settings.areaId, input.pollDate),
    title: input.title ?? defaultTitle(index, input),
    kind: input.kind,
    nation,
    byElection: input.byElection ?? false,
    businessReferendum: input.businessReferendum ?? false,
    pollDate: input.pollDate,
    noticePublishedOn: input.noticePublishedOn ?? null,
    writReceived: input.writReceived ?? null,
    declarationAt: null,
    status: "scheduled",
    cycleId: null,
    createdAt: now,
    updatedAt: now,
    areaIds: [...input.areaIds].sort(),
  };
  const timetable = checkedTimetable(index, record, data);
  checkNoticeDate(record.noticePublishedOn, record.pollDate, timetable);
  if (!timetable && !record.noticePublishedOn) {
    const why = indexElection(record, data, index.settings).timetableProblem;
    throw invalid(
      "/noticePublishedOn",
      `${why} Record the date the notice of election was published, so the pre-election period is known.`,
    );
  }
  if (index.elections.some((e) => e.election.id === record.id)) {
    throw new ApiError("conflict", `The election ${record.id} is already recorded.`, {
      errors: [
        {
          in: "body",
          pointer: "/pollDate",
          detail: "An election of this kind for these areas on this day exists.",
          code: "duplicate",
        },
      ],
    });
  }
  const indexed = indexElection(record, data, index.settings);
  await commit(
    d1,
    actor,
    electionWrites(d1, record),
    [{ action: "election.created", subjectType: "election", subjectId: record.id, after: electionView(indexed) }],
    { events: purdahEvents("purdah.announced", indexed) },
  ).catch((err) => {
    if (String(err?.message).includes("elections.id"))
      throw new ApiError("conflict", `The election ${record.id} is already recorded.`);
    throw err;
  });
  invalidateCalendars(d1);
  return electionView(indexed);
}

/** The comms team hears when a pre-election period is announced or moves (and publishing tools, by webhook). */
export function purdahEvents(type: "purdah.announced" | "purdah.moved", e: IndexedElection): EventInput[] {
  if (!e.window) return [];
  return [
    {
      type,
      subjectType: "election",
      subjectId: e.election.id,
      data: {
        electionId: e.election.id,
        electionName: e.election.title,
        startsAt: e.window.start,
        endsAt: e.window.end,
        areaIds: e.window.areaIds,
      },
      audience: { roles: COMMS_TEAM },
    },
  ];
}

function defaultTitle(
  index: PurdahIndex,
  input: Pick<NewElection, "kind" | "areaIds" | "byElection" | "pollDate">,
): string {
  const names = input.areaIds.map((id) => index.areas.get(id)?.name ?? id).join(", ");
  const what: Record<ElectionKind, string> = {
    local: "local election",
    parish: "parish election",
    mayoral: "mayoral election",
    pcc: "police and crime commissioner election",
    parliamentary: "UK Parliament election",
    referendum: "neighbourhood planning referendum",
    "scottish-parliament": "Scottish Parliament election",
    senedd: "Senedd Cymru election",
    "ni-assembly": "Northern Ireland Assembly election",
    "london-mayor": "Mayor of London election",
    "london-assembly": "London Assembly election",
  };
  return `${names} ${input.byElection ? "by-election" : what[input.kind]} ${input.pollDate}`;
}

export async function getElection(d1: D1Database, id: string) {
  const found = (await purdahIndex(d1, { fresh: true })).elections.find((e) => e.election.id === id);
  if (!found) throw new ApiError("not_found", `No election with id '${id}'.`);
  return found;
}

export async function listElections(
  d1: D1Database,
  q: { from?: IsoDate; to?: IsoDate; area?: string; kind?: ElectionKind; includeCancelled?: boolean },
) {
  const index = await purdahIndex(d1, { fresh: true });
  let relevant: Set<string> | null = null;
  if (q.area) {
    if (!index.areas.has(q.area)) throw new ApiError("not_found", `No area with id '${q.area}'.`);
    relevant = new Set([...ancestorsAndSelf(index.areas, q.area), ...descendants(index.areas, q.area)]);
  }
  return index.elections
    .filter(({ election: e }) => (!q.from || e.pollDate >= q.from) && (!q.to || e.pollDate <= q.to))
    .filter(({ election: e }) => !q.kind || e.kind === q.kind)
    .filter(({ election: e }) => q.includeCancelled || e.status !== "cancelled")
    .filter(({ election: e }) => !relevant || e.areaIds.some((a) => relevant!.has(a)))
    .map(electionView);
}

export interface ElectionPatch {
  title?: string;
  noticePublishedOn?: IsoDate | null;
  writReceived?: IsoDate | null;
  declarationAt?: string | null;
  status?: "scheduled" | "cancelled";
}

export async function updateElection(d1: D1Database, actor: Actor, id: string, patch: ElectionPatch) {
  const current = await getElection(d1, id);
  const index = await purdahIndex(d1);
  const data = await holidayData(d1);
  const before = current.election;
  const after: ElectionRecord = {
    ...before,
    title: patch.title ?? before.title,
    noticePublishedOn: patch.noticePublishedOn === undefined ? before.noticePublishedOn : patch.noticePublishedOn,
    writReceived: patch.writReceived === undefined ? (before.writReceived ?? null) : patch.writReceived,
    declarationAt:
      patch.declarationAt === undefined
        ? before.declarationAt
        : patch.declarationAt === null
          ? null
          : new Date(patch.declarationAt).toISOString(),
    status: patch.status ?? before.status,
    updatedAt: clock.iso(),
  };
  // A writ recorded or corrected moves the by-election's whole timetable
  const timetable = patch.writReceived === undefined ? current.timetable : checkedTimetable(index, after, data);
  checkNoticeDate(after.noticePublishedOn, after.pollDate, timetable);
  if (!timetable && !after.noticePublishedOn)
    throw invalid(
      "/noticePublishedOn",
      "This election has no computable timetable, so its notice date cannot be removed.",
    );
  if (after.declarationAt) {
    const earliest = londonToUtc(timetable?.nominationsCloseBy ?? after.pollDate).toISOString();
    const latest = londonToUtc(addDays(after.pollDate, 8)).toISOString();
    if (after.declarationAt < earliest || after.declarationAt >= latest) {
      throw invalid(
        "/declarationAt",
        `The declaration falls between the close of nominations (${earliest}) and a week after the poll.`,
      );
    }
  }
  // Optimistic: the write only lands if nobody changed the election since it was read.
  const write = toD1(
    d1,
    dbOf(d1)
      .update(elections)
      .set({
        title: after.title,
        noticePublishedOn: after.noticePublishedOn,
        writReceived: after.writReceived ?? null,
        declarationAt: after.declarationAt,
        status: after.status,
        updatedAt: after.updatedAt,
      })
      .where(and(eq(elections.id, id), eq(elections.updatedAt, before.updatedAt))),
  );
  const indexed = indexElection(after, data, index.settings);
  const result = await commit(
    d1,
    actor,
    [write],
    [
      {
        action: "election.updated",
        subjectType: "election",
        subjectId: id,
        before: electionView(current),
        after: electionView(indexed),
      },
    ],
    {
      onlyIfChanged: true,
      events:
        current.window?.start !== indexed.window?.start || current.window?.end !== indexed.window?.end
          ? purdahEvents("purdah.moved", indexed)
          : [],
    },
  );
  if (!result.applied)
    throw new ApiError(
      "conflict",
      "Someone else changed this election while you were editing it; reload and try again.",
    );
  invalidateCalendars(d1);
  return electionView(indexed);
}
