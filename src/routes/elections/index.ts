import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { BooleanQuery, IdParam, IsoDateSchema } from "../schemas";
import { ELECTION_KINDS } from "../../domain/election-rules";
import { createElection, electionView, getElection, listElections, updateElection } from "../../repo/elections";
import { ElectionPatchSchema, ElectionSchema, NewElectionSchema } from "./contracts";

const tags = ["Elections"];
const Params = z.object({ electionId: IdParam("electionId") });

const list = defineRoute({
  method: "get",
  path: "/v1/elections",
  tags,
  summary: "Elections, with their timetables and pre-election periods",
  request: {
    query: z.object({
      from: IsoDateSchema.optional(),
      to: IsoDateSchema.optional(),
      area: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: "Elections in this area, any area enclosing it, or any inside it" }),
      kind: z.enum(ELECTION_KINDS).optional(),
      includeCancelled: BooleanQuery.optional(),
    }),
  },
  responses: { 200: json(z.object({ elections: z.array(ElectionSchema) }), "Elections") },
});

const create = defineRoute({
  method: "post",
  path: "/v1/elections",
  tags,
  summary: "Record an election (a by-election, or an ordinary one outside a cycle)",
  request: { body: body(NewElectionSchema) },
  responses: { 201: json(ElectionSchema, "Recorded"), 409: problem("Already recorded") },
});

const read = defineRoute({
  method: "get",
  path: "/v1/elections/{electionId}",
  tags,
  summary: "One election",
  request: { params: Params },
  responses: { 200: json(ElectionSchema, "The election"), 404: problem("No such election") },
});

const patch = defineRoute({
  method: "patch",
  path: "/v1/elections/{electionId}",
  tags,
  summary: "Record the notice date, the declaration, or cancel",
  request: { params: Params, body: body(ElectionPatchSchema) },
  responses: {
    200: json(ElectionSchema, "Changed"),
    404: problem("No such election"),
    409: problem("Changed by someone else meanwhile"),
  },
});

export const electionsRouter = createRouter()
  .openapi(list, async (c) => c.json({ elections: await listElections(c.env.DB, c.req.valid("query")) }, 200))
  .openapi(create, async (c) => c.json(await createElection(c.env.DB, actorOf(c), c.req.valid("json")), 201))
  .openapi(read, async (c) => c.json(electionView(await getElection(c.env.DB, c.req.valid("param").electionId)), 200))
  .openapi(patch, async (c) =>
    c.json(await updateElection(c.env.DB, actorOf(c), c.req.valid("param").electionId, c.req.valid("json")), 200),
  );
