import { z } from "@hono/zod-openapi";
import { ELECTION_KINDS, NATIONS } from "../../domain/election-rules";
import { IsoDateSchema, IsoInstant } from "../schemas";
import { TimetableSchema } from "../calendars/timetable";

export const AreaIds = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(200)
  .refine((a) => new Set(a).size === a.length, "Areas must not repeat.");

export const PurdahWindowSchema = z
  .object({
    electionId: z.string(),
    title: z.string(),
    kind: z.enum(ELECTION_KINDS),
    pollDate: IsoDateSchema,
    areaIds: z.array(z.string()),
    start: IsoInstant.openapi({ description: "00:00 Europe/London on the start day, in UTC" }),
    end: IsoInstant.openapi({ description: "Exclusive" }),
    startDate: IsoDateSchema,
    startBasis: z.enum(["notice_published", "latest_legal_notice", "dissolution", "combined_poll"]),
    endBasis: z.enum(["close_of_poll", "declaration", "expected_declaration"]),
    source: z.string(),
    combinedWith: z
      .array(
        z.object({ electionId: z.string(), title: z.string(), kind: z.enum(ELECTION_KINDS), startDate: IsoDateSchema }),
      )
      .optional()
      .openapi({
        description:
          "Elections polling the same day in overlapping areas: the period runs from the earliest of their starts",
      }),
    ownStartDate: IsoDateSchema.optional().openapi({
      description: "This election's own start, where a combined poll moved the period earlier",
    }),
  })
  .openapi("PurdahWindow");

export const ElectionSchema = z
  .object({
    id: z.string().openapi({ example: "local.demo-council.riverside.2026-05-07" }),
    title: z.string(),
    kind: z.enum(ELECTION_KINDS),
    nation: z.enum(NATIONS),
    byElection: z.boolean(),
    businessReferendum: z.boolean(),
    pollDate: IsoDateSchema,
    areaIds: z.array(z.string()),
    noticePublishedOn: IsoDateSchema.nullable(),
    writReceived: IsoDateSchema.nullable().openapi({
      description: "UK Parliament by-elections: the day the returning officer received the writ",
    }),
    declarationAt: IsoInstant.nullable(),
    status: z.enum(["scheduled", "cancelled"]),
    cycleId: z.string().nullable(),
    timetable: TimetableSchema.nullable(),
    timetableProblem: z.string().nullable(),
    preElectionPeriod: PurdahWindowSchema.nullable(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
  })
  .openapi("Election");

export const NewElectionSchema = z
  .strictObject({
    kind: z.enum(ELECTION_KINDS),
    nation: z.enum(NATIONS).optional().openapi({ description: "Defaults to the council's nation" }),
    pollDate: IsoDateSchema,
    areaIds: AreaIds,
    byElection: z.boolean().optional(),
    businessReferendum: z.boolean().optional(),
    title: z.string().trim().min(1).max(200).optional(),
    noticePublishedOn: IsoDateSchema.nullable()
      .optional()
      .openapi({ description: "The day the notice of election was actually published" }),
    writReceived: IsoDateSchema.nullable().optional().openapi({
      description:
        "UK Parliament by-elections: the day the returning officer received the writ; the timetable runs forward from it",
    }),
  })
  .openapi("NewElection");

export const ElectionPatchSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    noticePublishedOn: IsoDateSchema.nullable().optional(),
    writReceived: IsoDateSchema.nullable().optional(),
    declarationAt: IsoInstant.nullable().optional(),
    status: z.enum(["scheduled", "cancelled"]).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, "Give at least one field to change.")
  .openapi("ElectionPatch");

export const CycleInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(ELECTION_KINDS),
    nation: z.enum(NATIONS).optional(),
    rrule: z.string().min(1).max(500).openapi({ example: "FREQ=YEARLY;INTERVAL=4;BYMONTH=5;BYDAY=1TH" }),
    dtstart: IsoDateSchema,
    exdates: z.array(IsoDateSchema).max(100).optional(),
    areaIds: AreaIds,
  })
  .openapi("ElectionCycleInput");

export const CycleSchema = CycleInputSchema.extend({
  id: z.string(),
  nation: z.enum(NATIONS),
  exdates: z.array(IsoDateSchema),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  retiredAt: IsoInstant.nullable(),
}).openapi("ElectionCycle");

export const CycleChangeSchema = z
  .object({ cycle: CycleSchema, generated: z.array(ElectionSchema), withdrawn: z.array(z.string()) })
  .openapi("ElectionCycleChange");
