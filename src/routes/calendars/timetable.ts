import type { Context } from "hono";
import { answerMemo, rawQuery } from "../answer-memo";
import { createRouter, defineRoute, json, z } from "../openapi";
import { BooleanQuery, IsoDateSchema } from "../schemas";
import { ELECTION_KINDS, NATIONS } from "../../domain/election-rules";
import { computeTimetable, type Timetable } from "../../domain/timetable";
import { DIVISIONS, type HolidayData } from "../../domain/calendar";
import { holidayData } from "../../repo/calendar-data";
import { domainToApi } from "../../repo/elections";

export const TimetableSchema = z
  .object({
    kind: z.enum(ELECTION_KINDS),
    nation: z.enum(NATIONS),
    byElection: z.boolean(),
    pollDate: IsoDateSchema,
    bankHolidaysOf: z.enum([...DIVISIONS, "united-kingdom"]).openapi({
      description:
        "Whose bank holidays are disregarded: the nation's, or at a UK general election every part of the UK's",
    }),
    writReceived: IsoDateSchema.optional().openapi({ description: "UK Parliament by-elections" }),
    dissolution: IsoDateSchema.optional().openapi({ description: "UK Parliament general elections only" }),
    noticeOfElectionFrom: IsoDateSchema.optional().openapi({
      description: "Scotland: the earliest day the notice may be published",
    }),
    noticeOfElectionBy: IsoDateSchema,
    nominationsCloseFrom: IsoDateSchema.optional().openapi({
      description: "UK Parliament by-elections: the earliest day the returning officer may fix for the close",
    }),
    nominationsCloseBy: IsoDateSchema.nullable(),
    statementOfPersonsNominatedBy: IsoDateSchema.nullable().openapi({
      description: "If no objections were made (at a UK general election, 5pm on the 19th working day)",
    }),
    statementOfPersonsNominatedIfObjectionsBy: IsoDateSchema.optional().openapi({
      description: "UK general elections: 4pm on the 18th working day, where objections were made",
    }),
    registrationDeadline: IsoDateSchema,
    postalVoteDeadline: IsoDateSchema,
    proxyDeadline: IsoDateSchema,
    candidateFrom: IsoDateSchema.nullable().openapi({
      description:
        "The day a person already announced becomes a candidate (dissolution at a general election, else the last day for the notice); spending counts from the next day",
    }),
    preElectionPeriod: z.object({ start: IsoDateSchema, end: IsoDateSchema }),
    spendingReturnDue: IsoDateSchema.optional(),
    sources: z.record(z.string(), z.string()).openapi({ description: "The statute or rule behind each date" }),
    notes: z.array(z.string()),
  })
  .openapi("Timetable");

const TimetableQuery = z.object({
  kind: z.enum(ELECTION_KINDS),
  nation: z.enum(NATIONS),
  poll: IsoDateSchema,
  byElection: BooleanQuery.optional(),
  writ: IsoDateSchema.optional().openapi({
    description: "UK Parliament by-elections: the day the returning officer received the writ",
  }),
  declared: IsoDateSchema.optional().openapi({
    description: "Date of the declaration of result: adds spendingReturnDue",
  }),
  businessReferendum: BooleanQuery.optional(),
  purdahStarts: z.enum(["notice", "dissolution"]).optional().openapi({
    description:
      "General elections: start the pre-election period at dissolution or at the notice of election (default)",
  }),
});

const route = defineRoute({
  method: "get",
  path: "/v1/timetable",
  tags: ["Elections"],
  summary: "Statutory election timetable calculator (public)",
  description:
    "Counts each milestone back from the poll in working days, disregarding the days the election rules disregard. Each date cites its source.",
  request: { query: TimetableQuery },
  responses: { 200: json(TimetableSchema, "The timetable") },
});

// The same question asked again (a popular poll date) is answered from memory until the calendar
// changes, already serialised: most of a repeat answer's cost was turning the timetable into JSON.
const memo = answerMemo<HolidayData>();
const send = (c: Context, body: string) =>
  c.body(body, 200, { "content-type": "application/json; charset=UTF-8", "cache-control": "public, max-age=300" });

const router = createRouter();
// A query string answered before (so valid then) is answered again without parsing it.
router.use("/v1/timetable", async (c, next) => {
  if (c.req.method !== "GET") return next();
  const hit = memo.get(await holidayData(c.env.DB), rawQuery(c.req.url));
  if (hit !== undefined) return send(c, hit);
  return next();
});

export const timetableRouter = router.openapi(route, async (c) => {
  const q = c.req.valid("query");
  const data = await holidayData(c.env.DB);
  const key = JSON.stringify(q);
  let body = memo.get(data, key);
  if (body === undefined) {
    let timetable: Timetable;
    try {
      timetable = computeTimetable(
        {
          kind: q.kind,
          nation: q.nation,
          poll: q.poll,
          byElection: q.byElection,
          writ: q.writ,
          declared: q.declared,
          businessReferendum: q.businessReferendum,
          generalElectionPurdahStarts: q.purdahStarts,
        },
        data,
      );
    } catch (err) {
      return domainToApi(err, "query", {
        poll: "/poll",
        kind: "/kind",
        byElection: "/byElection",
        writ: "/writ",
        declared: "/declared",
      });
    }
    body = JSON.stringify(timetable);
    memo.set(data, key, body);
  }
  memo.set(data, rawQuery(c.req.url), body);
  return send(c, body) as never;
});
