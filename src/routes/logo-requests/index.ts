import { actorOf, body, callerOf, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam, IsoDateSchema } from "../schemas";
import {
  createLogoRequest,
  decideLogoRequest,
  getLogoRequest,
  listLogoRequests,
  SITE_RELATIONS,
} from "../../repo/logo-requests";
import { Decision } from "../councillor-accounts";

const tags = ["Logo-use requests"];
const Params = z.object({ requestId: IdParam("requestId") });

const Input = z
  .strictObject({
    targetType: z.enum(["councillor_account", "corporate_account", "website"]),
    accountId: z.string().max(200).nullable().optional(),
    siteUrl: z.url({ protocol: /^https?$/ }).max(500),
    purpose: z.string().trim().min(10).max(2000),
    siteRelation: z.enum(SITE_RELATIONS).openapi({
      description:
        "How the site relates to the council: only councillor_role or council_service can be approved (policy 5.4)",
    }),
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
  })
  .openapi("LogoRequestInput");

const Request = z
  .object({
    id: z.string(),
    requesterId: z.string(),
    targetType: z.string(),
    accountId: z.string().nullable(),
    siteUrl: z.string(),
    purpose: z.string(),
    siteRelation: z.string(),
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
    status: z.string().openapi({ description: "pending, approved, rejected or expired" }),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    clause: z.string().nullable().openapi({ description: "The policy clause behind the decision" }),
    remindedAt: z.string().nullable(),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .openapi("LogoRequest");

const list = defineRoute({
  method: "get",
  path: "/v1/logo-requests",
  tags,
  summary: "Logo-use requests: your own, or all for the chief executive",
  request: { query: z.object({ status: z.enum(["pending", "approved", "rejected", "expired"]).optional() }) },
  responses: { 200: json(z.object({ requests: z.array(Request) }), "Requests") },
});
const create = defineRoute({
  method: "post",
  path: "/v1/logo-requests",
  tags,
  summary:
    "Ask to use the council logo on an account or website (policy 5.3); a site unrelated to the council's official position is refused at once (5.4)",
  request: { body: body(Input) },
  responses: { 201: json(Request, "Requested (or refused under 5.4)") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/logo-requests/{requestId}",
  tags,
  summary: "One request",
  request: { params: Params },
  responses: { 200: json(Request, "The request"), 404: problem("No such request") },
});
const decide = defineRoute({
  method: "post",
  path: "/v1/logo-requests/{requestId}/decision",
  tags,
  summary: "Approve or reject, with a reason (chief executive; never your own request; once only)",
  request: { params: Params, body: body(Decision) },
  responses: {
    200: json(Request, "Decided"),
    404: problem("No such request"),
    409: problem("Already decided or expired"),
  },
});

export const logoRequestsRouter = createRouter()
  .openapi(list, async (c) =>
    c.json({ requests: await listLogoRequests(c.env.DB, callerOf(c), c.req.valid("query")) }, 200),
  )
  .openapi(create, async (c) =>
    c.json(await createLogoRequest(c.env.DB, c.env, actorOf(c), callerOf(c), c.req.valid("json")), 201),
  )
  .openapi(read, async (c) => c.json(await getLogoRequest(c.env.DB, callerOf(c), c.req.valid("param").requestId), 200))
  .openapi(decide, async (c) =>
    c.json(
      await decideLogoRequest(
        c.env.DB,
        c.env,
        actorOf(c),
        callerOf(c),
        c.req.valid("param").requestId,
        c.req.valid("json"),
      ),
      200,
    ),
  );
