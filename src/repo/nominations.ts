import { ApiError } from "../lib/problem";
import { newId } from "../lib/crypto";
import { clock } from "../lib/clock";
import { nominationsOutsideElection, type Nomination } from "../domain/nominations";
import { commit, type Actor } from "./audit";
import { invalidateScreening } from "./screening-context";

export interface NominationView extends Nomination {
  id: string;
  createdAt: string;
  createdBy: string;
}

interface Row {
  id: string;
  area_id: string;
  name: string;
  description: string | null;
  withdrawn_at: string | null;
  created_at: string;
  created_by: string;
}

const view = (r: Row): NominationView => ({
  id: r.id,
  areaId: r.area_id,
  name: r.name,
  description: r.description,
  withdrawnAt: r.withdrawn_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

// Each insert carries its rows as one JSON parameter (D1 binds at most 100 parameters a statement);
// 500 rows keep the parameter well under D1's 2 MB value limit at the longest names allowed.
const ROWS_PER_INSERT = 500;

async function electionAreaIds(d1: D1Database, electionId: string): Promise<string[]> {
  const [election, areas] = await d1.batch([
    d1.prepare("SELECT id FROM elections WHERE id = ?").bind(electionId),
    d1.prepare("SELECT area_id FROM election_areas WHERE election_id = ?").bind(electionId),
  ]);
  if (!election.results.length) throw new ApiError("not_found", `No election with id '${electionId}'.`);
  return (areas.results as { area_id: string }[]).map((a) => a.area_id);
}

export async function listNominations(d1: D1Database, electionId: string): Promise<NominationView[]> {
  await electionAreaIds(d1, electionId);
  const { results } = await d1
    .prepare(
      "SELECT id, area_id, name, description, withdrawn_at, created_at, created_by FROM nominations WHERE election_id = ? ORDER BY area_id, name COLLATE NOCASE, id",
    )
    .bind(electionId)
    .all<Row>();
  return results.map(view);
}

const audited = (n: Nomination) => ({
  areaId: n.areaId,
  name: n.name,
  description: n.description,
  withdrawnAt: n.withdrawnAt,
});

/** Replaces the election's statement of persons nominated with `list`, in one audited batch. */
export async function replaceNominations(
  d1: D1Database,
  actor: Actor,
  electionId: string,
  list: Nomination[],
): Promise<NominationView[]> {
  const areaIds = await electionAreaIds(d1, electionId);
  const outside = nominationsOutsideElection(areaIds, list);
  if (outside.length) {
    throw new ApiError(
      "validation_failed",
      `Not an area of this election: ${[...new Set(outside.map((o) => o.areaId))].join(", ")} (it covers ${areaIds.join(", ")}).`,
      {
        errors: outside.map((o) => ({
          in: "body" as const,
          pointer: `/nominations/${o.index}/areaId`,
          detail: `'${o.areaId}' is not one of this election's areas.`,
          code: "invalid",
        })),
      },
    );
  }
  const before = await listNominations(d1, electionId);
  const now = clock.iso();
  const createdBy = actor.id ?? actor.label;
  const rows = list.map((n) => ({ id: newId(), ...audited(n) }));
  const inserts: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    inserts.push(
      d1
        .prepare(
          `INSERT INTO nominations (id, election_id, area_id, name, description, withdrawn_at, created_at, created_by)
           SELECT json_extract(value, '$.id'), ?1, json_extract(value, '$.areaId'), json_extract(value, '$.name'),
             json_extract(value, '$.description'), json_extract(value, '$.withdrawnAt'), ?2, ?3
           FROM json_each(?4)`,
        )
        .bind(electionId, now, createdBy, JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT))),
    );
  }
  await commit(
    d1,
    actor,
    [d1.prepare("DELETE FROM nominations WHERE election_id = ?").bind(electionId), ...inserts],
    [
      {
        action: "election.nominations_replaced",
        subjectType: "election",
        subjectId: electionId,
        before: before.map(audited),
        after: rows.map(audited),
        // Every row the replacement deleted (now null) or wrote joins the chain, so verify finds a
        // candidate added, renamed or removed in the database itself.
        rowSet: { table: "nominations", ids: [...before.map((n) => n.id), ...rows.map((r) => r.id)] },
      },
    ],
  );
  // Nominated candidates' names feed pre-election screening.
  invalidateScreening(d1);
  return listNominations(d1, electionId);
}
