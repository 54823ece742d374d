import { actorOf, body, callerOf, createRouter, defineRoute, json, problem, z } from "../openapi";
import { BooleanQuery, IdParam, IsoInstant } from "../schemas";
import { PLATFORMS } from "../../repo/corporate-accounts";
import {
  COUNCILLOR_ACCOUNT_KINDS,
  getCouncillorAccount,
  listCouncillorAccounts,
  registerCouncillorAccount,
  removeCouncillorAccount,
  updateCouncillorAccount,
} from "../../repo/councillor-accounts";
import { decideExemption, listExemptions, requestExemption } from "../../repo/exemptions";
import { purdahIndex } from "../../repo/purdah-index";
import { windowsAt, windowsBetween } from "../../domain/purdah";
import { PurdahWindowSchema } from "../elections/contracts";
import { clock } from "../../lib/clock";

const tags = ["Account registers"];
const Params = z.object({ accountId: IdParam("accountId") });

const Fields = {
  platform: z.enum(PLATFORMS),
  handle: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(500),
  kind: z.enum(COUNCILLOR_ACCOUNT_KINDS).openapi({ description: "Policy 4.1 recommends a Page for official use" }),
  displayName: z.string().trim().max(200).nullable(),
  bio: z.string().max(2000).openapi({ description: "The profile text as it appears on the platform" }),
  usesLogo: z.boolean(),
};

const Finding = z
  .object({
    rule: z.string(),
    clause: z.string(),
    status: z.enum(["pass", "fail", "waived", "advice", "not_applicable"]),
    message: z.string(),
  })
  .openapi("ComplianceFinding");
const Account = z
  .object({
    ...Fields,
    id: z.string(),
    ownerId: z.string(),
    ownerName: z.string(),
    compliance: z.object({ compliant: z.boolean(), findings: z.array(Finding) }),
    checkedAt: IsoInstant,
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
    removedAt: IsoInstant.nullable(),
  })
  .openapi("CouncillorAccount");

const list = defineRoute({
  method: "get",
  path: "/v1/councillor-accounts",
  tags,
  summary: "Councillors' accounts with their compliance checks (a councillor sees their own)",
  request: { query: z.object({ ownerId: z.string().max(200).optional(), compliant: BooleanQuery.optional() }) },
  responses: { 200: json(z.object({ accounts: z.array(Account) }), "Accounts") },
});
const create = defineRoute({
  method: "post",
  path: "/v1/councillor-accounts",
  tags,
  summary: "Register your own account; it is checked against the policy",
  request: { body: body(z.strictObject(Fields).openapi("CouncillorAccountInput")) },
  responses: { 201: json(Account, "Registered, with its check"), 409: problem("Handle already registered") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/councillor-accounts/{accountId}",
  tags,
  summary: "One councillor account",
  request: { params: Params },
  responses: { 200: json(Account, "The account"), 404: problem("No such account") },
});
const patch = defineRoute({
  method: "patch",
  path: "/v1/councillor-accounts/{accountId}",
  tags,
  summary: "Change your account; the check runs again",
  request: {
    params: Params,
    body: body(
      z
        .strictObject(Fields)
        .partial()
        .refine((p) => Object.keys(p).length > 0, "Give at least one field to change."),
    ),
  },
  responses: { 200: json(Account, "Changed"), 404: problem("No such account") },
});
const remove = defineRoute({
  method: "delete",
  path: "/v1/councillor-accounts/{accountId}",
  tags,
  summary: "Take your account off the register (the record is kept)",
  request: { params: Params },
  responses: { 204: { description: "Removed" }, 404: problem("No such account") },
});

const notToPromote = defineRoute({
  method: "get",
  path: "/v1/councillor-accounts/not-to-promote",
  tags,
  summary:
    "Councillors' accounts that corporate accounts must not link to or share while a pre-election period is in force (policy 9.2)",
  request: {
    query: z
      .object({ at: IsoInstant.optional(), from: IsoInstant.optional(), to: IsoInstant.optional() })
      .refine((q) => Boolean(q.from) === Boolean(q.to), {
        message: "A range needs both 'from' and 'to'.",
        path: ["to"],
      })
      .refine((q) => !q.from || !q.to || q.from < q.to, { message: "'to' must be after 'from'.", path: ["to"] }),
  },
  responses: {
    200: json(
      z.object({
        inPurdah: z.boolean(),
        windows: z.array(PurdahWindowSchema),
        accounts: z.array(
          z.object({
            id: z.string(),
            ownerName: z.string(),
            platform: z.string(),
            handle: z.string(),
            url: z.string(),
          }),
        ),
        clause: z.string(),
      }),
      "The accounts not to promote, and the windows that make it so",
    ),
  },
});

const Decision = z
  .strictObject({ decision: z.enum(["approve", "reject"]), reason: z.string().trim().min(1).max(2000) })
  .openapi("Decision");
const Exemption = z
  .object({
    id: z.string(),
    councillorId: z.string(),
    reason: z.string(),
    status: z.string().openapi({ description: "pending, approved or rejected" }),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("SecurityExemption");

const exemptions = defineRoute({
  method: "get",
  path: "/v1/security-exemptions",
  tags,
  summary: "Security exemptions (policy 5.5): your own, or all for the ICT manager",
  responses: { 200: json(z.object({ exemptions: z.array(Exemption) }), "Exemptions") },
});
const askExemption = defineRoute({
  method: "post",
  path: "/v1/security-exemptions",
  tags,
  summary:
    "Ask not to identify yourself because of a threat to your personal security (policy 5.5); the ICT manager decides",
  request: { body: body(z.strictObject({ reason: z.string().trim().min(10).max(4000) })) },
  responses: { 201: json(Exemption, "Requested"), 409: problem("Already pending or approved") },
});
const decide = defineRoute({
  method: "post",
  path: "/v1/security-exemptions/{exemptionId}/decision",
  tags,
  summary: "Decide a security exemption (ICT manager)",
  request: { params: z.object({ exemptionId: IdParam("exemptionId") }), body: body(Decision) },
  responses: { 200: json(Exemption, "Decided"), 404: problem("No such exemption"), 409: problem("Already decided") },
});

export const councillorAccountsRouter = createRouter()
  .openapi(notToPromote, async (c) => {
    const q = c.req.valid("query");
    const index = await purdahIndex(c.env.DB);
    const windows =
      q.from && q.to
        ? windowsBetween(index.windows, new Date(q.from), new Date(q.to))
        : windowsAt(index.windows, q.at ? new Date(q.at) : clock.now());
    const accounts =
      windows.length === 0
        ? []
        : (await listCouncillorAccounts(c.env.DB, callerOf(c), {})).map(({ id, ownerName, platform, handle, url }) => ({
            id,
            ownerName,
            platform,
            handle,
            url,
          }));
    return c.json(
      {
        inPurdah: windows.length > 0,
        windows,
        accounts,
        clause: "policy 9.2: the council will not promote councillors' accounts during the election purdah period",
      },
      200,
    );
  })
  .openapi(list, async (c) =>
    c.json({ accounts: await listCouncillorAccounts(c.env.DB, callerOf(c), c.req.valid("query")) }, 200),
  )
  .openapi(create, async (c) =>
    c.json(await registerCouncillorAccount(c.env.DB, actorOf(c), callerOf(c).id, c.req.valid("json")), 201),
  )
  .openapi(read, async (c) =>
    c.json(await getCouncillorAccount(c.env.DB, callerOf(c), c.req.valid("param").accountId), 200),
  )
  .openapi(patch, async (c) =>
    c.json(
      await updateCouncillorAccount(
        c.env.DB,
        actorOf(c),
        callerOf(c),
        c.req.valid("param").accountId,
        c.req.valid("json"),
      ),
      200,
    ),
  )
  .openapi(remove, async (c) => {
    await removeCouncillorAccount(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").accountId);
    return c.body(null, 204);
  })
  .openapi(exemptions, async (c) => c.json({ exemptions: await listExemptions(c.env.DB, callerOf(c)) }, 200))
  .openapi(askExemption, async (c) =>
    c.json(await requestExemption(c.env.DB, actorOf(c), callerOf(c), c.req.valid("json").reason), 201),
  )
  .openapi(decide, async (c) =>
    c.json(
      await decideExemption(c.env.DB, actorOf(c), callerOf(c), c.req.valid("param").exemptionId, c.req.valid("json")),
      200,
    ),
  );

export { Decision };
