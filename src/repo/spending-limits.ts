import limitsFile from "../../calendars/spending-limits.json";
import { spendingLimitRows } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { ApiError } from "../lib/problem";
import type { LimitRow } from "../domain/spending";
import { commit, type Actor } from "./audit";
import { clock } from "../lib/clock";

export const BUNDLED_LIMITS = limitsFile.rows as unknown as LimitRow[];

export async function limitRows(d1: D1Database): Promise<LimitRow[]> {
  const added = (await dbOf(d1).select().from(spendingLimitRows)).map((r) => JSON.parse(r.content) as LimitRow);
  return [...BUNDLED_LIMITS, ...added];
}

export async function addLimitRow(d1: D1Database, actor: Actor, row: LimitRow): Promise<LimitRow> {
  if ((await limitRows(d1)).some((r) => r.id === row.id)) {
    throw new ApiError("conflict", `A limit row '${row.id}' exists.`, {
      errors: [{ in: "body", pointer: "/id", detail: "Already in use.", code: "duplicate" }],
    });
  }
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        dbOf(d1)
          .insert(spendingLimitRows)
          .values({
            id: row.id,
            content: JSON.stringify(row),
            createdBy: actor.id ?? actor.label,
            createdAt: clock.iso(),
          }),
      ),
    ],
    [{ action: "spending_limit.added", subjectType: "spending_limit", subjectId: row.id, after: row }],
  );
  return row;
}
