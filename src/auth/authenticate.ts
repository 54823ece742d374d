import type { Context } from "hono";
import type { AppEnv, Caller } from "../env";
import { ApiError } from "../lib/problem";
import { sha256Hex } from "../lib/crypto";
import { isRole, type Role } from "./roles";
import { accessConfig, verifyAccessJwt } from "./access-jwt";
import { clock } from "../lib/clock";

// last_used_at is bookkeeping, not a decision: refresh it at most once a minute per token so that
// reads stay reads under load.
const LAST_USED_GRANULARITY_MS = 60_000;

interface CallerRow {
  token_id: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  id: string;
  name: string;
  email: string | null;
  disabled_at: string | null;
  roles: string | null;
}

const CALLER_COLUMNS = `u.id, u.name, u.email, u.disabled_at,
  (SELECT group_concat(r.role) FROM user_roles r WHERE r.user_id = u.id) AS roles`;

function toCaller(row: CallerRow, by: Caller["authenticatedBy"]): Caller {
  const roles = (row.roles ?? "").split(",").filter(isRole).sort() as Role[];
  return { id: row.id, name: row.name, email: row.email, roles, authenticatedBy: by, tokenId: row.token_id };
}

// Each isolate remembers a verified token for a few seconds, so a burst of requests does not read D1
// for every one. A revocation, disabling or role change in this isolate clears it at once
// (forgetVerifiedTokens); other isolates see it within VERIFIED_TTL_MS. Expiry is still checked on
// every request.
const VERIFIED_TTL_MS = 10_000;
const MAX_VERIFIED = 1_000;
const verified = new Map<string, { caller: Caller; expiresAt: number; at: number }>();

export function forgetVerifiedTokens(): void {
  verified.clear();
}

async function byToken(c: Context<AppEnv>, token: string): Promise<Caller> {
  const hash = await sha256Hex(token);
  const hit = verified.get(hash);
  const now = clock.ms();
  if (hit && now - hit.at < VERIFIED_TTL_MS) {
    if (hit.expiresAt <= now)
      throw new ApiError("token_expired", `The bearer token expired at ${new Date(hit.expiresAt).toISOString()}.`);
    return hit.caller;
  }
  const row = await c.env.DB.prepare(
    `SELECT t.id AS token_id, t.expires_at, t.revoked_at, t.last_used_at, ${CALLER_COLUMNS}
     FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
  )
    .bind(hash)
    .first<CallerRow>();
  if (!row) throw new ApiError("invalid_token", "The bearer token is not recognised.");
  if (row.revoked_at) throw new ApiError("token_revoked", "The bearer token has been revoked.");
  if (row.expires_at && Date.parse(row.expires_at) <= now)
    throw new ApiError("token_expired", `The bearer token expired at ${row.expires_at}.`);
  if (row.disabled_at) throw new ApiError("user_disabled", "The user behind this token is disabled.");
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > LAST_USED_GRANULARITY_MS) {
    await c.env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
      .bind(new Date(now).toISOString(), row.token_id)
      .run();
  }
  const caller = toCaller(row, "token");
  if (verified.size >= MAX_VERIFIED) verified.clear();
  verified.set(hash, { caller, expiresAt: Date.parse(row.expires_at!), at: now });
  return caller;
}

async function byAccess(c: Context<AppEnv>, assertion: string): Promise<Caller | null> {
  const config = accessConfig(c.env);
  if (!config) return null; // Access recognition is off unless configured.
  const email = await verifyAccessJwt(assertion, config);
  if (!email) throw new ApiError("invalid_token", "The Cloudflare Access assertion is not valid for this application.");
  const row = await c.env.DB.prepare(
    `SELECT NULL AS token_id, NULL AS expires_at, NULL AS revoked_at, NULL AS last_used_at, ${CALLER_COLUMNS}
     FROM users u WHERE u.email = ?`,
  )
    .bind(email)
    .first<CallerRow>();
  if (!row)
    throw new ApiError(
      "unknown_user",
      `No user is registered with the email ${email}; ask an administrator to add you.`,
    );
  if (row.disabled_at) throw new ApiError("user_disabled", "This user is disabled.");
  return toCaller(row, "access");
}

/** The caller behind the request, or null when it carries no credentials at all. */
export async function authenticate(c: Context<AppEnv>): Promise<Caller | null> {
  const header = c.req.header("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError("invalid_token", "The Authorization header must be 'Bearer <token>'.");
    return byToken(c, match[1]);
  }
  const assertion = c.req.header("cf-access-jwt-assertion");
  if (assertion) return byAccess(c, assertion);
  return null;
}
