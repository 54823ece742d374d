import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app, call, userWith } from "./helpers";

// On the Worker (an execution context), a request's audit entries are sealed just after its response.
describe("sealing after the response", () => {
  it("leaves the request's entries unsealed until its waitUntil work runs, then seals them", async () => {
    const admin = await userWith(["admin"]);
    const auditor = await userWith(["auditor"]);
    const waiting: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => waiting.push(p), passThroughOnException() {}, props: {} };
    const res = await app.request(
      "/v1/users",
      {
        method: "POST",
        headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Deferred Seal", roles: ["councillor"] }),
      },
      env,
      ctx as unknown as ExecutionContext,
    );
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
});
