import { getTableName } from "drizzle-orm";
import { and, asc, desc, eq } from "drizzle-orm";
import { accountApprovalPolicies, postDecisions, posts, postVersions } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Caller } from "../env";
import type { Role } from "../auth/roles";
import {
  type AiBinding,
  screen,
  type ScreeningInput,
  type ScreeningResult,
  withSecondOpinion,
} from "../domain/screening";
import { currentStep, DEFAULT_STEPS, stepsFor, type ApprovalStep, type Approval } from "../domain/approval";
import { commit, type Actor, type AuditInput } from "./audit";
import { invalidateScreening, screeningContext } from "./screening-context";
import { clock } from "../lib/clock";
import { submissionEvents } from "./post-events";

export type PostStatus =
  | "pending_approval"
  | "blocked"
  | "changes_requested"
  | "rejected"
  | "approved"
  | "held"
  | "ready"
  | "published"
  | "expired";

export interface PostRow {
  id: string;
  accountId: string;
  authorId: string;
  status: PostStatus;
  version: number;
  publishAt: string;
  steps: ApprovalStep[];
  decisionSeq: number;
  workflowInstance: string | null;
  workflowStartedAt: string | null;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRow extends ScreeningInput {
  version: number;
  screening: ScreeningResult;
  createdAt: string;
}

export interface DecisionRow {
  id: string;
  version: number;
  approverId: string;
  role: Role;
  decision: "approve" | "reject" | "request_changes" | "override";
  reason: string | null;
  createdAt: string;
}

function postFrom(r: typeof posts.$inferSelect): PostRow {
  return { ...r, status: r.status as PostStatus, steps: JSON.parse(r.steps) };
}

/** A post, its versions and its decisions, read in one batch: one consistent snapshot. */
export async function loadPost(d1: D1Database, id: string) {
  const db = dbOf(d1);
  const [rows, versionRows, decisionRows] = await db.batch([
    db.select().from(posts).where(eq(posts.id, id)),
    db.select().from(postVersions).where(eq(postVersions.postId, id)).orderBy(asc(postVersions.version)),
    db.select().from(postDecisions).where(eq(postDecisions.postId, id)).orderBy(asc(postDecisions.createdAt)),
  ]);
  const row = rows[0];
  if (!row) throw new ApiError("not_found", `No post with id '${id}'.`);
  const versions = versionRows.map(
    (v): VersionRow => ({
      version: v.version,
      text: v.text,
      links: JSON.parse(v.links),
      media: JSON.parse(v.media),
      essential: v.essentialReason ? { reason: v.essentialReason } : null,
      campaignPlannedOn: v.campaignPlannedOn,
      consents: JSON.parse(v.consents),
      screening: JSON.parse(v.screening),
      createdAt: v.createdAt,
    }),
  );
  const decisions = decisionRows.map(
    (d): DecisionRow => ({
      id: d.id,
      version: d.version,
      approverId: d.approverId,
      role: d.role as Role,
      decision: d.decision as DecisionRow["decision"],
      reason: d.reason,
      createdAt: d.createdAt,
    }),
  );
  return { post: postFrom(row), versions, decisions };
}

export type LoadedPost = Awaited<ReturnType<typeof loadPost>>;

export function approvalsOf(loaded: LoadedPost, version = loaded.post.version): Approval[] {
  return loaded.decisions
    .filter((d) => d.version === version && d.decision === "approve")
    .map((d) => ({ approverId: d.approverId, role: d.role }));
}

export function postView(loaded: LoadedPost) {
  const { post, versions, decisions } = loaded;
  const current = versions.find((v) => v.version === post.version)!;
  const step = post.status === "pending_approval" ? currentStep(post.steps, approvalsOf(loaded)) : null;
  return {
    ...post,
    current,
    currentStep: step ? { index: step.index, roles: step.remainingRoles, mode: step.step.mode } : null,
    versions,
    decisions,
  };
}

export async function approvalPolicy(d1: D1Database, accountId: string): Promise<ApprovalStep[]> {
  const [row] = await dbOf(d1)
    .select()
    .from(accountApprovalPolicies)
    .where(eq(accountApprovalPolicies.accountId, accountId));
  return row ? JSON.parse(row.steps) : DEFAULT_STEPS;
}

export async function setApprovalPolicy(d1: D1Database, actor: Actor, accountId: string, steps: ApprovalStep[]) {
  const before = await approvalPolicy(d1, accountId);
  const row = { accountId, steps: JSON.stringify(steps), updatedAt: clock.iso() };
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        dbOf(d1)
          .insert(accountApprovalPolicies)
          .values(row)
          .onConflictDoUpdate({ target: accountApprovalPolicies.accountId, set: row }),
      ),
    ],
    [
      {
        action: "approval_policy.changed",
        subjectType: "corporate_account",
        subjectId: accountId,
        before,
        after: steps,
      },
    ],
  );
  invalidateScreening(d1);
  return steps;
}

/** Screens a version as of its publication instant; `fresh` reads the registers and calendar anew. */
export async function screenVersion(
  d1: D1Database,
  accountId: string,
  publishAt: string,
  content: ScreeningInput,
  opts: { fresh?: boolean } = { fresh: true },
) {
  return (await screenWithSteps(d1, accountId, publishAt, content, opts)).screening;
}

async function screenWithSteps(
  d1: D1Database,
  accountId: string,
  publishAt: string,
  content: ScreeningInput,
  opts: { fresh?: boolean; ai?: AiBinding },
) {
  const { account, purdah, registers } = await screeningContext(d1, accountId, new Date(publishAt), opts);
  if (account.status !== "active") {
    throw new ApiError(
      "conflict",
      `The account ${account.handle} is ${account.status}; posts go only to active accounts.`,
      { errors: [{ in: "body", pointer: "/accountId", detail: `Account is ${account.status}.`, code: "inactive" }] },
    );
  }
  const rules = screen(content, {
    lexicon: registers.lexicon,
    account,
    purdah,
    people: registers.people,
    officers: registers.officers,
    logoApproved: false,
    ownContacts: registers.ownContacts,
    councilName: registers.councilName,
  });
  // The optional Workers AI second opinion, at submission only: it may raise pass to review, never lower.
  const screening = opts.ai ? await withSecondOpinion(rules, content.text, opts.ai) : rules;
  const policy = registers.approvalPolicies.get(accountId);
  return { screening, steps: stepsFor(policy ? JSON.parse(policy) : DEFAULT_STEPS, screening.findings) };
}

function versionWrite(
  d1: D1Database,
  postId: string,
  version: number,
  content: ScreeningInput,
  screening: ScreeningResult,
  createdAt: string,
) {
  // Written as SQL once rather than built by the query builder on every submission (the hot path)
  return d1
    .prepare(VERSION_INSERT)
    .bind(
      postId,
      version,
      content.text,
      JSON.stringify(content.links ?? []),
      JSON.stringify(content.media ?? []),
      content.essential?.reason ?? null,
      content.campaignPlannedOn ?? null,
      JSON.stringify(content.consents ?? []),
      JSON.stringify(screening),
      createdAt,
    );
}
const VERSION_INSERT = `INSERT INTO ${getTableName(postVersions)} (post_id, version, text, links, media, essential_reason, campaign_planned_on, consents, screening, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const POST_INSERT = `INSERT INTO ${getTableName(posts)} (id, account_id, author_id, status, version, publish_at, steps, decision_seq, workflow_instance, workflow_started_at, status_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const statusFor = (s: ScreeningResult): PostStatus => (s.verdict === "block" ? "blocked" : "pending_approval");

export function instanceName(postId: string, version: number, seq: number): string {
  return `${postId}-v${version}-${seq}`;
}

/**
 * Submission is D1 only: screen (microseconds), write the post and its first version with the audit
 * entry in one batch, answer. No Workflow yet: approval is a state in D1 that the API's decisions
 * move; the Workflow that owns time (sleep until publication, re-screen, hold) starts at approval.
 */
export async function submitPost(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  input: ScreeningInput & { accountId: string; publishAt: string },
  ai?: AiBinding,
) {
  if (Date.parse(input.publishAt) <= clock.ms()) {
    throw new ApiError("validation_failed", "The publication time must be in the future.", {
      errors: [{ in: "body", pointer: "/publishAt", detail: "In the past.", code: "invalid" }],
    });
  }
  const { accountId, publishAt, ...content } = input;
  // The registers and calendar as cached in this isolate (at most TTL_MS old): the decisive screening
  // is the one at the publication instant, which reads them fresh.
  const { screening, steps } = await screenWithSteps(d1, accountId, publishAt, content, { fresh: false, ai });
  const now = clock.iso();
  const id = newId();
  const status = statusFor(screening);
  const row = {
    id,
    accountId,
    authorId: caller.id,
    status,
    version: 1,
    publishAt: new Date(publishAt).toISOString(),
    steps: JSON.stringify(steps),
    decisionSeq: 0,
    workflowInstance: null,
    workflowStartedAt: null,
    statusReason: null,
    createdAt: now,
    updatedAt: now,
  };
  const audit: AuditInput[] = [
    {
      action: status === "blocked" ? "post.submitted_blocked" : "post.submitted",
      subjectType: "post",
      subjectId: id,
      rows: [
        { table: "posts", key: { id } },
        { table: "post_versions", key: { post_id: id, version: 1 } },
      ],
      after: {
        version: 1,
        status,
        accountId,
        publishAt: row.publishAt,
        verdict: screening.verdict,
        findings: screening.findings,
      },
    },
  ];
  await commit(
    d1,
    actor,
    [
      d1
        .prepare(POST_INSERT)
        .bind(
          row.id,
          row.accountId,
          row.authorId,
          row.status,
          row.version,
          row.publishAt,
          row.steps,
          row.decisionSeq,
          row.workflowInstance,
          row.workflowStartedAt,
          row.statusReason,
          row.createdAt,
          row.updatedAt,
        ),
      versionWrite(d1, id, 1, content, screening, now),
    ],
    audit,
    { events: submissionEvents({ ...row, steps }) },
  );
  // What was just written, without reading it back.
  const loaded: LoadedPost = {
    post: { ...row, status, steps },
    versions: [
      {
        version: 1,
        text: content.text,
        links: content.links ?? [],
        media: content.media ?? [],
        essential: content.essential ?? null,
        campaignPlannedOn: content.campaignPlannedOn ?? null,
        consents: content.consents ?? [],
        screening,
        createdAt: now,
      },
    ],
    decisions: [],
  };
  return loaded;
}

/** A new version after changes were requested (or a block): re-screened, and approval starts again. */
export async function resubmitPost(
  d1: D1Database,
  actor: Actor,
  caller: Caller,
  id: string,
  input: ScreeningInput & { publishAt?: string; basedOnVersion: number },
) {
  const loaded = await loadPost(d1, id);
  const { post } = loaded;
  if (post.authorId !== caller.id) throw new ApiError("forbidden", "Only the author edits and resubmits a post.");
  if (!["changes_requested", "blocked"].includes(post.status))
    throw new ApiError("conflict", `A ${post.status.replace("_", " ")} post cannot be edited.`);
  if (input.basedOnVersion !== post.version)
    throw new ApiError("conflict", `The post is at version ${post.version}; reload before editing.`);
  const { publishAt: newPublishAt, basedOnVersion: _b, ...content } = input;
  const publishAt = newPublishAt ? new Date(newPublishAt).toISOString() : post.publishAt;
  if (Date.parse(publishAt) <= clock.ms())
    throw new ApiError("validation_failed", "The publication time must be in the future.", {
      errors: [{ in: "body", pointer: "/publishAt", detail: "In the past.", code: "invalid" }],
    });
  const { screening, steps } = await screenWithSteps(d1, post.accountId, publishAt, content, { fresh: true });
  const version = post.version + 1;
  const status = statusFor(screening);
  const now = clock.iso();
  const seq = post.decisionSeq + 1;
  const guarded = d1
    .prepare(
      "UPDATE posts SET version = ?, status = ?, publish_at = ?, steps = ?, decision_seq = ?, workflow_instance = NULL, workflow_started_at = NULL, status_reason = NULL, updated_at = ? WHERE id = ? AND version = ? AND decision_seq = ?",
    )
    .bind(version, status, publishAt, JSON.stringify(steps), seq, now, id, post.version, post.decisionSeq);
  const result = await commit(
    d1,
    actor,
    [guarded, versionWrite(d1, id, version, content, screening, now)],
    [
      {
        action: "post.resubmitted",
        subjectType: "post",
        subjectId: id,
        rows: [
          { table: "posts", key: { id } },
          { table: "post_versions", key: { post_id: id, version } },
        ],
        before: { version: post.version, status: post.status },
        after: { version, status, verdict: screening.verdict, findings: screening.findings },
      },
    ],
    { onlyIfChanged: true, events: submissionEvents({ ...post, version, status, publishAt, steps }) },
  );
  if (!result.applied) throw new ApiError("conflict", "The post changed while you were editing; reload and try again.");
  return loadPost(d1, id);
}

export async function listPosts(
  d1: D1Database,
  q: { status?: string; accountId?: string; authorId?: string; limit: number },
) {
  const conds = [
    q.status ? eq(posts.status, q.status) : undefined,
    q.accountId ? eq(posts.accountId, q.accountId) : undefined,
    q.authorId ? eq(posts.authorId, q.authorId) : undefined,
  ];
  const rows = await dbOf(d1)
    .select()
    .from(posts)
    .where(and(...conds))
    .orderBy(desc(posts.updatedAt))
    .limit(q.limit);
  return rows.map(postFrom);
}

/** Posts awaiting a decision the caller can make: not their own, and their role is still needed. */
export async function approvalQueue(d1: D1Database, caller: Caller) {
  const pending = await listPosts(d1, { status: "pending_approval", limit: 500 });
  const out = [];
  for (const p of pending) {
    if (p.authorId === caller.id) continue;
    const loaded = await loadPost(d1, p.id);
    const step = currentStep(p.steps, approvalsOf(loaded));
    if (
      step?.remainingRoles.some((r) => caller.roles.includes(r)) &&
      !approvalsOf(loaded).some((a) => a.approverId === caller.id)
    )
      out.push(postView(loaded));
  }
  return out.sort((a, b) => a.publishAt.localeCompare(b.publishAt));
}
