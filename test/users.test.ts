import { clock } from "../src/lib/clock";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./helpers";

let admin: Awaited<ReturnType<typeof userWith>>;
let auditor: Awaited<ReturnType<typeof userWith>>;
beforeAll(async () => {
  admin = await userWith(["admin"], "Admin Person");
  auditor = await userWith(["auditor"]);
});

const auditCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>())!.n;

describe("GET /v1/me", () => {
  it("returns the caller and their roles", async () => {
    const { token, user } = await userWith(["councillor", "candidate"], "Cllr Jo Bloggs");
    const res = await call("GET", "/v1/me", { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: user.id,
      name: "Cllr Jo Bloggs",
      email: user.email,
      roles: ["candidate", "councillor"],
      authenticatedBy: "token",
    });
  });

  it("records when a token was last used", async () => {
    const { token, tokenId } = await userWith(["councillor"]);
    await call("GET", "/v1/me", { token });
    const row = await env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?")
      .bind(tokenId)
      .first<{ last_used_at: string }>();
    expect(clock.ms() - Date.parse(row!.last_used_at)).toBeLessThan(60_000);
  });
});

describe("users over the API", () => {
  it("an admin creates a user with roles, audited", async () => {
    const before = await auditCount();
    const res = await call("POST", "/v1/users", {
      token: admin.token,
      body: { name: "Sam Green", email: "Sam.Green@Example.gov.uk", roles: ["comms_officer", "councillor"] },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: "Sam Green",
      email: "sam.green@example.gov.uk",
      roles: ["comms_officer", "councillor"],
      disabledAt: null,
    });
    expect(await auditCount()).toBe(before + 1);
    const got = await call("GET", `/v1/users/${res.json.id}`, { token: auditor.token });
    expect(got.json).toEqual(res.json);
    const audit = await call("GET", `/v1/audit?subjectType=user&subjectId=${res.json.id}`, { token: auditor.token });
    expect(audit.json.entries).toHaveLength(1);
    expect(audit.json.entries[0]).toMatchObject({
      action: "user.created",
      actorId: admin.user.id,
      summary: { before: null, after: { name: "Sam Green" } },
    });
  });

  it("refuses a duplicate email with 409 naming the field, and writes nothing", async () => {
    const body = { name: "One", email: "dup@example.gov.uk", roles: ["councillor"] };
    expect((await call("POST", "/v1/users", { token: admin.token, body })).status).toBe(201);
    const users = await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>();
    const before = await auditCount();
    const res = await call("POST", "/v1/users", {
      token: admin.token,
      body: { ...body, name: "Two", email: "DUP@example.gov.uk" },
    });
    expect(res.status).toBe(409);
    expect(res.json.errors[0].pointer).toBe("/email");
    expect(await auditCount()).toBe(before);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM users").first<{ n: number }>())!.n).toBe(users!.n);
  });

  it("validates every field and names each failure by JSON pointer", async () => {
    const res = await call("POST", "/v1/users", {
      token: admin.token,
      body: { name: "", email: "not-an-email", roles: ["councillor", "councillor", "wizard"], extra: true },
    });
    expect(res.status).toBe(422);
    const pointers = res.json.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(expect.arrayContaining(["/name", "/email", "/roles/2", "/extra"]));
    expect(res.json.errors.find((e: { pointer: string }) => e.pointer === "/extra").code).toBe("unknown_field");
  });

  it("patches roles, name and disabled; a disabled user's tokens stop working", async () => {
    const target = await userWith(["comms_officer"]);
    const res = await call("PATCH", `/v1/users/${target.user.id}`, {
      token: admin.token,
      body: { roles: ["comms_manager"], name: "Renamed" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ roles: ["comms_manager"], name: "Renamed" });
    expect((await call("GET", "/v1/me", { token: target.token })).json.roles).toEqual(["comms_manager"]);
    expect(
      (await call("PATCH", `/v1/users/${target.user.id}`, { token: admin.token, body: { disabled: true } })).json
        .disabledAt,
    ).toBeTruthy();
    expect((await call("GET", "/v1/me", { token: target.token })).json.code).toBe("user_disabled");
    const audit = await call("GET", `/v1/audit?subjectId=${target.user.id}&action=user.updated`, {
      token: auditor.token,
    });
    expect(audit.json.entries).toHaveLength(2);
    expect(audit.json.entries[1].summary.before.roles).toEqual(["comms_officer"]);
  });

  it("an empty patch, an unknown user and self-lock-out are refused", async () => {
    expect((await call("PATCH", `/v1/users/${admin.user.id}`, { token: admin.token, body: {} })).status).toBe(422);
    expect((await call("PATCH", "/v1/users/nobody", { token: admin.token, body: { name: "x" } })).status).toBe(404);
    expect((await call("GET", "/v1/users/nobody", { token: admin.token })).json.code).toBe("not_found");
    const self = await call("PATCH", `/v1/users/${admin.user.id}`, {
      token: admin.token,
      body: { roles: ["councillor"] },
    });
    expect(self.status).toBe(409);
    expect((await call("GET", "/v1/me", { token: admin.token })).json.roles).toEqual(["admin"]);
  });

  it("lists users a page at a time, filtered by role", async () => {
    for (let i = 0; i < 3; i++) await userWith(["ict_manager"]);
    const first = await call("GET", "/v1/users?role=ict_manager&limit=2", { token: auditor.token });
    expect(first.status).toBe(200);
    expect(first.json.users).toHaveLength(2);
    expect(first.json.users.every((u: { roles: string[] }) => u.roles.includes("ict_manager"))).toBe(true);
    const next = await call("GET", `/v1/users?role=ict_manager&limit=2&after=${first.json.nextCursor}`, {
      token: auditor.token,
    });
    expect(next.json.users.length).toBeGreaterThanOrEqual(1);
    expect(next.json.users[0].id > first.json.users[1].id).toBe(true);
    expect((await call("GET", "/v1/users?limit=0", { token: auditor.token })).json.errors[0]).toMatchObject({
      in: "query",
      pointer: "/limit",
    });
  });
});

describe("tokens over the API", () => {
  it("an admin issues a token shown once, stored only as its SHA-256, and revokes it idempotently", async () => {
    const service = await call("POST", "/v1/users", {
      token: admin.token,
      body: { name: "Publishing tool", kind: "service", roles: ["comms_officer"] },
    });
    expect(service.status).toBe(201);
    expect(service.json.kind).toBe("service");
    const target = { user: service.json as { id: string } };
    const issued = await call("POST", `/v1/users/${target.user.id}/tokens`, {
      token: admin.token,
      body: { name: "laptop", expiresInDays: 7 },
    });
    expect(issued.status).toBe(201);
    const secret: string = issued.json.token;
    expect(secret).toMatch(/^csg_[A-Za-z0-9_-]{43}$/);
    const stored = await env.DB.prepare("SELECT * FROM api_tokens WHERE id = ?")
      .bind(issued.json.id)
      .first<Record<string, string>>();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret))))
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    expect(stored!.token_hash).toBe(digest);
    expect(Date.parse(issued.json.expiresAt) - Date.parse(issued.json.createdAt)).toBe(7 * 86_400_000);

    const listed = await call("GET", `/v1/users/${target.user.id}/tokens`, { token: auditor.token });
    expect(listed.json.tokens.map((t: { id: string }) => t.id)).toContain(issued.json.id);
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    expect(JSON.stringify(listed.json)).not.toContain("tokenHash");

    expect((await call("GET", "/v1/me", { token: secret })).status).toBe(200);
    const before = await auditCount();
    const [a, b] = await Promise.all([
      call("POST", `/v1/tokens/${issued.json.id}/revoke`, { token: admin.token }),
      call("POST", `/v1/tokens/${issued.json.id}/revoke`, { token: admin.token }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json.revokedAt).toBe(b.json.revokedAt);
    expect(await auditCount()).toBe(before + 1);
    expect((await call("GET", "/v1/me", { token: secret })).json.code).toBe("token_revoked");
  });

  it("an admin cannot mint a token for another person, so cannot act as them; people make their own", async () => {
    const ceo = await userWith(["chief_executive"], "Chief Executive");
    const before = await env.DB.prepare("SELECT count(*) AS n FROM api_tokens WHERE user_id = ?")
      .bind(ceo.user.id)
      .first<{ n: number }>();
    const minted = await call("POST", `/v1/users/${ceo.user.id}/tokens`, {
      token: admin.token,
      body: { name: "impersonation", expiresInDays: 1 },
    });
    expect(minted.status).toBe(403);
    expect(minted.json.code).toBe("forbidden");
    const after = await env.DB.prepare("SELECT count(*) AS n FROM api_tokens WHERE user_id = ?")
      .bind(ceo.user.id)
      .first<{ n: number }>();
    expect(after!.n).toBe(before!.n);

    // The administrator's own token, and a person's own, are fine.
    const own = await call("POST", `/v1/users/${admin.user.id}/tokens`, {
      token: admin.token,
      body: { name: "my laptop", expiresInDays: 1 },
    });
    expect(own.status).toBe(201);
    const mine = await call("POST", "/v1/me/tokens", { token: ceo.token, body: { name: "tablet", expiresInDays: 30 } });
    expect(mine.status).toBe(201);
    expect(mine.json.userId).toBe(ceo.user.id);
    expect((await call("GET", "/v1/me", { token: mine.json.token })).json.id).toBe(ceo.user.id);

    // A service account has no email (it never signs in as a person).
    const bad = await call("POST", "/v1/users", {
      token: admin.token,
      body: { name: "Bot", kind: "service", email: "bot@example.gov.uk", roles: ["auditor"] },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].pointer).toBe("/email");
  });

  it("refuses bad token requests", async () => {
    const target = admin;
    expect(
      (
        await call("POST", `/v1/users/${target.user.id}/tokens`, {
          token: admin.token,
          body: { name: "x", expiresInDays: 0 },
        })
      ).json.errors[0].pointer,
    ).toBe("/expiresInDays");
    expect(
      (
        await call("POST", `/v1/users/${target.user.id}/tokens`, {
          token: admin.token,
          body: { name: "x", expiresInDays: 1.5 },
        })
      ).status,
    ).toBe(422);
    expect((await call("POST", "/v1/users/nobody/tokens", { token: admin.token, body: { name: "x" } })).status).toBe(
      404,
    );
    expect((await call("POST", "/v1/tokens/nobody/revoke", { token: admin.token })).status).toBe(404);
  });
});
