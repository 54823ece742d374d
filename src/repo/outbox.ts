import { EVENT_TYPES, type Audience, type Category } from "../domain/events";
import { clock } from "../lib/clock";
import { newId } from "../lib/crypto";
import { ApiError } from "../lib/problem";
import { commit, type Actor } from "./audit";

/** What a queue message carries: the delivery to attempt and, for receivers' de-duplication, its event. */
export interface DeliveryMessage {
  deliveryId: string;
  eventId: string;
}

/** The part of a Queue producer the dispatcher uses. */
export interface DeliverySender {
  sendBatch(messages: Iterable<MessageSendRequest<DeliveryMessage>>): Promise<unknown>;
}

export interface OutboxEvent {
  id: string;
  type: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
  audience: Audience;
  occurredAt: string;
}

interface EventRow {
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  data: string;
  audience: string;
  occurred_at: string;
}

export const eventFromRow = (r: EventRow): OutboxEvent => ({
  id: r.id,
  type: r.type,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  data: JSON.parse(r.data),
  audience: JSON.parse(r.audience),
  occurredAt: r.occurred_at,
});

const PAGE = 100;
const SEND_CHUNK = 100; // Cloudflare Queues: at most 100 messages per sendBatch.

// The dispatcher's statements, run after every burst of writes: each reads or marks only its page
// through an index (test/query-plans.test.ts holds them to it), never the whole table.
// Fan-out needs only whom an event is for, not what it says (the consumer reads that when it sends).
export const UNDISPATCHED_PAGE = `SELECT id, type, audience, occurred_at FROM outbox_events
  WHERE dispatched_at IS NULL ORDER BY occurred_at, id LIMIT ${PAGE}`;
export const MARK_DISPATCHED =
  "UPDATE outbox_events SET dispatched_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND dispatched_at IS NULL";
export const UNQUEUED_PAGE = `SELECT id, event_id FROM deliveries WHERE status = 'pending' AND queued_at IS NULL
  ORDER BY created_at LIMIT ${SEND_CHUNK}`;
export const MARK_QUEUED =
  "UPDATE deliveries SET queued_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND queued_at IS NULL";

export function categoryOf(type: string): Category | null {
  return (EVENT_TYPES as Record<string, { category: Category }>)[type]?.category ?? null;
}

/**
 * Fans undispatched events out into deliveries — one per subscribed webhook endpoint, one per person
 * told who wants e-mail — and records what each person was told, in one batch per page; then puts every
 * delivery not yet queued on the queue. Safe to run concurrently and again after a crash: deliveries
 * are unique per event and target (INSERT OR IGNORE), an event is marked dispatched in the same batch
 * as its deliveries, and a delivery queued twice is delivered at least once (the consumer skips one
 * already delivered). Run by the cron every minute and, as a hint, after a request that wrote events.
 */
export async function dispatchOutbox(
  d1: D1Database,
  queue: DeliverySender | undefined,
): Promise<{ events: number; queued: number }> {
  let events = 0;
  for (;;) {
    const rows = (await d1.prepare(UNDISPATCHED_PAGE).all<Pick<EventRow, "id" | "type" | "audience" | "occurred_at">>())
      .results;
    if (rows.length === 0) break;
    await fanOut(
      d1,
      rows.map((r) => ({ id: r.id, type: r.type, audience: JSON.parse(r.audience), occurredAt: r.occurred_at })),
    );
    events += rows.length;
    if (rows.length < PAGE) break;
  }
  const queued = queue ? await queuePending(d1, queue) : 0;
  return { events, queued };
}

async function fanOut(
  d1: D1Database,
  events: Pick<OutboxEvent, "id" | "type" | "audience" | "occurredAt">[],
): Promise<void> {
  const [endpointsRes, holdersRes, optOutRes] = await d1.batch([
    d1.prepare("SELECT id, event_types FROM webhook_endpoints WHERE disabled_at IS NULL"),
    d1.prepare(
      "SELECT u.id AS user_id, u.email AS email, r.role AS role FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.disabled_at IS NULL",
    ),
    d1.prepare("SELECT user_id, category FROM notification_preferences WHERE email = 0"),
  ]);
  const endpoints = (endpointsRes.results as { id: string; event_types: string }[]).map((e) => ({
    id: e.id,
    types: JSON.parse(e.event_types) as string[],
  }));
  const byRole = new Map<string, string[]>();
  const emailOf = new Map<string, string | null>();
  for (const h of holdersRes.results as { user_id: string; email: string | null; role: string | null }[]) {
    emailOf.set(h.user_id, h.email);
    if (h.role) byRole.set(h.role, [...(byRole.get(h.role) ?? []), h.user_id]);
  }
  const optedOut = new Set(
    (optOutRes.results as { user_id: string; category: string }[]).map((o) => `${o.user_id}|${o.category}`),
  );
  const now = clock.iso();
  const writes: D1PreparedStatement[] = [];
  for (const event of events) {
    const spec = (EVENT_TYPES as Record<string, { category: Category; webhook: boolean }>)[event.type];
    if (spec?.webhook)
      for (const ep of endpoints)
        if (ep.types.includes("*") || ep.types.includes(event.type))
          writes.push(deliveryInsert(d1, event.id, "webhook", ep.id, now));
    const people = new Set<string>(event.audience.userIds ?? []);
    for (const role of event.audience.roles ?? []) for (const id of byRole.get(role) ?? []) people.add(id);
    for (const id of event.audience.excludeUserIds ?? []) people.delete(id);
    const category = spec?.category ?? "my_posts";
    for (const userId of people) {
      if (!emailOf.has(userId)) continue; // disabled or unknown: told nothing
      const email = Boolean(emailOf.get(userId)) && !optedOut.has(`${userId}|${category}`);
      writes.push(
        d1
          .prepare(
            "INSERT OR IGNORE INTO notifications (user_id, event_id, category, emailed, created_at) VALUES (?, ?, ?, ?, ?)",
          )
          .bind(userId, event.id, category, email ? 1 : 0, event.occurredAt),
      );
      if (email) writes.push(deliveryInsert(d1, event.id, "email", userId, now));
    }
  }
  // The page's events are marked dispatched in the same batch as their deliveries, in one statement.
  writes.push(d1.prepare(MARK_DISPATCHED).bind(now, JSON.stringify(events.map((e) => e.id))));
  await d1.batch(writes);
}

const deliveryInsert = (d1: D1Database, eventId: string, channel: string, targetId: string, now: string) =>
  d1
    .prepare(
      "INSERT OR IGNORE INTO deliveries (id, event_id, channel, target_id, status, attempts, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)",
    )
    .bind(newId(), eventId, channel, targetId, now);

/** Puts pending, unqueued deliveries on the queue, then marks them queued (a crash in between sends twice, never never). */
async function queuePending(d1: D1Database, queue: DeliverySender): Promise<number> {
  let queued = 0;
  for (;;) {
    const pending = (await d1.prepare(UNQUEUED_PAGE).all<{ id: string; event_id: string }>()).results;
    if (pending.length === 0) return queued;
    await queue.sendBatch(pending.map((p) => ({ body: { deliveryId: p.id, eventId: p.event_id } })));
    const now = clock.iso();
    await d1
      .prepare(MARK_QUEUED)
      .bind(now, JSON.stringify(pending.map((p) => p.id)))
      .run();
    queued += pending.length;
    if (pending.length < SEND_CHUNK) return queued;
  }
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  subjectType: string;
  subjectId: string;
  channel: "webhook" | "email";
  targetId: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  queuedAt: string | null;
  deliveredAt: string | null;
  deadAt: string | null;
  createdAt: string;
}

const DELIVERY_COLUMNS = `d.id, d.event_id, e.type AS event_type, e.subject_type, e.subject_id, d.channel, d.target_id, d.status,
  d.attempts, d.last_attempt_at, d.last_status, d.last_error, d.queued_at, d.delivered_at, d.dead_at, d.created_at`;

function deliveryFromRow(r: Record<string, unknown>): DeliveryRow {
  return {
    id: r.id as string,
    eventId: r.event_id as string,
    eventType: r.event_type as string,
    subjectType: r.subject_type as string,
    subjectId: r.subject_id as string,
    channel: r.channel as DeliveryRow["channel"],
    targetId: r.target_id as string,
    status: r.status as DeliveryRow["status"],
    attempts: r.attempts as number,
    lastAttemptAt: (r.last_attempt_at as string) ?? null,
    lastStatus: (r.last_status as number) ?? null,
    lastError: (r.last_error as string) ?? null,
    queuedAt: (r.queued_at as string) ?? null,
    deliveredAt: (r.delivered_at as string) ?? null,
    deadAt: (r.dead_at as string) ?? null,
    createdAt: r.created_at as string,
  };
}

export async function getDelivery(d1: D1Database, id: string): Promise<DeliveryRow | null> {
  const row = await d1
    .prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE d.id = ?`)
    .bind(id)
    .first<Record<string, unknown>>();
  return row ? deliveryFromRow(row) : null;
}

export async function listDeliveries(
  d1: D1Database,
  q: { status?: string; channel?: string; targetId?: string; eventId?: string; limit: number },
): Promise<DeliveryRow[]> {
  const conds: string[] = [];
  const binds: unknown[] = [];
  for (const [col, v] of [
    ["d.status", q.status],
    ["d.channel", q.channel],
    ["d.target_id", q.targetId],
    ["d.event_id", q.eventId],
  ] as const)
    if (v) {
      conds.push(`${col} = ?`);
      binds.push(v);
    }
  const rows = (
    await d1
      .prepare(
        `SELECT ${DELIVERY_COLUMNS} FROM deliveries d JOIN outbox_events e ON e.id = d.event_id
         ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""} ORDER BY d.created_at DESC, d.id LIMIT ?`,
      )
      .bind(...binds, q.limit)
      .all<Record<string, unknown>>()
  ).results;
  return rows.map(deliveryFromRow);
}

export async function getEvent(d1: D1Database, id: string): Promise<OutboxEvent | null> {
  const row = await d1
    .prepare("SELECT id, type, subject_type, subject_id, data, audience, occurred_at FROM outbox_events WHERE id = ?")
    .bind(id)
    .first<EventRow>();
  return row ? eventFromRow(row) : null;
}

const deliveryActor = (id: string): Actor => ({ id: null, label: "delivery", requestId: `delivery:${id}` });

export interface AttemptOutcome {
  ok: boolean;
  /** The receiver's HTTP status, if it answered. */
  httpStatus: number | null;
  /** Why it failed, briefly (never the message body). */
  error: string | null;
}

/**
 * Records one attempt: the delivery's counters and, on the audit record, its outcome — event, channel,
 * target, attempt number, HTTP status, error — never the message body. `extra` writes (the e-mail kept
 * in the outbox) land in the same batch. Guarded on the delivery still pending.
 */
export async function recordAttempt(
  d1: D1Database,
  delivery: DeliveryRow,
  attempt: number,
  outcome: AttemptOutcome,
  extra: D1PreparedStatement[] = [],
): Promise<boolean> {
  const now = clock.iso();
  const result = await commit(
    d1,
    deliveryActor(delivery.id),
    [
      ...extra,
      d1
        .prepare(
          `UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?,
             status = CASE WHEN ? THEN 'delivered' ELSE status END, delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END
           WHERE id = ? AND status = 'pending'`,
        )
        .bind(
          now,
          outcome.httpStatus,
          outcome.error?.slice(0, 500) ?? null,
          outcome.ok ? 1 : 0,
          outcome.ok ? 1 : 0,
          now,
          delivery.id,
        ),
    ],
    [
      {
        action: outcome.ok ? "delivery.delivered" : "delivery.attempt_failed",
        subjectType: "delivery",
        subjectId: delivery.id,
        after: {
          eventId: delivery.eventId,
          eventType: delivery.eventType,
          channel: delivery.channel,
          targetId: delivery.targetId,
          attempt,
          httpStatus: outcome.httpStatus,
          error: outcome.error?.slice(0, 500) ?? null,
        },
      },
    ],
    { onlyIfChanged: true },
  );
  return result.applied;
}

/** The dead-letter queue's consumer: the delivery has failed for good until an admin retries it. */
export async function markDead(d1: D1Database, deliveryId: string, attempts: number): Promise<boolean> {
  const delivery = await getDelivery(d1, deliveryId);
  if (!delivery) return false;
  const now = clock.iso();
  const result = await commit(
    d1,
    deliveryActor(deliveryId),
    [
      d1
        .prepare("UPDATE deliveries SET status = 'failed', dead_at = ? WHERE id = ? AND status = 'pending'")
        .bind(now, deliveryId),
    ],
    [
      {
        action: "delivery.dead_lettered",
        subjectType: "delivery",
        subjectId: deliveryId,
        after: {
          eventId: delivery.eventId,
          eventType: delivery.eventType,
          channel: delivery.channel,
          targetId: delivery.targetId,
          attempts,
          lastStatus: delivery.lastStatus,
          lastError: delivery.lastError,
        },
      },
    ],
    { onlyIfChanged: true },
  );
  return result.applied;
}

/** An admin sends failed deliveries again: back to pending, and onto the queue at once. */
export async function retryDeliveries(
  d1: D1Database,
  actor: Actor,
  queue: DeliverySender | undefined,
  ids: string[],
): Promise<DeliveryRow[]> {
  const out: DeliveryRow[] = [];
  for (const id of ids) {
    const before = await getDelivery(d1, id);
    if (!before) throw new ApiError("not_found", `No delivery with id '${id}'.`);
    if (before.status !== "failed")
      throw new ApiError("conflict", `Delivery ${id} is ${before.status}; only failed deliveries are retried.`);
    const result = await commit(
      d1,
      actor,
      [
        d1
          .prepare(
            "UPDATE deliveries SET status = 'pending', queued_at = NULL, dead_at = NULL WHERE id = ? AND status = 'failed'",
          )
          .bind(id),
      ],
      [
        {
          action: "delivery.retry_requested",
          subjectType: "delivery",
          subjectId: id,
          before: { status: "failed", attempts: before.attempts },
          after: { status: "pending" },
        },
      ],
      { onlyIfChanged: true },
    );
    if (!result.applied) throw new ApiError("conflict", `Delivery ${id} changed at the same moment; reload.`);
  }
  if (queue) await queuePending(d1, queue);
  for (const id of ids) out.push((await getDelivery(d1, id))!);
  return out;
}
