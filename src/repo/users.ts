import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { apiTokens, userRoles, users } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { newId, newToken, sha256Hex, tokenDisplayPrefix } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import type { Role } from "../auth/roles";
import { commit, type Actor } from "./audit";
import { forgetVerifiedTokens } from "../auth/authenticate";
import { invalidateScreening } from "./screening-context";
import { clock } from "../lib/clock";

export interface User {
  id: string;
  name: string;
  email: string | null;
  kind: UserKind;
  roles: Role[];
  createdAt: string;
  disabledAt: string | null;
}

export type UserKind = "person" | "service";

export interface Token {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

type UserRow = typeof users.$inferSelect;

async function withRoles(d1: D1Database, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const roleRows = await dbOf(d1)
    .select()
    .from(userRoles)
    .where(
      inArray(
        userRoles.userId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    kind: r.kind as UserKind,
    roles: roleRows
      .filter((x) => x.userId === r.id)
      .map((x) => x.role as Role)
      .sort(),
    createdAt: r.createdAt,
    disabledAt: r.disabledAt,
  }));
}

export async function listUsers(d1: D1Database, q: { role?: Role; limit: number; after?: string }): Promise<User[]> {
  const db = dbOf(d1);
  const conds = [
    q.after ? gt(users.id, q.after) : undefined,
    q.role ? sql`${users.id} IN (SELECT user_id FROM user_roles WHERE role = ${q.role})` : undefined,
  ].filter(Boolean);
  const rows = await db
    .select()
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.id))
    .limit(q.limit);
  return withRoles(d1, rows);
}

export async function getUser(d1: D1Database, id: string): Promise<User> {
  const rows = await dbOf(d1).select().from(users).where(eq(users.id, id));
  if (rows.length === 0) throw new ApiError("not_found", `No user with id '${id}'.`);
  return (await withRoles(d1, rows))[0];
}

function emailConflict(err: unknown, email: string | null | undefined): never {
  if (String((err as Error)?.message).includes("users.email")) {
    throw new ApiError("conflict", `Another user already has the email ${email}.`, {
      errors: [{ in: "body", pointer: "/email", detail: "Already in use.", code: "duplicate" }],
    });
  }
  throw err;
}

function roleWrites(d1: D1Database, userId: string, roles: readonly Role[]): D1PreparedStatement[] {
  const db = dbOf(d1);
  return roles.map((role) => toD1(d1, db.insert(userRoles).values({ userId, role })));
}

export interface NewUser {
  id?: string;
  name: string;
  email?: string | null;
  kind?: UserKind;
  roles: Role[];
}

export async function createUser(d1: D1Database, actor: Actor, input: NewUser): Promise<User> {
  const db = dbOf(d1);
  const user: User = {
    id: input.id ?? newId(),
    name: input.name,
    email: input.email?.toLowerCase() ?? null,
    kind: input.kind ?? "person",
    roles: [...new Set(input.roles)].sort(),
    createdAt: clock.iso(),
    disabledAt: null,
  };
  const writes = [
    toD1(
      d1,
      db
        .insert(users)
        .values({ id: user.id, name: user.name, email: user.email, kind: user.kind, createdAt: user.createdAt }),
    ),
    ...roleWrites(d1, user.id, user.roles),
  ];
  await commit(d1, actor, writes, [
    { action: "user.created", subjectType: "user", subjectId: user.id, after: user },
  ]).catch((e) => emailConflict(e, user.email));
  invalidateScreening(d1); // names of councillors, candidates and officers feed the screening
  return user;
}

export interface UserPatch {
  name?: string;
  email?: string | null;
  roles?: Role[];
  disabled?: boolean;
}

export async function updateUser(d1: D1Database, actor: Actor, id: string, patch: UserPatch): Promise<User> {
  const db = dbOf(d1);
  const before = await getUser(d1, id);
  const after: User = {
    ...before,
    name: patch.name ?? before.name,
    email: patch.email === undefined ? before.email : (patch.email?.toLowerCase() ?? null),
    roles: patch.roles ? [...new Set(patch.roles)].sort() : before.roles,
    disabledAt:
      patch.disabled === undefined ? before.disabledAt : patch.disabled ? (before.disabledAt ?? clock.iso()) : null,
  };
  if (actor.id === id && ((before.roles.includes("admin") && !after.roles.includes("admin")) || after.disabledAt)) {
    throw new ApiError(
      "conflict",
      "You cannot remove your own admin role or disable yourself; ask another administrator.",
    );
  }
  const writes = [
    toD1(
      d1,
      db
        .update(users)
        .set({ name: after.name, email: after.email, disabledAt: after.disabledAt })
        .where(eq(users.id, id)),
    ),
  ];
  if (patch.roles) {
    writes.push(toD1(d1, db.delete(userRoles).where(eq(userRoles.userId, id))), ...roleWrites(d1, id, after.roles));
  }
  await commit(d1, actor, writes, [
    { action: "user.updated", subjectType: "user", subjectId: id, before, after },
  ]).catch((e) => emailConflict(e, after.email));
  forgetVerifiedTokens();
  invalidateScreening(d1);
  return after;
}

function toToken(row: typeof apiTokens.$inferSelect): Token {
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

export async function listTokens(d1: D1Database, userId: string): Promise<Token[]> {
  await getUser(d1, userId);
  const rows = await dbOf(d1)
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.createdAt));
  return rows.map(toToken);
}

export const MAX_TOKEN_DAYS = 366;

/**
 * Who may issue a token for whom, over the API: a person makes their own; an administrator issues them
 * for service accounts and for themselves, never for another person (who could then be impersonated,
 * with the audit naming them).
 */
export async function assertMayIssueToken(d1: D1Database, callerId: string, userId: string): Promise<void> {
  const target = await getUser(d1, userId);
  if (target.id === callerId || target.kind === "service") return;
  throw new ApiError(
    "forbidden",
    "Administrators issue tokens only for service accounts and for themselves; a person makes their own tokens (POST /v1/me/tokens).",
  );
}

/** Issues a token; the plaintext is returned once and only its SHA-256 is kept. */
export async function createToken(
  d1: D1Database,
  actor: Actor,
  userId: string,
  input: { name: string; expiresInDays: number; id?: string; token?: string },
): Promise<Token & { token: string }> {
  const user = await getUser(d1, userId);
  if (user.disabledAt) throw new ApiError("conflict", "The user is disabled; enable them before issuing a token.");
  const token = input.token ?? newToken();
  const now = clock.now();
  const row = {
    id: input.id ?? newId(),
    userId,
    name: input.name,
    tokenHash: await sha256Hex(token),
    prefix: tokenDisplayPrefix(token),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    revokedAt: null,
    lastUsedAt: null,
  };
  const shown = toToken(row);
  await commit(
    d1,
    actor,
    [toD1(d1, dbOf(d1).insert(apiTokens).values(row))],
    [{ action: "token.created", subjectType: "api_token", subjectId: row.id, after: shown }],
  );
  return { ...shown, token };
}

/** Revoking is idempotent: a second revocation changes nothing and records nothing. */
export async function revokeToken(d1: D1Database, actor: Actor, tokenId: string): Promise<Token> {
  const db = dbOf(d1);
  const [before] = await db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
  if (!before) throw new ApiError("not_found", `No token with id '${tokenId}'.`);
  if (before.revokedAt) return toToken(before);
  const revokedAt = clock.iso();
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        db
          .update(apiTokens)
          .set({ revokedAt })
          .where(and(eq(apiTokens.id, tokenId), sql`${apiTokens.revokedAt} IS NULL`)),
      ),
    ],
    [
      {
        action: "token.revoked",
        subjectType: "api_token",
        subjectId: tokenId,
        before: { revokedAt: null },
        after: { revokedAt },
      },
    ],
    { onlyIfChanged: true },
  );
  forgetVerifiedTokens();
  const [after] = await db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
  return toToken(after);
}
