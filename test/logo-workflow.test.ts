import { clock } from "../src/lib/clock";
import { env, introspectWorkflow } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./helpers";
import { recheckLogoAccounts } from "../src/repo/councillor-accounts";

type U = Awaited<ReturnType<typeof userWith>>;
let councillor: U, chief: U, deputy: U;
const uid = () => crypto.randomUUID().slice(0, 8);
const today = clock.iso().slice(0, 10);
const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;

beforeAll(async () => {
  councillor = await userWith(["councillor"], "Cllr Jo Marsh");
  chief = await userWith(["chief_executive"]);
  deputy = await userWith(["chief_executive"]);
});

async function accountWithLogo() {
  const res = await call("POST", "/v1/councillor-accounts", {
    token: councillor.token,
    body: {
      platform: "facebook",
      handle: `jomarsh${uid()}`,
      url: "https://facebook.com/jomarsh",
      kind: "page",
      displayName: "Cllr Jo Marsh",
      bio: "Councillor for Castle ward. Views my own.",
      usesLogo: true,
    },
  });
  expect(res.json.compliance.findings.find((f: { rule: string }) => f.rule === "logo_use").status).toBe("fail");
  return res.json.id as string;
}

const ask = (accountId: string, over: Record<string, unknown> = {}) =>
  call("POST", "/v1/logo-requests", {
    token: councillor.token,
    body: {
      targetType: "councillor_account",
      accountId,
      siteUrl: "https://facebook.com/jomarsh",
      purpose: "Ward newsletter page for Castle ward residents",
      siteRelation: "councillor_role",
      periodStart: today,
      periodEnd: nextYear,
      ...over,
    },
  });

const entries = async (id: string) =>
  (
    await env.DB.prepare("SELECT action FROM audit_log WHERE subject_id = ? ORDER BY seq")
      .bind(id)
      .all<{ action: string }>()
  ).results.map((r) => r.action);

describe("logo-use requests decided by the chief executive", () => {
  it("approve: the workflow waits for the decision, the approval is scoped and the account check passes", async () => {
    await using wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    const accountId = await accountWithLogo();
    const req = await ask(accountId);
    expect(req.status, req.text).toBe(201);
    expect(req.json.status).toBe("pending");
    const [instance] = await wf.get();
    expect(instance).toBeTruthy();
    const decided = await call("POST", `/v1/logo-requests/${req.json.id}/decision`, {
      token: chief.token,
      body: { decision: "approve", reason: "Ward newsletter is council business" },
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.json).toMatchObject({
      status: "approved",
      decidedBy: chief.user.id,
      clause: "policy 5.3",
      periodEnd: nextYear,
    });
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "approved" });
    const account = await call("GET", `/v1/councillor-accounts/${accountId}`, { token: councillor.token });
    expect(account.json.compliance.findings.find((f: { rule: string }) => f.rule === "logo_use").status).toBe("pass");
    expect(await entries(req.json.id)).toEqual(["logo_request.created", "logo_request.approved"]);
  });

  it("an approval ends on its end date: the daily check fails the account's logo finding again", async () => {
    await using wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    const accountId = await accountWithLogo();
    const req = await ask(accountId, { periodEnd: today });
    await call("POST", `/v1/logo-requests/${req.json.id}/decision`, {
      token: chief.token,
      body: { decision: "approve", reason: "For today only" },
    });
    const logoStatus = async () =>
      (
        await call("GET", `/v1/councillor-accounts/${accountId}`, { token: councillor.token })
      ).json.compliance.findings.find((f: { rule: string }) => f.rule === "logo_use").status;
    expect(await logoStatus()).toBe("pass");
    expect(await recheckLogoAccounts(env.DB)).toBe(0);
    await env.DB.prepare("UPDATE logo_requests SET period_end = ? WHERE id = ?").bind("2020-01-01", req.json.id).run();
    expect(await recheckLogoAccounts(env.DB)).toBeGreaterThanOrEqual(1);
    expect(await logoStatus()).toBe("fail");
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");
  });

  it("reject: two chief executives at once make one decision and one audit entry; a later decision is a 409 that writes nothing", async () => {
    await using wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    const req = await ask(await accountWithLogo());
    const [a, b] = await Promise.all([
      call("POST", `/v1/logo-requests/${req.json.id}/decision`, {
        token: chief.token,
        body: { decision: "reject", reason: "Not needed" },
      }),
      call("POST", `/v1/logo-requests/${req.json.id}/decision`, {
        token: deputy.token,
        body: { decision: "approve", reason: "Fine" },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.code).toBe("already_decided");
    const before = await entries(req.json.id);
    expect(before.filter((x) => x === "logo_request.approved" || x === "logo_request.rejected")).toHaveLength(1);
    expect(
      (
        await call("POST", `/v1/logo-requests/${req.json.id}/decision`, {
          token: chief.token,
          body: { decision: "approve", reason: "Changed my mind" },
        })
      ).status,
    ).toBe(409);
    expect(await entries(req.json.id)).toEqual(before);
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");
  });

  it("reminds the chief executive once undecided past the reminder time, then takes the decision", async () => {
    await using wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    await wf.modifyAll(async (m) => {
      await m.disableSleeps();
      await m.forceEventTimeout({ name: "await decision" });
    });
    const req = await ask(await accountWithLogo());
    const [instance] = await wf.get();
    await instance.waitForStepResult({ name: "remind the chief executive" });
    const reminded = await call("GET", `/v1/logo-requests/${req.json.id}`, { token: chief.token });
    expect(reminded.json.remindedAt).toBeTruthy();
    expect(reminded.json.status).toBe("pending");
    await call("POST", `/v1/logo-requests/${req.json.id}/decision`, {
      token: chief.token,
      body: { decision: "approve", reason: "OK" },
    });
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "approved" });
    expect(await entries(req.json.id)).toEqual([
      "logo_request.created",
      "logo_request.reminder_sent",
      "logo_request.approved",
    ]);
  });

  it("expires the request if nobody decides; a decision after that is a 409", async () => {
    await using wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    await wf.modifyAll(async (m) => {
      await m.forceEventTimeout({ name: "await decision" });
      await m.forceEventTimeout({ name: "await decision after reminder" });
    });
    const req = await ask(await accountWithLogo());
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "expired" });
    expect((await call("GET", `/v1/logo-requests/${req.json.id}`, { token: councillor.token })).json.status).toBe(
      "expired",
    );
    const late = await call("POST", `/v1/logo-requests/${req.json.id}/decision`, {
      token: chief.token,
      body: { decision: "approve", reason: "Sorry, late" },
    });
    expect(late.status).toBe(409);
    expect(await entries(req.json.id)).toEqual([
      "logo_request.created",
      "logo_request.reminder_sent",
      "logo_request.expired",
    ]);
  });

  it("the decision event can also arrive at the workflow directly (mockEvent)", async () => {
    await using wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    await wf.modifyAll(async (m) => {
      await m.mockEvent({ type: "logo-decision", payload: { decision: "rejected" } });
    });
    await ask(await accountWithLogo());
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "rejected" });
  });

  it("refuses at once, citing 5.4, a site unrelated to the council's official position, without troubling the chief executive", async () => {
    await using wf = await introspectWorkflow(env.LOGO_REQUEST_WORKFLOW);
    const res = await call("POST", "/v1/logo-requests", {
      token: councillor.token,
      body: {
        targetType: "website",
        siteUrl: "https://vote-marsh.example",
        purpose: "My party campaign website for May",
        siteRelation: "political_party",
        periodStart: today,
        periodEnd: nextYear,
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: "rejected", clause: expect.stringContaining("policy 5.4") });
    expect(res.json.clause).toContain("10.3");
    expect(await wf.get()).toEqual([]);
  });

  it("only the chief executive decides, never on their own request; bad requests name the field", async () => {
    const both = await userWith(["councillor", "chief_executive"], "Cllr Chief");
    const own = await call("POST", "/v1/logo-requests", {
      token: both.token,
      body: {
        targetType: "website",
        siteUrl: "https://chief.example",
        purpose: "Ward surgery booking page",
        siteRelation: "councillor_role",
        periodStart: today,
        periodEnd: nextYear,
      },
    });
    expect(own.status).toBe(201);
    const self = await call("POST", `/v1/logo-requests/${own.json.id}/decision`, {
      token: both.token,
      body: { decision: "approve", reason: "Mine" },
    });
    expect(self.status).toBe(403);
    expect(self.json.code).toBe("self_decision");
    expect(
      (
        await call("POST", `/v1/logo-requests/${own.json.id}/decision`, {
          token: councillor.token,
          body: { decision: "approve", reason: "x" },
        })
      ).status,
    ).toBe(403);
    expect((await call("GET", `/v1/logo-requests/${own.json.id}`, { token: councillor.token })).status).toBe(404);
    const account = await accountWithLogo();
    expect((await ask(account, { periodEnd: "2020-01-01" })).json.errors[0].pointer).toBe("/periodEnd");
    expect((await ask(account, { periodStart: "2020-01-01" })).json.errors[0].pointer).toBe("/periodStart");
    const otherCouncillor = await userWith(["councillor"]);
    const notMine = await call("POST", "/v1/logo-requests", {
      token: otherCouncillor.token,
      body: {
        targetType: "councillor_account",
        accountId: account,
        siteUrl: "https://facebook.com/x",
        purpose: "Using someone else's account",
        siteRelation: "councillor_role",
        periodStart: today,
        periodEnd: nextYear,
      },
    });
    expect(notMine.json.errors[0].pointer).toBe("/accountId");
    expect((await ask(account, { siteRelation: "whatever" })).json.errors[0].pointer).toBe("/siteRelation");
  });
});
