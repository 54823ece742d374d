import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Versions of the screening lexicons (comms managers edit them; each edit is a new version). */
export const lexiconVersions = sqliteTable("lexicon_versions", {
  version: integer("version").primaryKey(),
  content: text("content").notNull(),
  note: text("note").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
});

export const posts = sqliteTable(
  "posts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    authorId: text("author_id").notNull(),
    status: text("status").notNull(),
    version: integer("version").notNull(),
    publishAt: text("publish_at").notNull(),
    /** JSON: the approval steps that apply to the current version. */
    steps: text("steps").notNull(),
    /** Bumped by every decision: a decision lands only on the state it was made against. */
    decisionSeq: integer("decision_seq").notNull().default(0),
    /** The Workflow instance that schedules this version, and when it was confirmed started. */
    workflowInstance: text("workflow_instance"),
    workflowStartedAt: text("workflow_started_at"),
    statusReason: text("status_reason"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("posts_status").on(t.status),
    index("posts_account").on(t.accountId),
    index("posts_author").on(t.authorId),
  ],
);

/** Every version of a post is kept, with its screening as it stood. */
export const postVersions = sqliteTable(
  "post_versions",
  {
    postId: text("post_id").notNull(),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    links: text("links").notNull(),
    media: text("media").notNull(),
    essentialReason: text("essential_reason"),
    campaignPlannedOn: text("campaign_planned_on"),
    consents: text("consents").notNull(),
    screening: text("screening").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.version] })],
);

/**
 * One row per decision. The unique key (post, version, approver) means an approver decides a version
 * once; the post's status guard means only one rejection or change request lands.
 */
export const postDecisions = sqliteTable(
  "post_decisions",
  {
    id: text("id").primaryKey(),
    postId: text("post_id").notNull(),
    version: integer("version").notNull(),
    approverId: text("approver_id").notNull(),
    role: text("role").notNull(),
    decision: text("decision").notNull(), // approve | reject | request_changes | override
    reason: text("reason"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("post_decisions_once").on(t.postId, t.version, t.approverId),
    index("post_decisions_post").on(t.postId),
  ],
);

/** Emergency stop: all publishing, or one account's, held until lifted. */
export const publishingStops = sqliteTable("publishing_stops", {
  id: text("id").primaryKey(),
  accountId: text("account_id"),
  reason: text("reason").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
  liftedBy: text("lifted_by"),
  liftedAt: text("lifted_at"),
});

export const accountApprovalPolicies = sqliteTable("account_approval_policies", {
  accountId: text("account_id").primaryKey(),
  /** JSON: [{ roles: Role[], mode: "any" | "all" }] */
  steps: text("steps").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** Written only by the benchmark's plain-insert baseline route (enabled by BENCH_ROUTES). */
export const benchProbes = sqliteTable("bench_probes", {
  id: text("id").primaryKey(),
  body: text("body").notNull(),
  createdAt: text("created_at").notNull(),
});
