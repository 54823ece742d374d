import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// The tamper-evident record. `seq` is SQLite's row id, assigned in commit order; `prev_hash` and
// `hash` are filled in ("sealed") right after the entry is written (see src/repo/audit.ts).
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey(),
    at: text("at").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    // Canonical JSON of { before, after }.
    summary: text("summary").notNull(),
    requestId: text("request_id").notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
    // The business rows this entry wrote: JSON [{table, key, state}], the state read by SQLite in the
    // same transaction. Null for entries that record no row.
    rows: text("rows"),
  },
  (t) => [
    uniqueIndex("audit_log_hash_unique").on(t.hash),
    index("audit_log_subject").on(t.subjectType, t.subjectId),
    index("audit_log_actor").on(t.actorId),
    index("audit_log_at").on(t.at),
  ],
);

/** The chain's anchor (one row): entries ever written, and the newest sealed head. */
export const auditAnchor = sqliteTable("audit_anchor", {
  id: integer("id").primaryKey(),
  entries: integer("entries").notNull(),
  headSeq: integer("head_seq").notNull(),
  headHash: text("head_hash").notNull(),
  updatedAt: text("updated_at").notNull(),
});
