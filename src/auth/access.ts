import type { Role } from "./roles";

/**
 * Who may call which route: the one declarative table. Every route registered through
 * `src/routes/openapi.ts` must have an entry here or the app refuses to build, and
 * test/authorisation.test.ts walks every route × every role against this table.
 *
 * - "public": no authentication (public information only).
 * - "signed-in": any authenticated user, whatever their roles; the handler scopes what they see.
 * - Role[]: authenticated and holding at least one of these roles.
 */
export type Access = "public" | "signed-in" | readonly Role[];

const READ_ALL: readonly Role[] = ["admin", "auditor"];
// Democratic services keeps the elections (issue: "democratic_services writes; everyone signed in reads").
const ELECTIONS_WRITE: readonly Role[] = ["democratic_services"];
const ELECTIONS_WRITE_OR_ADMIN: readonly Role[] = ["democratic_services", "admin"];
const STAFF: readonly Role[] = [
  "comms_officer",
  "comms_manager",
  "chief_executive",
  "monitoring_officer",
  "democratic_services",
  "ict_manager",
];
const STAFF_READ: readonly Role[] = [...STAFF, "auditor", "admin"];
// Those who draft and approve posts for the council's accounts.
const COMMS: readonly Role[] = ["comms_officer", "comms_manager", "monitoring_officer"];
// Approval steps may name these roles (default: one comms manager; the monitoring officer for
// sensitive findings; a council may add the chief executive).
const APPROVERS: readonly Role[] = ["comms_manager", "monitoring_officer", "chief_executive"];
const SPENDING_KEEP: readonly Role[] = ["candidate", "election_agent"];
const SPENDING_READ: readonly Role[] = ["candidate", "election_agent", "democratic_services"];
const LOGO_REQUESTERS: readonly Role[] = [
  "councillor",
  "comms_officer",
  "comms_manager",
  "democratic_services",
  "monitoring_officer",
  "ict_manager",
];

export const ACCESS: Record<string, Access> = {
  "GET /healthz": "public",
  "GET /ping": "public",

  "GET /v1/me": "signed-in",
  "POST /v1/me/tokens": "signed-in",

  "GET /v1/users": READ_ALL,
  "POST /v1/users": ["admin"],
  "GET /v1/users/{userId}": READ_ALL,
  "PATCH /v1/users/{userId}": ["admin"],
  "GET /v1/users/{userId}/tokens": READ_ALL,
  "POST /v1/users/{userId}/tokens": ["admin"],
  "POST /v1/tokens/{tokenId}/revoke": ["admin"],

  "GET /v1/audit": READ_ALL,
  "GET /v1/audit/verify": READ_ALL,
  "GET /v1/audit/head": READ_ALL,

  // Election timetables and pre-election periods are public information (notices of election are
  // published documents); calendar feeds must be readable by Outlook and Google without a token.
  "GET /v1/timetable": "public",
  "GET /v1/purdah": "public",
  "GET /v1/calendars/purdah.ics": "public",
  "GET /v1/calendars/areas/{areaId}/purdah.ics": "public",
  "GET /v1/calendars/bank-holidays": "public",
  "PUT /v1/calendars/bank-holidays": ["admin"],
  "GET /v1/calendars/appointed-days": "public",
  "POST /v1/calendars/appointed-days": ELECTIONS_WRITE_OR_ADMIN,
  "DELETE /v1/calendars/appointed-days/{date}": ELECTIONS_WRITE_OR_ADMIN,

  "GET /v1/council": "signed-in",
  "PUT /v1/council": ELECTIONS_WRITE_OR_ADMIN,
  "GET /v1/areas": "signed-in",
  "POST /v1/areas": ELECTIONS_WRITE,
  "PATCH /v1/areas/{areaId}": ELECTIONS_WRITE,
  "GET /v1/elections": "signed-in",
  "POST /v1/elections": ELECTIONS_WRITE,
  "GET /v1/elections/{electionId}": "signed-in",
  "PATCH /v1/elections/{electionId}": ELECTIONS_WRITE,
  // The statement of persons nominated: kept by democratic services, read by staff (it feeds screening).
  "GET /v1/elections/{electionId}/nominations": STAFF_READ,
  "PUT /v1/elections/{electionId}/nominations": ELECTIONS_WRITE,
  "GET /v1/cycles": "signed-in",
  "POST /v1/cycles": ELECTIONS_WRITE,
  "GET /v1/cycles/{cycleId}": "signed-in",
  "PUT /v1/cycles/{cycleId}": ELECTIONS_WRITE,
  "POST /v1/cycles/{cycleId}/retire": ELECTIONS_WRITE,

  "GET /v1/corporate-accounts": STAFF_READ,
  "POST /v1/corporate-accounts": ["comms_manager"],
  "GET /v1/corporate-accounts/{accountId}": STAFF_READ,
  "PATCH /v1/corporate-accounts/{accountId}": ["comms_manager"],

  // A councillor registers and sees only their own (the handler scopes it); these roles see all.
  "GET /v1/councillor-accounts": [
    "councillor",
    "comms_officer",
    "comms_manager",
    "monitoring_officer",
    "ict_manager",
    "auditor",
    "admin",
  ],
  "POST /v1/councillor-accounts": ["councillor"],
  "GET /v1/councillor-accounts/not-to-promote": [
    "democratic_services",
    "comms_officer",
    "comms_manager",
    "monitoring_officer",
    "auditor",
    "admin",
  ],
  "GET /v1/councillor-accounts/{accountId}": [
    "councillor",
    "comms_officer",
    "comms_manager",
    "monitoring_officer",
    "ict_manager",
    "auditor",
    "admin",
  ],
  "PATCH /v1/councillor-accounts/{accountId}": ["councillor"],
  "DELETE /v1/councillor-accounts/{accountId}": ["councillor"],

  // Policy 5.5: never shown to other councillors, nor to the comms team.
  "GET /v1/security-exemptions": ["councillor", "ict_manager"],
  "POST /v1/security-exemptions": ["councillor"],
  "POST /v1/security-exemptions/{exemptionId}/decision": ["ict_manager"],

  "GET /v1/logo-requests": [...LOGO_REQUESTERS, "chief_executive", "auditor", "admin"],
  "POST /v1/logo-requests": LOGO_REQUESTERS,
  "GET /v1/logo-requests/{requestId}": [...LOGO_REQUESTERS, "chief_executive", "auditor", "admin"],
  "POST /v1/logo-requests/{requestId}/decision": ["chief_executive"],

  "GET /v1/takedown-requests": [
    "democratic_services",
    "councillor",
    "comms_manager",
    "monitoring_officer",
    "chief_executive",
    "auditor",
    "admin",
  ],
  "POST /v1/takedown-requests": ["comms_manager", "monitoring_officer", "chief_executive", "democratic_services"],
  "POST /v1/takedown-requests/{requestId}/outcome": ["councillor", "comms_manager"],

  // Sensitive: no auditor or admin; the handler scopes each report to its reporter and handling role.
  "GET /v1/incident-reports": ["councillor", ...STAFF],
  "POST /v1/incident-reports": ["councillor", ...STAFF],
  "POST /v1/incident-reports/{reportId}/close": ["democratic_services", "monitoring_officer"],

  "POST /v1/screenings": COMMS,
  "GET /v1/lexicons": [...COMMS, "auditor", "admin"],
  "PUT /v1/lexicons": ["comms_manager"],
  "GET /v1/lexicons/versions": [...COMMS, "auditor", "admin"],

  "POST /v1/posts": ["comms_officer", "comms_manager"],
  "GET /v1/posts": [...COMMS, "chief_executive", "auditor", "admin"],
  "GET /v1/posts/queue": APPROVERS,
  "GET /v1/posts/{postId}": [...COMMS, "chief_executive", "auditor", "admin"],
  "POST /v1/posts/{postId}/versions": ["comms_officer", "comms_manager"],
  "POST /v1/posts/{postId}/decisions": APPROVERS,
  "POST /v1/posts/{postId}/override": ["monitoring_officer"],
  "POST /v1/posts/{postId}/published": ["comms_officer", "comms_manager"],
  "GET /v1/publishing-stops": [...COMMS, "chief_executive", "auditor", "admin"],
  "POST /v1/publishing-stops": ["comms_manager", "chief_executive"],
  "POST /v1/publishing-stops/{stopId}/lift": ["comms_manager", "chief_executive"],
  "GET /v1/corporate-accounts/{accountId}/approval-policy": STAFF_READ,
  "PUT /v1/corporate-accounts/{accountId}/approval-policy": ["comms_manager"],
  // The benchmark's plain-insert baseline; answers 404 unless the environment enables it.
  "POST /v1/bench/d1-insert": ["admin"],

  // Candidates' spending is theirs: a candidate sees their own, an agent only the candidates who
  // appointed them (scoped in the handler), democratic services all (they receive the returns).
  "POST /v1/candidacies": ["candidate"],
  "GET /v1/candidacies": SPENDING_READ,
  "GET /v1/candidacies/{candidacyId}": SPENDING_READ,
  "PATCH /v1/candidacies/{candidacyId}": ["candidate"],
  "POST /v1/candidacies/{candidacyId}/expenses": SPENDING_KEEP,
  "PATCH /v1/candidacies/{candidacyId}/expenses/{expenseId}": SPENDING_KEEP,
  "DELETE /v1/candidacies/{candidacyId}/expenses/{expenseId}": SPENDING_KEEP,
  "POST /v1/candidacies/{candidacyId}/imprints": SPENDING_KEEP,
  "POST /v1/imprint-checks": SPENDING_READ,
  "POST /v1/candidacies/{candidacyId}/returns": SPENDING_KEEP,
  "POST /v1/candidacies/{candidacyId}/corrections": SPENDING_KEEP,
  "GET /v1/candidacies/{candidacyId}/returns/{version}": SPENDING_READ,
  "POST /v1/candidacies/{candidacyId}/returns/{version}/received": ["democratic_services"],
  "GET /v1/spending-limits": "public",

  // Notifications: each person their own; webhooks and deliveries (which may name people's addresses) admin only.
  "GET /v1/me/notifications": "signed-in",
  "GET /v1/me/notification-preferences": "signed-in",
  "PUT /v1/me/notification-preferences": "signed-in",
  "GET /v1/webhooks": ["admin"],
  "POST /v1/webhooks": ["admin"],
  "GET /v1/webhooks/{endpointId}": ["admin"],
  "PATCH /v1/webhooks/{endpointId}": ["admin"],
  "POST /v1/webhooks/{endpointId}/rotate-secret": ["admin"],
  "GET /v1/deliveries": ["admin"],
  "POST /v1/deliveries/retry": ["admin"],
  "GET /v1/emails": ["admin"],
  "POST /v1/spending-limits": ELECTIONS_WRITE_OR_ADMIN,
};

export function accessFor(method: string, path: string): Access {
  const key = `${method.toUpperCase()} ${path}`;
  const entry = ACCESS[key];
  if (!entry) throw new Error(`No access rule for ${key}: add it to src/auth/access.ts`);
  return entry;
}
