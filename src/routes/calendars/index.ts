import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IsoDateSchema } from "../schemas";
import { DIVISIONS } from "../../domain/calendar";
import {
  addAppointedDay,
  currentBankHolidays,
  listAppointedDays,
  removeAppointedDay,
  uploadBankHolidays,
} from "../../repo/calendar-admin";
import { holidayDataAge } from "../../repo/calendar-data";
import { timetableRouter } from "./timetable";

const tags = ["Calendars"];
const Division = z.enum(DIVISIONS);

const EventSchema = z.object({
  title: z.string().min(1).max(200),
  date: IsoDateSchema,
  notes: z.string().max(200).default(""),
  bunting: z.boolean().default(false),
});

const divisionFile = (division: (typeof DIVISIONS)[number]) =>
  z
    .object({ division: z.literal(division), events: z.array(EventSchema).min(1).max(500) })
    .refine((d) => new Set(d.events.map((e) => e.date)).size === d.events.length, {
      message: "A date appears twice.",
      path: ["events"],
    });

// gov.uk's file has exactly these three divisions; anything else in it means it is not that file.
const BankHolidayFileSchema = z
  .strictObject({
    "england-and-wales": divisionFile("england-and-wales"),
    scotland: divisionFile("scotland"),
    "northern-ireland": divisionFile("northern-ireland"),
  })
  .openapi("BankHolidayFile", { description: "The gov.uk bank-holidays.json file, as published" });

const AppointedDaySchema = z
  .strictObject({
    date: IsoDateSchema,
    title: z.string().trim().min(1).max(200),
    divisions: z.array(Division).min(1),
    source: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .openapi({ description: "The proclamation or announcement that appointed the day" }),
  })
  .openapi("AppointedDay");

const getBankHolidays = defineRoute({
  method: "get",
  path: "/v1/calendars/bank-holidays",
  tags,
  summary: "The bank holidays in force (bundled data overlaid with uploads)",
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      "gov.uk shape, plus each division's coverage and `dataAge` (when the bundled file was taken; a warning when the data ends within 18 months)",
    ),
  },
});

const putBankHolidays = defineRoute({
  method: "put",
  path: "/v1/calendars/bank-holidays",
  tags,
  summary: "Upload a newer gov.uk bank-holidays.json",
  description:
    "Validated as a whole; a malformed file changes nothing. For each division, the years in the file replace those years; other years are kept.",
  request: { body: body(BankHolidayFileSchema) },
  responses: {
    200: json(
      z.object({
        uploadedAt: z.string(),
        divisions: z.record(z.string(), z.object({ years: z.array(z.number()), events: z.number() })),
      }),
      "Uploaded",
    ),
  },
});

const listDays = defineRoute({
  method: "get",
  path: "/v1/calendars/appointed-days",
  tags,
  summary: "Days appointed for public thanksgiving or mourning (disregarded in timetables)",
  responses: {
    200: json(z.object({ appointedDays: z.array(AppointedDaySchema.extend({ createdAt: z.string() })) }), "The days"),
  },
});

const addDay = defineRoute({
  method: "post",
  path: "/v1/calendars/appointed-days",
  tags,
  summary: "Record a day appointed for public thanksgiving or mourning",
  request: { body: body(AppointedDaySchema) },
  responses: {
    201: json(AppointedDaySchema.extend({ createdAt: z.string() }), "Recorded"),
    409: problem("Already recorded"),
  },
});

const removeDay = defineRoute({
  method: "delete",
  path: "/v1/calendars/appointed-days/{date}",
  tags,
  summary: "Remove a recorded appointed day",
  request: { params: z.object({ date: IsoDateSchema.openapi({ param: { name: "date", in: "path" } }) }) },
  responses: { 204: { description: "Removed" }, 404: problem("Not recorded") },
});

export const calendarsRouter = createRouter()
  .route("/", timetableRouter)
  .openapi(getBankHolidays, async (c) =>
    c.json({ ...(await currentBankHolidays(c.env.DB)), dataAge: await holidayDataAge(c.env.DB) }, 200),
  )
  .openapi(putBankHolidays, async (c) =>
    c.json(await uploadBankHolidays(c.env.DB, actorOf(c), c.req.valid("json")), 200),
  )
  .openapi(listDays, async (c) => c.json({ appointedDays: await listAppointedDays(c.env.DB) }, 200))
  .openapi(addDay, async (c) => c.json(await addAppointedDay(c.env.DB, actorOf(c), c.req.valid("json")), 201))
  .openapi(removeDay, async (c) => {
    await removeAppointedDay(c.env.DB, actorOf(c), c.req.valid("param").date);
    return c.body(null, 204);
  });
