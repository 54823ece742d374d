import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app, call, userWith } from "./helpers";
import { sealCoalesced } from "../src/repo/audit";

/** POST /v1/users on the Worker's path: with an execution context whose waitUntil work is collected. */
function createUserOnWorker(token: string, name: string, waiting: Promise<unknown>[]) {
  const ctx = { waitUntil: (p: Promise<unknown>) => waiting.push(p), passThroughOnException() {}, props: {} };
  return app.request(
    "/v1/users",
    {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name, roles: ["councillor"] }),
    },
    env,
    ctx as unknown as ExecutionContext,
  );
}

// On the Worker (an execution context), a request's audit entries are sealed just after its response.
describe("sealing after the response", () => {
  it("leaves the request's entries unsealed until its waitUntil work runs, then seals them", async () => {
    const admin = await userWith(["admin"]);
    const auditor = await userWith(["auditor"]);
    const waiting: Promise<unknown>[] = [];
    const res = await createUserOnWorker(admin.token, "Deferred Seal", waiting);
    expect(res.status).toBe(201);
    const unsealed = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE hash IS NULL").first<{
      n: number;
    }>();
    expect(unsealed!.n).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    // Within the grace period verify accepts the unsealed tail.
    expect((await call("GET", "/v1/audit/verify", { token: auditor.token })).json.ok).toBe(true);
    await Promise.all(waiting);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE hash IS NULL").first<{ n: number }>();
    expect(after!.n).toBe(0);
    const report = (await call("GET", "/v1/audit/verify", { token: auditor.token })).json;
    expect(report).toMatchObject({ ok: true, unsealedTail: 0 });
  });

  it("an ask made while a seal runs does not wait on it (another request's promise) but gets it one more pass", async () => {
    const admin = await userWith(["admin"]);
    const first = sealCoalesced(env.DB);
    let firstDone = false;
    void first.then(() => {
      firstDone = true;
    });
    // A request while the seal gathers: its entries are written unsealed and its own ask joins the run.
    const waiting: Promise<unknown>[] = [];
    const res = await createUserOnWorker(admin.token, "Joins The Seal", waiting);
    expect(res.status).toBe(201);
    // The joiner returns at once: on workerd a promise must not be awaited from another request.
    await Promise.all(waiting);
    expect(firstDone).toBe(false);
    await first;
    const after = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE hash IS NULL").first<{ n: number }>();
    expect(after!.n).toBe(0);
    // Once it is done, the next ask starts a new run.
    const next = sealCoalesced(env.DB, 0);
    expect(next).not.toBe(first);
    await next;
  });

  it("a burst of 12 requests at once leaves every entry sealed once their waitUntil work is done", async () => {
    const admin = await userWith(["admin"]);
    const auditor = await userWith(["auditor"]);
    const waiting: Promise<unknown>[] = [];
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUserOnWorker(admin.token, `Burst ${i}`, waiting)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    await Promise.all(waiting);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE hash IS NULL").first<{ n: number }>();
    expect(after!.n).toBe(0);
    expect((await call("GET", "/v1/audit/verify", { token: auditor.token })).json).toMatchObject({
      ok: true,
      unsealedTail: 0,
    });
  });
});
