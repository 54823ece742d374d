import { eq } from "drizzle-orm";
import { logoRequests } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Caller } from "../env";
import { addDays } from "../domain/dates";
import { commit, type Actor } from "./audit";
import { decideOnce } from "./decisions";
import { today } from "./elections";
import { recheckCouncillor } from "./councillor-accounts";
import { clock } from "../lib/clock";
import type { Audience, EventInput, EventType } from "../domain/events";

export const SITE_RELATIONS = [
  "councillor_role",
  "council_service",
  "personal",
  "political_party",
  "campaign",
  "commercial",
  "other",
] as const;
type SiteRelation = (typeof SITE_RELATIONS)[number];

// Policy 5.4: the logo is not used on sites unrelated to, or not representative of, the council's
// official position. Only a councillor's role or a council service qualifies; the rest is refused at
// once, with the clause, and never reaches the chief executive.
const REFUSED: Partial<Record<SiteRelation, string>> = {
  personal: "policy 5.4",
  political_party:
    "policy 5.4; policy 10.3 and Local Government Act 1986 s.2 (no party-political use of council identity)",
  campaign: "policy 5.4; policy 10.3 (no specific campaigning)",
  commercial: "policy 5.4; policy 10.4 (no commercial ventures)",
  other: "policy 5.4",
};

export interface LogoRequestInput {
  targetType: "councillor_account" | "corporate_account" | "website";
  accountId?: string | null;
  siteUrl: string;
  purpose: string;
  siteRelation: SiteRelation;
  periodStart: string;
  periodEnd: string;
}

export type LogoRequest = typeof logoRequests.$inferSelect;

export const LOGO_DECIDERS = ["chief_executive"];
const READ_ALL = ["chief_executive", "auditor", "admin"];

function invalid(pointer: string, detail: string): never {
  throw new ApiError("validation_failed", detail, { errors: [{ in: "body", pointer, detail, code: "invalid" }] });
}

async function checkTarget(d1: D1Database, caller: Caller, input: LogoRequestInput) {
  if (input.targetType === "website") {
    if (input.accountId) invalid("/accountId", "A website request names no account.");
    return;
  }
  if (!input.accountId) invalid("/accountId", "Name the account the logo would appear on.");
  if (input.targetType === "councillor_account") {
    const row = await d1
      .prepare("SELECT owner_id FROM councillor_accounts WHERE id = ? AND removed_at IS NULL")
      .bind(input.accountId)
      .first<{ owner_id: string }>();
    if (!row || row.owner_id !== caller.id) invalid("/accountId", "Name one of your own registered accounts.");
  } else {
    const row = await d1
      .prepare("SELECT status FROM corporate_accounts WHERE id = ?")
      .bind(input.accountId)
      .first<{ status: string }>();
    if (!row || row.status === "closed") invalid("/accountId", "No open corporate account with that id.");
  }
}

export async function createLogoRequest(
  d1: D1Database,
  env: Env,
  actor: Actor,
  caller: Caller,
  input: LogoRequestInput,
): Promise<LogoRequest> {
  await checkTarget(d1, caller, input);
  const t = today();
  if (input.periodStart < t) invalid("/periodStart", "The period starts today or later.");
  if (input.periodEnd < input.periodStart) invalid("/periodEnd", "The period ends on or after its start.");
  if (input.periodEnd > addDays(input.periodStart, 4 * 366))
    invalid("/periodEnd", "A logo approval lasts at most four years (a council term); ask again after.");
  const now = clock.now();
  const refusedBy = REFUSED[input.siteRelation];
  const expireHours = Number(env.LOGO_EXPIRE_AFTER_HOURS) || 336;
  const remindHours = Math.min(Number(env.LOGO_REMIND_AFTER_HOURS) || 72, expireHours);
  const request: LogoRequest = {
    id: newId(),
    requesterId: caller.id,
    targetType: input.targetType,
    accountId: input.accountId ?? null,
    siteUrl: input.siteUrl,
    purpose: input.purpose,
    siteRelation: input.siteRelation,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    status: refusedBy ? "rejected" : "pending",
    decidedBy: null,
    decidedAt: refusedBy ? now.toISOString() : null,
    decisionReason: refusedBy
      ? "The council logo is not used on sites or applications unrelated to, or not representative of, the council's official position."
      : null,
    clause: refusedBy ?? null,
    remindedAt: null,
    expiresAt: new Date(now.getTime() + expireHours * 3_600_000).toISOString(),
    createdAt: now.toISOString(),
  };
  if (!refusedBy) {
    // Started before the row exists: if the insert then fails, the workflow's guarded steps find no
    // pending request and change nothing.
    await env.LOGO_REQUEST_WORKFLOW.create({
      id: request.id,
      params: { requestId: request.id, remindAfterSeconds: remindHours * 3600, expireAfterSeconds: expireHours * 3600 },
    });
  }
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(logoRequests).values(request))],
    [
      { action: "logo_request.created", subjectType: "logo_request", subjectId: request.id, after: request },
      ...(refusedBy
        ? [
            {
              action: "logo_request.refused",
              subjectType: "logo_request",
              subjectId: request.id,
              after: { status: "rejected", clause: refusedBy },
            },
          ]
        : []),
    ],
    {
      events: refusedBy
        ? [logoEvent("logo_request.decided", request, { userIds: [request.requesterId] }, { status: "rejected" })]
        : [
            logoEvent("logo_request.created", request, {
              roles: ["chief_executive"],
              excludeUserIds: [request.requesterId],
            }),
          ],
    },
  );
  return request;
}

export async function getLogoRequest(d1: D1Database, caller: Caller, id: string): Promise<LogoRequest> {
  const [row] = await dbOf(d1).select().from(logoRequests).where(eq(logoRequests.id, id));
  if (!row || (row.requesterId !== caller.id && !caller.roles.some((r) => READ_ALL.includes(r))))
    throw new ApiError("not_found", `No logo request with id '${id}'.`);
  return row;
}

export async function listLogoRequests(d1: D1Database, caller: Caller, q: { status?: string }): Promise<LogoRequest[]> {
  const all = caller.roles.some((r) => READ_ALL.includes(r));
  const rows = await dbOf(d1).select().from(logoRequests);
  return rows
    .filter((r) => (all || r.requesterId === caller.id) && (!q.status || r.status === q.status))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function decideLogoRequest(
  d1: D1Database,
  env: Env,
  actor: Actor,
  caller: Caller,
  id: string,
  input: { decision: "approve" | "reject"; reason: string },
) {
  const before = await getLogoRequest(d1, caller, id);
  if (before.requesterId === caller.id)
    throw new ApiError(
      "self_decision",
      "You cannot decide your own logo request; another chief executive (or deputy) must.",
    );
  if (before.status !== "pending")
    throw new ApiError("already_decided", `This request is already ${before.status}; nothing was changed.`);
  const status = input.decision === "approve" ? "approved" : "rejected";
  const set = {
    status,
    decided_by: caller.id,
    decided_at: clock.iso(),
    decision_reason: input.reason,
    clause: "policy 5.3",
  };
  await decideOnce(d1, actor, {
    table: "logo_requests",
    id,
    set,
    action: `logo_request.${status}`,
    subjectType: "logo_request",
    before,
    after: { ...before, ...set },
    events: [logoEvent("logo_request.decided", before, { userIds: [before.requesterId] }, { status })],
  });
  try {
    const instance = await env.LOGO_REQUEST_WORKFLOW.get(id);
    await instance.sendEvent({ type: "logo-decision", payload: { decision: status } });
  } catch (err) {
    // The decision stands whatever the workflow's state; it will find the request decided and stop.
    console.warn(
      JSON.stringify({ level: "warn", message: "logo workflow not notified", id, error: (err as Error).message }),
    );
  }
  if (before.targetType === "councillor_account") await recheckCouncillor(d1, actor, before.requesterId);
  return getLogoRequest(d1, caller, id);
}

/** A logo-request event: ids and status only (the purpose and site stay in the request). */
function logoEvent(
  type: EventType,
  r: { id: string; requesterId?: string },
  audience: Audience,
  data: Record<string, unknown> = {},
): EventInput {
  return { type, subjectType: "logo_request", subjectId: r.id, data: { requestId: r.id, ...data }, audience };
}

const WORKFLOW_ACTOR = (requestId: string) => ({
  id: null,
  label: "logo-request workflow",
  requestId: `workflow:${requestId}`,
});

/** Workflow step: record that the chief executive was reminded. Idempotent. */
export async function markLogoReminded(d1: D1Database, id: string): Promise<boolean> {
  const at = clock.iso();
  const result = await commit(
    d1,
    WORKFLOW_ACTOR(id),
    [
      d1
        .prepare("UPDATE logo_requests SET reminded_at = ? WHERE id = ? AND status = 'pending' AND reminded_at IS NULL")
        .bind(at, id),
    ],
    [
      {
        action: "logo_request.reminder_sent",
        subjectType: "logo_request",
        subjectId: id,
        after: { remindedAt: at, to: "chief_executive" },
      },
    ],
    {
      onlyIfChanged: true,
      events: [logoEvent("logo_request.reminder", { id }, { roles: ["chief_executive"] }, { remindedAt: at })],
    },
  );
  return result.applied;
}

/** Workflow step: expire the request if still undecided. Idempotent, and loses cleanly to a decision. */
export async function expireLogoRequest(d1: D1Database, id: string): Promise<boolean> {
  const at = clock.iso();
  const result = await commit(
    d1,
    WORKFLOW_ACTOR(id),
    [
      d1
        .prepare("UPDATE logo_requests SET status = 'expired', decided_at = ? WHERE id = ? AND status = 'pending'")
        .bind(at, id),
    ],
    [{ action: "logo_request.expired", subjectType: "logo_request", subjectId: id, after: { status: "expired", at } }],
    {
      onlyIfChanged: true,
      // The requester is found when the event is dispatched (the sweep and the Workflow know only the id).
      events: [logoEvent("logo_request.expired", { id }, { roles: ["chief_executive"] }, { status: "expired" })],
    },
  );
  return result.applied;
}
