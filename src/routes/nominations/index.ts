import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam, IsoInstant } from "../schemas";
import { listNominations, replaceNominations } from "../../repo/nominations";

const tags = ["Elections"];
const Params = z.object({ electionId: IdParam("electionId") });

const NominationInput = z
  .strictObject({
    areaId: z.string().min(1).max(100).openapi({ description: "The ward or division: one of the election's areas" }),
    name: z.string().trim().min(1).max(200).openapi({ example: "Jo Bloggs" }),
    description: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'The ballot-paper description: a party\'s, or "Independent"' }),
    withdrawnAt: IsoInstant.nullable()
      .optional()
      .openapi({ description: "When the nomination was withdrawn; a withdrawn candidate is not screened for" }),
  })
  .openapi("NominationInput");

const NominationSchema = z
  .object({
    id: z.string(),
    areaId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    withdrawnAt: IsoInstant.nullable(),
    createdAt: IsoInstant,
    createdBy: z.string(),
  })
  .openapi("Nomination");

const NominationsSchema = z
  .object({ electionId: z.string(), nominations: z.array(NominationSchema) })
  .openapi("Nominations");

const list = defineRoute({
  method: "get",
  path: "/v1/elections/{electionId}/nominations",
  tags,
  summary: "The statement of persons nominated for an election",
  request: { params: Params },
  responses: { 200: json(NominationsSchema, "The candidates, by area and name"), 404: problem("No such election") },
});

const replace = defineRoute({
  method: "put",
  path: "/v1/elections/{electionId}/nominations",
  tags,
  summary: "Record the statement of persons nominated, replacing the election's list",
  description:
    "Candidates named here, users of the service or not, are recognised by name in pre-election screening while the election's pre-election period is in force; withdrawn ones are not.",
  request: {
    params: Params,
    body: body(z.strictObject({ nominations: z.array(NominationInput).max(2000) }).openapi("NominationsInput")),
  },
  responses: { 200: json(NominationsSchema, "Recorded"), 404: problem("No such election") },
});

export const nominationsRouter = createRouter()
  .openapi(list, async (c) => {
    const { electionId } = c.req.valid("param");
    return c.json({ electionId, nominations: await listNominations(c.env.DB, electionId) }, 200);
  })
  .openapi(replace, async (c) => {
    const { electionId } = c.req.valid("param");
    const input = c.req.valid("json").nominations.map((n) => ({
      areaId: n.areaId,
      name: n.name,
      description: n.description ?? null,
      withdrawnAt: n.withdrawnAt ? new Date(n.withdrawnAt).toISOString() : null,
    }));
    const nominations = await replaceNominations(c.env.DB, actorOf(c), electionId, input);
    return c.json({ electionId, nominations }, 200);
  });
