import { eq } from "drizzle-orm";
import { takedownRequests } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Caller } from "../env";
import { commit, type Actor } from "./audit";
import { decideOnce } from "./decisions";
import { clock } from "../lib/clock";

export type Takedown = typeof takedownRequests.$inferSelect;

// Policy 11.3: the council asks; democratic services, who work with councillors, ask on its behalf too.
export const TAKEDOWN_REQUESTERS = ["comms_manager", "monitoring_officer", "chief_executive", "democratic_services"];
const READ_ALL = [...TAKEDOWN_REQUESTERS, "auditor", "admin"];

/** Who answers a request: a councillor for their own account; the comms manager for the council's. */
async function targetOwner(d1: D1Database, targetType: string, targetId: string): Promise<string | null> {
  const table = targetType === "councillor_account" ? "councillor_accounts" : "corporate_accounts";
  const row = await d1
    .prepare(`SELECT owner_id FROM ${table} WHERE id = ?`)
    .bind(targetId)
    .first<{ owner_id: string }>();
  return row?.owner_id ?? null;
}

export async function createTakedown(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  input: {
    targetType: "corporate_account" | "councillor_account";
    targetId: string;
    scope: "content" | "account";
    contentUrl?: string | null;
    reason: string;
    clause: string;
  },
) {
  const owner = await targetOwner(d1, input.targetType, input.targetId);
  if (!owner) {
    throw new ApiError("validation_failed", "No such account.", {
      errors: [
        {
          in: "body",
          pointer: "/targetId",
          detail: `No ${input.targetType.replace("_", " ")} with that id.`,
          code: "unknown",
        },
      ],
    });
  }
  if (input.scope === "content" && !input.contentUrl) {
    throw new ApiError("validation_failed", "Give the link to the content to remove.", {
      errors: [{ in: "body", pointer: "/contentUrl", detail: "Required when scope is content.", code: "required" }],
    });
  }
  const row: Takedown = {
    id: newId(),
    ...input,
    contentUrl: input.contentUrl ?? null,
    requestedBy: caller.id,
    createdAt: clock.iso(),
    outcome: "pending",
    outcomeNote: null,
    outcomeBy: null,
    outcomeAt: null,
  };
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(takedownRequests).values(row))],
    [{ action: "takedown_request.created", subjectType: "takedown_request", subjectId: row.id, after: row }],
    {
      events: [
        {
          type: "takedown.requested",
          subjectType: "takedown_request",
          subjectId: row.id,
          data: { takedownId: row.id, targetType: row.targetType, targetId: row.targetId, scope: row.scope },
          audience: {
            userIds: owner ? [owner] : [],
            roles: row.targetType === "corporate_account" ? ["comms_manager"] : [],
          },
        },
      ],
    },
  );
  return row;
}

async function canSee(d1: D1Database, caller: Caller, t: Takedown): Promise<boolean> {
  if (caller.roles.some((r) => READ_ALL.includes(r))) return true;
  return (await targetOwner(d1, t.targetType, t.targetId)) === caller.id;
}

export async function listTakedowns(d1: D1Database, caller: Caller): Promise<Takedown[]> {
  const rows = await dbOf(d1).select().from(takedownRequests);
  const out: Takedown[] = [];
  for (const r of rows) if (await canSee(d1, caller, r)) out.push(r);
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function recordTakedownOutcome(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  id: string,
  input: { outcome: "removed" | "closed" | "declined"; note: string },
) {
  const [before] = await dbOf(d1).select().from(takedownRequests).where(eq(takedownRequests.id, id));
  if (!before || !(await canSee(d1, caller, before)))
    throw new ApiError("not_found", `No takedown request with id '${id}'.`);
  const owner = await targetOwner(d1, before.targetType, before.targetId);
  const answers =
    before.targetType === "councillor_account"
      ? owner === caller.id
      : owner === caller.id || caller.roles.includes("comms_manager");
  if (!answers)
    throw new ApiError(
      "forbidden",
      "Only the account's holder records the outcome (the councillor, or the comms manager for a council account).",
    );
  if (before.outcome !== "pending")
    throw new ApiError("already_decided", `The outcome is already recorded (${before.outcome}).`);
  const set = { outcome: input.outcome, outcome_note: input.note, outcome_by: caller.id, outcome_at: clock.iso() };
  await decideOnce(d1, actor, {
    table: "takedown_requests",
    id,
    set,
    statusColumn: "outcome",
    action: `takedown_request.${input.outcome}`,
    subjectType: "takedown_request",
    before,
    after: { ...before, ...set },
    events: [
      {
        type: "takedown.outcome",
        subjectType: "takedown_request",
        subjectId: id,
        data: { takedownId: id, outcome: input.outcome },
        audience: { userIds: [before.requestedBy] },
      },
    ],
  });
  const [after] = await dbOf(d1).select().from(takedownRequests).where(eq(takedownRequests.id, id));
  return after;
}
