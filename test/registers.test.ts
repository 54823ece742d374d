import { clock } from "../src/lib/clock";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./helpers";

type U = Awaited<ReturnType<typeof userWith>>;
let manager: U, officer: U, councillor: U, otherCouncillor: U, ict: U, ds: U, mo: U, auditor: U;
const uid = () => crypto.randomUUID().slice(0, 8);
const nextYear = clock.now().getUTCFullYear() + 1;

beforeAll(async () => {
  manager = await userWith(["comms_manager"]);
  officer = await userWith(["comms_officer"]);
  councillor = await userWith(["councillor"], "Cllr Amina Patel");
  otherCouncillor = await userWith(["councillor"], "Cllr Tom Reed");
  ict = await userWith(["ict_manager"]);
  ds = await userWith(["democratic_services"]);
  mo = await userWith(["monitoring_officer"]);
  auditor = await userWith(["auditor"]);
});

const corporate = (over: Record<string, unknown> = {}) => ({
  platform: "x",
  handle: `@DemoCouncil${uid()}`,
  url: "https://x.com/democouncil",
  owningService: "Communications",
  ownerId: manager.user.id,
  administratorIds: [officer.user.id],
  purpose: "News and service updates",
  areaIds: [],
  status: "active",
  lastReviewedOn: `${nextYear - 1}-01-10`,
  nextReviewOn: `${nextYear}-01-10`,
  purdahBehaviour: "gate",
  ...over,
});

describe("corporate account register", () => {
  it("registers, reviews and closes an account; handles are unique per platform whatever the case; all audited", async () => {
    const body = corporate();
    const res = await call("POST", "/v1/corporate-accounts", { token: manager.token, body });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ platform: "x", administratorIds: [officer.user.id], reviewOverdue: false });
    const dup = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: { ...body, handle: body.handle.toUpperCase().replace("@", "") },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.errors[0].pointer).toBe("/handle");
    expect(
      (await call("POST", "/v1/corporate-accounts", { token: manager.token, body: { ...body, platform: "instagram" } }))
        .status,
    ).toBe(201);

    const closed = await call("PATCH", `/v1/corporate-accounts/${res.json.id}`, {
      token: manager.token,
      body: { status: "closed" },
    });
    expect(closed.json.closedAt).toBeTruthy();
    expect(
      (await call("PATCH", `/v1/corporate-accounts/${res.json.id}`, { token: manager.token, body: { purpose: "x" } }))
        .status,
    ).toBe(409);
    // Closing keeps the record and frees the handle for a new account.
    expect((await call("GET", `/v1/corporate-accounts/${res.json.id}`, { token: officer.token })).json.status).toBe(
      "closed",
    );
    expect((await call("POST", "/v1/corporate-accounts", { token: manager.token, body })).status).toBe(201);
    const actions = (
      await env.DB.prepare("SELECT action FROM audit_log WHERE subject_id = ? ORDER BY seq")
        .bind(res.json.id)
        .all<{ action: string }>()
    ).results.map((r) => r.action);
    expect(actions).toEqual(["corporate_account.created", "corporate_account.closed"]);
  });

  it("lists the accounts overdue for review, oldest first", async () => {
    const a = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: corporate({ lastReviewedOn: "2024-01-01", nextReviewOn: "2025-01-01" }),
    });
    const b = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: corporate({ lastReviewedOn: null, nextReviewOn: "2024-06-01" }),
    });
    const overdue = await call("GET", "/v1/corporate-accounts?overdue=true", { token: auditor.token });
    const ids = overdue.json.accounts.map((x: { id: string }) => x.id);
    expect(ids.indexOf(b.json.id)).toBeLessThan(ids.indexOf(a.json.id));
    expect(overdue.json.accounts.every((x: { reviewOverdue: boolean }) => x.reviewOverdue)).toBe(true);
  });

  it("names each bad field and writes nothing", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM corporate_accounts").first<{ n: number }>())!.n;
    const res = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: corporate({
        platform: "myspace",
        url: "javascript:alert(1)",
        purdahBehaviour: "ignore",
        nextReviewOn: "soon",
      }),
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      "/nextReviewOn",
      "/platform",
      "/purdahBehaviour",
      "/url",
    ]);
    const owner = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: corporate({ ownerId: "nobody" }),
    });
    expect(owner.json.errors[0].pointer).toBe("/ownerId");
    const area = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: corporate({ areaIds: ["atlantis"] }),
    });
    expect(area.json.errors[0].pointer).toBe("/areaIds/0");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM corporate_accounts").first<{ n: number }>())!.n).toBe(
      before,
    );
  });
});

describe("councillors' accounts", () => {
  const account = (over: Record<string, unknown> = {}) => ({
    platform: "x",
    handle: `@AminaPatel${uid()}`,
    url: "https://x.com/aminapatel",
    kind: "page",
    displayName: "Amina Patel",
    bio: "Councillor for Riverside ward. Views my own.",
    usesLogo: false,
    ...over,
  });

  it("a councillor registers their own; the check is stored with clause-cited findings and re-run on change", async () => {
    const res = await call("POST", "/v1/councillor-accounts", {
      token: councillor.token,
      body: account({ bio: "Proud to serve Riverside." }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.ownerId).toBe(councillor.user.id);
    expect(res.json.compliance.compliant).toBe(false);
    expect(
      res.json.compliance.findings.find((f: { rule: string }) => f.rule === "identifies_as_councillor"),
    ).toMatchObject({ status: "fail", clause: "policy 6.1" });
    const fixed = await call("PATCH", `/v1/councillor-accounts/${res.json.id}`, {
      token: councillor.token,
      body: { bio: "Cllr for Riverside ward. RTs ≠ endorsements. Views my own." },
    });
    expect(fixed.json.compliance.compliant).toBe(true);
    expect(
      (
        await call("PATCH", `/v1/councillor-accounts/${res.json.id}`, {
          token: otherCouncillor.token,
          body: { bio: "hijack" },
        })
      ).status,
    ).toBe(404);
    expect((await call("GET", `/v1/councillor-accounts/${res.json.id}`, { token: otherCouncillor.token })).status).toBe(
      404,
    );
    expect(
      (await call("GET", "/v1/councillor-accounts", { token: otherCouncillor.token })).json.accounts.map(
        (a: { id: string }) => a.id,
      ),
    ).not.toContain(res.json.id);
    expect(
      (await call("GET", "/v1/councillor-accounts?compliant=true", { token: mo.token })).json.accounts.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(res.json.id);
    expect((await call("DELETE", `/v1/councillor-accounts/${res.json.id}`, { token: councillor.token })).status).toBe(
      204,
    );
    expect(
      (await call("GET", "/v1/councillor-accounts", { token: councillor.token })).json.accounts.map(
        (a: { id: string }) => a.id,
      ),
    ).not.toContain(res.json.id);
  });

  it("a security exemption asked for and approved by the ICT manager waives identification; other councillors never see it", async () => {
    const anon = await userWith(["councillor"], "Cllr Sam Hidden");
    const acc = await call("POST", "/v1/councillor-accounts", {
      token: anon.token,
      body: account({ handle: `@rivernews${uid()}`, displayName: "Riverside News", bio: "Local news." }),
    });
    expect(acc.json.compliance.compliant).toBe(false);
    const ask = await call("POST", "/v1/security-exemptions", {
      token: anon.token,
      body: { reason: "Threats received at home address; police aware." },
    });
    expect(ask.status).toBe(201);
    expect(
      (await call("POST", "/v1/security-exemptions", { token: anon.token, body: { reason: "Asking twice over" } }))
        .status,
    ).toBe(409);
    expect((await call("GET", "/v1/security-exemptions", { token: otherCouncillor.token })).json.exemptions).toEqual(
      [],
    );
    const [a, b] = await Promise.all([
      call("POST", `/v1/security-exemptions/${ask.json.id}/decision`, {
        token: ict.token,
        body: { decision: "approve", reason: "Risk confirmed" },
      }),
      call("POST", `/v1/security-exemptions/${ask.json.id}/decision`, {
        token: ict.token,
        body: { decision: "reject", reason: "Changed mind" },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = await call("GET", `/v1/councillor-accounts/${acc.json.id}`, { token: anon.token });
    const winner = a.status === 200 ? a : b;
    expect(after.json.compliance.compliant).toBe(winner.json.status === "approved");
    const decisions = (await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE subject_id = ? AND action LIKE 'security_exemption.%ed' AND action != 'security_exemption.requested'",
    )
      .bind(ask.json.id)
      .first<{ n: number }>())!.n;
    expect(decisions).toBe(1);
    const audit = await env.DB.prepare("SELECT summary FROM audit_log WHERE subject_id = ?")
      .bind(ask.json.id)
      .all<{ summary: string }>();
    expect(JSON.stringify(audit.results)).not.toContain("home address");
  });

  it("during a pre-election period, lists the councillor accounts corporate accounts must not promote (9.2)", async () => {
    await call("POST", "/v1/councillor-accounts", { token: councillor.token, body: account() });
    await call("POST", "/v1/areas", {
      token: ds.token,
      body: { id: "reg-council", name: "Reg Council", kind: "council" },
    });
    await call("POST", "/v1/elections", {
      token: ds.token,
      body: { kind: "local", pollDate: "2027-01-21", areaIds: ["reg-council"], byElection: true },
    });
    const during = await call("GET", "/v1/councillor-accounts/not-to-promote?at=2027-01-10T12:00:00Z", {
      token: officer.token,
    });
    expect(during.status, during.text).toBe(200);
    expect(during.json).toMatchObject({ inPurdah: true, clause: expect.stringContaining("9.2") });
    expect(during.json.accounts.some((a: { ownerName: string }) => a.ownerName === "Cllr Amina Patel")).toBe(true);
    expect(JSON.stringify(during.json)).not.toContain("compliance");
    const outside = await call("GET", "/v1/councillor-accounts/not-to-promote?at=2026-06-01T12:00:00Z", {
      token: officer.token,
    });
    expect(outside.json).toMatchObject({ inPurdah: false, accounts: [] });
  });
});

describe("takedowns and incident reports", () => {
  it("the council asks a councillor to remove content; only the councillor records the outcome, once", async () => {
    const acc = await call("POST", "/v1/councillor-accounts", {
      token: councillor.token,
      body: {
        platform: "facebook",
        handle: `amina${uid()}`,
        url: "https://facebook.com/amina",
        kind: "page",
        displayName: "Cllr Amina Patel",
        bio: "Councillor. Views my own.",
        usesLogo: false,
      },
    });
    const req = await call("POST", "/v1/takedown-requests", {
      token: mo.token,
      body: {
        targetType: "councillor_account",
        targetId: acc.json.id,
        scope: "content",
        contentUrl: "https://facebook.com/amina/posts/1",
        reason: "Names a member of staff without consent",
        clause: "policy 8.2",
      },
    });
    expect(req.status, req.text).toBe(201);
    expect(
      (
        await call("POST", "/v1/takedown-requests", {
          token: mo.token,
          body: {
            targetType: "councillor_account",
            targetId: acc.json.id,
            scope: "content",
            reason: "x",
            clause: "policy 8.2",
          },
        })
      ).json.errors[0].pointer,
    ).toBe("/contentUrl");
    expect(
      (
        await call("POST", "/v1/takedown-requests", {
          token: mo.token,
          body: { targetType: "councillor_account", targetId: "nope", scope: "account", reason: "x", clause: "11.3" },
        })
      ).json.errors[0].pointer,
    ).toBe("/targetId");
    expect((await call("GET", "/v1/takedown-requests", { token: otherCouncillor.token })).json.requests).toEqual([]);
    expect(
      (await call("GET", "/v1/takedown-requests", { token: councillor.token })).json.requests.map(
        (r: { id: string }) => r.id,
      ),
    ).toContain(req.json.id);
    expect(
      (
        await call("POST", `/v1/takedown-requests/${req.json.id}/outcome`, {
          token: otherCouncillor.token,
          body: { outcome: "removed", note: "x" },
        })
      ).status,
    ).toBe(404);
    const done = await call("POST", `/v1/takedown-requests/${req.json.id}/outcome`, {
      token: councillor.token,
      body: { outcome: "removed", note: "Deleted the post" },
    });
    expect(done.json.outcome).toBe("removed");
    expect(
      (
        await call("POST", `/v1/takedown-requests/${req.json.id}/outcome`, {
          token: councillor.token,
          body: { outcome: "declined", note: "x" },
        })
      ).status,
    ).toBe(409);
  });

  it("abuse reports go to democratic services, complaints to the monitoring officer, seen by nobody else", async () => {
    const abuse = await call("POST", "/v1/incident-reports", {
      token: councillor.token,
      body: {
        kind: "abuse_report",
        summary: "Threatening replies",
        details: "Three accounts...",
        policeReferral: true,
      },
    });
    expect(abuse.status, abuse.text).toBe(201);
    expect(abuse.json).toMatchObject({
      routedTo: "democratic_services",
      policeReferral: true,
      clause: expect.stringContaining("7.2"),
    });
    const complaint = await call("POST", "/v1/incident-reports", {
      token: officer.token,
      body: {
        kind: "policy_complaint",
        summary: "Party material on a council page",
        details: "...",
        subjectUserId: otherCouncillor.user.id,
      },
    });
    expect(complaint.json).toMatchObject({ routedTo: "monitoring_officer", clause: "policy 11.1" });
    expect(
      (
        await call("POST", "/v1/incident-reports", {
          token: officer.token,
          body: { kind: "abuse_report", summary: "x", details: "y" },
        })
      ).status,
    ).toBe(403);
    const seen = async (token: string) =>
      (await call("GET", "/v1/incident-reports", { token })).json.reports.map((r: { id: string }) => r.id);
    expect(await seen(ds.token)).toContain(abuse.json.id);
    expect(await seen(ds.token)).not.toContain(complaint.json.id);
    expect(await seen(mo.token)).toContain(complaint.json.id);
    expect(await seen(mo.token)).not.toContain(abuse.json.id);
    expect(await seen(otherCouncillor.token)).toEqual([]);
    expect(
      (await call("POST", `/v1/incident-reports/${abuse.json.id}/close`, { token: mo.token, body: { outcome: "x" } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call("POST", `/v1/incident-reports/${abuse.json.id}/close`, {
          token: ds.token,
          body: { outcome: "Referred to police" },
        })
      ).json.status,
    ).toBe("closed");
    expect(
      (
        await call("POST", `/v1/incident-reports/${abuse.json.id}/close`, {
          token: ds.token,
          body: { outcome: "again" },
        })
      ).status,
    ).toBe(409);
  });
});
