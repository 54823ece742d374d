import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { clock } from "./clock";
import { sha256Hex } from "./crypto";
import { ApiError, problemBody, problemResponse } from "./problem";

/** How long a key is remembered (the IETF draft leaves it to the server; a day covers any client retry). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

const keyError = (detail: string) =>
  new ApiError("validation_failed", detail, {
    errors: [{ in: "header", pointer: "/Idempotency-Key", detail, code: "invalid" }],
  });

interface Stored {
  fingerprint: string;
  state: "in_progress" | "done";
  status_code: number | null;
  content_type: string | null;
  location: string | null;
  body: string | null;
}

/**
 * `Idempotency-Key` on every create (draft-ietf-httpapi-idempotency-key-header): the first request with
 * a key claims it (a primary key, so two at once cannot both run); a retry with the same key and the
 * same request replays the first response, marked `Idempotent-Replayed: true`, and creates nothing; the
 * same key with a different request is refused; a key still in progress is a 409 with Retry-After.
 * Only successful responses are kept: after an error the key is released so the client can try again.
 * Keys are scoped to the caller.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (!KEY.test(key)) throw keyError("An Idempotency-Key is 1 to 255 visible ASCII characters.");
  const scope = c.get("caller")?.id ?? "anonymous";
  const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
  const db = c.env.DB;
  const now = clock.ms();
  const [, claim] = await db.batch([
    db
      .prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND created_at < ?")
      .bind(scope, key, new Date(now - IDEMPOTENCY_TTL_MS).toISOString()),
    db
      .prepare(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, state, created_at) VALUES (?, ?, ?, 'in_progress', ?) ON CONFLICT DO NOTHING",
      )
      .bind(scope, key, fingerprint, new Date(now).toISOString()),
  ]);
  if ((claim.meta.changes ?? 0) === 0) {
    const row = await db
      .prepare(
        "SELECT fingerprint, state, status_code, content_type, location, body FROM idempotency_keys WHERE scope = ? AND key = ?",
      )
      .bind(scope, key)
      .first<Stored>();
    if (!row) throw new ApiError("conflict", "That Idempotency-Key was just released; retry.");
    if (row.fingerprint !== fingerprint) {
      throw keyError("This Idempotency-Key was used for a different request; use a new key for a new request.");
    }
    if (row.state !== "done") {
      const requestId = c.get("requestId") ?? "";
      const detail = "A request with this Idempotency-Key is still being processed; retry shortly.";
      return problemResponse(problemBody("conflict", detail, c.req.path, { requestId }), {
        "retry-after": "1",
        "x-request-id": requestId,
      });
    }
    const headers: Record<string, string> = {
      "content-type": row.content_type ?? "application/json",
      "idempotent-replayed": "true",
      "x-request-id": c.get("requestId") ?? "",
    };
    if (row.location) headers.location = row.location;
    return new Response(row.body, { status: row.status_code ?? 200, headers });
  }
  const release = () => db.prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ?").bind(scope, key).run();
  try {
    await next();
  } catch (err) {
    await release();
    throw err;
  }
  const res = c.res;
  if (res.status >= 200 && res.status < 300) {
    await db
      .prepare(
        "UPDATE idempotency_keys SET state = 'done', status_code = ?, content_type = ?, location = ?, body = ? WHERE scope = ? AND key = ?",
      )
      .bind(
        res.status,
        res.headers.get("content-type"),
        res.headers.get("location"),
        await res.clone().text(),
        scope,
        key,
      )
      .run();
  } else {
    await release();
  }
});
