import type { Context } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { AppEnv, Caller } from "../env";
import { base64Url, sha256Hex } from "../lib/crypto";
import { isRole, type Role } from "../auth/roles";
import { accessConfig, verifyAccessJwt } from "../auth/access-jwt";
import { clock } from "../lib/clock";

export const SESSION_COOKIE = "csg_session";
export const PRE_CSRF_COOKIE = "csg_csrf";
const SESSION_HOURS = 8;

const random = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));
const secure = (c: Context) => new URL(c.req.url).protocol === "https:";

export interface WebSession {
  caller: Caller;
  csrf: string;
}

/**
 * Starts a session for a user: HttpOnly, SameSite=Lax, Secure over HTTPS; the token is stored hashed.
 * Returns the session's CSRF token.
 */
export async function startSession(c: Context<AppEnv>, userId: string): Promise<string> {
  const token = random();
  const csrf = random();
  const now = clock.now();
  await c.env.DB.prepare(
    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(
      await sha256Hex(token),
      userId,
      csrf,
      now.toISOString(),
      new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    )
    .run();
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: "/",
    maxAge: SESSION_HOURS * 3600,
  });
  return csrf;
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token)
    await c.env.DB.prepare("DELETE FROM sessions WHERE token_hash = ?")
      .bind(await sha256Hex(token))
      .run();
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

async function callerFor(
  db: D1Database,
  where: string,
  value: string,
): Promise<{ caller: Caller; csrf: string | null } | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.name, u.email, u.disabled_at, (SELECT group_concat(r.role) FROM user_roles r WHERE r.user_id = u.id) AS roles${where === "session" ? ", s.csrf" : ", NULL AS csrf"}
       FROM ${where === "session" ? "sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?" : "users u WHERE u.email = ? AND ? IS NOT NULL"}`,
    )
    .bind(value, clock.iso())
    .first<{
      id: string;
      name: string;
      email: string | null;
      disabled_at: string | null;
      roles: string | null;
      csrf: string | null;
    }>();
  if (!row || row.disabled_at) return null;
  const roles = (row.roles ?? "").split(",").filter(isRole).sort() as Role[];
  return {
    caller: { id: row.id, name: row.name, email: row.email, roles, authenticatedBy: "token", tokenId: null },
    csrf: row.csrf,
  };
}

/**
 * The signed-in person: by session cookie, or (behind Cloudflare Access) by the Access assertion,
 * which starts a session once. Behind Access the assertion is checked on every request, and a session
 * that belongs to someone other than the person Access vouches for is not used.
 */
export async function webSession(c: Context<AppEnv>): Promise<WebSession | null> {
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await callerFor(c.env.DB, "session", await sha256Hex(token)) : null;
  const assertion = c.req.header("cf-access-jwt-assertion");
  const config = accessConfig(c.env);
  if (!assertion || !config) return session?.csrf ? { caller: session.caller, csrf: session.csrf } : null;
  const email = await verifyAccessJwt(assertion, config);
  if (!email) return null;
  if (session?.csrf && session.caller.email?.toLowerCase() === email) {
    return { caller: session.caller, csrf: session.csrf };
  }
  const person = await callerFor(c.env.DB, "email", email);
  if (!person) return null;
  const csrf = await startSession(c, person.caller.id);
  return { caller: { ...person.caller, authenticatedBy: "access" }, csrf };
}

/** For the sign-in form, before there is a session: a double-submit token in a cookie and the form. */
export function preSessionCsrf(c: Context<AppEnv>): string {
  const existing = getCookie(c, PRE_CSRF_COOKIE);
  if (existing) return existing;
  const token = random();
  setCookie(c, PRE_CSRF_COOKIE, token, { httpOnly: true, sameSite: "Strict", secure: secure(c), path: "/sign-in" });
  return token;
}
