import { actorOf, body, callerOf, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam, IsoDateSchema } from "../schemas";
import {
  addExpense,
  addImprint,
  createCandidacy,
  deleteExpense,
  getCandidacyRow,
  candidacyView,
  listCandidacies,
  updateCandidacy,
  updateExpense,
} from "../../repo/candidacies";
import { getReturn, markReceived, openCorrection, submitReturn } from "../../repo/spending-returns";
import { addLimitRow, limitRows } from "../../repo/spending-limits";
import { checkImprint } from "../../domain/spending";
import { toCsv, toHtml } from "../../domain/return-export";
import { ELECTION_KINDS, NATIONS } from "../../domain/election-rules";

const tags = ["Candidates' spending"];
const Pence = z.number().int("Whole pence only.").min(0, "Not negative.").max(100_000_000);
const Params = z.object({ candidacyId: IdParam("candidacyId") });
const ExpenseParams = Params.extend({ expenseId: IdParam("expenseId") });
const VersionParams = Params.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "version", in: "path" } }),
});

const CandidacyFields = {
  electionId: z.string().min(1).max(200),
  areaId: z.string().min(1).max(100),
  electorate: z
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .openapi({ description: "Electors on the last day for publishing the notice of election" }),
  jointCandidates: z.number().int().min(1).max(20).default(1),
  constituencyType: z.enum(["borough", "county"]).nullable().optional(),
  agentId: z.string().max(200).nullable().optional(),
  announcedOn: IsoDateSchema.nullable().optional(),
  nominatedOn: IsoDateSchema.nullable().optional(),
};
const ExpenseFields = {
  incurredOn: IsoDateSchema,
  paidOn: IsoDateSchema.nullable().optional(),
  supplier: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(1000),
  subType: z.enum(["paid_social_ads", "website", "video", "design", "other"]),
  platform: z.string().trim().max(100).nullable().optional(),
  amountPence: Pence,
  vatPence: Pence.default(0),
  invoiceRef: z.string().trim().max(200).nullable().optional(),
  invoiceHeld: z.boolean(),
  marketValuePence: Pence.nullable()
    .optional()
    .openapi({ description: "Notional spending: the item's market value where it was free or discounted" }),
  apportionedPence: Pence.nullable()
    .optional()
    .openapi({ description: "Bought before the regulated period but used in it: the value apportioned to the period" }),
};
const View = z.record(z.string(), z.unknown()).openapi("Candidacy");

const create = defineRoute({
  method: "post",
  path: "/v1/candidacies",
  tags,
  summary: "Stand in an election: record your candidacy",
  request: { body: body(z.strictObject(CandidacyFields)) },
  responses: {
    201: json(View, "The candidacy with its limit, period and deadlines"),
    409: problem("Already standing"),
  },
});
const list = defineRoute({
  method: "get",
  path: "/v1/candidacies",
  tags,
  summary: "Candidacies: your own, those you are agent for, or all (democratic services)",
  responses: { 200: json(z.object({ candidacies: z.array(View) }), "Candidacies") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/candidacies/{candidacyId}",
  tags,
  summary: "A candidacy: limit, items, running total, warnings, deadlines, imprints, returns",
  request: { params: Params },
  responses: { 200: json(View, "The candidacy"), 404: problem("No such candidacy") },
});
const patch = defineRoute({
  method: "patch",
  path: "/v1/candidacies/{candidacyId}",
  tags,
  summary: "Change electorate, joint candidates, agent or dates",
  request: { params: Params, body: body(z.strictObject(CandidacyFields).omit({ electionId: true }).partial()) },
  responses: { 200: json(View, "Changed"), 404: problem("No such candidacy") },
});
const addItem = defineRoute({
  method: "post",
  path: "/v1/candidacies/{candidacyId}/expenses",
  tags,
  summary: "Record an advertising expense (integer pence)",
  request: { params: Params, body: body(z.strictObject(ExpenseFields).openapi("ExpenseInput")) },
  responses: { 201: json(View, "Recorded"), 404: problem("No such candidacy"), 409: problem("Return submitted") },
});
const changeItem = defineRoute({
  method: "patch",
  path: "/v1/candidacies/{candidacyId}/expenses/{expenseId}",
  tags,
  summary: "Change an expense",
  request: { params: ExpenseParams, body: body(z.strictObject(ExpenseFields).partial()) },
  responses: { 200: json(View, "Changed"), 404: problem("No such expense") },
});
const removeItem = defineRoute({
  method: "delete",
  path: "/v1/candidacies/{candidacyId}/expenses/{expenseId}",
  tags,
  summary: "Remove an expense (kept on the audit record)",
  request: { params: ExpenseParams },
  responses: { 204: { description: "Removed" }, 404: problem("No such expense") },
});
const imprint = defineRoute({
  method: "post",
  path: "/v1/candidacies/{candidacyId}/imprints",
  tags,
  summary: "Record a piece of digital material's imprint; it is checked",
  request: {
    params: Params,
    body: body(
      z.strictObject({
        material: z.string().trim().min(1).max(500),
        location: z.enum(["in_material", "bio", "website", "other"]),
        text: z.string().trim().min(1).max(2000),
      }),
    ),
  },
  responses: { 201: json(z.record(z.string(), z.unknown()), "Recorded, with the check") },
});
const checkRoute = defineRoute({
  method: "post",
  path: "/v1/imprint-checks",
  tags,
  summary: "Check an imprint's wording (Elections Act 2022)",
  request: {
    body: body(
      z.strictObject({ text: z.string().trim().min(1).max(2000), candidateName: z.string().trim().min(1).max(200) }),
    ),
  },
  responses: {
    200: json(
      z.object({
        ok: z.boolean(),
        findings: z.array(z.object({ ok: z.boolean(), message: z.string(), source: z.string() })),
      }),
      "The check",
    ),
  },
});
const submit = defineRoute({
  method: "post",
  path: "/v1/candidacies/{candidacyId}/returns",
  tags,
  summary: "Submit the return: locked, time-stamped and hashed into the audit chain",
  request: { params: Params },
  responses: {
    201: json(z.object({ version: z.number().int(), sha256: z.string(), submittedAt: z.string() }), "Submitted"),
    409: problem("Already submitted"),
  },
});
const correct = defineRoute({
  method: "post",
  path: "/v1/candidacies/{candidacyId}/corrections",
  tags,
  summary: "Open a correction: the next submission is a new version",
  request: { params: Params, body: body(z.strictObject({ reason: z.string().trim().min(5).max(2000) })) },
  responses: { 200: json(View, "Open for correction"), 409: problem("Nothing submitted to correct") },
});
const exportRoute = defineRoute({
  method: "get",
  path: "/v1/candidacies/{candidacyId}/returns/{version}",
  tags,
  summary: "A submitted return as JSON, CSV (the Commission's headings) or a printable page",
  request: { params: VersionParams, query: z.object({ format: z.enum(["json", "csv", "html"]).default("json") }) },
  responses: {
    200: {
      description: "The return",
      content: {
        "application/json": { schema: z.record(z.string(), z.unknown()) },
        "text/csv": { schema: z.string() },
        "text/html": { schema: z.string() },
      },
    },
    404: problem("No such return"),
  },
});
const received = defineRoute({
  method: "post",
  path: "/v1/candidacies/{candidacyId}/returns/{version}/received",
  tags,
  summary: "Record the day a return was received (democratic services, for the returning officer)",
  request: { params: VersionParams, body: body(z.strictObject({ receivedOn: IsoDateSchema })) },
  responses: { 200: json(z.record(z.string(), z.unknown()), "Recorded"), 409: problem("Already recorded") },
});

const LimitRowSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .max(100),
    kinds: z.array(z.enum(ELECTION_KINDS)).min(1),
    nations: z.array(z.enum(NATIONS)).min(1),
    fixedPence: Pence,
    perElectorPence: z
      .partialRecord(z.enum(["default", "borough", "county"]), z.number().int().min(0).max(1000))
      .refine((p) => Object.keys(p).length > 0, "Give pence per elector (default, or borough and county)."),
    effectiveFrom: IsoDateSchema,
    source: z.string().trim().min(3).max(500),
    note: z.string().max(500).default(""),
  })
  .openapi("SpendingLimitRow");
const limits = defineRoute({
  method: "get",
  path: "/v1/spending-limits",
  tags,
  summary: "Spending limit rows, each dated and sourced (public)",
  responses: { 200: json(z.object({ rows: z.array(z.record(z.string(), z.unknown())) }), "Rows") },
});
const addLimit = defineRoute({
  method: "post",
  path: "/v1/spending-limits",
  tags,
  summary: "Add a limit row (a new statutory instrument); applies to polls on or after its effective date",
  request: { body: body(LimitRowSchema) },
  responses: { 201: json(z.record(z.string(), z.unknown()), "Added"), 409: problem("Id in use") },
});

export const candidaciesRouter = createRouter()
  .openapi(create, async (c) =>
    c.json(await createCandidacy(c.env.DB, actorOf(c), callerOf(c), c.req.valid("json")), 201),
  )
  .openapi(list, async (c) => c.json({ candidacies: await listCandidacies(c.env.DB, callerOf(c)) }, 200))
  .openapi(read, async (c) =>
    c.json(
      await candidacyView(c.env.DB, await getCandidacyRow(c.env.DB, callerOf(c), c.req.valid("param").candidacyId)),
      200,
    ),
  )
  .openapi(patch, async (c) =>
    c.json(
      await updateCandidacy(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").candidacyId, c.req.valid("json")),
      200,
    ),
  )
  .openapi(addItem, async (c) =>
    c.json(
      await addExpense(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").candidacyId, c.req.valid("json")),
      201,
    ),
  )
  .openapi(changeItem, async (c) => {
    const { candidacyId, expenseId } = c.req.valid("param");
    return c.json(
      await updateExpense(c.env.DB, actorOf(c), callerOf(c), candidacyId, expenseId, c.req.valid("json")),
      200,
    );
  })
  .openapi(removeItem, async (c) => {
    const { candidacyId, expenseId } = c.req.valid("param");
    await deleteExpense(c.env.DB, actorOf(c), callerOf(c), candidacyId, expenseId);
    return c.body(null, 204);
  })
  .openapi(imprint, async (c) =>
    c.json(
      await addImprint(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").candidacyId, c.req.valid("json")),
      201,
    ),
  )
  .openapi(checkRoute, (c) => {
    const { text, candidateName } = c.req.valid("json");
    return c.json(checkImprint(text, candidateName), 200);
  })
  .openapi(submit, async (c) =>
    c.json(await submitReturn(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").candidacyId), 201),
  )
  .openapi(correct, async (c) => {
    const { candidacyId } = c.req.valid("param");
    await openCorrection(c.env.DB, actorOf(c), callerOf(c), candidacyId, c.req.valid("json").reason);
    return c.json(await candidacyView(c.env.DB, await getCandidacyRow(c.env.DB, callerOf(c), candidacyId)), 200);
  })
  .openapi(exportRoute, async (c) => {
    const { candidacyId, version } = c.req.valid("param");
    const ret = await getReturn(c.env.DB, callerOf(c), candidacyId, version);
    const s = ret.snapshot;
    const format = c.req.valid("query").format;
    const file = `spending-return-${candidacyId}-v${version}`;
    if (format === "csv")
      return c.body(toCsv(s.expenses), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${file}.csv"`,
      }) as never;
    if (format === "html") {
      const name =
        (await c.env.DB.prepare("SELECT name FROM users WHERE id = ?").bind(s.candidateId).first<{ name: string }>())
          ?.name ?? s.candidateId;
      return c.body(
        toHtml({
          candidateName: name,
          electionTitle: s.election.title,
          pollDate: s.election.pollDate,
          version,
          submittedAt: ret.submittedAt,
          sha256: ret.sha256,
          totalPence: s.totalPence,
          limitPence: s.spendingLimitPence,
          items: s.expenses,
        }),
        200,
        { "content-type": "text/html; charset=utf-8" },
      ) as never;
    }
    return c.json(
      {
        version,
        sha256: ret.sha256,
        submittedAt: ret.submittedAt,
        receivedOn: ret.receivedOn,
        correctionReason: ret.correctionReason,
        return: s,
      } as Record<string, unknown>,
      200,
    );
  })
  .openapi(received, async (c) => {
    const { candidacyId, version } = c.req.valid("param");
    const ret = await markReceived(
      c.env.DB,
      actorOf(c),
      callerOf(c),
      candidacyId,
      version,
      c.req.valid("json").receivedOn,
    );
    return c.json({ version, receivedOn: ret.receivedOn, receivedBy: ret.receivedBy } as Record<string, unknown>, 200);
  })
  .openapi(limits, async (c) =>
    c.json({ rows: (await limitRows(c.env.DB)) as unknown as Record<string, unknown>[] }, 200),
  )
  .openapi(addLimit, async (c) =>
    c.json(
      (await addLimitRow(c.env.DB, actorOf(c), c.req.valid("json") as never)) as unknown as Record<string, unknown>,
      201,
    ),
  );
