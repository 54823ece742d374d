import { actorOf, body, callerOf, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam } from "../schemas";
import { ROLES } from "../../auth/roles";
import { createStop, liftStop, listStops } from "../../repo/publishing-stops";
import { notifyWorkflow, RESUMED_EVENT } from "../../repo/post-decisions";
import { approvalPolicy, setApprovalPolicy } from "../../repo/posts";
import { getCorporateAccount } from "../../repo/corporate-accounts";
import { newId } from "../../lib/crypto";
import { ApiError } from "../../lib/problem";
import { clock } from "../../lib/clock";

const StopSchema = z
  .object({
    id: z.string(),
    accountId: z.string().nullable(),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    liftedBy: z.string().nullable(),
    liftedAt: z.string().nullable(),
  })
  .openapi("PublishingStop");
const Steps = z
  .array(z.strictObject({ roles: z.array(z.enum(ROLES)).min(1).max(5), mode: z.enum(["any", "all"]) }))
  .min(1)
  .max(5)
  .openapi("ApprovalSteps");

const stops = defineRoute({
  method: "get",
  path: "/v1/publishing-stops",
  tags: ["Posts"],
  summary: "Emergency stops, current and past",
  responses: { 200: json(z.object({ stops: z.array(StopSchema) }), "Stops") },
});
const stop = defineRoute({
  method: "post",
  path: "/v1/publishing-stops",
  tags: ["Posts"],
  summary: "Emergency stop: suspend all publishing, or one account's, with a reason; scheduled posts hold",
  request: {
    body: body(
      z.strictObject({
        accountId: z.string().max(200).nullable().optional(),
        reason: z.string().trim().min(5).max(2000),
      }),
    ),
  },
  responses: { 201: json(StopSchema, "Stopped") },
});
const lift = defineRoute({
  method: "post",
  path: "/v1/publishing-stops/{stopId}/lift",
  tags: ["Posts"],
  summary: "Lift an emergency stop; held posts are re-checked and go out",
  request: { params: z.object({ stopId: IdParam("stopId") }) },
  responses: {
    200: json(z.object({ stop: StopSchema, released: z.array(z.string()) }), "Lifted"),
    404: problem("No such stop"),
    409: problem("Already lifted"),
  },
});
const getPolicy = defineRoute({
  method: "get",
  path: "/v1/corporate-accounts/{accountId}/approval-policy",
  tags: ["Account registers"],
  summary: "Who approves posts for this account (default: one comms manager)",
  request: { params: z.object({ accountId: IdParam("accountId") }) },
  responses: { 200: json(z.object({ steps: Steps }), "The steps"), 404: problem("No such account") },
});
const putPolicy = defineRoute({
  method: "put",
  path: "/v1/corporate-accounts/{accountId}/approval-policy",
  tags: ["Account registers"],
  summary: "Set the approval steps (in order; each any-of or all-of its roles)",
  request: { params: z.object({ accountId: IdParam("accountId") }), body: body(z.strictObject({ steps: Steps })) },
  responses: { 200: json(z.object({ steps: Steps }), "Set"), 404: problem("No such account") },
});
const benchInsert = defineRoute({
  method: "post",
  path: "/v1/bench/d1-insert",
  // The bench's baseline only: not part of the published API.
  hide: true,
  tags: ["Platform"],
  summary: "Benchmark baseline: one plain D1 insert (404 unless BENCH_ROUTES=enabled)",
  request: { body: body(z.strictObject({ text: z.string().max(20_000) })) },
  responses: { 201: json(z.object({ id: z.string() }), "Inserted"), 404: problem("Not enabled") },
});

export const postControlsRouter = createRouter()
  .openapi(stops, async (c) => c.json({ stops: await listStops(c.env.DB) }, 200))
  .openapi(stop, async (c) => c.json(await createStop(c.env.DB, actorOf(c), callerOf(c).id, c.req.valid("json")), 201))
  .openapi(lift, async (c) => {
    const result = await liftStop(c.env.DB, actorOf(c), callerOf(c).id, c.req.valid("param").stopId);
    for (const p of result.released)
      await notifyWorkflow(c.env, p.workflowInstance, RESUMED_EVENT, { stopId: result.stop.id });
    return c.json({ stop: result.stop, released: result.released.map((p) => p.id) }, 200);
  })
  .openapi(getPolicy, async (c) => {
    const { accountId } = c.req.valid("param");
    await getCorporateAccount(c.env.DB, accountId);
    return c.json({ steps: (await approvalPolicy(c.env.DB, accountId)) as z.infer<typeof Steps> }, 200);
  })
  .openapi(putPolicy, async (c) => {
    const { accountId } = c.req.valid("param");
    await getCorporateAccount(c.env.DB, accountId);
    return c.json(
      {
        steps: (await setApprovalPolicy(c.env.DB, actorOf(c), accountId, c.req.valid("json").steps)) as z.infer<
          typeof Steps
        >,
      },
      200,
    );
  })
  .openapi(benchInsert, async (c) => {
    if ((c.env as unknown as { BENCH_ROUTES?: string }).BENCH_ROUTES !== "enabled")
      throw new ApiError("not_found", "No route for POST /v1/bench/d1-insert.");
    const id = newId();
    await c.env.DB.prepare("INSERT INTO bench_probes (id, body, created_at) VALUES (?, ?, ?)")
      .bind(id, c.req.valid("json").text, clock.iso())
      .run();
    return c.json({ id }, 201);
  });
