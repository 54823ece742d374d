import { createExecutionContext, createMessageBatch, env, getQueueResult, introspectWorkflow } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../src/index";
import { dispatchOutbox, type DeliveryMessage } from "../src/repo/outbox";
import { signingEndpoint } from "../src/repo/webhooks";
import { clock } from "../src/lib/clock";
import { call } from "./helpers";
import { commsTeam, inHours, recordingQueue } from "./outbox-fixtures";

// As in wrangler.toml's [[queues.consumers]]: after this many retries Cloudflare dead-letters a message.
const MAX_RETRIES = 12;
const DLQ = "council-social-governance-deliveries-dlq";
const KEY = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const testEnv = { ...env, WEBHOOK_ENCRYPTION_KEY: KEY } as Env;

let team: Awaited<ReturnType<typeof commsTeam>>;
beforeAll(async () => {
  team = await commsTeam();
});
afterEach(() => vi.restoreAllMocks());

/** A local receiver: `answer(t)` decides its status at virtual second t; it verifies every signature it gets. */
function receiver(url: string, secrets: () => string[], answer: (t: number) => number) {
  const got: { id: string; type: string; t: number; signatures: number }[] = [];
  let t = 0;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    if (req.url !== url) throw new Error(`unexpected fetch ${req.url}`);
    const body = await req.text();
    const headers = Object.fromEntries(req.headers);
    for (const s of secrets()) new Webhook(s).verify(body, headers); // throws if not signed by s
    const status = answer(t);
    if (status < 300)
      got.push({
        id: headers["webhook-id"],
        type: JSON.parse(body).type,
        t,
        signatures: headers["webhook-signature"].split(" ").length,
      });
    return new Response(null, { status });
  });
  return { got, advance: (s: number) => (t += s), now: () => t };
}

/**
 * Plays Cloudflare Queues' part for one message: hands it to the Worker's queue() handler, and while the
 * handler asks for a retry, waits the delay it asked for (virtual time) and delivers it again; after
 * MAX_RETRIES it goes to the dead-letter queue's consumer.
 */
async function runThroughQueue(msg: DeliveryMessage, clockOf: { advance(s: number): number }) {
  for (let attempts = 1; attempts <= MAX_RETRIES + 1; attempts++) {
    const batch = createMessageBatch<DeliveryMessage>("council-social-governance-deliveries", [
      { id: `m-${attempts}`, timestamp: new Date(), attempts, body: msg },
    ]);
    // The delay the handler asks for (getQueueResult reports the retry, not always its delay).
    const retry = vi.spyOn(batch.messages[0], "retry");
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<unknown>, testEnv);
    const result = await getQueueResult(batch, ctx);
    if (result.explicitAcks.length) return { delivered: true, attempts };
    expect(result.retryMessages).toHaveLength(1);
    const delay = retry.mock.calls[0]?.[0]?.delaySeconds;
    expect(delay).toBeGreaterThan(0);
    clockOf.advance(delay!);
  }
  const dead = createMessageBatch<DeliveryMessage>(DLQ, [
    { id: "dead", timestamp: new Date(), attempts: 1, body: msg },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(dead as MessageBatch<unknown>, testEnv);
  expect((await getQueueResult(dead, ctx)).explicitAcks).toEqual(["dead"]);
  return { delivered: false, attempts: MAX_RETRIES + 1 };
}

async function register(url: string, eventTypes: string[]) {
  const res = await call("POST", "/v1/webhooks", {
    token: team.admin.token,
    body: { url, description: "Scheduler", eventTypes },
    envOverride: { WEBHOOK_ENCRYPTION_KEY: KEY },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; secret: string };
}

const submit = (text: string) =>
  call("POST", "/v1/posts", {
    token: team.officer.token,
    body: { accountId: team.accountId, publishAt: inHours(48), text },
  });

async function webhookMessages(endpointId: string) {
  const { queue, sent } = recordingQueue();
  await dispatchOutbox(env.DB, queue);
  const ids = new Set(
    (
      await env.DB.prepare("SELECT id FROM deliveries WHERE channel = 'webhook' AND target_id = ?")
        .bind(endpointId)
        .all<{ id: string }>()
    ).results.map((r) => r.id),
  );
  return sent.filter((m) => ids.has(m.deliveryId));
}

describe("webhook endpoints", () => {
  it("shows the secret once, stores it encrypted, and only admins manage endpoints", async () => {
    const ep = await register("https://scheduler.example/hooks/a", ["post.ready"]);
    expect(ep.secret).toMatch(/^whsec_/);
    const read = await call("GET", `/v1/webhooks/${ep.id}`, { token: team.admin.token });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.json)).not.toContain(ep.secret.slice(6));
    const stored = await env.DB.prepare("SELECT secret_enc FROM webhook_endpoints WHERE id = ?")
      .bind(ep.id)
      .first<{ secret_enc: string }>();
    expect(stored!.secret_enc).not.toContain(ep.secret.slice(6));
    expect((await call("GET", "/v1/webhooks", { token: team.manager.token })).status).toBe(403);
    const bad = await call("POST", "/v1/webhooks", {
      token: team.admin.token,
      body: { url: "https://x.example/h", description: "x", eventTypes: ["post.nonsense"] },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].pointer).toBe("/eventTypes/0");
  });

  it("a receiver down for an hour receives every event once it is back, signed, with the event id", async () => {
    const url = "https://scheduler.example/hooks/down-an-hour";
    const ep = await register(url, ["post.submitted"]);
    const posts = [await submit("Library hours change."), await submit("Swimming pool reopens.")];
    const messages = await webhookMessages(ep.id);
    expect(messages).toHaveLength(2);
    const r = receiver(
      url,
      () => [ep.secret],
      (t) => (t < 3600 ? 503 : 204),
    );
    for (const m of messages) {
      const start = r.now();
      const out = await runThroughQueue(m, r);
      const d = await env.DB.prepare("SELECT last_error, attempts FROM deliveries WHERE id = ?")
        .bind(m.deliveryId)
        .first();
      expect(out.delivered, JSON.stringify(d)).toBe(true);
      expect(r.now() - start).toBeGreaterThanOrEqual(3600);
      r.advance(-(r.now() - start)); // the second message is sent at the same time as the first
    }
    const eventIds = (
      await env.DB.prepare(
        `SELECT id FROM outbox_events WHERE type = 'post.submitted' AND subject_id IN (?, ?) ORDER BY subject_id`,
      )
        .bind(posts[0].json.id, posts[1].json.id)
        .all<{ id: string }>()
    ).results.map((e) => e.id);
    expect(r.got.map((g) => g.id).sort()).toEqual([...eventIds].sort());
    // The audit shows each attempt's outcome, never the message body.
    const audit = (
      await env.DB.prepare(
        "SELECT action, summary FROM audit_log WHERE subject_type = 'delivery' AND subject_id = ? ORDER BY seq",
      )
        .bind(messages[0].deliveryId)
        .all<{ action: string; summary: string }>()
    ).results;
    expect(audit.at(-1)!.action).toBe("delivery.delivered");
    expect(audit.filter((a) => a.action === "delivery.attempt_failed").length).toBeGreaterThan(3);
    expect(audit[0].summary).toContain('"httpStatus":503');
    for (const a of audit) expect(a.summary).not.toContain("Library hours");
    // A duplicate message (at-least-once) is not sent again.
    const before = r.got.length;
    await runThroughQueue(messages[0], r);
    expect(r.got.length).toBe(before);
  });

  it("a receiver answering 500 forever ends in the dead-letter queue, visible to admins, and can be retried", async () => {
    const url = "https://scheduler.example/hooks/broken";
    const ep = await register(url, ["post.submitted"]);
    await submit("Recycling centre closes early.");
    const [m] = await webhookMessages(ep.id);
    const r = receiver(
      url,
      () => [ep.secret],
      () => 500,
    );
    expect((await runThroughQueue(m, r)).delivered).toBe(false);
    const failed = await call("GET", `/v1/deliveries?status=failed&targetId=${ep.id}`, { token: team.admin.token });
    expect(failed.status).toBe(200);
    expect(failed.json.deliveries).toHaveLength(1);
    expect(failed.json.deliveries[0]).toMatchObject({ id: m.deliveryId, attempts: MAX_RETRIES + 1, lastStatus: 500 });
    const dead = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE subject_id = ? AND action = 'delivery.dead_lettered'",
    )
      .bind(m.deliveryId)
      .first();
    expect(dead).not.toBeNull();
    // An admin retries it: back on the queue with the same event id; the receiver, now fixed, gets it.
    const { queue, sent } = recordingQueue();
    const retried = await call("POST", "/v1/deliveries/retry", {
      token: team.admin.token,
      body: { deliveryIds: [m.deliveryId] },
      envOverride: { DELIVERIES: queue as unknown as Queue },
    });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.json.deliveries[0].status).toBe("pending");
    const again = sent.find((s) => s.deliveryId === m.deliveryId)!;
    expect(again.eventId).toBe(m.eventId);
    vi.restoreAllMocks();
    const fixed = receiver(
      url,
      () => [ep.secret],
      () => 200,
    );
    expect((await runThroughQueue(again, fixed)).delivered).toBe(true);
    expect(fixed.got.map((g) => g.id)).toEqual([m.eventId]);
    expect(
      (await call("POST", "/v1/deliveries/retry", { token: team.admin.token, body: { deliveryIds: [m.deliveryId] } }))
        .status,
    ).toBe(409);
  });

  it("a rotation signs with both secrets for the overlap, then with the new one alone", async () => {
    const url = "https://scheduler.example/hooks/rotating";
    const ep = await register(url, ["post.submitted"]);
    const rotated = await call("POST", `/v1/webhooks/${ep.id}/rotate-secret`, {
      token: team.admin.token,
      body: { keepPreviousHours: 24 },
      envOverride: { WEBHOOK_ENCRYPTION_KEY: KEY },
    });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.json.secret).not.toBe(ep.secret);
    await submit("Council tax bills go out.");
    const [m] = await webhookMessages(ep.id);
    // The receiver still holding the old secret, and one already on the new: both verify.
    const r = receiver(
      url,
      () => [ep.secret, rotated.json.secret],
      () => 200,
    );
    expect((await runThroughQueue(m, r)).delivered).toBe(true);
    expect(r.got[0].signatures).toBe(2);
    const later = await signingEndpoint(env.DB, testEnv, ep.id, new Date(clock.ms() + 25 * 3_600_000));
    expect(later!.secrets).toEqual([rotated.json.secret]);
  });
});

describe("the publishing tool reports back with the webhook's event id", () => {
  it("POST /published records the event id and is idempotent on it", async () => {
    await using wf = await introspectWorkflow(env.POST_WORKFLOW);
    await wf.modifyAll(async (m) => m.disableSleeps());
    const url = "https://scheduler.example/hooks/ready";
    const ep = await register(url, ["post.ready"]);
    const post = (await submit("Consultation on the town centre opens.")).json;
    const approved = await call("POST", `/v1/posts/${post.id}/decisions`, {
      token: team.manager.token,
      body: { version: 1, decision: "approve" },
    });
    expect(approved.status, approved.text).toBe(200);
    const [instance] = await wf.get();
    await instance.waitForStatus("complete");

    // The scheduler is told the post is ready; the webhook-id header is the event id.
    const [m] = await webhookMessages(ep.id);
    const r = receiver(
      url,
      () => [ep.secret],
      () => 204,
    );
    expect((await runThroughQueue(m, r)).delivered).toBe(true);
    expect(r.got).toEqual([expect.objectContaining({ type: "post.ready", id: m.eventId })]);
    const eventId = r.got[0].id;

    const report = (body: Record<string, unknown>) =>
      call("POST", `/v1/posts/${post.id}/published`, { token: team.officer.token, body: { version: 1, ...body } });
    // An event id that is not about this post is refused, naming the field, and changes nothing.
    const other = (await submit("Unrelated news.")).json;
    const [otherEvent] = (
      await env.DB.prepare("SELECT id FROM outbox_events WHERE subject_id = ?").bind(other.id).all<{ id: string }>()
    ).results;
    const wrong = await report({ eventId: otherEvent.id, url: "https://x.com/n/status/1" });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors[0].pointer).toBe("/eventId");
    expect((await call("GET", `/v1/posts/${post.id}`, { token: team.officer.token })).json.status).toBe("ready");

    const first = await report({ eventId, url: "https://x.com/n/status/1" });
    expect(first.status, first.text).toBe(200);
    expect(first.json.status).toBe("published");
    // The receiver's retry, the same report again: the same answer, nothing changed or recorded twice.
    const again = await report({ eventId, url: "https://x.com/n/status/1" });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual(first.json);
    const [a, b] = await Promise.all([report({ eventId }), report({ eventId })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const entries = (
      await env.DB.prepare(
        "SELECT summary FROM audit_log WHERE subject_id = ? AND action = 'post.published' ORDER BY seq",
      )
        .bind(post.id)
        .all<{ summary: string }>()
    ).results;
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].summary).after).toEqual({ url: "https://x.com/n/status/1", eventId });
    const publishedEvents = (await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox_events WHERE subject_id = ? AND type = 'post.published'",
    )
      .bind(post.id)
      .first<{ n: number }>())!.n;
    expect(publishedEvents).toBe(1);
    // A different report for a post already published is still a conflict; so is one without an event id.
    const [readyEvent] = (
      await env.DB.prepare("SELECT id FROM outbox_events WHERE subject_id = ? AND type = 'post.submitted'")
        .bind(post.id)
        .all<{ id: string }>()
    ).results;
    expect((await report({ eventId: readyEvent.id })).status).toBe(409);
    expect((await report({})).status).toBe(409);
  });
});
