import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Browser sessions for the web pages. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull(),
    /** Per-session CSRF token, echoed in every form. */
    csrf: text("csrf").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Idempotency keys (src/lib/idempotency.ts): the first response to a create, replayed on a retry. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    state: text("state").notNull(), // in_progress | done
    statusCode: integer("status_code"),
    contentType: text("content_type"),
    location: text("location"),
    body: text("body"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("idempotency_keys_created").on(t.createdAt)],
);
