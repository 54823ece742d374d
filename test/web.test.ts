import { clock } from "../src/lib/clock";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_ACCESS } from "../src/web/router";
import { ROLES, type Role } from "../src/auth/roles";
import { sha256Hex } from "../src/lib/crypto";
import { app, call, userWith } from "./helpers";

async function sessionFor(userId: string) {
  const token = crypto.randomUUID();
  const csrf = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(await sha256Hex(token), userId, csrf, clock.iso(), new Date(clock.ms() + 3_600_000).toISOString())
    .run();
  return { cookie: `csg_session=${token}`, csrf };
}

const get = (path: string, cookie?: string) =>
  app.request(path, { headers: cookie ? { cookie } : {}, redirect: "manual" }, env);
const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  app.request(
    path,
    {
      method: "POST",
      headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    },
    env,
  );

describe("pages × roles", () => {
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;
  beforeAll(async () => {
    for (const role of ROLES) sessions[role] = await sessionFor((await userWith([role])).user.id);
  });

  for (const [key, access] of Object.entries(PAGE_ACCESS).filter(
    ([k]) => k.startsWith("GET ") && PAGE_ACCESS[k] !== "public",
  )) {
    const path = key
      .slice(4)
      .replace(/:version/, "1")
      .replace(/:(\w+)/g, "no-such-id");
    for (const role of ROLES) {
      const allowed = access === "signed-in" || (access as readonly Role[]).includes(role);
      it(`${key} as ${role} is ${allowed ? "allowed" : "forbidden"}`, async () => {
        const res = await get(path, sessions[role].cookie);
        if (allowed) expect(res.status, await res.text()).not.toBe(403);
        else expect(res.status).toBe(403);
      });
    }
    it(`${key} without a session sends you to sign in`, async () => {
      const res = await get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/sign-in\?next=/);
    });
  }

  // Every form too, with the session's own CSRF token: an allowed role passes the access table (the
  // record named does not exist, so nothing changes), a refused one gets the refusal page.
  for (const [key, access] of Object.entries(PAGE_ACCESS).filter(
    ([k, a]) => k.startsWith("POST ") && a !== "public" && k !== "POST /sign-out",
  )) {
    const path = key
      .slice(5)
      .replace(/:version/, "1")
      .replace(/:(\w+)/g, "no-such-id");
    for (const role of ROLES) {
      const allowed = access === "signed-in" || (access as readonly Role[]).includes(role);
      it(`${key} as ${role} is ${allowed ? "allowed" : "forbidden"}`, async () => {
        const res = await post(path, { _csrf: sessions[role].csrf }, sessions[role].cookie);
        const html = await res.text();
        if (allowed) {
          expect(html, `${res.status}`).not.toContain("You cannot use this page");
          expect(res.status, html).toBeLessThan(500);
        } else {
          expect(res.status).toBe(403);
          expect(html).toContain("You cannot use this page");
        }
      });
    }
    it(`${key} without a session is refused`, async () => {
      expect((await post(path, {})).status).toBe(403);
    });
  }

  it("a form posted without its CSRF token, or with another session's, is refused and changes nothing", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM posts").first<{ n: number }>())!.n;
    const s = sessions.comms_officer;
    expect(
      (await post("/posts/new", { text: "Hello", action: "submit", publishAt: "2030-01-01T10:00" }, s.cookie)).status,
    ).toBe(403);
    expect(
      (
        await post(
          "/posts/new",
          { _csrf: sessions.comms_manager.csrf, text: "Hello", action: "submit", publishAt: "2030-01-01T10:00" },
          s.cookie,
        )
      ).status,
    ).toBe(403);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM posts").first<{ n: number }>())!.n).toBe(before);
    expect((await post("/posts/new", { text: "Hello" })).status).toBe(403);
  });
});

describe("sign-in and sessions", () => {
  it("development sign-in sets an HttpOnly, SameSite=Lax session cookie; the form is CSRF-protected", async () => {
    const { user } = await userWith(["comms_officer"], "Web Person");
    const page = await get("/sign-in");
    expect(page.status).toBe(200);
    const csrfCookie = page.headers.get("set-cookie")!.match(/csg_csrf=([^;]+)/)![1];
    expect((await post("/sign-in", { _csrf: "wrong", userId: user.id }, `csg_csrf=${csrfCookie}`)).status).toBe(403);
    const res = await post(
      "/sign-in",
      { _csrf: csrfCookie, userId: user.id, next: "/posts/new" },
      `csg_csrf=${csrfCookie}`,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/posts/new");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = cookie.match(/csg_session=([^;]+)/)![1];
    const stored = await env.DB.prepare("SELECT token_hash FROM sessions WHERE user_id = ?")
      .bind(user.id)
      .first<{ token_hash: string }>();
    expect(stored!.token_hash).toBe(await sha256Hex(token));
    expect((await get("/posts/new", `csg_session=${token}`)).status).toBe(200);
    expect(
      (
        await post("/sign-in", { _csrf: csrfCookie, userId: user.id, next: "//evil.example" }, `csg_csrf=${csrfCookie}`)
      ).headers.get("location"),
    ).toBe("/");
  });

  it("is off outside development", async () => {
    const res = await app.request("/sign-in", {}, { ...env, APP_ENV: "production" });
    expect(res.status).toBe(403);
  });

  it("the drafting page screens without JavaScript and shows findings with their clause", async () => {
    const { user } = await userWith(["comms_officer"]);
    const s = await sessionFor(user.id);
    const res = await post("/posts/new", { _csrf: s.csrf, action: "check", text: "Vote Labour on Thursday" }, s.cookie);
    const html = await res.text();
    expect(html).toContain('id="findings"');
    expect(html).toContain("policy 10.3");
    expect(html).toMatch(/<mark class="csg-highlight">[^<]*Labour/);
    expect((await call("GET", "/govuk/govuk-frontend.min.css")).status).not.toBe(401);
  });
});

describe("forms behind the pages", () => {
  it("the emergency stop page stops and resumes publishing, recorded", async () => {
    const { user } = await userWith(["comms_manager"]);
    const s = await sessionFor(user.id);
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM publishing_stops WHERE lifted_at IS NULL").first<{
      n: number;
    }>())!.n;
    const res = await post("/publishing-stops", { _csrf: s.csrf, accountId: "", reason: "Test incident" }, s.cookie);
    expect(res.status).toBe(303);
    const stop = await env.DB.prepare("SELECT id FROM publishing_stops WHERE reason = 'Test incident'").first<{
      id: string;
    }>();
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM publishing_stops WHERE lifted_at IS NULL").first<{
        n: number;
      }>())!.n,
    ).toBe(before + 1);
    expect((await post(`/publishing-stops/${stop!.id}/lift`, { _csrf: s.csrf }, s.cookie)).status).toBe(303);
    expect(
      (await env.DB.prepare("SELECT lifted_at FROM publishing_stops WHERE id = ?")
        .bind(stop!.id)
        .first<{ lifted_at: string }>())!.lifted_at,
    ).toBeTruthy();
    const page = await (await get("/publishing-stops", s.cookie)).text();
    expect(page).toContain("Stop publishing");
  });

  it("the purdah month view marks the days a window covers", async () => {
    const ds = await userWith(["democratic_services"]);
    const ward = `web-${crypto.randomUUID().slice(0, 8)}`;
    await call("POST", "/v1/areas", { token: ds.token, body: { id: ward, name: "Web ward", kind: "ward" } });
    await call("POST", "/v1/elections", {
      token: ds.token,
      body: { kind: "local", pollDate: "2027-01-21", areaIds: [ward], byElection: true },
    });
    const s = await sessionFor(ds.user.id);
    const html = await (await get("/elections?month=2027-01", s.cookie)).text();
    expect(html).toContain("January 2027");
    expect(html).toMatch(/Poll/);
    expect(html).toMatch(/Pre-election period/);
    expect(html).not.toMatch(/Purdah/);
  });
});
