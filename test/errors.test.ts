import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app, call, userWith } from "./helpers";

let admin: string;
beforeAll(async () => {
  admin = (await userWith(["admin"])).token;
});

const userCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>())!.n;

function expectProblem(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.json).toMatchObject({
    status,
    code,
    type: expect.stringContaining("/problems/"),
    title: expect.any(String),
    detail: expect.any(String),
    instance: expect.any(String),
  });
  expect(res.json.requestId).toBe(res.headers.get("x-request-id"));
}

describe("problem+json for every kind of bad request", () => {
  it("unknown route: 404", async () => {
    expectProblem(await call("GET", "/v1/nothing-here"), 404, "not_found");
  });

  it("malformed JSON: 400, nothing written", async () => {
    const before = await userCount();
    expectProblem(await call("POST", "/v1/users", { token: admin, body: '{"name": "x", ' }), 400, "malformed_json");
    expect(await userCount()).toBe(before);
  });

  it("wrong content type: 415", async () => {
    const res = await call("POST", "/v1/users", {
      token: admin,
      body: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(res, 415, "unsupported_media_type");
  });

  it("a body over the limit: 413, by declared length and by actual size", async () => {
    const big = JSON.stringify({ name: "x".repeat(300_000), roles: ["admin"] });
    expectProblem(await call("POST", "/v1/users", { token: admin, body: big }), 413, "payload_too_large");
    const small = await call("POST", "/v1/users", {
      token: admin,
      body: JSON.stringify({ name: "x".repeat(2000), roles: ["admin"] }),
      envOverride: { MAX_BODY_BYTES: "1000" },
    });
    expectProblem(small, 413, "payload_too_large");
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await app.request(
      "/v1/users",
      {
        method: "POST",
        body: stream,
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        duplex: "half",
      } as RequestInit,
      env,
    );
    expect(res.status).toBe(413);
  });

  it("a missing body where one is required: 422 naming the fields", async () => {
    const res = await call("POST", "/v1/users", { token: admin });
    expectProblem(res, 422, "validation_failed");
  });

  it("unknown fields and wrong types: 422, every field named", async () => {
    const res = await call("POST", "/v1/users", { token: admin, body: { name: 42, roles: "admin", isAdmin: true } });
    expectProblem(res, 422, "validation_failed");
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: "body", pointer: "/name" }),
        expect.objectContaining({ in: "body", pointer: "/roles" }),
        expect.objectContaining({ in: "body", pointer: "/isAdmin", code: "unknown_field" }),
      ]),
    );
  });

  it("a JSON body that is not an object: 422", async () => {
    expectProblem(await call("POST", "/v1/users", { token: admin, body: "[1,2]" }), 422, "validation_failed");
    expectProblem(await call("POST", "/v1/users", { token: admin, body: "null" }), 422, "validation_failed");
  });

  it("an unexpected failure: 500 without internals, with the request id", async () => {
    const broken = {
      ...env.DB,
      prepare: (sql: string) => {
        if (sql.includes("FROM users u")) return env.DB.prepare(sql);
        throw new Error("SQLITE_CORRUPT: secret internals");
      },
      batch: () => Promise.reject(new Error("SQLITE_CORRUPT: secret internals")),
    };
    const res = await call("GET", "/v1/me", { token: admin });
    expect(res.status).toBe(200);
    const failing = await call("GET", "/v1/audit/verify", {
      token: admin,
      envOverride: { DB: broken as unknown as D1Database },
    });
    expect(failing.status).toBeGreaterThanOrEqual(500);
    expect(failing.text).not.toContain("secret internals");
    expect(failing.json.code).toBe("internal_error");
  });

  it("every response carries an X-Request-Id", async () => {
    for (const path of ["/healthz", "/v1/me", "/v1/nope", "/openapi.json"]) {
      expect((await call("GET", path)).headers.get("x-request-id"), path).toBeTruthy();
    }
  });
});

describe("OpenAPI and docs", () => {
  it("serves an OpenAPI 3.1 document with the bearer scheme and every route", async () => {
    const res = await call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(res.json.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(res.json.paths["/v1/me"].get.security).toEqual([{ bearerAuth: [] }]);
    expect(res.json.paths["/healthz"].get.security).toEqual([]);
    expect(res.json.paths["/v1/users"].post.responses["422"].content["application/problem+json"]).toBeTruthy();
  });

  it("serves an interactive reference at /docs", async () => {
    const res = await call("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.text).toContain("/openapi.json");
  });
});

describe("security headers, 404 pages, 405 and framework statuses", () => {
  it("every response carries the security headers; the CSP allows no inline script or framing", async () => {
    for (const path of ["/healthz", "/v1/me", "/sign-in", "/no-such-page"]) {
      const res = await call("GET", path, { headers: { accept: "text/html" } });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      // Plain HTTP here: no HSTS.
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("HSTS over HTTPS; pages and API answers are not stored", async () => {
    const res = await app.request("https://council.example/sign-in", {}, env);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await call("GET", "/v1/me", { token: admin })).headers.get("cache-control")).toBe("no-store");
  });

  it("/docs has its own policy: one pinned script host, inline start-up by nonce only", async () => {
    const res = await call("GET", "/docs");
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.text).toMatch(/@scalar\/api-reference@\d+\.\d+\.\d+\/[^"]*" integrity="sha384-[A-Za-z0-9+/=]{64}"/);
    for (const tag of res.text.match(/<script[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("a browser asking for a missing page gets a GOV.UK 404 page; an API client gets problem+json", async () => {
    const page = await call("GET", "/no-such-page", { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).toContain("Page not found");
    const api = await call("GET", "/v1/no-such-thing", { headers: { accept: "text/html" } });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toBe("application/problem+json");
  });

  it("a method a path does not answer is 405 with Allow", async () => {
    const res = await call("DELETE", "/v1/me", { token: admin });
    expect(res.status).toBe(405);
    expect(res.json.code).toBe("method_not_allowed");
    expect(res.headers.get("allow")).toContain("GET");
    const page = await call("DELETE", "/posts/some-id");
    expect(page.status).toBe(405);
    expect(page.headers.get("allow")).toBe("GET, HEAD");
  });

  it("a framework error keeps its own status", async () => {
    const { createApp } = await import("../src/app");
    const { HTTPException } = await import("hono/http-exception");
    const own = createApp();
    own.get("/slow-down", () => {
      throw new HTTPException(429, { message: "Too many requests." });
    });
    const res = await own.request("/slow-down", {}, env);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { status: number }).status).toBe(429);
  });
});
