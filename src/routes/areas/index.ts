import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { AREA_KINDS, createArea, listAreas, updateArea } from "../../repo/areas";
import { IdParam } from "../schemas";

const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Lower-case letters, digits and single hyphens.")
  .max(100);

const AreaSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    parentId: z.string().nullable(),
    gssCode: z.string().nullable(),
    createdAt: z.string(),
    retiredAt: z.string().nullable(),
  })
  .openapi("Area");

const GssCode = z.string().regex(/^[EWSN]\d{8}$/, "A GSS code is a letter E, W, S or N and eight digits.");

const list = defineRoute({
  method: "get",
  path: "/v1/areas",
  tags: ["Elections"],
  summary: "The council and its wards, divisions and parishes",
  responses: { 200: json(z.object({ areas: z.array(AreaSchema) }), "Areas") },
});

const create = defineRoute({
  method: "post",
  path: "/v1/areas",
  tags: ["Elections"],
  summary: "Add an area",
  request: {
    body: body(
      z.strictObject({
        id: Slug,
        name: z.string().trim().min(1).max(200),
        kind: z.enum(AREA_KINDS),
        parentId: Slug.nullable().optional(),
        gssCode: GssCode.nullable().optional(),
      }),
    ),
  },
  responses: { 201: json(AreaSchema, "Added"), 409: problem("Id in use") },
});

const patch = defineRoute({
  method: "patch",
  path: "/v1/areas/{areaId}",
  tags: ["Elections"],
  summary: "Rename, move or retire an area",
  request: {
    params: z.object({ areaId: IdParam("areaId") }),
    body: body(
      z
        .strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          parentId: Slug.nullable().optional(),
          gssCode: GssCode.nullable().optional(),
          retired: z.boolean().optional(),
        })
        .refine((p) => Object.keys(p).length > 0, "Give at least one field to change."),
    ),
  },
  responses: { 200: json(AreaSchema, "Changed"), 404: problem("No such area") },
});

export const areasRouter = createRouter()
  .openapi(list, async (c) => c.json({ areas: await listAreas(c.env.DB) }, 200))
  .openapi(create, async (c) => c.json(await createArea(c.env.DB, actorOf(c), c.req.valid("json")), 201))
  .openapi(patch, async (c) =>
    c.json(await updateArea(c.env.DB, actorOf(c), c.req.valid("param").areaId, c.req.valid("json")), 200),
  );
