import type { Role } from "../auth/roles";

/**
 * The service's domain events: what happened, to which record, and who should be told. Events are
 * written in the same D1 batch as the change that causes them (src/repo/audit.ts) and delivered later
 * (src/repo/outbox.ts, src/queue/): nothing is sent from inside a request.
 *
 * `webhook: false` marks events that never leave the service by webhook (they concern sensitive
 * records — security exemptions, incident reports — and go only to the people concerned, by e-mail).
 */
export const CATEGORIES = {
  approvals: "Posts waiting for my decision",
  my_posts: "What happens to posts I submitted",
  publishing: "Posts ready to publish, held or stopped",
  logo: "Logo-use requests",
  exemptions: "Security exemptions",
  reports: "Incident reports and takedowns",
  spending: "Candidates' spending deadlines",
  purdah: "Pre-election periods",
} as const;
export type Category = keyof typeof CATEGORIES;

interface EventSpec {
  category: Category;
  title: string;
  webhook: boolean;
}

export const EVENT_TYPES = {
  "post.submitted": { category: "my_posts", title: "A post was submitted", webhook: true },
  "post.needs_decision": { category: "approvals", title: "A post needs your decision", webhook: false },
  "post.approval_due": {
    category: "approvals",
    title: "A post publishes within 24 hours and is not decided",
    webhook: false,
  },
  "post.approved": { category: "my_posts", title: "A post was approved", webhook: true },
  "post.rejected": { category: "my_posts", title: "A post was rejected", webhook: true },
  "post.changes_requested": { category: "my_posts", title: "Changes were requested to a post", webhook: true },
  "post.ready": { category: "publishing", title: "A post is ready to publish", webhook: true },
  "post.held": { category: "publishing", title: "A post is held by an emergency stop", webhook: true },
  "post.blocked": { category: "publishing", title: "A post was stopped at its publication time", webhook: true },
  "post.expired": { category: "my_posts", title: "A post expired undecided", webhook: true },
  "post.published": { category: "publishing", title: "A post was published", webhook: true },
  "logo_request.created": { category: "logo", title: "A logo-use request needs a decision", webhook: false },
  "logo_request.reminder": { category: "logo", title: "A logo-use request is still undecided", webhook: false },
  "logo_request.decided": { category: "logo", title: "A logo-use request was decided", webhook: false },
  "logo_request.expired": { category: "logo", title: "A logo-use request expired undecided", webhook: false },
  "security_exemption.requested": {
    category: "exemptions",
    title: "A security exemption was requested",
    webhook: false,
  },
  "security_exemption.decided": { category: "exemptions", title: "A security exemption was decided", webhook: false },
  "incident_report.made": { category: "reports", title: "An incident report was made", webhook: false },
  "incident_report.closed": { category: "reports", title: "An incident report was closed", webhook: false },
  "takedown.requested": { category: "reports", title: "A takedown was requested", webhook: false },
  "takedown.outcome": { category: "reports", title: "A takedown outcome was recorded", webhook: false },
  "spending.deadline_due": { category: "spending", title: "A spending-return deadline is near", webhook: false },
  "purdah.announced": { category: "purdah", title: "A pre-election period was announced", webhook: true },
  "purdah.moved": { category: "purdah", title: "A pre-election period moved", webhook: true },
  "purdah.starting_soon": { category: "purdah", title: "A pre-election period starts in 7 days", webhook: true },
} as const satisfies Record<string, EventSpec>;
export type EventType = keyof typeof EVENT_TYPES;

export const WEBHOOK_EVENT_TYPES = (Object.keys(EVENT_TYPES) as EventType[]).filter((t) => EVENT_TYPES[t].webhook);

/** Who is told by e-mail: everyone holding one of `roles`, these users, less `excludeUserIds`. */
export interface Audience {
  roles?: Role[];
  userIds?: string[];
  excludeUserIds?: string[];
}

export interface EventInput {
  type: EventType;
  subjectType: string;
  subjectId: string;
  /** What receivers are told: ids, statuses, times. Never sensitive free text. */
  data?: Record<string, unknown>;
  audience?: Audience;
}

/** The comms team: told about pre-election periods and the posts that fall inside them. */
export const COMMS_TEAM: Role[] = ["comms_officer", "comms_manager", "monitoring_officer"];

/** Delay before a failed delivery's next attempt: 30 s doubling to at most an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}

/** The webhook body (Standard Webhooks: `type`, `timestamp`, `data`); its id travels as `webhook-id`. */
export function webhookPayload(event: {
  id: string;
  type: string;
  subjectType: string;
  subjectId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt,
    data: { eventId: event.id, subjectType: event.subjectType, subjectId: event.subjectId, ...event.data },
  });
}
