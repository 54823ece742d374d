import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../src/index";
import { clock } from "../src/lib/clock";
import { parseNotifyKey } from "../src/queue/notify";
import { dispatchOutbox, type DeliveryMessage } from "../src/repo/outbox";
import { call } from "./helpers";
import { commsTeam, inHours, recordingQueue } from "./outbox-fixtures";

// An API key shaped as Notify issues them: `{key name}-{service id}-{secret key}`; the name has hyphens too.
const SERVICE_ID = crypto.randomUUID();
const SECRET = crypto.randomUUID();
const API_KEY = `council-social-test-key-${SERVICE_ID}-${SECRET}`;
const NOTIFY = "https://notify.receiver.test";
const TEMPLATE = crypto.randomUUID();
const withKey = {
  ...env,
  NOTIFY_API_KEY: API_KEY,
  NOTIFY_BASE_URL: NOTIFY,
  NOTIFY_TEMPLATE_ID: TEMPLATE,
  SERVICE_BASE_URL: "https://social.council.test",
} as Env;
const withoutKey = { ...env, NOTIFY_API_KEY: undefined } as Env;

let team: Awaited<ReturnType<typeof commsTeam>>;
beforeAll(async () => {
  team = await commsTeam();
});
afterEach(() => vi.restoreAllMocks());

interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, any>;
  /** The real time at which the request arrived, as Notify's clock would read it. */
  at: number;
}

/** A stand-in for Notify's API: records each request and answers with `answer()`'s status, in Notify's shapes. */
function notifyReceiver(answer: () => number) {
  const got: Received[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    const url = new URL(req.url);
    if (url.origin !== NOTIFY) throw new Error(`unexpected fetch ${req.url}`);
    got.push({
      method: req.method,
      path: url.pathname,
      headers: Object.fromEntries(req.headers),
      body: await req.json(),
      at: clock.systemTimeOf(clock.now()).getTime(),
    });
    const status = answer();
    if (status === 201)
      return Response.json({ id: `notify-${got.length}`, reference: got.at(-1)!.body.reference }, { status });
    const error = { 400: "BadRequestError", 403: "AuthError", 429: "RateLimitError", 500: "Exception" }[status];
    return Response.json({ status_code: status, errors: [{ error, message: "stand-in" }] }, { status });
  });
  return got;
}

const b64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
const decode = (s: string) => JSON.parse(new TextDecoder().decode(b64url(s)));

/** Checks an HS256 JWT's signature with WebCrypto (independently of the library that signed it). */
async function verifiesWith(token: string, secret: string): Promise<boolean> {
  const [h, p, s] = token.split(".");
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  return crypto.subtle.verify("HMAC", key, b64url(s), new TextEncoder().encode(`${h}.${p}`));
}

/** One delivery of one message by the Worker's queue() handler: whether it acked or asked for a retry. */
async function deliverOnce(msg: DeliveryMessage, testEnv: Env, attempts = 1) {
  const batch = createMessageBatch<DeliveryMessage>("council-social-governance-deliveries", [
    { id: `m-${attempts}`, timestamp: new Date(), attempts, body: msg },
  ]);
  const retry = vi.spyOn(batch.messages[0], "retry");
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, testEnv);
  const result = await getQueueResult(batch, ctx);
  return {
    acked: result.explicitAcks.length === 1,
    retried: result.retryMessages.length === 1,
    delaySeconds: retry.mock.calls[0]?.[0]?.delaySeconds,
  };
}

/** Submits a post (the managers are asked to decide) and returns the e-mail delivery message for `userId`. */
async function emailFor(userId: string, text: string) {
  const post = await call("POST", "/v1/posts", {
    token: team.officer.token,
    body: { accountId: team.accountId, publishAt: inHours(48), text },
  });
  expect(post.status, post.text).toBe(201);
  const { queue, sent } = recordingQueue();
  await dispatchOutbox(env.DB, queue);
  const row = await env.DB.prepare(
    `SELECT d.id, d.event_id FROM deliveries d JOIN outbox_events e ON e.id = d.event_id
     WHERE d.channel = 'email' AND d.target_id = ? AND e.subject_id = ? AND e.type = 'post.needs_decision'`,
  )
    .bind(userId, post.json.id)
    .first<{ id: string; event_id: string }>();
  expect(row).not.toBeNull();
  const msg = sent.find((m) => m.deliveryId === row!.id)!;
  expect(msg).toEqual({ deliveryId: row!.id, eventId: row!.event_id });
  return { msg, postId: post.json.id as string };
}

const delivery = (id: string) =>
  env.DB.prepare("SELECT status, attempts, last_status, last_error FROM deliveries WHERE id = ?")
    .bind(id)
    .first<{ status: string; attempts: number; last_status: number | null; last_error: string | null }>();

describe("the Notify API key", () => {
  it("splits into service id and secret from the end, whatever the key's name", () => {
    expect(parseNotifyKey(API_KEY)).toEqual({ serviceId: SERVICE_ID, secret: SECRET });
    expect(() => parseNotifyKey(`name-${SERVICE_ID}`)).toThrow();
    expect(() => parseNotifyKey(`name-${SERVICE_ID}${SECRET}`)).toThrow();
  });
});

describe("e-mail through GOV.UK Notify", () => {
  it("posts to /v2/notifications/email with Notify's JWT and body, and keeps what was sent", async () => {
    const got = notifyReceiver(() => 201);
    const { msg, postId } = await emailFor(team.manager.user.id, "Library opening hours change in March.");
    expect(await deliverOnce(msg, withKey)).toMatchObject({ acked: true, retried: false });
    expect(got).toHaveLength(1);
    const [req] = got;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v2/notifications/email");
    expect(req.headers["content-type"]).toContain("application/json");

    const [scheme, token] = req.headers.authorization.split(" ");
    expect(scheme).toBe("Bearer");
    const [header, payload] = token.split(".").map((part, i) => (i < 2 ? decode(part) : part));
    expect(header.alg).toBe("HS256");
    expect(payload.iss).toBe(SERVICE_ID);
    expect(Number.isInteger(payload.iat)).toBe(true);
    // Notify refuses a token more than 30 seconds off its own (real) clock.
    expect(Math.abs(payload.iat * 1000 - req.at)).toBeLessThanOrEqual(30_000);
    expect(await verifiesWith(token, SECRET)).toBe(true);
    expect(await verifiesWith(token, SERVICE_ID)).toBe(false);
    expect(await verifiesWith(token, API_KEY)).toBe(false);

    expect(Object.keys(req.body).sort()).toEqual(["email_address", "personalisation", "reference", "template_id"]);
    expect(req.body.email_address).toBe(team.manager.user.email);
    expect(req.body.template_id).toBe(TEMPLATE);
    expect(req.body.reference).toBe(msg.deliveryId);
    expect(req.body.personalisation).toEqual({
      subject: "A post needs your decision",
      body: expect.stringContaining("is waiting for your decision"),
      link: `https://social.council.test/posts/${postId}`,
    });
    // Personalisation values are strings: Notify's templates fill ((subject)), ((body)), ((link)).
    for (const v of Object.values(req.body.personalisation)) expect(typeof v).toBe("string");

    expect(await delivery(msg.deliveryId)).toMatchObject({ status: "delivered", attempts: 1, last_status: 201 });
    const emails = await call("GET", "/v1/emails", { token: team.admin.token });
    expect(emails.status).toBe(200);
    const kept = emails.json.emails.find((e: { deliveryId: string }) => e.deliveryId === msg.deliveryId);
    expect(kept).toMatchObject({ via: "notify", notifyId: "notify-1", toAddress: team.manager.user.email });
    // A duplicate message (at least once) is not sent again.
    expect((await deliverOnce(msg, withKey, 2)).acked).toBe(true);
    expect(got).toHaveLength(1);
  });

  it("a template per category overrides the default template", async () => {
    const approvals = crypto.randomUUID();
    const got = notifyReceiver(() => 201);
    const { msg } = await emailFor(team.manager.user.id, "Bin collections move to Tuesdays.");
    const perCategory = { ...withKey, NOTIFY_TEMPLATE_IDS: JSON.stringify({ approvals }) } as Env;
    expect((await deliverOnce(msg, perCategory)).acked).toBe(true);
    expect(got[0].body.template_id).toBe(approvals);
  });

  for (const status of [400, 403]) {
    it(`Notify answering ${status} is permanent: one attempt, then failed for admins, no endless retry`, async () => {
      const got = notifyReceiver(() => status);
      const { msg } = await emailFor(team.manager.user.id, `Park run on Saturday (${status}).`);
      expect(await deliverOnce(msg, withKey)).toMatchObject({ acked: true, retried: false });
      expect(got).toHaveLength(1);
      const row = await delivery(msg.deliveryId);
      expect(row).toMatchObject({ status: "failed", attempts: 1, last_status: status });
      expect(row!.last_error).toContain(status === 400 ? "BadRequestError" : "AuthError");
      const failed = await call("GET", `/v1/deliveries?status=failed&eventId=${msg.eventId}`, {
        token: team.admin.token,
      });
      expect(failed.json.deliveries.map((d: { id: string }) => d.id)).toContain(msg.deliveryId);
      // The audit shows the outcome, never the message body or the address.
      const audit = (
        await env.DB.prepare("SELECT action, summary FROM audit_log WHERE subject_id = ? ORDER BY seq")
          .bind(msg.deliveryId)
          .all<{ action: string; summary: string }>()
      ).results;
      expect(audit.map((a) => a.action)).toEqual(["delivery.attempt_failed", "delivery.dead_lettered"]);
      for (const a of audit) {
        expect(a.summary).not.toContain("Park run");
        expect(a.summary).not.toContain(team.manager.user.email);
      }
      // Delivered again by the platform anyway: nothing more is sent.
      expect((await deliverOnce(msg, withKey, 2)).acked).toBe(true);
      expect(got).toHaveLength(1);
    });
  }

  for (const status of [429, 500]) {
    it(`Notify answering ${status} is retried with backoff until it accepts`, async () => {
      let answer = status;
      const got = notifyReceiver(() => answer);
      const { msg } = await emailFor(team.manager.user.id, `Road closure on the High Street (${status}).`);
      const first = await deliverOnce(msg, withKey, 1);
      expect(first).toMatchObject({ acked: false, retried: true });
      const second = await deliverOnce(msg, withKey, 2);
      expect(second.retried).toBe(true);
      expect(second.delaySeconds).toBeGreaterThan(first.delaySeconds!);
      expect(await delivery(msg.deliveryId)).toMatchObject({ status: "pending", attempts: 2, last_status: status });
      answer = 201;
      expect((await deliverOnce(msg, withKey, 3)).acked).toBe(true);
      expect(got).toHaveLength(3);
      // Every attempt carries the same reference, so Notify's records tie to one delivery.
      expect(new Set(got.map((g) => g.body.reference))).toEqual(new Set([msg.deliveryId]));
      expect(await delivery(msg.deliveryId)).toMatchObject({ status: "delivered", attempts: 3, last_status: 201 });
    });
  }

  it("without a key the e-mail goes to the local outbox (GET /v1/emails), and Notify is never called", async () => {
    const got = notifyReceiver(() => 201);
    const { msg, postId } = await emailFor(team.manager.user.id, "Swimming pool reopens.");
    expect((await deliverOnce(msg, withoutKey)).acked).toBe(true);
    expect(got).toHaveLength(0);
    expect(await delivery(msg.deliveryId)).toMatchObject({ status: "delivered", last_status: null });
    const emails = await call("GET", "/v1/emails", { token: team.admin.token });
    const kept = emails.json.emails.find((e: { deliveryId: string }) => e.deliveryId === msg.deliveryId);
    expect(kept).toMatchObject({
      via: "local",
      notifyId: null,
      eventId: msg.eventId,
      toAddress: team.manager.user.email,
      subject: "A post needs your decision",
    });
    expect(kept.body).toContain(`/posts/${postId}`);
    // The local outbox is for admins only.
    expect((await call("GET", "/v1/emails", { token: team.manager.token })).status).toBe(403);
  });
});
