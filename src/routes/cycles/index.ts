import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam } from "../schemas";
import { createCycle, getCycle, listCycles, retireCycle, updateCycle } from "../../repo/cycles";
import { CycleChangeSchema, CycleInputSchema, CycleSchema } from "../elections/contracts";

const tags = ["Elections"];
const Params = z.object({ cycleId: IdParam("cycleId") });

const list = defineRoute({
  method: "get",
  path: "/v1/cycles",
  tags,
  summary: "Ordinary-election cycles",
  responses: { 200: json(z.object({ cycles: z.array(CycleSchema) }), "Cycles") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/cycles/{cycleId}",
  tags,
  summary: "One cycle",
  request: { params: Params },
  responses: { 200: json(CycleSchema, "The cycle"), 404: problem("No such cycle") },
});

const create = defineRoute({
  method: "post",
  path: "/v1/cycles",
  tags,
  summary: "Add a cycle (RRULE) and generate its upcoming elections",
  request: { body: body(CycleInputSchema) },
  responses: { 201: json(CycleChangeSchema, "Added, with the elections generated") },
});

const put = defineRoute({
  method: "put",
  path: "/v1/cycles/{cycleId}",
  tags,
  summary: "Change a cycle: regenerates future elections nobody has acted on; never rewrites past ones",
  request: { params: Params, body: body(CycleInputSchema) },
  responses: { 200: json(CycleChangeSchema, "Changed"), 404: problem("No such cycle"), 409: problem("Retired") },
});

const retire = defineRoute({
  method: "post",
  path: "/v1/cycles/{cycleId}/retire",
  tags,
  summary: "Retire a cycle, withdrawing its future elections nobody has acted on",
  request: { params: Params },
  responses: { 200: json(CycleChangeSchema, "Retired"), 404: problem("No such cycle") },
});

export const cyclesRouter = createRouter()
  .openapi(list, async (c) => c.json({ cycles: await listCycles(c.env.DB) }, 200))
  .openapi(read, async (c) => c.json(await getCycle(c.env.DB, c.req.valid("param").cycleId), 200))
  .openapi(create, async (c) => c.json(await createCycle(c.env.DB, actorOf(c), c.req.valid("json")), 201))
  .openapi(put, async (c) =>
    c.json(await updateCycle(c.env.DB, actorOf(c), c.req.valid("param").cycleId, c.req.valid("json")), 200),
  )
  .openapi(retire, async (c) => c.json(await retireCycle(c.env.DB, actorOf(c), c.req.valid("param").cycleId), 200));
