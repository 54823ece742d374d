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

export const ACCESS: Record<string, Access> = {
  "GET /healthz": "public",
  "GET /ping": "public",

  "GET /v1/me": "signed-in",

  "GET /v1/users": READ_ALL,
  "POST /v1/users": ["admin"],
  "GET /v1/users/{userId}": READ_ALL,
  "PATCH /v1/users/{userId}": ["admin"],
  "GET /v1/users/{userId}/tokens": READ_ALL,
  "POST /v1/users/{userId}/tokens": ["admin"],
  "POST /v1/tokens/{tokenId}/revoke": ["admin"],

  "GET /v1/audit": READ_ALL,
  "GET /v1/audit/verify": READ_ALL,

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
  "GET /v1/cycles": "signed-in",
  "POST /v1/cycles": ELECTIONS_WRITE,
  "GET /v1/cycles/{cycleId}": "signed-in",
  "PUT /v1/cycles/{cycleId}": ELECTIONS_WRITE,
  "POST /v1/cycles/{cycleId}/retire": ELECTIONS_WRITE,
};

export function accessFor(method: string, path: string): Access {
  const key = `${method.toUpperCase()} ${path}`;
  const entry = ACCESS[key];
  if (!entry) throw new Error(`No access rule for ${key}: add it to src/auth/access.ts`);
  return entry;
}
