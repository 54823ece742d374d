import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { dispatchOutbox } from "../src/repo/outbox";
import { call, userWith } from "./helpers";
import { addDays } from "../src/domain/dates";
import { londonDate } from "../src/domain/london-time";
import { clock } from "../src/lib/clock";
import { bankHolidaysUntil, commsTeam, events, inHours, recordingQueue, uid, type U } from "./outbox-fixtures";

let team: Awaited<ReturnType<typeof commsTeam>>;
let manager2: U;

beforeAll(async () => {
  team = await commsTeam();
  manager2 = await userWith(["comms_manager"]);
});

const submit = (text: string) =>
  call("POST", "/v1/posts", {
    token: team.officer.token,
    body: { accountId: team.accountId, publishAt: inHours(48), text },
  });

describe("events are written in the same batch as the change", () => {
  it("a submission writes post.submitted and post.needs_decision with the request's id", async () => {
    const res = await submit("Library opening hours change in March.");
    expect(res.status, res.text).toBe(201);
    const written = await events(res.json.id);
    expect(written.map((e) => e.type)).toEqual(["post.submitted", "post.needs_decision"]);
    const audit = await env.DB.prepare(
      "SELECT request_id FROM audit_log WHERE subject_id = ? AND action = 'post.submitted'",
    )
      .bind(res.json.id)
      .first<{ request_id: string }>();
    expect(written.every((e) => e.request_id === audit!.request_id)).toBe(true);
    const needs = JSON.parse(written[1].audience);
    expect(needs).toEqual({ roles: ["comms_manager"], excludeUserIds: [team.officer.user.id] });
  });

  it("two approvers at once: one decision, one audit entry, one event", async () => {
    const post = (await submit("Bin collections move to Tuesdays.")).json;
    const [a, b] = await Promise.all(
      [team.manager, manager2].map((u) =>
        call("POST", `/v1/posts/${post.id}/decisions`, {
          token: u.token,
          body: { version: 1, decision: "approve" },
        }),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const types = (await events(post.id)).map((e) => e.type);
    expect(types.filter((t) => t === "post.approved")).toHaveLength(1);
  });

  it("a request that changes nothing writes no event", async () => {
    const post = (await submit("Park run on Saturday.")).json;
    await call("POST", `/v1/posts/${post.id}/decisions`, {
      token: team.manager.token,
      body: { version: 1, decision: "reject", reason: "Duplicate" },
    });
    const again = await call("POST", `/v1/posts/${post.id}/decisions`, {
      token: manager2.token,
      body: { version: 1, decision: "reject", reason: "Duplicate" },
    });
    expect(again.status).toBe(409);
    expect((await events(post.id)).map((e) => e.type)).toEqual([
      "post.submitted",
      "post.needs_decision",
      "post.rejected",
    ]);
  });
});

describe("the dispatcher", () => {
  it("tells each person once, never the author, and marks the event dispatched", async () => {
    const post = (await submit("Leisure centre pool reopens.")).json;
    const { queue, sent } = recordingQueue();
    await dispatchOutbox(env.DB, queue);
    const [needs] = (await events(post.id)).filter((e) => e.type === "post.needs_decision");
    const told = (
      await env.DB.prepare("SELECT user_id, emailed FROM notifications WHERE event_id = ?")
        .bind(needs.id)
        .all<{ user_id: string; emailed: number }>()
    ).results.map((r) => r.user_id);
    expect(told).toContain(team.manager.user.id);
    expect(told).toContain(manager2.user.id);
    expect(told).not.toContain(team.officer.user.id);
    const emails = sent.filter((m) => m.eventId === needs.id);
    expect(emails.length).toBe(told.length);
    // Run again: nothing new is queued for this event.
    const again = recordingQueue();
    await dispatchOutbox(env.DB, again.queue);
    expect(again.sent.filter((m) => m.eventId === needs.id)).toHaveLength(0);
    const row = await env.DB.prepare("SELECT dispatched_at FROM outbox_events WHERE id = ?").bind(needs.id).first();
    expect(row!.dispatched_at).not.toBeNull();
  });

  it("a crash between commit and delivery loses no event: the next dispatcher run sends it", async () => {
    const post = (await submit("Road closure on the High Street.")).json;
    const [submitted] = await events(post.id);
    // The process dies before any dispatcher runs: the event is in D1, undispatched.
    expect(
      (await env.DB.prepare("SELECT dispatched_at FROM outbox_events WHERE id = ?").bind(submitted.id).first())!
        .dispatched_at,
    ).toBeNull();
    // Fanned out, then the process dies before the queue send: deliveries stay unqueued.
    await dispatchOutbox(env.DB, undefined);
    const unqueued = await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE e.subject_id = ? AND d.queued_at IS NULL",
    )
      .bind(post.id)
      .first<{ n: number }>();
    expect(unqueued!.n).toBeGreaterThan(0);
    // After the restart, the cron's dispatcher queues every one of them.
    const { queue, sent } = recordingQueue();
    await dispatchOutbox(env.DB, queue);
    const ids = new Set(sent.map((m) => m.eventId));
    for (const e of await events(post.id)) if (e.type === "post.needs_decision") expect(ids.has(e.id)).toBe(true);
  });
});

describe("elections regenerated from a cycle", () => {
  it("announce new periods, and a rule that moves the polls sends 'moved' naming the period replaced", async () => {
    const today = londonDate(clock.now());
    await bankHolidaysUntil(team.admin.token, addDays(today, 400));
    const council = `cycle-${uid()}`;
    await call("POST", "/v1/areas", {
      token: team.ds.token,
      body: { id: council, name: "Cycle Council", kind: "council" },
    });
    const body = (rrule: string, name = "Cycle Council elections") => ({
      name,
      kind: "local",
      rrule,
      dtstart: `${today.slice(0, 4)}-01-01`,
      areaIds: [council],
    });
    const created = await call("POST", "/v1/cycles", {
      token: team.ds.token,
      body: body("FREQ=YEARLY;BYMONTH=5;BYDAY=1TH"),
    });
    expect(created.status, created.text).toBe(201);
    const first = created.json.generated as { id: string; pollDate: string }[];
    expect(first.length).toBeGreaterThan(0);
    for (const e of first) {
      const written = await events(e.id);
      expect(written.map((w) => w.type)).toEqual(["purdah.announced"]);
      expect(JSON.parse(written[0].audience)).toEqual({
        roles: ["comms_officer", "comms_manager", "monitoring_officer"],
      });
    }

    // The second Thursday of May instead: each year's poll moves by a week.
    const moved = await call("PUT", `/v1/cycles/${created.json.cycle.id}`, {
      token: team.ds.token,
      body: body("FREQ=YEARLY;BYMONTH=5;BYDAY=2TH"),
    });
    expect(moved.status, moved.text).toBe(200);
    expect([...moved.json.withdrawn].sort()).toEqual(first.map((e) => e.id).sort());
    const second = moved.json.generated as { id: string; pollDate: string }[];
    expect(second).toHaveLength(first.length);
    for (const e of second) {
      const before = first.find((f) => f.pollDate.slice(0, 4) === e.pollDate.slice(0, 4))!;
      expect(e.pollDate).toBe(addDays(before.pollDate, 7));
      const written = await events(e.id);
      expect(written.map((w) => w.type)).toEqual(["purdah.moved"]);
      const data = JSON.parse(written[0].data);
      expect(data).toMatchObject({ electionId: e.id, replaces: { electionId: before.id } });
      expect(Date.parse(data.startsAt)).toBeGreaterThan(Date.parse(data.replaces.startsAt));
    }

    // A change that moves no period (the name) regenerates the same elections and says nothing.
    const renamed = await call("PUT", `/v1/cycles/${created.json.cycle.id}`, {
      token: team.ds.token,
      body: body("FREQ=YEARLY;BYMONTH=5;BYDAY=2TH", "Cycle Council ordinary elections"),
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json.generated.map((e: { id: string }) => e.id).sort()).toEqual(second.map((e) => e.id).sort());
    for (const e of second) expect((await events(e.id)).map((w) => w.type)).toEqual(["purdah.moved"]);
  });
});
