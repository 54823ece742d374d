import { EVENT_TYPES, type EventType } from "./events";

export interface EmailContent {
  subject: string;
  body: string;
}

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const day = (iso: unknown): string => str(iso).slice(0, 10);
const when = (iso: unknown): string => str(iso).replace("T", " ").slice(0, 16) + (str(iso) ? " UTC" : "");

/**
 * The words of an e-mail for an event, given to GOV.UK Notify as personalisation (`subject`, `body`,
 * `link`) of the template configured for its category. Short, plain English, and never the sensitive
 * content itself (no exemption reasons, no report details): the link leads to the record, behind sign-in.
 */
export function emailFor(
  event: { type: string; subjectType: string; subjectId: string; data: Record<string, unknown> },
  baseUrl: string,
): EmailContent & { link: string } {
  const d = event.data;
  const title = (EVENT_TYPES as Record<string, { title: string }>)[event.type]?.title ?? event.type;
  const link = `${baseUrl.replace(/\/$/, "")}${pathFor(event.subjectType, event.subjectId)}`;
  const type = event.type as EventType;
  let body: string;
  switch (type) {
    case "post.needs_decision":
      body = `A post for publication at ${when(d.publishAt)} is waiting for your decision.`;
      break;
    case "post.approval_due":
      body = `A post due to publish at ${when(d.publishAt)} has not been decided. If nobody decides it before then, it expires.`;
      break;
    case "post.approved":
    case "post.rejected":
    case "post.changes_requested":
      body = `Your post for ${when(d.publishAt)} was ${type.slice(5).replace("_", " ")}${d.reason ? `: ${str(d.reason)}` : "."}`;
      break;
    case "post.ready":
      body = `The post for ${when(d.publishAt)} passed its final check and is ready to publish.`;
      break;
    case "post.held":
      body = "A scheduled post is held because an emergency stop is in force. It goes out when the stop is lifted.";
      break;
    case "post.blocked":
      body = "A scheduled post was stopped at its publication time by a pre-election or policy check.";
      break;
    case "post.expired":
      body = `A post was not approved by its publication time (${when(d.publishAt)}) and has expired.`;
      break;
    case "logo_request.reminder":
      body = "A logo-use request is still waiting for your decision (policy 5.3).";
      break;
    case "logo_request.decided":
      body = `Your logo-use request was ${str(d.status)}.`;
      break;
    case "spending.deadline_due":
      body = `The ${str(d.deadline)} deadline for your candidacy is ${day(d.dueOn)} (in ${str(d.daysBefore)} day${d.daysBefore === 1 ? "" : "s"}).`;
      break;
    case "purdah.starting_soon": {
      const posts = Array.isArray(d.posts) ? (d.posts as { id: string; status: string; publishAt: string }[]) : [];
      body =
        `The pre-election period for ${str(d.electionName)} starts on ${day(d.startsAt)}. ` +
        (posts.length
          ? `${posts.length} approved or pending post${posts.length === 1 ? "" : "s"} fall inside it and will be re-screened at publication:\n${posts.map((p) => `- ${when(p.publishAt)} (${p.status.replace("_", " ")}) ${baseUrl.replace(/\/$/, "")}/posts/${p.id}`).join("\n")}`
          : "No approved or pending posts fall inside it.");
      break;
    }
    case "purdah.announced":
    case "purdah.moved":
      body = `The pre-election period for ${str(d.electionName)} now runs from ${day(d.startsAt)} to ${day(d.endsAt)}.`;
      break;
    default:
      body = `${title}.`;
  }
  return { subject: title, body, link };
}

/**
 * The page an e-mail links to: the record's own page where there is one, else the page listing records
 * of its kind (logo requests, exemptions, reports and takedowns have no page each). Every path is a page
 * of src/web/router.tsx's PAGE_ACCESS (test/notify-links.test.ts).
 */
export function pathFor(subjectType: string, id: string): string {
  const ref = encodeURIComponent(id);
  switch (subjectType) {
    case "post":
      return `/posts/${ref}`;
    case "logo_request":
      return "/logo-requests";
    case "election":
      return `/elections/${ref}`;
    case "candidacy":
      return `/spending/${ref}`;
    case "security_exemption":
      return "/exemptions";
    case "incident_report":
      return "/reports";
    case "takedown_request":
      return "/takedowns";
    default:
      return "/";
  }
}
