import type { Context } from "hono";
import type { AppEnv } from "../env";

/**
 * Work that must not sit in the response's latency: after the response on Cloudflare
 * (ctx.waitUntil), inline where there is no execution context (app.request in tests).
 */
export async function afterResponse(c: Context<AppEnv>, work: Promise<unknown>): Promise<void> {
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined;
  }
  if (ctx)
    ctx.waitUntil(
      work.catch((err) =>
        console.error(JSON.stringify({ level: "error", message: "background work failed", error: String(err) })),
      ),
    );
  else await work;
}
