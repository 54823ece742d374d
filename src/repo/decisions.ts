import { ApiError } from "../lib/problem";
import { commit, type Actor } from "./audit";
import type { EventInput } from "../domain/events";

/**
 * A decision on a pending record: one guarded UPDATE (`WHERE id = ? AND status = 'pending'`) and its
 * audit entry in one batch. Two deciders at once: the first changes the row and records it; the second
 * changes nothing, records nothing, and gets a 409.
 */
export async function decideOnce(
  d1: D1Database,
  actor: Actor,
  opts: {
    table: string;
    id: string;
    set: Record<string, unknown>;
    action: string;
    subjectType: string;
    before: unknown;
    after: unknown;
    statusColumn?: string;
    fromStatus?: string;
    /** Events for the outbox, written only if the decision lands. */
    events?: EventInput[];
  },
): Promise<void> {
  const columns = Object.keys(opts.set);
  const update = d1
    .prepare(
      `UPDATE ${opts.table} SET ${columns.map((c) => `${c} = ?`).join(", ")} WHERE id = ? AND ${opts.statusColumn ?? "status"} = ?`,
    )
    .bind(...columns.map((c) => opts.set[c] ?? null), opts.id, opts.fromStatus ?? "pending");
  const result = await commit(
    d1,
    actor,
    [update],
    [
      {
        action: opts.action,
        subjectType: opts.subjectType,
        subjectId: opts.id,
        before: opts.before,
        after: opts.after,
      },
    ],
    { onlyIfChanged: true, events: opts.events },
  );
  if (!result.applied)
    throw new ApiError("already_decided", "This has already been decided (or has expired); nothing was changed.");
}

export async function usersExist(d1: D1Database, ids: string[], pointer: (i: number) => string): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const row = await d1.prepare("SELECT 1 FROM users WHERE id = ? AND disabled_at IS NULL").bind(id).first();
    if (!row)
      throw new ApiError("validation_failed", `No active user with id '${id}'.`, {
        errors: [{ in: "body", pointer: pointer(i), detail: "Unknown or disabled user.", code: "unknown_user" }],
      });
  }
}

export { handleKey } from "../domain/handles";
