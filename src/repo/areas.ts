import { eq } from "drizzle-orm";
import { areas } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { ApiError } from "../lib/problem";
import { wouldCycle } from "../domain/areas";
import { commit, type Actor } from "./audit";
import { invalidateCalendars, purdahIndex, type AreaRecord } from "./purdah-index";
import { clock } from "../lib/clock";

export const AREA_KINDS = [
  "council",
  "county_division",
  "ward",
  "parish",
  "constituency",
  "police_area",
  "combined_authority",
  "neighbourhood_area",
] as const;

export async function listAreas(d1: D1Database): Promise<AreaRecord[]> {
  return [...(await purdahIndex(d1, { fresh: true })).areas.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export async function getArea(d1: D1Database, id: string): Promise<AreaRecord> {
  const area = (await purdahIndex(d1, { fresh: true })).areas.get(id);
  if (!area) throw new ApiError("not_found", `No area with id '${id}'.`);
  return area;
}

const parentProblem = (detail: string) =>
  new ApiError("validation_failed", detail, {
    errors: [{ in: "body", pointer: "/parentId", detail, code: "invalid_parent" }],
  });

export async function createArea(
  d1: D1Database,
  actor: Actor,
  input: { id: string; name: string; kind: string; parentId?: string | null; gssCode?: string | null },
): Promise<AreaRecord> {
  const index = await purdahIndex(d1, { fresh: true });
  if (index.areas.has(input.id)) {
    throw new ApiError("conflict", `An area with id '${input.id}' exists.`, {
      errors: [{ in: "body", pointer: "/id", detail: "Already in use.", code: "duplicate" }],
    });
  }
  if (input.parentId && !index.areas.has(input.parentId)) throw parentProblem(`No area with id '${input.parentId}'.`);
  const area: AreaRecord = {
    id: input.id,
    name: input.name,
    kind: input.kind,
    parentId: input.parentId ?? null,
    gssCode: input.gssCode ?? null,
    createdAt: clock.iso(),
    retiredAt: null,
  };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(areas).values(area))],
    [{ action: "area.created", subjectType: "area", subjectId: area.id, after: area }],
  ).catch((err) => {
    if (String(err?.message).includes("areas.id"))
      throw new ApiError("conflict", `An area with id '${input.id}' exists.`);
    throw err;
  });
  invalidateCalendars(d1);
  return area;
}

export async function updateArea(
  d1: D1Database,
  actor: Actor,
  id: string,
  patch: { name?: string; parentId?: string | null; gssCode?: string | null; retired?: boolean },
): Promise<AreaRecord> {
  const index = await purdahIndex(d1, { fresh: true });
  const before = index.areas.get(id);
  if (!before) throw new ApiError("not_found", `No area with id '${id}'.`);
  if (patch.parentId) {
    if (!index.areas.has(patch.parentId)) throw parentProblem(`No area with id '${patch.parentId}'.`);
    if (wouldCycle(index.areas, id, patch.parentId))
      throw parentProblem(`'${patch.parentId}' is inside '${id}'; an area cannot be inside itself.`);
  }
  const after: AreaRecord = {
    ...before,
    name: patch.name ?? before.name,
    parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
    gssCode: patch.gssCode === undefined ? before.gssCode : patch.gssCode,
    retiredAt:
      patch.retired === undefined ? before.retiredAt : patch.retired ? (before.retiredAt ?? clock.iso()) : null,
  };
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        dbOf(d1)
          .update(areas)
          .set({ name: after.name, parentId: after.parentId, gssCode: after.gssCode, retiredAt: after.retiredAt })
          .where(eq(areas.id, id)),
      ),
    ],
    [{ action: "area.updated", subjectType: "area", subjectId: id, before, after }],
  );
  invalidateCalendars(d1);
  return after;
}
