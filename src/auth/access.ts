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
};

export function accessFor(method: string, path: string): Access {
  const key = `${method.toUpperCase()} ${path}`;
  const entry = ACCESS[key];
  if (!entry) throw new Error(`No access rule for ${key}: add it to src/auth/access.ts`);
  return entry;
}
