import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./identity";

// Domain events, written in the same D1 batch as the change that causes them (src/repo/audit.ts,
// `commit(..., { events })`), then fanned out into deliveries by the dispatcher (src/repo/outbox.ts).
export const outboxEvents = sqliteTable(
  "outbox_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    // JSON: what receivers are told (ids, statuses, times; never sensitive free text).
    data: text("data").notNull(),
    // JSON: who is told by e-mail ({ roles, userIds, excludeUserIds }).
    audience: text("audience").notNull(),
    occurredAt: text("occurred_at").notNull(),
    requestId: text("request_id").notNull(),
    dispatchedAt: text("dispatched_at"),
  },
  // Only events still to dispatch, in the dispatcher's order (migration 0020).
  (t) => [index("outbox_events_undispatched").on(t.occurredAt, t.id).where(sql`${t.dispatchedAt} IS NULL`)],
);

// One row per event per destination (a webhook endpoint, or a person's e-mail): its attempts and outcome.
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id")
      .notNull()
      .references(() => outboxEvents.id),
    channel: text("channel").notNull(),
    targetId: text("target_id").notNull(),
    // pending | delivered | failed (dead-lettered)
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastAttemptAt: text("last_attempt_at"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    queuedAt: text("queued_at"),
    deliveredAt: text("delivered_at"),
    deadAt: text("dead_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_event_target").on(t.eventId, t.channel, t.targetId),
    index("deliveries_status").on(t.status, t.queuedAt),
  ],
);

export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  description: text("description").notNull(),
  // JSON array of event types ("*" for all that webhooks carry).
  eventTypes: text("event_types").notNull(),
  // AES-GCM ciphertext of the signing secret (key: the WEBHOOK_ENCRYPTION_KEY Worker secret).
  secretEnc: text("secret_enc").notNull(),
  previousSecretEnc: text("previous_secret_enc"),
  previousSecretUntil: text("previous_secret_until"),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
  disabledAt: text("disabled_at"),
});

// What each person was told (listed on their own page), whether or not it was e-mailed.
export const notifications = sqliteTable(
  "notifications",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    eventId: text("event_id")
      .notNull()
      .references(() => outboxEvents.id),
    category: text("category").notNull(),
    emailed: integer("emailed", { mode: "boolean" }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.eventId] }), index("notifications_user").on(t.userId, t.createdAt)],
);

export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    category: text("category").notNull(),
    email: integer("email", { mode: "boolean" }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

// E-mails as sent: to GOV.UK Notify (via = 'notify'), or, without an API key, kept here only (via = 'local').
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => deliveries.id),
    eventId: text("event_id").notNull(),
    toAddress: text("to_address").notNull(),
    templateId: text("template_id").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    via: text("via").notNull(),
    notifyId: text("notify_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("email_outbox_delivery").on(t.deliveryId)],
);

// Scheduled reminders already raised (the cron sweep raises each one once).
export const remindersSent = sqliteTable("reminders_sent", {
  key: text("key").primaryKey(),
  eventType: text("event_type").notNull(),
  sentAt: text("sent_at").notNull(),
});
