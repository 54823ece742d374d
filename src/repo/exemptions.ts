import { eq } from "drizzle-orm";
import { securityExemptions } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Caller } from "../env";
import { commit, type Actor } from "./audit";
import { decideOnce } from "./decisions";
import { recheckCouncillor } from "./councillor-accounts";
import { clock } from "../lib/clock";

export type Exemption = typeof securityExemptions.$inferSelect;

// Policy 5.5: sensitive (a threat to personal security). Only the councillor and the ICT manager who
// decides see it; never other councillors, nor the wider comms team.
const HANDLERS = ["ict_manager"];

const alreadyOpen = () => new ApiError("conflict", "You already have a pending or approved security exemption.");

export async function requestExemption(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  reason: string,
): Promise<Exemption> {
  const pending = await d1
    .prepare("SELECT 1 FROM security_exemptions WHERE councillor_id = ? AND status IN ('pending', 'approved')")
    .bind(caller.id)
    .first();
  if (pending) throw alreadyOpen();
  const row: Exemption = {
    id: newId(),
    councillorId: caller.id,
    reason,
    status: "pending",
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    createdAt: clock.iso(),
  };
  // The audit record says that a request exists, never why: the reason stays in this table.
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(securityExemptions).values(row))],
    [
      {
        action: "security_exemption.requested",
        subjectType: "security_exemption",
        subjectId: row.id,
        after: { councillorId: caller.id, status: "pending" },
      },
    ],
    {
      events: [
        {
          type: "security_exemption.requested",
          subjectType: "security_exemption",
          subjectId: row.id,
          data: { exemptionId: row.id },
          audience: { roles: ["ict_manager"], excludeUserIds: [caller.id] },
        },
      ],
    },
  ).catch((err) => {
    // The database's own constraint (migration 0013) for requests made at the same moment.
    if (String((err as Error)?.message).includes("security_exemptions")) throw alreadyOpen();
    throw err;
  });
  return row;
}

export async function listExemptions(d1: D1Database, caller: Caller): Promise<Exemption[]> {
  const rows = await dbOf(d1).select().from(securityExemptions);
  const all = caller.roles.some((r) => HANDLERS.includes(r));
  return rows.filter((r) => all || r.councillorId === caller.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function decideExemption(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  id: string,
  input: { decision: "approve" | "reject"; reason: string },
): Promise<Exemption> {
  const [before] = await dbOf(d1).select().from(securityExemptions).where(eq(securityExemptions.id, id));
  if (!before) throw new ApiError("not_found", `No security exemption with id '${id}'.`);
  if (before.councillorId === caller.id) throw new ApiError("self_decision", "You cannot decide your own exemption.");
  if (before.status !== "pending")
    throw new ApiError("already_decided", `This exemption is already ${before.status}; nothing was changed.`);
  const set = {
    status: input.decision === "approve" ? "approved" : "rejected",
    decided_by: caller.id,
    decided_at: clock.iso(),
    decision_reason: input.reason,
  };
  await decideOnce(d1, actor, {
    table: "security_exemptions",
    id,
    set,
    action: `security_exemption.${set.status}`,
    subjectType: "security_exemption",
    before: { status: "pending" },
    after: { status: set.status },
    events: [
      {
        type: "security_exemption.decided",
        subjectType: "security_exemption",
        subjectId: id,
        data: { exemptionId: id, status: set.status },
        audience: { userIds: [before.councillorId] },
      },
    ],
  });
  await recheckCouncillor(d1, actor, before.councillorId);
  const [after] = await dbOf(d1).select().from(securityExemptions).where(eq(securityExemptions.id, id));
  return after;
}
