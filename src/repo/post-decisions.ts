import { ApiError } from "../lib/problem";
import { newId } from "../lib/crypto";
import type { Caller } from "../env";
import { actingRole, currentStep } from "../domain/approval";
import { commit, type Actor } from "./audit";
import { approvalsOf, instanceName, loadPost, screenVersion, type PostStatus } from "./posts";
import { activeStop } from "./publishing-stops";
import { clock } from "../lib/clock";
import type { EventInput } from "../domain/events";
import { needsDecision, transitionEvents } from "./post-events";

export const RESUMED_EVENT = "publishing-resumed";

/** Tells the post's Workflow what happened; the decision stands whatever the Workflow's state. */
export async function notifyWorkflow(
  env: Env,
  instanceId: string | null,
  type: string,
  payload: unknown,
): Promise<void> {
  if (!instanceId) return;
  try {
    await (await env.POST_WORKFLOW.get(instanceId)).sendEvent({ type, payload });
  } catch (err) {
    console.warn(
      JSON.stringify({
        level: "warn",
        message: "post workflow not notified",
        instanceId,
        error: (err as Error).message,
      }),
    );
  }
}

/**
 * Moves a post from one state to another in one guarded statement: it lands only if the post is still
 * at the version, decision sequence and status the caller read. The loser of a race changes nothing,
 * records nothing, and learns so.
 */
async function transition(
  d1: D1Database,
  actor: Actor,
  post: { id: string; version: number; decisionSeq: number },
  from: PostStatus[],
  to: PostStatus,
  audit: { action: string; before?: unknown; after?: unknown },
  extra: {
    decision?: { approverId: string; role: string; decision: string; reason: string | null };
    statusReason?: string | null;
    workflowInstance?: string | null;
    events?: EventInput[];
  } = {},
): Promise<boolean> {
  const now = clock.iso();
  const sets = ["status = ?", "decision_seq = decision_seq + 1", "updated_at = ?"];
  const binds: unknown[] = [to, now];
  if (extra.statusReason !== undefined) {
    sets.push("status_reason = ?");
    binds.push(extra.statusReason);
  }
  if (extra.workflowInstance !== undefined) {
    sets.push("workflow_instance = ?", "workflow_started_at = NULL");
    binds.push(extra.workflowInstance);
  }
  const writes = [
    d1
      .prepare(
        `UPDATE posts SET ${sets.join(", ")} WHERE id = ? AND version = ? AND decision_seq = ? AND status IN (${from.map(() => "?").join(", ")})`,
      )
      .bind(...binds, post.id, post.version, post.decisionSeq, ...from),
  ];
  const decisionId = newId();
  if (extra.decision) {
    const d = extra.decision;
    writes.push(
      d1
        .prepare(
          "INSERT INTO post_decisions (id, post_id, version, approver_id, role, decision, reason, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0",
        )
        .bind(decisionId, post.id, post.version, d.approverId, d.role, d.decision, d.reason, now),
    );
  }
  const result = await commit(
    d1,
    actor,
    writes,
    [
      {
        action: audit.action,
        subjectType: "post",
        subjectId: post.id,
        before: audit.before,
        after: audit.after,
        rows: [
          { table: "posts", key: { id: post.id } },
          ...(extra.decision ? [{ table: "post_decisions" as const, key: { id: decisionId } }] : []),
        ],
      },
    ],
    {
      onlyIfChanged: true,
      // `post` is the caller's full PostRow where it has one: its author is told.
      events: [
        ...transitionEvents(post, to, extra.decision?.reason ?? extra.statusReason ?? null),
        ...(extra.events ?? []),
      ],
    },
  );
  return result.applied;
}

export async function decidePost(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  id: string,
  input: { version: number; decision: "approve" | "reject" | "request_changes"; reason?: string | null },
) {
  const loaded = await loadPost(d1, id);
  const { post } = loaded;
  if (post.authorId === caller.id)
    throw new ApiError("self_decision", "You cannot approve or decide your own submission.");
  if (post.version !== input.version)
    throw new ApiError(
      "conflict",
      `The post is now at version ${post.version}; you were looking at version ${input.version}.`,
    );
  if (post.status !== "pending_approval")
    throw new ApiError("already_decided", `This post is ${post.status.replace("_", " ")}; nothing was changed.`);
  if (Date.parse(post.publishAt) <= clock.ms()) {
    await expirePost(
      d1,
      actor,
      post,
      "A decision arrived after the publication time; the post expired rather than publish late.",
    );
    throw new ApiError(
      "conflict",
      "The publication time has passed: the post has expired rather than publish late. Resubmit it with a new time.",
    );
  }
  const approvals = approvalsOf(loaded);
  const role = actingRole(caller.roles, post.steps, approvals, caller.id);
  if (!role) {
    if (approvals.some((a) => a.approverId === caller.id))
      throw new ApiError("already_decided", "You have already approved this version.");
    const step = currentStep(post.steps, approvals);
    if (!step) throw new ApiError("already_decided", "Every approval step is already satisfied; nothing was changed.");
    throw new ApiError("forbidden", `This step needs ${step.remainingRoles.join(" or ")}.`);
  }
  const next: PostStatus =
    input.decision === "reject"
      ? "rejected"
      : input.decision === "request_changes"
        ? "changes_requested"
        : currentStep(post.steps, [...approvals, { approverId: caller.id, role }])
          ? "pending_approval"
          : "approved";
  const findings = loaded.versions.find((v) => v.version === post.version)!.screening.findings;
  const workflowInstance = next === "approved" ? instanceName(post.id, post.version, post.decisionSeq + 1) : undefined;
  const applied = await transition(
    d1,
    actor,
    post,
    ["pending_approval"],
    next,
    {
      action: `post.${input.decision === "approve" ? (next === "approved" ? "approved" : "approval_recorded") : input.decision === "reject" ? "rejected" : "changes_requested"}`,
      before: { status: post.status, version: post.version },
      after: { status: next, role, reason: input.reason ?? null, findings },
    },
    {
      decision: { approverId: caller.id, role, decision: input.decision, reason: input.reason ?? null },
      workflowInstance,
      events: next === "pending_approval" ? needsDecision(post, [...approvals, { approverId: caller.id, role }]) : [],
    },
  );
  if (!applied)
    throw new ApiError(
      "already_decided",
      "Someone else decided this post at the same moment; nothing was changed. Reload to see their decision.",
    );
  return loadPost(d1, id);
}

/**
 * A block that is wrong goes to review: only the monitoring officer may send it, with a recorded reason,
 * so a false positive never stops essential council business. Explicit party support or attack (policy
 * 10.3; LGA 1986 s.2) stays a hard block: its findings are not overridable, and the post must be edited.
 */
export async function overrideBlock(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  id: string,
  input: { version: number; justification: string },
) {
  const loaded = await loadPost(d1, id);
  const { post } = loaded;
  if (post.authorId === caller.id)
    throw new ApiError("self_decision", "You cannot override a block on your own submission.");
  if (post.version !== input.version) throw new ApiError("conflict", `The post is now at version ${post.version}.`);
  if (post.status !== "blocked")
    throw new ApiError(
      "already_decided",
      `Only a blocked post can be overridden; this one is ${post.status.replace("_", " ")}.`,
    );
  const blocks = loaded.versions
    .find((v) => v.version === post.version)!
    .screening.findings.filter((f) => f.severity === "block");
  const fixed = blocks.filter((f) => !f.overridable);
  if (fixed.length) {
    throw new ApiError(
      "forbidden",
      `This block cannot be overridden: ${[...new Set(fixed.map((f) => `${f.rule.replaceAll("_", " ")} (${f.clause})`))].join("; ")}. Edit the post instead.`,
    );
  }
  if (Date.parse(post.publishAt) <= clock.ms())
    throw new ApiError("conflict", "The publication time has passed; resubmit with a new time.");
  const applied = await transition(
    d1,
    actor,
    post,
    ["blocked"],
    "pending_approval",
    {
      action: "post.block_overridden",
      before: { status: "blocked" },
      after: { status: "pending_approval", justification: input.justification, overridden: blocks },
    },
    {
      decision: {
        approverId: caller.id,
        role: "monitoring_officer",
        decision: "override",
        reason: input.justification,
      },
      statusReason: null,
      events: needsDecision(post),
    },
  );
  if (!applied)
    throw new ApiError("already_decided", "Someone else acted on this post at the same moment; nothing was changed.");
  return loadPost(d1, id);
}

export async function expirePost(
  d1: D1Database,
  actor: Actor,
  post: { id: string; version: number; decisionSeq: number; authorId?: string; accountId?: string; publishAt?: string },
  reason: string,
): Promise<boolean> {
  return transition(
    d1,
    actor,
    post,
    ["pending_approval", "blocked", "approved", "held"],
    "expired",
    { action: "post.expired", after: { reason } },
    { statusReason: reason },
  );
}

const WORKFLOW_ACTOR = (id: string) => ({ id: null, label: "post workflow", requestId: `workflow:${id}` });

/** Workflow step at the publication instant: hold, block or make ready, against the calendar as it now stands. */
export async function prePublicationCheck(
  d1: D1Database,
  id: string,
  version: number,
): Promise<"ready" | "held" | "blocked" | "gone"> {
  const loaded = await loadPost(d1, id);
  const { post } = loaded;
  if (post.version !== version || !["approved", "held"].includes(post.status)) return "gone";
  const actor = WORKFLOW_ACTOR(id);
  const stop = await activeStop(d1, post.accountId);
  if (stop) {
    if (post.status === "held") return "held";
    const held = await transition(
      d1,
      actor,
      post,
      ["approved"],
      "held",
      { action: "post.held", after: { stopId: stop.id, reason: stop.reason } },
      { statusReason: `Held by the emergency stop: ${stop.reason}` },
    );
    return held ? "held" : "gone";
  }
  const current = loaded.versions.find((v) => v.version === version)!;
  // As of the publication instant (the workflow wakes then), against the calendar as it now stands.
  const screening = await screenVersion(d1, post.accountId, post.publishAt, current).catch((err: ApiError) => ({
    verdict: "block" as const,
    findings: [
      {
        rule: "pre_election_period" as const,
        clause: "policy 9.1",
        severity: "block" as const,
        message: err.detail ?? String(err),
        excerpt: "",
        start: 0,
        end: 0,
        overridable: false,
      },
    ],
    lexiconVersion: 0,
  }));
  const overridden = loaded.decisions.some((d) => d.version === version && d.decision === "override");
  const blocking = screening.findings.filter((f) => f.severity === "block" && !(overridden && f.overridable));
  if (blocking.length) {
    const reason = `Stopped at publication: ${blocking.map((f) => f.message).join(" ")}`;
    const done = await transition(
      d1,
      actor,
      post,
      ["approved", "held"],
      "blocked",
      { action: "post.blocked_at_publication", after: { findings: screening.findings } },
      { statusReason: reason },
    );
    return done ? "blocked" : "gone";
  }
  const ready = await transition(
    d1,
    actor,
    post,
    ["approved", "held"],
    "ready",
    { action: "post.ready", after: { findings: screening.findings } },
    { statusReason: null },
  );
  return ready ? "ready" : "gone";
}

/** The webhook event id a post's publication was reported with, from its audit entry (null: none). */
async function publishedWithEvent(d1: D1Database, postId: string): Promise<string | null> {
  const row = await d1
    .prepare(
      "SELECT summary FROM audit_log WHERE subject_type = 'post' AND subject_id = ? AND action = 'post.published' ORDER BY seq DESC LIMIT 1",
    )
    .bind(postId)
    .first<{ summary: string }>();
  return row ? ((JSON.parse(row.summary).after?.eventId as string | undefined) ?? null) : null;
}

/**
 * The publishing tool confirms a ready post went out, with the id of the webhook event that told it
 * (`webhook-id`; one of this post's events). The event id is recorded on the audit entry, and a
 * repeated report with the same event id (a receiver's retry) changes nothing and answers the same.
 */
export async function markPublished(
  d1: D1Database,
  actor: Actor,
  id: string,
  input: { version: number; url?: string | null; eventId?: string },
) {
  const loaded = await loadPost(d1, id);
  const { post } = loaded;
  const eventId = input.eventId;
  if (eventId && post.status === "published" && (await publishedWithEvent(d1, id)) === eventId) return loaded;
  if (
    eventId &&
    !(await d1
      .prepare("SELECT 1 FROM outbox_events WHERE id = ? AND subject_type = 'post' AND subject_id = ?")
      .bind(eventId, id)
      .first())
  )
    throw new ApiError("validation_failed", "The event id is not one of this post's events.", {
      errors: [{ in: "body", pointer: "/eventId", detail: "Not an event about this post.", code: "invalid" }],
    });
  if (post.version !== input.version) throw new ApiError("conflict", `The post is now at version ${post.version}.`);
  if (post.status !== "ready")
    throw new ApiError(
      "conflict",
      `Only a ready post can be marked published; this one is ${post.status.replace("_", " ")}.`,
    );
  const applied = await transition(
    d1,
    actor,
    post,
    ["ready"],
    "published",
    { action: "post.published", after: { url: input.url ?? null, ...(eventId ? { eventId } : {}) } },
    { statusReason: input.url ?? null },
  );
  if (!applied) {
    // The same report arriving twice at once: the other one recorded it.
    if (eventId && (await publishedWithEvent(d1, id)) === eventId) return loadPost(d1, id);
    throw new ApiError("already_decided", "Already marked.");
  }
  return loadPost(d1, id);
}
