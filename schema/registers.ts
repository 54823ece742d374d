import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** The council's own accounts (register kept by the comms manager). */
export const corporateAccounts = sqliteTable(
  "corporate_accounts",
  {
    id: text("id").primaryKey(),
    platform: text("platform").notNull(),
    handle: text("handle").notNull(),
    /** Lower-cased, without a leading @: handles are unique per platform whatever the case. */
    handleKey: text("handle_key").notNull(),
    url: text("url").notNull(),
    owningService: text("owning_service").notNull(),
    ownerId: text("owner_id").notNull(),
    purpose: text("purpose").notNull(),
    status: text("status").notNull(), // active | suspended | closed
    lastReviewedOn: text("last_reviewed_on"),
    nextReviewOn: text("next_review_on").notNull(),
    purdahBehaviour: text("purdah_behaviour").notNull(), // gate | pause | close
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    closedAt: text("closed_at"),
  },
  // A closed account keeps its record; only open accounts hold a handle.
  (t) => [uniqueIndex("corporate_accounts_handle_open").on(t.platform, t.handleKey).where(sql`status != 'closed'`)],
);

export const corporateAccountAdmins = sqliteTable(
  "corporate_account_admins",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => corporateAccounts.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userId] })],
);

export const corporateAccountAreas = sqliteTable(
  "corporate_account_areas",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => corporateAccounts.id, { onDelete: "cascade" }),
    areaId: text("area_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.areaId] })],
);

/** Councillors' own accounts, registered by the councillor, with their compliance check. */
export const councillorAccounts = sqliteTable(
  "councillor_accounts",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    platform: text("platform").notNull(),
    handle: text("handle").notNull(),
    handleKey: text("handle_key").notNull(),
    url: text("url").notNull(),
    kind: text("kind").notNull(),
    displayName: text("display_name"),
    bio: text("bio").notNull(),
    usesLogo: integer("uses_logo", { mode: "boolean" }).notNull(),
    compliance: text("compliance").notNull(), // JSON: { compliant, findings[] }
    checkedAt: text("checked_at").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [
    uniqueIndex("councillor_accounts_handle_open").on(t.platform, t.handleKey).where(sql`removed_at IS NULL`),
    index("councillor_accounts_owner").on(t.ownerId),
  ],
);

/** Policy 5.5: a councillor asks not to identify themselves; the ICT manager decides. */
export const securityExemptions = sqliteTable(
  "security_exemptions",
  {
    id: text("id").primaryKey(),
    councillorId: text("councillor_id").notNull(),
    reason: text("reason").notNull(),
    status: text("status").notNull(), // pending | approved | rejected
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    decisionReason: text("decision_reason"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("security_exemptions_councillor").on(t.councillorId)],
);

/** Policy 5.3, 5.4: use of the council logo, decided by the chief executive (workflows/logo-request.ts). */
export const logoRequests = sqliteTable(
  "logo_requests",
  {
    id: text("id").primaryKey(),
    requesterId: text("requester_id").notNull(),
    targetType: text("target_type").notNull(), // councillor_account | corporate_account | website
    accountId: text("account_id"),
    siteUrl: text("site_url").notNull(),
    purpose: text("purpose").notNull(),
    siteRelation: text("site_relation").notNull(),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    status: text("status").notNull(), // pending | approved | rejected | expired
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    decisionReason: text("decision_reason"),
    clause: text("clause"),
    remindedAt: text("reminded_at"),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("logo_requests_status").on(t.status), index("logo_requests_account").on(t.accountId)],
);

/** Policy 11.3: the council asks for content to be removed or an account closed. */
export const takedownRequests = sqliteTable("takedown_requests", {
  id: text("id").primaryKey(),
  targetType: text("target_type").notNull(), // corporate_account | councillor_account
  targetId: text("target_id").notNull(),
  scope: text("scope").notNull(), // content | account
  contentUrl: text("content_url"),
  reason: text("reason").notNull(),
  clause: text("clause").notNull(),
  requestedBy: text("requested_by").notNull(),
  createdAt: text("created_at").notNull(),
  outcome: text("outcome").notNull(), // pending | removed | closed | declined
  outcomeNote: text("outcome_note"),
  outcomeBy: text("outcome_by"),
  outcomeAt: text("outcome_at"),
});

/** Policy 7.2, 11.4 (abuse received) and 11.1 (complaints for the monitoring officer). */
export const incidentReports = sqliteTable(
  "incident_reports",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(), // abuse_report | policy_complaint
    reporterId: text("reporter_id").notNull(),
    routedTo: text("routed_to").notNull(), // democratic_services | monitoring_officer
    summary: text("summary").notNull(),
    details: text("details").notNull(),
    url: text("url"),
    subjectUserId: text("subject_user_id"),
    policeReferral: integer("police_referral", { mode: "boolean" }).notNull(),
    status: text("status").notNull(), // open | closed
    outcome: text("outcome"),
    closedBy: text("closed_by"),
    closedAt: text("closed_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("incident_reports_reporter").on(t.reporterId)],
);
