import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { dispatchOutbox } from "../repo/outbox";
import { takeOutboxWritten } from "../repo/outbox-events";
import { singleFlight } from "../lib/single-flight";

/**
 * How long a dispatch after a write waits to gather the events of the writes that follow it: under a
 * burst one run carries many events instead of every write paying for its own (the database is the
 * shared resource). People still hear within about a second.
 */
const GATHER_MS = 500;

/**
 * Dispatches the outbox once at a time per isolate; a request arriving meanwhile asks for one more run.
 * `gatherMs` (after a request) waits a moment first so that one run carries a burst's events.
 */
export const dispatchNow = singleFlight(async (env: Env, gatherMs: number = 0) => {
  if (gatherMs > 0) await new Promise((resolve) => setTimeout(resolve, gatherMs));
  await dispatchOutbox(env.DB, env.DELIVERIES as Queue<never> | undefined);
});

/**
 * After a response whose request wrote events, dispatch them (ctx.waitUntil): people hear within
 * seconds rather than at the next cron minute. Only a hint — the cron dispatches whatever is left — so
 * it runs only where there is an execution context (the Worker), never inline in a request.
 */
export const dispatchAfterWrites = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method === "GET" || c.req.method === "HEAD" || !takeOutboxWritten()) return;
  let ctx: ExecutionContext | undefined;
  try {
    ctx = c.executionCtx as ExecutionContext;
  } catch {
    return;
  }
  ctx.waitUntil(
    dispatchNow(c.env, GATHER_MS).catch((err) =>
      console.error(JSON.stringify({ level: "error", message: "outbox dispatch failed", error: String(err) })),
    ),
  );
});
