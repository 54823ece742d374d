import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// The tamper-evident record. `seq` is assigned by the writer as head+1: the primary key makes two
// writers that read the same head collide, so the chain can never fork (see src/repo/audit.ts).
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
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_log_hash_unique").on(t.hash),
    index("audit_log_subject").on(t.subjectType, t.subjectId),
    index("audit_log_actor").on(t.actorId),
    index("audit_log_at").on(t.at),
  ],
);
