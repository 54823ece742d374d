/** The API's groups of operations, as the published document lists them (OpenAPI top-level `tags`). */
export const TAGS: Record<string, string> = {
  Platform: "Health, version and the service's own description.",
  Identity: "Who is calling, and a person's own API tokens and notification choices.",
  "Users and tokens": "People and service accounts, their roles and API tokens (administrators).",
  Audit: "The tamper-evident record of every change: entries, the chain's head and its verification.",
  Elections:
    "Areas, council settings, ordinary-election cycles, elections and their pre-election periods (democratic services).",
  Calendars:
    "Statutory timetables, bank holidays and appointed days, and public calendar feeds of pre-election periods.",
  "Account registers":
    "The council's corporate accounts and councillors' accounts, security exemptions and the not-to-promote list.",
  "Logo-use requests": "Requests to use the council logo, decided by the chief executive (policy 5.3, 5.4).",
  Takedowns: "Requests to take content down (policy 11.3).",
  "Incident reports": "Abuse received and complaints of a breach of the policy (policy 7.2, 11.1, 11.4).",
  Posts: "Screening, submission, approval, scheduling and the emergency stop for corporate accounts' posts.",
  "Candidates' spending": "Candidacies, web-advertising expenses, imprints and spending returns (RPA 1983).",
  Webhooks: "Signed webhooks (Standard Webhooks) to publishing tools and other systems.",
  Deliveries: "Outbound deliveries of events: webhooks and e-mail, failed deliveries and retries (administrators).",
  Notifications: "Notifications to people, and the local e-mail outbox when GOV.UK Notify is not configured.",
};

/** An operationId from the method and path: GET /v1/posts/{postId}/versions → getPostsByPostIdVersions. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .split("/")
    .filter((p) => p && p !== "v1")
    .map((p) => (p.startsWith("{") ? `By-${p.slice(1, -1)}` : p))
    .flatMap((p) => p.split(/[-_.]/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}
