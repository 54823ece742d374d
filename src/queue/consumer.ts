import { backoffSeconds, webhookPayload, EVENT_TYPES, type Category } from "../domain/events";
import { emailFor } from "../domain/notifications";
import { clock } from "../lib/clock";
import { newId } from "../lib/crypto";
import {
  getDelivery,
  getEvent,
  markDead,
  recordAttempt,
  type AttemptOutcome,
  type DeliveryMessage,
  type DeliveryRow,
  type OutboxEvent,
} from "../repo/outbox";
import { signedHeaders, signingEndpoint } from "../repo/webhooks";
import { sendNotifyEmail } from "./notify";
import "./secrets";

const NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk";

type Verdict = "done" | "retry" | "dead";

/**
 * The Queue consumer, for both queues of wrangler.toml: the delivery queue attempts each message's
 * delivery and asks for a retry (with backoff) when it fails — after `max_retries` Cloudflare moves the
 * message to the dead-letter queue — and the dead-letter queue's messages mark their delivery failed,
 * visible to admins (GET /v1/deliveries?status=failed) until one retries it.
 */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  const dead = batch.queue === env.DELIVERY_DEAD_LETTER_QUEUE;
  for (const msg of batch.messages) {
    try {
      if (dead) {
        await markDead(env.DB, msg.body.deliveryId, msg.attempts);
        msg.ack();
        continue;
      }
      const verdict = await attemptDelivery(env, msg.body.deliveryId, msg.attempts);
      if (verdict === "retry") msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
      else {
        if (verdict === "dead") await markDead(env.DB, msg.body.deliveryId, msg.attempts);
        msg.ack();
      }
    } catch (err) {
      console.error(
        JSON.stringify({
          level: "error",
          message: "delivery failed",
          deliveryId: msg.body?.deliveryId,
          error: String(err),
        }),
      );
      msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
    }
  }
}

/** One attempt at one delivery. A delivery already delivered (a duplicate message) is not sent again. */
export async function attemptDelivery(env: Env, deliveryId: string, attempt: number): Promise<Verdict> {
  const delivery = await getDelivery(env.DB, deliveryId);
  if (delivery?.status !== "pending") return "done";
  const event = await getEvent(env.DB, delivery.eventId);
  if (!event) return "done";
  if (delivery.channel === "webhook") return sendWebhook(env, delivery, event, attempt);
  return sendEmail(env, delivery, event, attempt);
}

async function sendWebhook(env: Env, delivery: DeliveryRow, event: OutboxEvent, attempt: number): Promise<Verdict> {
  const endpoint = await signingEndpoint(env.DB, env, delivery.targetId, clock.now());
  if (!endpoint || endpoint.disabled) {
    await recordAttempt(env.DB, delivery, attempt, {
      ok: false,
      httpStatus: null,
      error: "The endpoint is disabled or gone.",
    });
    return "dead";
  }
  const payload = webhookPayload(event);
  // The signature's timestamp is the real sending time: receivers compare it with their own clock.
  const sentAt = clock.systemTimeOf(clock.now());
  let outcome: AttemptOutcome;
  try {
    const res = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "council-social-governance-webhooks",
        ...signedHeaders(endpoint.secrets, event.id, sentAt, payload),
      },
      body: payload,
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
    });
    await res.body?.cancel();
    outcome = res.ok
      ? { ok: true, httpStatus: res.status, error: null }
      : { ok: false, httpStatus: res.status, error: `The receiver answered ${res.status}.` };
  } catch (err) {
    outcome = { ok: false, httpStatus: null, error: `Unreachable: ${(err as Error).message}` };
  }
  await recordAttempt(env.DB, delivery, attempt, outcome);
  return outcome.ok ? "done" : "retry";
}

function templateFor(env: Env, category: Category | undefined): string {
  let byCategory: Record<string, string> = {};
  try {
    byCategory = JSON.parse(env.NOTIFY_TEMPLATE_IDS || "{}");
  } catch {
    byCategory = {};
  }
  return (category && byCategory[category]) || env.NOTIFY_TEMPLATE_ID || "";
}

async function sendEmail(env: Env, delivery: DeliveryRow, event: OutboxEvent, attempt: number): Promise<Verdict> {
  const user = await env.DB.prepare("SELECT email, disabled_at FROM users WHERE id = ?")
    .bind(delivery.targetId)
    .first<{ email: string | null; disabled_at: string | null }>();
  if (!user?.email || user.disabled_at) {
    await recordAttempt(env.DB, delivery, attempt, { ok: false, httpStatus: null, error: "No address to send to." });
    return "dead";
  }
  const category = (EVENT_TYPES as Record<string, { category: Category }>)[event.type]?.category;
  const content = emailFor(event, env.SERVICE_BASE_URL || "http://127.0.0.1:8787");
  const templateId = templateFor(env, category);
  const keep = (via: "notify" | "local", notifyId: string | null) =>
    env.DB.prepare(
      `INSERT OR IGNORE INTO email_outbox (id, delivery_id, event_id, to_address, template_id, subject, body, via, notify_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      newId(),
      delivery.id,
      event.id,
      user.email,
      templateId || "(none)",
      content.subject,
      `${content.body}\n\n${content.link}`,
      via,
      notifyId,
      clock.iso(),
    );
  if (!env.NOTIFY_API_KEY) {
    // No key (`npm start`, tests): the e-mail is kept in the local outbox (GET /v1/emails) instead.
    await recordAttempt(env.DB, delivery, attempt, { ok: true, httpStatus: null, error: null }, [keep("local", null)]);
    return "done";
  }
  if (!templateId) {
    await recordAttempt(env.DB, delivery, attempt, {
      ok: false,
      httpStatus: null,
      error: "No Notify template id for this category (NOTIFY_TEMPLATE_ID).",
    });
    return "retry";
  }
  const result = await sendNotifyEmail(
    env.NOTIFY_BASE_URL || NOTIFY_BASE_URL,
    env.NOTIFY_API_KEY,
    {
      emailAddress: user.email,
      templateId,
      personalisation: { subject: content.subject, body: content.body, link: content.link },
      reference: delivery.id,
    },
    clock.systemTimeOf(clock.now()),
  );
  if (result.ok) {
    await recordAttempt(env.DB, delivery, attempt, { ok: true, httpStatus: result.status, error: null }, [
      keep("notify", result.id || null),
    ]);
    return "done";
  }
  await recordAttempt(env.DB, delivery, attempt, { ok: false, httpStatus: result.status, error: result.error });
  // Notify's 400 (a bad address, a template's missing field, a team key's recipient) and 403 (a revoked
  // or wrong key) will not succeed on retry; its 429 (rate limit) and 500s, and no answer, may.
  return result.status === 400 || result.status === 403 ? "dead" : "retry";
}
