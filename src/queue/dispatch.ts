import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { dispatchOutbox } from "../repo/outbox";
import { takeOutboxWritten } from "../repo/outbox-events";

let running: Promise<unknown> | null = null;
let again = false;

/** Dispatches the outbox once at a time per isolate; a request arriving meanwhile asks for one more run. */
export function dispatchNow(env: Env): Promise<unknown> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await dispatchOutbox(env.DB, env.DELIVERIES as Queue<never> | undefined);
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

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
    dispatchNow(c.env).catch((err) =>
      console.error(JSON.stringify({ level: "error", message: "outbox dispatch failed", error: String(err) })),
    ),
  );
});
