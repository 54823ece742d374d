import { callerOf, createRouter, defineRoute, z } from "../openapi";
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

export const meRouter = createRouter().openapi(me, (c) => {
  const { id, name, email, roles, authenticatedBy } = callerOf(c);
  return c.json({ id, name, email, roles, authenticatedBy }, 200);
});
