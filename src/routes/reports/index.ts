import { actorOf, body, callerOf, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam } from "../schemas";
import { createTakedown, listTakedowns, recordTakedownOutcome } from "../../repo/takedowns";
import { closeIncident, listIncidents, reportIncident } from "../../repo/incidents";

const Clause = z
  .string()
  .regex(/^(policy )?\d{1,2}\.\d{1,2}(\.\d{1,2})?$/, "A clause of the policy, e.g. 'policy 10.3'.")
  .openapi({ example: "policy 11.3" });
const Takedown = z
  .object({
    id: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    scope: z.string(),
    contentUrl: z.string().nullable(),
    reason: z.string(),
    clause: z.string(),
    requestedBy: z.string(),
    createdAt: z.string(),
    outcome: z.string(),
    outcomeNote: z.string().nullable(),
    outcomeBy: z.string().nullable(),
    outcomeAt: z.string().nullable(),
  })
  .openapi("TakedownRequest");
const Incident = z
  .object({
    id: z.string(),
    kind: z.string(),
    reporterId: z.string(),
    routedTo: z.string(),
    summary: z.string(),
    details: z.string(),
    url: z.string().nullable(),
    subjectUserId: z.string().nullable(),
    policeReferral: z.boolean(),
    status: z.string(),
    outcome: z.string().nullable(),
    closedBy: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    clause: z.string(),
  })
  .openapi("IncidentReport");

const takedowns = defineRoute({
  method: "get",
  path: "/v1/takedown-requests",
  tags: ["Takedowns"],
  summary: "Removal and closure requests (policy 11.3): those you made or that concern your accounts",
  responses: { 200: json(z.object({ requests: z.array(Takedown) }), "Requests") },
});
const requestTakedown = defineRoute({
  method: "post",
  path: "/v1/takedown-requests",
  tags: ["Takedowns"],
  summary: "Ask for content to be removed or an account closed, with the reason and clause (policy 11.3)",
  request: {
    body: body(
      z.strictObject({
        targetType: z.enum(["corporate_account", "councillor_account"]),
        targetId: z.string().min(1).max(200),
        scope: z.enum(["content", "account"]),
        contentUrl: z.url().max(500).nullable().optional(),
        reason: z.string().trim().min(1).max(4000),
        clause: Clause,
      }),
    ),
  },
  responses: { 201: json(Takedown, "Requested") },
});
const outcome = defineRoute({
  method: "post",
  path: "/v1/takedown-requests/{requestId}/outcome",
  tags: ["Takedowns"],
  summary: "Record what was done (the account's holder)",
  request: {
    params: z.object({ requestId: IdParam("requestId") }),
    body: body(
      z.strictObject({ outcome: z.enum(["removed", "closed", "declined"]), note: z.string().trim().min(1).max(4000) }),
    ),
  },
  responses: { 200: json(Takedown, "Recorded"), 404: problem("No such request"), 409: problem("Already recorded") },
});

const incidents = defineRoute({
  method: "get",
  path: "/v1/incident-reports",
  tags: ["Incident reports"],
  summary: "Reports you made, or that your role handles",
  responses: { 200: json(z.object({ reports: z.array(Incident) }), "Reports") },
});
const report = defineRoute({
  method: "post",
  path: "/v1/incident-reports",
  tags: ["Incident reports"],
  summary:
    "Report abuse received (councillor: policy 7.2, optional police referral 11.4) or complain of a breach (staff: 11.1)",
  request: {
    body: body(
      z.strictObject({
        kind: z.enum(["abuse_report", "policy_complaint"]),
        summary: z.string().trim().min(1).max(200),
        details: z.string().trim().min(1).max(10000),
        url: z.url().max(500).nullable().optional(),
        subjectUserId: z.string().max(200).nullable().optional(),
        policeReferral: z.boolean().optional(),
      }),
    ),
  },
  responses: { 201: json(Incident, "Reported and routed") },
});
const close = defineRoute({
  method: "post",
  path: "/v1/incident-reports/{reportId}/close",
  tags: ["Incident reports"],
  summary: "Close a report with its outcome (the handling role)",
  request: {
    params: z.object({ reportId: IdParam("reportId") }),
    body: body(z.strictObject({ outcome: z.string().trim().min(1).max(4000) })),
  },
  responses: { 200: json(Incident, "Closed"), 404: problem("No such report"), 409: problem("Already closed") },
});

export const reportsRouter = createRouter()
  .openapi(takedowns, async (c) => c.json({ requests: await listTakedowns(c.env.DB, callerOf(c)) }, 200))
  .openapi(requestTakedown, async (c) =>
    c.json(await createTakedown(c.env.DB, actorOf(c), callerOf(c), c.req.valid("json")), 201),
  )
  .openapi(outcome, async (c) =>
    c.json(
      await recordTakedownOutcome(
        c.env.DB,
        actorOf(c),
        callerOf(c),
        c.req.valid("param").requestId,
        c.req.valid("json"),
      ),
      200,
    ),
  )
  .openapi(incidents, async (c) => c.json({ reports: await listIncidents(c.env.DB, callerOf(c)) }, 200))
  .openapi(report, async (c) =>
    c.json(await reportIncident(c.env.DB, actorOf(c), callerOf(c), c.req.valid("json")), 201),
  )
  .openapi(close, async (c) =>
    c.json(
      await closeIncident(
        c.env.DB,
        actorOf(c),
        callerOf(c),
        c.req.valid("param").reportId,
        c.req.valid("json").outcome,
      ),
      200,
    ),
  );
