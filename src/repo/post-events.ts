import type { Role } from "../auth/roles";
import { currentStep, type Approval, type ApprovalStep } from "../domain/approval";
import type { EventInput, EventType } from "../domain/events";

interface PostLike {
  id: string;
  version: number;
  authorId?: string;
  accountId?: string;
  publishAt?: string;
  steps?: ApprovalStep[];
}

const base = (post: PostLike) => ({
  postId: post.id,
  version: post.version,
  accountId: post.accountId ?? null,
  publishAt: post.publishAt ?? null,
});

/** "A post needs your decision", to the roles of the step now waiting (never the author). */
export function needsDecision(post: PostLike, approvals: Approval[] = []): EventInput[] {
  const step = post.steps ? currentStep(post.steps, approvals) : null;
  if (!step) return [];
  return [
    {
      type: "post.needs_decision",
      subjectType: "post",
      subjectId: post.id,
      data: { ...base(post), roles: step.remainingRoles },
      audience: { roles: step.remainingRoles as Role[], excludeUserIds: post.authorId ? [post.authorId] : [] },
    },
  ];
}

/** A submission (or resubmission): "post.submitted" and, if it waits for approval, "needs your decision". */
export function submissionEvents(post: PostLike & { status: string }): EventInput[] {
  return [
    {
      type: "post.submitted",
      subjectType: "post",
      subjectId: post.id,
      data: { ...base(post), status: post.status },
    },
    ...(post.status === "pending_approval" ? needsDecision(post) : []),
  ];
}

const BY_STATUS: Partial<Record<string, EventType>> = {
  approved: "post.approved",
  rejected: "post.rejected",
  changes_requested: "post.changes_requested",
  ready: "post.ready",
  held: "post.held",
  blocked: "post.blocked",
  expired: "post.expired",
  published: "post.published",
};

/** The event for a post's move to `to` (told to its author), if that move is one people hear about. */
export function transitionEvents(post: PostLike, to: string, reason: string | null = null): EventInput[] {
  const type = BY_STATUS[to];
  if (!type) return [];
  return [
    {
      type,
      subjectType: "post",
      subjectId: post.id,
      data: { ...base(post), status: to, reason },
      audience: post.authorId ? { userIds: [post.authorId] } : {},
    },
  ];
}
