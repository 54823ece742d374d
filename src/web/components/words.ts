// Plain English for the values the service stores as codes: pages never show a code, an underscore
// or a lower-case status value (test/web-content.test.ts walks every page for them).
import type { Role } from "../../auth/roles";
import { CATEGORIES, EVENT_TYPES } from "../../domain/events";

export const ROLE_WORDS: Record<Role, string> = {
  comms_officer: "Communications officer",
  comms_manager: "Head of communications",
  chief_executive: "Chief Executive",
  monitoring_officer: "Monitoring Officer",
  democratic_services: "Democratic services",
  ict_manager: "ICT manager",
  councillor: "Councillor",
  candidate: "Candidate",
  election_agent: "Election agent",
  auditor: "Internal audit",
  admin: "Service administrator",
};

export const roleWords = (roles: readonly string[]) =>
  roles.map((r) => ROLE_WORDS[r as Role] ?? sentence(r)).join(", ");

/** "changes_requested" → "Changes requested"; the fallback for a code with no entry below. */
export function sentence(code: string): string {
  const s = code.replace(/[._]+/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const STATUS_WORDS: Record<string, string> = {
  pending_approval: "Waiting for approval",
  pending: "Waiting for a decision",
  blocked: "Blocked",
  changes_requested: "Changes requested",
  rejected: "Rejected",
  approved: "Approved",
  held: "Held",
  ready: "Ready to publish",
  published: "Published",
  expired: "Expired",
  active: "Active",
  suspended: "Suspended",
  closed: "Closed",
  open: "Open",
  refused: "Refused",
  removed: "Removed",
  withdrawn: "Withdrawn",
  received: "Received",
  submitted: "Submitted",
  draft: "Not yet submitted",
};

export const statusWords = (status: string) => STATUS_WORDS[status] ?? sentence(status);

export const STATUS_COLOUR: Record<string, string> = {
  pending_approval: "blue",
  pending: "blue",
  blocked: "red",
  changes_requested: "yellow",
  rejected: "red",
  refused: "red",
  approved: "green",
  held: "orange",
  ready: "green",
  published: "green",
  expired: "grey",
  active: "green",
  suspended: "orange",
  closed: "grey",
  open: "blue",
};

export const PLATFORM_WORDS: Record<string, string> = {
  facebook: "Facebook",
  x: "X",
  instagram: "Instagram",
  linkedin: "LinkedIn",
  youtube: "YouTube",
  tiktok: "TikTok",
  threads: "Threads",
  bluesky: "Bluesky",
  flickr: "Flickr",
  blog: "Blog",
  other: "Other",
};
export const platformWords = (p: string) => PLATFORM_WORDS[p] ?? sentence(p);

export const PURDAH_BEHAVIOUR: [string, string, string][] = [
  ["gate", "Keep posting, every post checked", "Posts go through screening and approval as usual (policy 9.1)."],
  [
    "pause",
    "Pause during pre-election periods",
    "Only essential information (emergencies, service changes) is posted while a pre-election period is in force.",
  ],
  ["close", "Close during pre-election periods", "The account is taken down for the period."],
];

export const AREA_KIND_WORDS: Record<string, string> = {
  council: "The council",
  county_division: "County electoral division",
  ward: "Ward",
  parish: "Parish",
  constituency: "Parliamentary constituency",
  police_area: "Police area",
  combined_authority: "Combined authority",
  neighbourhood_area: "Neighbourhood area",
};

export const ELECTION_KIND_WORDS: Record<string, string> = {
  local: "Local council",
  parish: "Parish council",
  mayoral: "Mayoral",
  pcc: "Police and Crime Commissioner",
  parliamentary: "UK Parliament",
  referendum: "Neighbourhood planning referendum",
};

/** The kinds of audit record, in words, for the audit page's filter and list. */
export const SUBJECT_WORDS: Record<string, string> = {
  post: "Posts",
  logo_request: "Logo-use requests",
  corporate_account: "Corporate accounts",
  councillor_account: "Councillors' accounts",
  security_exemption: "Security exemptions",
  takedown_request: "Takedown requests",
  incident_report: "Reports of abuse and complaints",
  election: "Elections",
  election_cycle: "Election cycles",
  appointed_day: "Days of thanksgiving or mourning",
  area: "Areas",
  council: "Council settings",
  calendar: "Calendars",
  lexicon: "Screening word lists",
  publishing_stop: "Emergency stops",
  candidacy: "Candidacies",
  expense: "Expenses",
  imprint: "Imprints",
  spending_return: "Spending returns",
  spending_limit: "Spending limits",
  user: "People",
  api_token: "API tokens",
  approval_policy: "Approval steps",
  delivery: "Notifications sent",
  webhook_endpoint: "Webhooks",
};

const ACTION_WORDS: Record<string, string> = {
  "post.submitted": "Post submitted for approval",
  "post.submitted_blocked": "Post submitted and blocked by screening",
  "post.resubmitted": "Post changed and resubmitted",
  "post.approve": "Post approved",
  "post.approved": "Post approved",
  "post.reject": "Post rejected",
  "post.rejected": "Post rejected",
  "post.request_changes": "Changes requested to a post",
  "post.changes_requested": "Changes requested to a post",
  "post.block_overridden": "Pre-election block overridden by the Monitoring Officer",
  "post.blocked_at_publication": "Post stopped at publication by screening",
  "post.expired": "Post expired without a decision",
  "post.held": "Post held by an emergency stop",
  "post.ready": "Post ready to publish",
  "post.published": "Post published",
  "publishing.stopped": "Emergency stop started",
  "publishing.resumed": "Emergency stop lifted",
  "logo_request.created": "Logo use requested",
  "logo_request.refused": "Logo request refused (policy 5.4)",
  "logo_request.approve": "Logo use approved",
  "logo_request.approved": "Logo use approved",
  "logo_request.reject": "Logo use refused",
  "logo_request.rejected": "Logo use refused",
  "logo_request.expired": "Logo request expired",
  "logo_request.reminder_sent": "Chief Executive reminded of a logo request",
  "lexicon.version_saved": "Screening word lists changed",
  "approval_policy.changed": "Approval steps changed",
  "incident_report.created": "Report or complaint made",
  "incident.abuse_report": "Abuse reported",
  "incident.policy_complaint": "Complaint made",
  "delivery.delivered": "Notification delivered",
  "delivery.dead_lettered": "Notification could not be delivered",
  "delivery.retry_requested": "Notification retried",
};

export const actionWords = (action: string) => ACTION_WORDS[action] ?? sentence(action);
export const subjectWords = (type: string) => SUBJECT_WORDS[type] ?? sentence(type);

/** "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** An event's name in words ("A post was submitted"), as its e-mail's subject says it. */
export const eventWords = (type: string) =>
  type === "*"
    ? "Every event, including kinds added later"
    : ((EVENT_TYPES as Record<string, { title: string }>)[type]?.title ?? sentence(type));

/** A notification category in words ("Posts waiting for my decision"). */
export const categoryWords = (category: string) =>
  (CATEGORIES as Record<string, string>)[category] ?? sentence(category);
