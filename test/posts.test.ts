import { clock } from "../src/lib/clock";
import { env, introspectWorkflow } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith, thursdayAhead } from "./helpers";
import { sweepPosts } from "../src/repo/post-workflows";

type U = Awaited<ReturnType<typeof userWith>>;
let officer: U, manager: U, manager2: U, mo: U, ds: U, chief: U;
let accountId: string;
const uid = () => crypto.randomUUID().slice(0, 8);
const inHours = (h: number) => new Date(clock.ms() + h * 3_600_000).toISOString();

const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T10:00:00Z`) - days * 86_400_000).toISOString();

beforeAll(async () => {
  officer = await userWith(["comms_officer"], "Priya Officer");
  manager = await userWith(["comms_manager"], "Tom Manager");
  manager2 = await userWith(["comms_manager"], "Sue Manager");
  mo = await userWith(["monitoring_officer"], "Femi Monitoring");
  ds = await userWith(["democratic_services"]);
  chief = await userWith(["chief_executive"]);
  await userWith(["councillor"], "Cllr Amina Patel");
  const area = `posts-council-${uid()}`;
  await call("POST", "/v1/areas", { token: ds.token, body: { id: area, name: "Posts Council", kind: "council" } });
  const acc = await call("POST", "/v1/corporate-accounts", {
    token: manager.token,
    body: {
      platform: "x",
      handle: `@Posts${uid()}`,
      url: "https://x.com/posts",
      owningService: "Comms",
      ownerId: manager.user.id,
      administratorIds: [],
      purpose: "News",
      areaIds: [area],
      status: "active",
      lastReviewedOn: null,
      nextReviewOn: "2027-06-01",
      purdahBehaviour: "gate",
    },
  });
  accountId = acc.json.id;
  (globalThis as { postsArea?: string }).postsArea = area;
});

const submit = (text: string, over: Record<string, unknown> = {}) =>
  call("POST", "/v1/posts", { token: officer.token, body: { accountId, publishAt: inHours(48), text, ...over } });
const decide = (u: U, post: { id: string; version: number }, decision: string, reason?: string) =>
  call("POST", `/v1/posts/${post.id}/decisions`, { token: u.token, body: { version: post.version, decision, reason } });
const actions = async (id: string) =>
  (
    await env.DB.prepare("SELECT action FROM audit_log WHERE subject_id = ? ORDER BY seq")
      .bind(id)
      .all<{ action: string }>()
  ).results.map((r) => r.action);

describe("POST /v1/screenings (dry run)", () => {
  it("returns the verdict and cited findings without storing anything", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM posts").first<{ n: number }>())!.n;
    const res = await call("POST", "/v1/screenings", {
      token: officer.token,
      body: { text: "Vote Labour! Call 07700 900123" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.verdict).toBe("block");
    expect(res.json.findings.map((f: { rule: string }) => f.rule)).toEqual(
      expect.arrayContaining(["party_political", "personal_data"]),
    );
    expect(res.json.findings[0].clause).toBeTruthy();
    expect((await env.DB.prepare("SELECT count(*) AS n FROM posts").first<{ n: number }>())!.n).toBe(before);
    expect(
      (await call("POST", "/v1/screenings", { token: officer.token, body: { text: "Hello", accountId: "nope" } })).json
        .errors[0].pointer,
    ).toBe("/accountId");
    expect(
      (await call("POST", "/v1/screenings", { token: officer.token, body: { text: "" } })).json.errors[0].pointer,
    ).toBe("/text");
  });
});

describe("lexicons", () => {
  it("a comms manager saves a new version; a stale base version is a 409; screening uses the new terms", async () => {
    const current = await call("GET", "/v1/lexicons", { token: officer.token });
    const { version: _v, ...lexicon } = current.json.lexicon;
    const saved = await call("PUT", "/v1/lexicons", {
      token: manager.token,
      body: {
        baseVersion: current.json.version,
        note: "Add a supplier",
        lexicon: { ...lexicon, thirdParties: ["Acme Highways"] },
      },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.version).toBe(current.json.version + 1);
    const stale = await call("PUT", "/v1/lexicons", {
      token: manager.token,
      body: { baseVersion: current.json.version, note: "Late", lexicon },
    });
    expect(stale.status).toBe(409);
    const screened = await call("POST", "/v1/screenings", {
      token: officer.token,
      body: { text: "Thanks to Acme Highways for resurfacing" },
    });
    expect(screened.json.findings.map((f: { rule: string }) => f.rule)).toContain("named_third_party");
    expect(screened.json.lexiconVersion).toBe(saved.json.version);
    expect((await call("GET", "/v1/lexicons/versions", { token: officer.token })).json.versions[0].version).toBe(
      saved.json.version,
    );
    const bad = await call("PUT", "/v1/lexicons", {
      token: manager.token,
      body: { baseVersion: saved.json.version, note: "x", lexicon: { ...lexicon, abusive: "not a list" } },
    });
    expect(bad.json.errors[0].pointer).toBe("/lexicon/abusive");
  });
});

describe("the approval workflow", () => {
  it("submit → approve → sleeps until publication → re-screened → ready → published", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const res = await submit("Bin collections move to Tuesday next week.");
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      status: "pending_approval",
      version: 1,
      currentStep: { roles: ["comms_manager"] },
    });
    expect(await wf.get()).toEqual([]); // submission is D1 only; the Workflow starts at approval
    const queue = await call("GET", "/v1/posts/queue", { token: manager.token });
    expect(queue.json.posts.map((p: { id: string }) => p.id)).toContain(res.json.id);
    const approved = await decide(manager, res.json, "approve");
    expect(approved.json.status).toBe("approved");
    const [instance] = await wf.get();
    expect(
      await env.DB.prepare("SELECT workflow_started_at FROM posts WHERE id = ?")
        .bind(res.json.id)
        .first("workflow_started_at"),
    ).toBeTruthy();
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "ready" });
    const ready = await call("GET", `/v1/posts/${res.json.id}`, { token: officer.token });
    expect(ready.json.status).toBe("ready");
    const pub = await call("POST", `/v1/posts/${res.json.id}/published`, {
      token: officer.token,
      body: { version: 1, url: "https://x.com/posts/status/1" },
    });
    expect(pub.json.status).toBe("published");
    expect(await actions(res.json.id)).toEqual(["post.submitted", "post.approved", "post.ready", "post.published"]);
  });

  it("never lets an author approve their own post; two approvers at once make one decision and one audit entry", async () => {
    const own = await call("POST", "/v1/posts", {
      token: manager.token,
      body: { accountId, publishAt: inHours(48), text: "Library opening hours change in March." },
    });
    const self = await decide(manager, own.json, "approve");
    expect(self.status).toBe(403);
    expect(self.json.code).toBe("self_decision");
    const res = await submit("Free swimming for under-16s this half term.");
    const [a, b] = await Promise.all([decide(manager, res.json, "approve"), decide(manager2, res.json, "approve")]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await actions(res.json.id)).filter((x) => x === "post.approved")).toHaveLength(1);
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM post_decisions WHERE post_id = ?")
        .bind(res.json.id)
        .first<{ n: number }>())!.n,
    ).toBe(1);
    expect((await decide(manager, res.json, "approve")).status).toBe(409);
  });

  it("reject needs a reason and ends the post; nothing is scheduled", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    const res = await submit("Planning committee meets on Wednesday.");
    expect((await decide(manager, res.json, "reject")).json.errors[0].pointer).toBe("/reason");
    const rejected = await decide(manager, res.json, "reject", "Duplicate of Monday's post");
    expect(rejected.json.status).toBe("rejected");
    expect(await wf.get()).toEqual([]);
    expect(
      (
        await call("POST", `/v1/posts/${res.json.id}/versions`, {
          token: officer.token,
          body: { basedOnVersion: 1, text: "x" },
        })
      ).status,
    ).toBe(409);
  });

  it("changes requested: the author edits, the new version is re-screened and approval starts again; every version is kept", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const res = await submit("Road works on the high stret from Monday.");
    await decide(manager, res.json, "request_changes", "Typo: street");
    expect(
      (
        await call("POST", `/v1/posts/${res.json.id}/versions`, {
          token: manager2.token,
          body: { basedOnVersion: 1, text: "x" },
        })
      ).status,
    ).toBe(403);
    const v2 = await call("POST", `/v1/posts/${res.json.id}/versions`, {
      token: officer.token,
      body: { basedOnVersion: 1, text: "Road works on the high street from Monday." },
    });
    expect(v2.status, v2.text).toBe(201);
    expect(v2.json).toMatchObject({ version: 2, status: "pending_approval" });
    expect(v2.json.versions.map((v: { text: string }) => v.text)).toEqual([
      "Road works on the high stret from Monday.",
      "Road works on the high street from Monday.",
    ]);
    expect((await decide(manager, { id: res.json.id, version: 1 }, "approve")).status).toBe(409);
    await decide(manager, v2.json, "approve");
    const instances = await wf.get();
    expect(instances).toHaveLength(1);
    await instances[0].waitForStatus("complete");
    expect(await instances[0].getOutput()).toEqual({ outcome: "ready" });
  });

  it("a party-political post is blocked and cannot be overridden", async () => {
    const res = await submit("Thanks to the Labour group for the new park");
    expect(res.json.status).toBe("blocked");
    expect(res.json.current.screening.findings[0]).toMatchObject({ rule: "party_political", overridable: false });
    const o = await call("POST", `/v1/posts/${res.json.id}/override`, {
      token: mo.token,
      body: { version: 1, justification: "It is only a thank you" },
    });
    expect(o.status).toBe(403);
    expect(o.json.detail).toMatch(/party political/);
    expect(
      (
        await call("POST", `/v1/posts/${res.json.id}/override`, {
          token: manager.token,
          body: { version: 1, justification: "I am not the MO" },
        })
      ).status,
    ).toBe(403);
  });

  it("a block that is wrong is sent to review by the monitoring officer with a recorded reason", async () => {
    const res = await submit("Highlights from the exempt report on the new depot are in the agenda pack");
    expect(res.json.status).toBe("blocked");
    const block = res.json.current.screening.findings.find((f: { severity: string }) => f.severity === "block");
    expect(block).toMatchObject({ rule: "confidential", overridable: true });
    const byManager = await call("POST", `/v1/posts/${res.json.id}/override`, {
      token: manager.token,
      body: { version: 1, justification: "The report was published in the public agenda" },
    });
    expect(byManager.status).toBe(403);
    const o = await call("POST", `/v1/posts/${res.json.id}/override`, {
      token: mo.token,
      body: { version: 1, justification: "The report was published in the public agenda" },
    });
    expect(o.status, o.text).toBe(200);
    expect(o.json.status).toBe("pending_approval");
    const entry = await env.DB.prepare(
      "SELECT actor_id, summary FROM audit_log WHERE subject_id = ? AND action = 'post.block_overridden'",
    )
      .bind(res.json.id)
      .first<{ actor_id: string; summary: string }>();
    expect(entry?.actor_id).toBe(mo.user.id);
    expect(entry?.summary).toContain("published in the public agenda");
  });

  it("a pre-election block is overridden only by the monitoring officer, with justification, then approved", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const area = (globalThis as { postsArea?: string }).postsArea!;
    const poll = thursdayAhead(10);
    expect(
      (
        await call("POST", "/v1/elections", {
          token: ds.token,
          body: { kind: "local", pollDate: poll, areaIds: [area], byElection: true },
        })
      ).status,
    ).toBe(201);
    const res = await submit("Cllr Patel opened the new library", { publishAt: daysBefore(poll, 10) });
    expect(res.json.status).toBe("blocked");
    expect(
      res.json.current.screening.findings.find((f: { rule: string }) => f.rule === "pre_election_period").overridable,
    ).toBe(true);
    const o = await call("POST", `/v1/posts/${res.json.id}/override`, {
      token: mo.token,
      body: { version: 1, justification: "Statutory opening notice; the councillor is not standing" },
    });
    expect(o.status, o.text).toBe(200);
    expect(o.json.status).toBe("pending_approval");
    await decide(manager, o.json, "approve");
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "ready" });
    expect(await actions(res.json.id)).toEqual([
      "post.submitted_blocked",
      "post.block_overridden",
      "post.approved",
      "post.ready",
    ]);
  });

  it("a pre-election period announced after approval stops the post at publication", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const ward = `late-${uid()}`;
    const area = (globalThis as { postsArea?: string }).postsArea!;
    await call("POST", "/v1/areas", {
      token: ds.token,
      body: { id: ward, name: "Late ward", kind: "ward", parentId: area },
    });
    const poll = thursdayAhead(16);
    const res = await submit("Cllr Patel will open the new play area", { publishAt: daysBefore(poll, 7) });
    expect(res.json.status).toBe("pending_approval");
    await decide(manager, res.json, "approve");
    // Only now is the by-election called: its window covers the publication time.
    expect(
      (
        await call("POST", "/v1/elections", {
          token: ds.token,
          body: { kind: "local", pollDate: poll, areaIds: [ward], byElection: true },
        })
      ).status,
    ).toBe(201);
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "blocked" });
    const after = await call("GET", `/v1/posts/${res.json.id}`, { token: officer.token });
    expect(after.json.status).toBe("blocked");
    expect(after.json.statusReason).toMatch(/Stopped at publication/);
  });

  it("an approval that arrives after the publication time expires the post; so does the sweep for posts nobody decided", async () => {
    const res = await submit("Christmas bin collection dates.");
    await env.DB.prepare("UPDATE posts SET publish_at = ? WHERE id = ?")
      .bind("2020-01-01T00:00:00.000Z", res.json.id)
      .run();
    const late = await decide(manager, res.json, "approve");
    expect(late.status).toBe(409);
    expect(late.json.detail).toMatch(/expired/);
    expect((await call("GET", `/v1/posts/${res.json.id}`, { token: officer.token })).json.status).toBe("expired");

    const never = await submit("Leisure centre timetable for January.");
    const blocked = await submit("Vote Labour for better leisure centres");
    await env.DB.batch(
      [never.json.id, blocked.json.id].map((id) =>
        env.DB.prepare("UPDATE posts SET publish_at = ? WHERE id = ?").bind("2020-01-01T00:00:00.000Z", id),
      ),
    );
    const swept = await sweepPosts(env);
    expect(swept.expired).toBeGreaterThanOrEqual(2);
    for (const id of [never.json.id, blocked.json.id]) {
      expect((await call("GET", `/v1/posts/${id}`, { token: officer.token })).json.status).toBe("expired");
      expect(await actions(id)).toContain("post.expired");
    }
    expect((await sweepPosts(env)).expired).toBe(0);
  });

  it("the sweep starts a publication Workflow whose start was lost", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const res = await submit("Christmas lights switch-on is on 28 November.");
    await decide(manager, res.json, "approve");
    await env.DB.prepare("UPDATE posts SET workflow_started_at = NULL, updated_at = ? WHERE id = ?")
      .bind("2020-01-01T00:00:00.000Z", res.json.id)
      .run();
    expect((await sweepPosts(env)).started).toBeGreaterThanOrEqual(1);
    expect(
      await env.DB.prepare("SELECT workflow_started_at FROM posts WHERE id = ?")
        .bind(res.json.id)
        .first("workflow_started_at"),
    ).toBeTruthy();
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");
  });

  it("an emergency stop holds scheduled posts until it is lifted", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const stop = await call("POST", "/v1/publishing-stops", {
      token: chief.token,
      body: { reason: "Major incident: all channels paused" },
    });
    expect(stop.status).toBe(201);
    const res = await submit("Summer reading challenge launches in July.");
    await decide(manager, res.json, "approve");
    const [instance] = await wf.get();
    await instance.waitForStepResult({ name: "pre-publication check 1" });
    expect((await call("GET", `/v1/posts/${res.json.id}`, { token: officer.token })).json.status).toBe("held");
    const lifted = await call("POST", `/v1/publishing-stops/${stop.json.id}/lift`, { token: manager.token });
    expect(lifted.json.released).toContain(res.json.id);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ outcome: "ready" });
    expect((await call("POST", `/v1/publishing-stops/${stop.json.id}/lift`, { token: manager.token })).status).toBe(
      409,
    );
    expect(await actions(res.json.id)).toEqual(["post.submitted", "post.approved", "post.held", "post.ready"]);
  });

  it("a stop for one account holds only that account's posts", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const other = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: {
        platform: "instagram",
        handle: `@Other${uid()}`,
        url: "https://instagram.com/other",
        owningService: "Leisure",
        ownerId: manager.user.id,
        administratorIds: [],
        purpose: "Leisure",
        areaIds: [],
        status: "active",
        lastReviewedOn: null,
        nextReviewOn: "2030-01-01",
        purdahBehaviour: "gate",
      },
    });
    const stop = await call("POST", "/v1/publishing-stops", {
      token: manager.token,
      body: { accountId: other.json.id, reason: "Account compromised" },
    });
    const mine = await submit("Swimming pool reopens on Monday.");
    const theirs = await submit("New gym classes this month.", { accountId: other.json.id });
    await decide(manager, mine.json, "approve");
    await decide(manager, theirs.json, "approve");
    const instances = await wf.get();
    for (const i of instances) await i.waitForStepResult({ name: "pre-publication check 1" });
    expect((await call("GET", `/v1/posts/${mine.json.id}`, { token: officer.token })).json.status).toBe("ready");
    expect((await call("GET", `/v1/posts/${theirs.json.id}`, { token: officer.token })).json.status).toBe("held");
    await call("POST", `/v1/publishing-stops/${stop.json.id}/lift`, { token: manager.token });
    for (const i of instances) await i.waitForStatus("complete");
    expect((await call("GET", `/v1/posts/${theirs.json.id}`, { token: officer.token })).json.status).toBe("ready");
  });

  it("a sensitive review finding adds the monitoring officer as a second step", async () => {
    const res = await submit("Thanks to Janet Smith from Veolia for the extra rounds", { consents: [] });
    await call("PUT", "/v1/lexicons", {
      token: manager.token,
      body: await (async () => {
        const cur = await call("GET", "/v1/lexicons", { token: officer.token });
        const { version: _v, ...lexicon } = cur.json.lexicon;
        return {
          baseVersion: cur.json.version,
          note: "Veolia needs consent",
          lexicon: { ...lexicon, thirdParties: [...lexicon.thirdParties, "Veolia"] },
        };
      })(),
    });
    const res2 = await submit("Thanks to Veolia for the extra rounds");
    expect(res2.json.steps.map((s: { roles: string[] }) => s.roles[0])).toEqual([
      "comms_manager",
      "monitoring_officer",
    ]);
    const first = await decide(manager, res2.json, "approve");
    expect(first.json).toMatchObject({ status: "pending_approval", currentStep: { roles: ["monitoring_officer"] } });
    expect((await decide(manager2, res2.json, "approve")).status).toBe(403);
    expect(
      (await call("GET", "/v1/posts/queue", { token: mo.token })).json.posts.map((p: { id: string }) => p.id),
    ).toContain(res2.json.id);
    expect((await decide(mo, res2.json, "approve")).json.status).toBe("approved");
    expect(res.status).toBe(201);
  });

  it("refuses bad submissions by field and writes nothing", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM posts").first<{ n: number }>())!.n;
    expect((await submit("x", { publishAt: "2020-01-01T00:00:00Z" })).json.errors[0].pointer).toBe("/publishAt");
    expect((await submit("x", { accountId: "nope" })).json.errors[0].pointer).toBe("/accountId");
    expect((await submit("x", { media: [{ rights: "stolen" }] })).json.errors[0].pointer).toBe("/media/0/rights");
    expect(
      (await call("POST", "/v1/posts", { token: mo.token, body: { accountId, publishAt: inHours(2), text: "x" } }))
        .status,
    ).toBe(403);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM posts").first<{ n: number }>())!.n).toBe(before);
    expect((await call("GET", "/v1/posts?status=ready&limit=5", { token: chief.token })).status).toBe(200);
  });
});
