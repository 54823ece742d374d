import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS } from "../src/auth/access";
import { PAGE_ACCESS } from "../src/web/router";
import { ROLES, type Role } from "../src/auth/roles";
import { revokeToken } from "../src/repo/users";
import { app, call, SYSTEM, userWith } from "./helpers";

// Routes served outside the OpenAPI registry, and public by design.
const UNDOCUMENTED_PUBLIC = ["GET /openapi.json", "GET /docs"];

const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "t" } });
const documented = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.keys(item as object)
    .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
    .map((m) => `${m.toUpperCase()} ${path}`),
);
// Routes kept out of the published document (the bench's baseline) but walked like every other.
const UNPUBLISHED = ["POST /v1/bench/d1-insert"];
for (const key of UNPUBLISHED) {
  expect(documented).not.toContain(key);
  documented.push(key);
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, "no-such-id");
const bodyFor = (key: string) => (key.startsWith("GET ") ? undefined : {});

describe("the access table", () => {
  it("has an entry for every documented route, and no entry without a route", () => {
    expect([...documented].sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it("covers every route the app serves, documented or not", () => {
    const served = new Set(
      app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const pages = new Set(Object.keys(PAGE_ACCESS).map((k) => k.replace(/:(\w+)/g, "{$1}")));
    for (const key of served)
      expect(key in ACCESS || pages.has(key) || UNDOCUMENTED_PUBLIC.includes(key), `${key} has no access rule`).toBe(
        true,
      );
  });
});

describe("every route × every role", () => {
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    for (const role of ROLES) tokens[role] = (await userWith([role])).token;
  });

  for (const key of documented) {
    const [method, path] = key.split(" ");
    const rule = ACCESS[key];
    for (const role of ROLES) {
      const allowed = rule === "public" || rule === "signed-in" || rule.includes(role);
      it(`${key} as ${role} is ${allowed ? "allowed" : "forbidden"}`, async () => {
        const res = await call(method, concrete(path), { token: tokens[role], body: bodyFor(key) });
        if (allowed) {
          expect([401, 403], JSON.stringify(res.json)).not.toContain(res.status);
        } else {
          expect(res.status).toBe(403);
          expect(res.json.code).toBe("forbidden");
          expect(res.headers.get("content-type")).toBe("application/problem+json");
        }
      });
    }
  }
});

describe("every protected route refuses bad credentials", () => {
  let expired: string;
  let revoked: string;
  let disabled: string;
  beforeAll(async () => {
    const e = await userWith(["admin"]);
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
      .bind("2020-01-01T00:00:00.000Z", e.tokenId)
      .run();
    expired = e.token;
    const r = await userWith(["admin"]);
    await revokeToken(env.DB, SYSTEM, r.tokenId);
    revoked = r.token;
    const d = await userWith(["admin"]);
    await env.DB.prepare("UPDATE users SET disabled_at = ? WHERE id = ?")
      .bind("2026-01-01T00:00:00.000Z", d.user.id)
      .run();
    disabled = d.token;
  });

  for (const key of documented.filter((k) => ACCESS[k] !== "public")) {
    const [method, path] = key.split(" ");
    it(`${key}: no token, a bad token, an expired, a revoked token and a disabled user are all 401`, async () => {
      const cases: [Record<string, string>, string][] = [
        [{}, "unauthenticated"],
        [{ authorization: "Bearer csg_not-a-real-token" }, "invalid_token"],
        [{ authorization: "Basic dXNlcjpwYXNz" }, "invalid_token"],
        [{ authorization: `Bearer ${expired}` }, "token_expired"],
        [{ authorization: `Bearer ${revoked}` }, "token_revoked"],
        [{ authorization: `Bearer ${disabled}` }, "user_disabled"],
      ];
      for (const [headers, code] of cases) {
        const res = await call(method, concrete(path), { headers, body: bodyFor(key) });
        expect(res.status, `${code}: ${res.text}`).toBe(401);
        expect(res.json.code).toBe(code);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
      }
    });
  }

  it("public routes answer without credentials", async () => {
    for (const key of [...documented.filter((k) => ACCESS[k] === "public"), ...UNDOCUMENTED_PUBLIC]) {
      const [method, path] = key.split(" ");
      expect([401, 403], key).not.toContain((await call(method, concrete(path))).status);
    }
  });

  it("a user holding several roles gets the union of their permissions", async () => {
    const { token } = await userWith(["councillor", "auditor"]);
    expect((await call("GET", "/v1/audit", { token })).status).toBe(200);
    expect((await call("POST", "/v1/users", { token, body: { name: "x", roles: ["admin"] } })).status).toBe(403);
  });
});

describe("the policy itself", () => {
  it("gives the read-only auditor no route that changes anything", () => {
    const auditorWrites = Object.entries(ACCESS).filter(
      ([k, v]) => !k.startsWith("GET ") && Array.isArray(v) && v.includes("auditor"),
    );
    expect(auditorWrites).toEqual([]);
  });

  it("makes no route that changes anything public", () => {
    expect(Object.entries(ACCESS).filter(([k, v]) => !k.startsWith("GET ") && v === "public")).toEqual([]);
  });

  it("is the reviewed table (a change to who may do what shows up here in review)", () => {
    const sorted = Object.fromEntries(
      Object.entries(ACCESS).map(([k, v]) => [k, typeof v === "string" ? v : [...v].sort()]),
    );
    expect(sorted).toEqual({
      "GET /healthz": "public",
      "GET /ping": "public",
      "GET /v1/me": "signed-in",
      "POST /v1/me/tokens": "signed-in",
      "GET /v1/users": ["admin", "auditor"],
      "POST /v1/users": ["admin"],
      "GET /v1/users/{userId}": ["admin", "auditor"],
      "PATCH /v1/users/{userId}": ["admin"],
      "GET /v1/users/{userId}/tokens": ["admin", "auditor"],
      "POST /v1/users/{userId}/tokens": ["admin"],
      "POST /v1/tokens/{tokenId}/revoke": ["admin"],
      "GET /v1/audit": ["admin", "auditor"],
      "GET /v1/audit/verify": ["admin", "auditor"],
      "GET /v1/audit/head": ["admin", "auditor"],
      "GET /v1/timetable": "public",
      "GET /v1/purdah": "public",
      "GET /v1/calendars/purdah.ics": "public",
      "GET /v1/calendars/areas/{areaId}/purdah.ics": "public",
      "GET /v1/calendars/bank-holidays": "public",
      "PUT /v1/calendars/bank-holidays": ["admin"],
      "GET /v1/calendars/appointed-days": "public",
      "POST /v1/calendars/appointed-days": ["admin", "democratic_services"],
      "DELETE /v1/calendars/appointed-days/{date}": ["admin", "democratic_services"],
      "GET /v1/council": "signed-in",
      "PUT /v1/council": ["admin", "democratic_services"],
      "GET /v1/areas": "signed-in",
      "POST /v1/areas": ["democratic_services"],
      "PATCH /v1/areas/{areaId}": ["democratic_services"],
      "GET /v1/elections": "signed-in",
      "POST /v1/elections": ["democratic_services"],
      "GET /v1/elections/{electionId}": "signed-in",
      "PATCH /v1/elections/{electionId}": ["democratic_services"],
      "GET /v1/elections/{electionId}/nominations": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "PUT /v1/elections/{electionId}/nominations": ["democratic_services"],
      "GET /v1/cycles": "signed-in",
      "POST /v1/cycles": ["democratic_services"],
      "GET /v1/cycles/{cycleId}": "signed-in",
      "PUT /v1/cycles/{cycleId}": ["democratic_services"],
      "POST /v1/cycles/{cycleId}/retire": ["democratic_services"],
      "GET /v1/corporate-accounts": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "POST /v1/corporate-accounts": ["comms_manager"],
      "GET /v1/corporate-accounts/{accountId}": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "PATCH /v1/corporate-accounts/{accountId}": ["comms_manager"],
      "GET /v1/councillor-accounts": [
        "admin",
        "auditor",
        "comms_manager",
        "comms_officer",
        "councillor",
        "ict_manager",
        "monitoring_officer",
      ],
      "POST /v1/councillor-accounts": ["councillor"],
      "GET /v1/councillor-accounts/not-to-promote": [
        "admin",
        "auditor",
        "comms_manager",
        "comms_officer",
        "democratic_services",
        "monitoring_officer",
      ],
      "GET /v1/councillor-accounts/{accountId}": [
        "admin",
        "auditor",
        "comms_manager",
        "comms_officer",
        "councillor",
        "ict_manager",
        "monitoring_officer",
      ],
      "PATCH /v1/councillor-accounts/{accountId}": ["councillor"],
      "DELETE /v1/councillor-accounts/{accountId}": ["councillor"],
      "GET /v1/security-exemptions": ["councillor", "ict_manager"],
      "POST /v1/security-exemptions": ["councillor"],
      "POST /v1/security-exemptions/{exemptionId}/decision": ["ict_manager"],
      "GET /v1/logo-requests": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "councillor",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "POST /v1/logo-requests": [
        "comms_manager",
        "comms_officer",
        "councillor",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "GET /v1/logo-requests/{requestId}": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "councillor",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "POST /v1/logo-requests/{requestId}/decision": ["chief_executive"],
      "GET /v1/takedown-requests": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "councillor",
        "democratic_services",
        "monitoring_officer",
      ],
      "POST /v1/takedown-requests": ["chief_executive", "comms_manager", "democratic_services", "monitoring_officer"],
      "POST /v1/takedown-requests/{requestId}/outcome": ["comms_manager", "councillor"],
      "GET /v1/incident-reports": [
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "councillor",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "POST /v1/incident-reports": [
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "councillor",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "POST /v1/incident-reports/{reportId}/close": ["democratic_services", "monitoring_officer"],
      "POST /v1/screenings": ["comms_manager", "comms_officer", "monitoring_officer"],
      "GET /v1/lexicons": ["admin", "auditor", "comms_manager", "comms_officer", "monitoring_officer"],
      "PUT /v1/lexicons": ["comms_manager"],
      "GET /v1/lexicons/versions": ["admin", "auditor", "comms_manager", "comms_officer", "monitoring_officer"],
      "POST /v1/posts": ["comms_manager", "comms_officer"],
      "GET /v1/posts": ["admin", "auditor", "chief_executive", "comms_manager", "comms_officer", "monitoring_officer"],
      "GET /v1/posts/queue": ["chief_executive", "comms_manager", "monitoring_officer"],
      "GET /v1/posts/{postId}": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "monitoring_officer",
      ],
      "POST /v1/posts/{postId}/versions": ["comms_manager", "comms_officer"],
      "POST /v1/posts/{postId}/decisions": ["chief_executive", "comms_manager", "monitoring_officer"],
      "POST /v1/posts/{postId}/override": ["monitoring_officer"],
      "POST /v1/posts/{postId}/published": ["comms_manager", "comms_officer"],
      "GET /v1/publishing-stops": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "monitoring_officer",
      ],
      "POST /v1/publishing-stops": ["chief_executive", "comms_manager"],
      "POST /v1/publishing-stops/{stopId}/lift": ["chief_executive", "comms_manager"],
      "GET /v1/corporate-accounts/{accountId}/approval-policy": [
        "admin",
        "auditor",
        "chief_executive",
        "comms_manager",
        "comms_officer",
        "democratic_services",
        "ict_manager",
        "monitoring_officer",
      ],
      "PUT /v1/corporate-accounts/{accountId}/approval-policy": ["comms_manager"],
      "POST /v1/bench/d1-insert": ["admin"],
      "POST /v1/candidacies": ["candidate"],
      "GET /v1/candidacies": ["candidate", "democratic_services", "election_agent"],
      "GET /v1/candidacies/{candidacyId}": ["candidate", "democratic_services", "election_agent"],
      "PATCH /v1/candidacies/{candidacyId}": ["candidate"],
      "POST /v1/candidacies/{candidacyId}/expenses": ["candidate", "election_agent"],
      "PATCH /v1/candidacies/{candidacyId}/expenses/{expenseId}": ["candidate", "election_agent"],
      "DELETE /v1/candidacies/{candidacyId}/expenses/{expenseId}": ["candidate", "election_agent"],
      "POST /v1/candidacies/{candidacyId}/imprints": ["candidate", "election_agent"],
      "POST /v1/imprint-checks": ["candidate", "democratic_services", "election_agent"],
      "POST /v1/candidacies/{candidacyId}/returns": ["candidate", "election_agent"],
      "POST /v1/candidacies/{candidacyId}/corrections": ["candidate", "election_agent"],
      "GET /v1/candidacies/{candidacyId}/returns/{version}": ["candidate", "democratic_services", "election_agent"],
      "POST /v1/candidacies/{candidacyId}/returns/{version}/received": ["democratic_services"],
      "GET /v1/spending-limits": "public",
      "POST /v1/spending-limits": ["admin", "democratic_services"],
      "GET /v1/me/notifications": "signed-in",
      "GET /v1/me/notification-preferences": "signed-in",
      "PUT /v1/me/notification-preferences": "signed-in",
      "GET /v1/webhooks": ["admin"],
      "POST /v1/webhooks": ["admin"],
      "GET /v1/webhooks/{endpointId}": ["admin"],
      "PATCH /v1/webhooks/{endpointId}": ["admin"],
      "POST /v1/webhooks/{endpointId}/rotate-secret": ["admin"],
      "GET /v1/deliveries": ["admin"],
      "POST /v1/deliveries/retry": ["admin"],
      "GET /v1/emails": ["admin"],
    });
  });
});
