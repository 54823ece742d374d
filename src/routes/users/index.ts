import { actorOf, body, callerOf, createRouter, defineRoute, json, problem, z } from "../openapi";
import {
  assertMayIssueToken,
  createToken,
  createUser,
  getUser,
  listTokens,
  listUsers,
  updateUser,
} from "../../repo/users";
import {
  IssuedTokenSchema,
  NewTokenSchema,
  NewUserSchema,
  TokenSchema,
  UserIdParams,
  UserListQuery,
  UserPatchSchema,
  UserSchema,
} from "./contracts";

const tags = ["Users and tokens"];

const list = defineRoute({
  method: "get",
  path: "/v1/users",
  tags,
  summary: "List users",
  request: { query: UserListQuery },
  responses: {
    200: json(z.object({ users: z.array(UserSchema), nextCursor: z.string().nullable() }), "A page of users"),
  },
});

const create = defineRoute({
  method: "post",
  path: "/v1/users",
  tags,
  summary: "Create a user with roles",
  request: { body: body(NewUserSchema) },
  responses: { 201: json(UserSchema, "Created"), 409: problem("Email in use") },
});

const read = defineRoute({
  method: "get",
  path: "/v1/users/{userId}",
  tags,
  summary: "One user",
  request: { params: UserIdParams },
  responses: { 200: json(UserSchema, "The user"), 404: problem("No such user") },
});

const patch = defineRoute({
  method: "patch",
  path: "/v1/users/{userId}",
  tags,
  summary: "Change a user's name, email, roles, or disable them",
  request: { params: UserIdParams, body: body(UserPatchSchema) },
  responses: { 200: json(UserSchema, "The changed user"), 404: problem("No such user"), 409: problem("Conflict") },
});

const tokens = defineRoute({
  method: "get",
  path: "/v1/users/{userId}/tokens",
  tags,
  summary: "A user's API tokens (never the secrets)",
  request: { params: UserIdParams },
  responses: { 200: json(z.object({ tokens: z.array(TokenSchema) }), "Tokens"), 404: problem("No such user") },
});

const issue = defineRoute({
  method: "post",
  path: "/v1/users/{userId}/tokens",
  tags,
  summary: "Issue an API token (shown once)",
  request: { params: UserIdParams, body: body(NewTokenSchema) },
  description:
    "For a service account, or for the administrator themselves. A person's tokens are made by that person: POST /v1/me/tokens.",
  responses: {
    201: json(IssuedTokenSchema, "Issued"),
    403: problem("The user is another person"),
    404: problem("No such user"),
  },
});

export const usersRouter = createRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid("query");
    const users = await listUsers(c.env.DB, q);
    return c.json({ users, nextCursor: users.length === q.limit ? users[users.length - 1].id : null }, 200);
  })
  .openapi(create, async (c) => c.json(await createUser(c.env.DB, actorOf(c), c.req.valid("json")), 201))
  .openapi(read, async (c) => c.json(await getUser(c.env.DB, c.req.valid("param").userId), 200))
  .openapi(patch, async (c) =>
    c.json(await updateUser(c.env.DB, actorOf(c), c.req.valid("param").userId, c.req.valid("json")), 200),
  )
  .openapi(tokens, async (c) => c.json({ tokens: await listTokens(c.env.DB, c.req.valid("param").userId) }, 200))
  .openapi(issue, async (c) => {
    const { userId } = c.req.valid("param");
    await assertMayIssueToken(c.env.DB, callerOf(c).id, userId);
    return c.json(await createToken(c.env.DB, actorOf(c), userId, c.req.valid("json")), 201);
  });
