import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../src/index";
import { CATEGORIES } from "../src/domain/events";
import { dispatchOutbox, type DeliveryMessage } from "../src/repo/outbox";
import { call, userWith } from "./helpers";
import { commsTeam, events, inHours, recordingQueue, type U } from "./outbox-fixtures";

let team: Awaited<ReturnType<typeof commsTeam>>;
let quiet: U; // a manager who turns off e-mail for approvals
beforeAll(async () => {
  team = await commsTeam();
  quiet = await userWith(["comms_manager"]);
});

const allOn = Object.fromEntries(Object.keys(CATEGORIES).map((c) => [c, true]));

const prefs = (u: U) => call("GET", "/v1/me/notification-preferences", { token: u.token });
const setPrefs = (u: U, body: unknown) => call("PUT", "/v1/me/notification-preferences", { token: u.token, body });
const mine = async (u: U) => {
  const res = await call("GET", "/v1/me/notifications?limit=200", { token: u.token });
  expect(res.status, res.text).toBe(200);
  return res.json.notifications as { eventId: string; type: string; emailed: boolean; emailStatus: string | null }[];
};

/** Submits a post (managers are asked to decide), dispatches, and delivers every e-mail (no Notify key: the local outbox). */
async function submitAndDeliver(text: string) {
  const post = await call("POST", "/v1/posts", {
    token: team.officer.token,
    body: { accountId: team.accountId, publishAt: inHours(48), text },
  });
  expect(post.status, post.text).toBe(201);
  const { queue, sent } = recordingQueue();
  await dispatchOutbox(env.DB, queue);
  const batch = createMessageBatch<DeliveryMessage>(
    "council-social-governance-deliveries",
    sent.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, { ...env, NOTIFY_API_KEY: undefined } as Env);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(sent.length);
  const needs = (await events(post.json.id)).find((e) => e.type === "post.needs_decision")!;
  return needs.id;
}

async function emailedTo(eventId: string) {
  const res = await call("GET", "/v1/emails?limit=500", { token: team.admin.token });
  expect(res.status).toBe(200);
  return (res.json.emails as { eventId: string; toAddress: string }[])
    .filter((e) => e.eventId === eventId)
    .map((e) => e.toAddress);
}

describe("notification preferences", () => {
  it("default to e-mailing every category; a change names only what changes and is audited", async () => {
    const before = await prefs(quiet);
    expect(before.status).toBe(200);
    expect(before.json).toEqual(allOn);
    const put = await setPrefs(quiet, { approvals: false });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toEqual({ ...allOn, approvals: false });
    expect((await prefs(quiet)).json).toEqual({ ...allOn, approvals: false });
    const audit = await env.DB.prepare(
      "SELECT actor_id FROM audit_log WHERE action = 'notification_preferences.changed' AND subject_id = ?",
    )
      .bind(quiet.user.id)
      .first<{ actor_id: string }>();
    expect(audit?.actor_id).toBe(quiet.user.id);
    // One person's choices are theirs alone.
    expect((await prefs(team.manager)).json).toEqual(allOn);
  });

  it("refuses an unknown category or a value that is not true or false, naming the field", async () => {
    const unknown = await setPrefs(quiet, { gossip: false });
    expect(unknown.status).toBe(422);
    const notBool = await setPrefs(quiet, { logo: "no" });
    expect(notBool.status).toBe(422);
    expect(notBool.json.errors[0].pointer).toBe("/logo");
    expect((await call("GET", "/v1/me/notification-preferences")).status).toBe(401);
  });

  it("turning a category off stops the e-mail but keeps the notification in the service", async () => {
    await setPrefs(quiet, { approvals: false });
    const eventId = await submitAndDeliver("Library opening hours change in March.");

    const quietList = await mine(quiet);
    const quietNote = quietList.find((n) => n.eventId === eventId);
    expect(quietNote).toMatchObject({ type: "post.needs_decision", emailed: false, emailStatus: null });
    const managerNote = (await mine(team.manager)).find((n) => n.eventId === eventId);
    expect(managerNote).toMatchObject({ emailed: true, emailStatus: "delivered" });

    const to = await emailedTo(eventId);
    expect(to).toContain(team.manager.user.email);
    expect(to).not.toContain(quiet.user.email);
    const deliveries = await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE event_id = ? AND channel = 'email' AND target_id = ?",
    )
      .bind(eventId, quiet.user.id)
      .first<{ n: number }>();
    expect(deliveries!.n).toBe(0);

    // Another category stays on: and turning approvals back on e-mails the next one.
    expect((await setPrefs(quiet, { approvals: true })).json.approvals).toBe(true);
    const next = await submitAndDeliver("Bin collections move to Tuesdays.");
    expect((await mine(quiet)).find((n) => n.eventId === next)).toMatchObject({
      emailed: true,
      emailStatus: "delivered",
    });
    expect(await emailedTo(next)).toContain(quiet.user.email);
  });

  it("a person sees only their own notifications", async () => {
    const eventId = await submitAndDeliver("Swimming pool reopens.");
    // The author is not asked to decide their own post.
    expect((await mine(team.officer)).map((n) => n.eventId)).not.toContain(eventId);
    for (const u of [team.manager, quiet, team.officer, team.admin]) {
      const listed = (await mine(u)).map((n) => n.eventId).sort();
      const theirs = (
        await env.DB.prepare("SELECT event_id FROM notifications WHERE user_id = ?")
          .bind(u.user.id)
          .all<{ event_id: string }>()
      ).results
        .map((r) => r.event_id)
        .sort();
      expect(listed).toEqual(theirs);
    }
    // Each list is theirs: the managers were told of the post, the author not.
    expect((await mine(team.manager)).map((n) => n.eventId)).toContain(eventId);
    expect((await call("GET", "/v1/me/notifications")).status).toBe(401);
  });
});
