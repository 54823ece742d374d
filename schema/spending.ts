import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A candidate standing in an election for an area (RULES.md §3). */
export const candidacies = sqliteTable(
  "candidacies",
  {
    id: text("id").primaryKey(),
    candidateId: text("candidate_id").notNull(),
    electionId: text("election_id").notNull(),
    areaId: text("area_id").notNull(),
    /** Electors on the last day for publishing the notice of election. */
    electorate: integer("electorate").notNull(),
    jointCandidates: integer("joint_candidates").notNull(),
    constituencyType: text("constituency_type"),
    agentId: text("agent_id"),
    announcedOn: text("announced_on"),
    nominatedOn: text("nominated_on"),
    /** open | submitted | correcting */
    returnState: text("return_state").notNull(),
    /** Why the open correction was opened; goes onto the next version. */
    correctionReason: text("correction_reason"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("candidacies_once").on(t.candidateId, t.electionId), index("candidacies_agent").on(t.agentId)],
);

export const expenseItems = sqliteTable(
  "expense_items",
  {
    id: text("id").primaryKey(),
    candidacyId: text("candidacy_id").notNull(),
    incurredOn: text("incurred_on").notNull(),
    paidOn: text("paid_on"),
    supplier: text("supplier").notNull(),
    description: text("description").notNull(),
    category: text("category").notNull(),
    subType: text("sub_type").notNull(),
    platform: text("platform"),
    amountPence: integer("amount_pence").notNull(),
    vatPence: integer("vat_pence").notNull(),
    invoiceRef: text("invoice_ref"),
    invoiceHeld: integer("invoice_held", { mode: "boolean" }).notNull(),
    marketValuePence: integer("market_value_pence"),
    apportionedPence: integer("apportioned_pence"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    deletedAt: text("deleted_at"),
  },
  (t) => [index("expense_items_candidacy").on(t.candidacyId)],
);

export const digitalImprints = sqliteTable("digital_imprints", {
  id: text("id").primaryKey(),
  candidacyId: text("candidacy_id").notNull(),
  material: text("material").notNull(),
  location: text("location").notNull(),
  text: text("text").notNull(),
  check: text("check").notNull(),
  createdAt: text("created_at").notNull(),
});

/** Submitted returns: immutable; a correction is a new version. */
export const spendingReturns = sqliteTable(
  "spending_returns",
  {
    candidacyId: text("candidacy_id").notNull(),
    version: integer("version").notNull(),
    snapshot: text("snapshot").notNull(),
    sha256: text("sha256").notNull(),
    submittedBy: text("submitted_by").notNull(),
    submittedAt: text("submitted_at").notNull(),
    correctionReason: text("correction_reason"),
    receivedOn: text("received_on"),
    receivedBy: text("received_by"),
  },
  (t) => [primaryKey({ columns: [t.candidacyId, t.version] })],
);

/** Limit rows added after deployment (a new statutory instrument); calendars/spending-limits.json has the rest. */
export const spendingLimitRows = sqliteTable("spending_limit_rows", {
  id: text("id").primaryKey(),
  content: text("content").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
});
