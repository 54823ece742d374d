import { eq } from "drizzle-orm";
import { publishingStops } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import { commit, type Actor } from "./audit";
import { clock } from "../lib/clock";

export type Stop = typeof publishingStops.$inferSelect;

/** The stop in force for an account (its own, or organisation-wide), if any. */
export async function activeStop(d1: D1Database, accountId: string): Promise<Stop | null> {
  const row = await d1
    .prepare(
      "SELECT id, account_id AS accountId, reason, created_by AS createdBy, created_at AS createdAt, lifted_by AS liftedBy, lifted_at AS liftedAt FROM publishing_stops WHERE lifted_at IS NULL AND (account_id IS NULL OR account_id = ?) ORDER BY created_at LIMIT 1",
    )
    .bind(accountId)
    .first<Stop>();
  return row ?? null;
}

export async function listStops(d1: D1Database): Promise<Stop[]> {
  return (await dbOf(d1).select().from(publishingStops)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function createStop(
  d1: D1Database,
  actor: Actor,
  callerId: string,
  input: { accountId?: string | null; reason: string },
): Promise<Stop> {
  if (input.accountId) {
    const exists = await d1.prepare("SELECT 1 FROM corporate_accounts WHERE id = ?").bind(input.accountId).first();
    if (!exists)
      throw new ApiError("validation_failed", "No such account.", {
        errors: [{ in: "body", pointer: "/accountId", detail: "Unknown account.", code: "unknown" }],
      });
  }
  const stop: Stop = {
    id: newId(),
    accountId: input.accountId ?? null,
    reason: input.reason,
    createdBy: callerId,
    createdAt: clock.iso(),
    liftedBy: null,
    liftedAt: null,
  };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(publishingStops).values(stop))],
    [{ action: "publishing.stopped", subjectType: "publishing_stop", subjectId: stop.id, after: stop }],
  );
  return stop;
}

/** Lifting is idempotent; the held posts it frees are returned so their Workflows can be told. */
export async function liftStop(
  d1: D1Database,
  actor: Actor,
  callerId: string,
  id: string,
): Promise<{ stop: Stop; released: { id: string; workflowInstance: string | null }[] }> {
  const [before] = await dbOf(d1).select().from(publishingStops).where(eq(publishingStops.id, id));
  if (!before) throw new ApiError("not_found", `No publishing stop with id '${id}'.`);
  if (before.liftedAt) throw new ApiError("already_decided", "This stop is already lifted.");
  const at = clock.iso();
  const result = await commit(
    d1,
    actor,
    [
      d1
        .prepare("UPDATE publishing_stops SET lifted_at = ?, lifted_by = ? WHERE id = ? AND lifted_at IS NULL")
        .bind(at, callerId, id),
    ],
    [
      {
        action: "publishing.resumed",
        subjectType: "publishing_stop",
        subjectId: id,
        before,
        after: { liftedAt: at, liftedBy: callerId },
      },
    ],
    { onlyIfChanged: true },
  );
  if (!result.applied) throw new ApiError("already_decided", "This stop is already lifted.");
  const held = (
    await d1
      .prepare("SELECT id, account_id, workflow_instance FROM posts WHERE status = 'held'")
      .all<{ id: string; account_id: string; workflow_instance: string | null }>()
  ).results;
  const released = [];
  for (const p of held)
    if (!(await activeStop(d1, p.account_id))) released.push({ id: p.id, workflowInstance: p.workflow_instance });
  const [after] = await dbOf(d1).select().from(publishingStops).where(eq(publishingStops.id, id));
  return { stop: after, released };
}
