import { actorOf, body, callerOf, createRouter, defineRoute, json, z } from "../openapi";
import { createToken } from "../../repo/users";
import { IssuedTokenSchema, NewTokenSchema } from "../users/contracts";
import { ROLES } from "../../auth/roles";

export const MeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    authenticatedBy: z.enum(["token", "access"]),
  })
  .openapi("Me");

const me = defineRoute({
  method: "get",
  path: "/v1/me",
  tags: ["Identity"],
  summary: "The caller and their roles",
  responses: { 200: { description: "The caller", content: { "application/json": { schema: MeSchema } } } },
});

const myToken = defineRoute({
  method: "post",
  path: "/v1/me/tokens",
  tags: ["Identity"],
  summary: "Make an API token for yourself (shown once)",
  request: { body: body(NewTokenSchema) },
  responses: { 201: json(IssuedTokenSchema, "Issued") },
});

export const meRouter = createRouter()
  .openapi(me, (c) => {
    const { id, name, email, roles, authenticatedBy } = callerOf(c);
    return c.json({ id, name, email, roles, authenticatedBy }, 200);
  })
  .openapi(myToken, async (c) =>
    c.json(await createToken(c.env.DB, actorOf(c), callerOf(c).id, c.req.valid("json")), 201),
  );
