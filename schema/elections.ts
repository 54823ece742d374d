import { foreignKey, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row (id = 1): the council itself and how it reads the pre-election rules. */
export const councilSettings = sqliteTable("council_settings", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull(),
  nation: text("nation").notNull(),
  /** The area that is the whole council (root of its areas). */
  areaId: text("area_id"),
  purdahEnds: text("purdah_ends").notNull(), // close_of_poll | declaration
  generalElectionPurdahStarts: text("general_election_purdah_starts").notNull(), // notice | dissolution
  /** JSON { phones, emails, addresses }: the council's own published contacts (not personal data, 8.3). */
  publishedContacts: text("published_contacts").notNull().default('{"phones":[],"emails":[],"addresses":[]}'),
  updatedAt: text("updated_at").notNull(),
});

export const areas = sqliteTable(
  "areas",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    parentId: text("parent_id"),
    gssCode: text("gss_code"),
    createdAt: text("created_at").notNull(),
    retiredAt: text("retired_at"),
  },
  (t) => [index("areas_parent").on(t.parentId)],
);

export const electionCycles = sqliteTable("election_cycles", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  nation: text("nation").notNull(),
  /** RFC 5545 RRULE (without DTSTART), e.g. FREQ=YEARLY;INTERVAL=4;BYMONTH=5;BYDAY=1TH */
  rrule: text("rrule").notNull(),
  dtstart: text("dtstart").notNull(),
  /** JSON array of ISO dates skipped (the county year for councils electing by thirds). */
  exdates: text("exdates").notNull(),
  /** JSON array of area ids each generated election covers. */
  areaIds: text("area_ids").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
  retiredAt: text("retired_at"),
});

export const elections = sqliteTable(
  "elections",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    nation: text("nation").notNull(),
    byElection: integer("by_election", { mode: "boolean" }).notNull(),
    businessReferendum: integer("business_referendum", { mode: "boolean" }).notNull().default(false),
    pollDate: text("poll_date").notNull(),
    noticePublishedOn: text("notice_published_on"),
    /** UK Parliament by-elections: the day the returning officer received the writ. */
    writReceived: text("writ_received"),
    declarationAt: text("declaration_at"),
    status: text("status").notNull(), // scheduled | cancelled
    cycleId: text("cycle_id"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("elections_poll").on(t.pollDate), index("elections_cycle").on(t.cycleId)],
);

export const electionAreas = sqliteTable(
  "election_areas",
  {
    electionId: text("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    areaId: text("area_id")
      .notNull()
      .references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.areaId] }), index("election_areas_area").on(t.areaId)],
);

/**
 * The statement of persons nominated (SOPN) for an election, as democratic services records it: the
 * candidates, users of the service or not, whom pre-election screening must recognise by name. A
 * candidate stands in one of the election's own areas, which the foreign key to election_areas keeps.
 */
export const nominations = sqliteTable(
  "nominations",
  {
    id: text("id").primaryKey(),
    electionId: text("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    areaId: text("area_id").notNull(),
    name: text("name").notNull(),
    /** The description on the ballot paper: a party's registered description, or "Independent". */
    description: text("description"),
    withdrawnAt: text("withdrawn_at"),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [
    index("nominations_election_area").on(t.electionId, t.areaId),
    foreignKey({
      columns: [t.electionId, t.areaId],
      foreignColumns: [electionAreas.electionId, electionAreas.areaId],
      name: "nominations_election_area_fk",
    }).onDelete("cascade"),
  ],
);

/** Bank holidays uploaded by an administrator (gov.uk file); they override the bundled years. */
export const bankHolidayUploads = sqliteTable(
  "bank_holiday_uploads",
  {
    division: text("division").notNull(),
    date: text("date").notNull(),
    title: text("title").notNull(),
    notes: text("notes").notNull(),
    bunting: integer("bunting", { mode: "boolean" }).notNull(),
    uploadedAt: text("uploaded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.division, t.date] })],
);

/** Days appointed for public thanksgiving or mourning that are not bank holidays (2006 Rules r.2). */
export const appointedDays = sqliteTable("appointed_days", {
  date: text("date").primaryKey(),
  title: text("title").notNull(),
  divisions: text("divisions").notNull(), // JSON array
  source: text("source").notNull(),
  createdAt: text("created_at").notNull(),
});
