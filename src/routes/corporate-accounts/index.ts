import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { BooleanQuery, IdParam, IsoDateSchema, IsoInstant } from "../schemas";
import {
  createCorporateAccount,
  getCorporateAccount,
  listCorporateAccounts,
  PLATFORMS,
  updateCorporateAccount,
} from "../../repo/corporate-accounts";

const tags = ["Account registers"];
const Params = z.object({ accountId: IdParam("accountId") });
const Url = z.url({ protocol: /^https?$/ }).max(500);

const Fields = {
  platform: z.enum(PLATFORMS),
  handle: z.string().trim().min(1).max(100),
  url: Url,
  owningService: z.string().trim().min(1).max(200),
  ownerId: z.string().min(1).max(200),
  administratorIds: z
    .array(z.string().min(1).max(200))
    .max(50)
    .refine((a) => new Set(a).size === a.length, "Administrators must not repeat."),
  purpose: z.string().trim().min(1).max(2000),
  areaIds: z.array(z.string().min(1).max(100)).max(200),
  status: z.enum(["active", "suspended", "closed"]),
  lastReviewedOn: IsoDateSchema.nullable(),
  nextReviewOn: IsoDateSchema,
  purdahBehaviour: z.enum(["gate", "pause", "close"]).openapi({
    description:
      "gate: posts screened as usual; pause: no posts in purdah but emergency information; close: taken down for the period (policy 9.1)",
  }),
};

const Input = z
  .strictObject(Fields)
  .refine((a) => !a.lastReviewedOn || a.lastReviewedOn <= a.nextReviewOn, {
    message: "The next review follows the last.",
    path: ["nextReviewOn"],
  })
  .openapi("CorporateAccountInput");
const Patch = z
  .strictObject(Fields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, "Give at least one field to change.")
  .openapi("CorporateAccountPatch");
const Account = z
  .object({
    ...Fields,
    id: z.string(),
    reviewOverdue: z.boolean(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    closedAt: IsoInstant.nullable(),
  })
  .openapi("CorporateAccount");

const list = defineRoute({
  method: "get",
  path: "/v1/corporate-accounts",
  tags,
  summary: "The council's corporate accounts (overdue=true: those overdue for review, oldest first)",
  request: {
    query: z.object({
      overdue: BooleanQuery.optional(),
      status: z.enum(["active", "suspended", "closed"]).optional(),
      platform: z.enum(PLATFORMS).optional(),
    }),
  },
  responses: { 200: json(z.object({ accounts: z.array(Account) }), "Accounts") },
});
const create = defineRoute({
  method: "post",
  path: "/v1/corporate-accounts",
  tags,
  summary: "Register a corporate account",
  request: { body: body(Input) },
  responses: { 201: json(Account, "Registered"), 409: problem("Handle already registered on this platform") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/corporate-accounts/{accountId}",
  tags,
  summary: "One corporate account",
  request: { params: Params },
  responses: { 200: json(Account, "The account"), 404: problem("No such account") },
});
const patch = defineRoute({
  method: "patch",
  path: "/v1/corporate-accounts/{accountId}",
  tags,
  summary: "Change, review, suspend, close or reopen an account (closing keeps its history)",
  request: { params: Params, body: body(Patch) },
  responses: {
    200: json(Account, "Changed"),
    404: problem("No such account"),
    409: problem("Handle taken or account closed"),
  },
});

export const corporateAccountsRouter = createRouter()
  .openapi(list, async (c) => c.json({ accounts: await listCorporateAccounts(c.env.DB, c.req.valid("query")) }, 200))
  .openapi(create, async (c) => c.json(await createCorporateAccount(c.env.DB, actorOf(c), c.req.valid("json")), 201))
  .openapi(read, async (c) => c.json(await getCorporateAccount(c.env.DB, c.req.valid("param").accountId), 200))
  .openapi(patch, async (c) =>
    c.json(
      await updateCorporateAccount(c.env.DB, actorOf(c), c.req.valid("param").accountId, c.req.valid("json")),
      200,
    ),
  );
