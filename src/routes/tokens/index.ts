import { actorOf, createRouter, defineRoute, json, problem } from "../openapi";
import { revokeToken } from "../../repo/users";
import { TokenIdParams, TokenSchema } from "../users/contracts";

const revoke = defineRoute({
  method: "post",
  path: "/v1/tokens/{tokenId}/revoke",
  tags: ["Users and tokens"],
  summary: "Revoke an API token (idempotent)",
  request: { params: TokenIdParams },
  responses: {
    200: json(TokenSchema, "The token, revoked"),
    404: problem("No such token"),
  },
});

export const tokensRouter = createRouter().openapi(revoke, async (c) =>
  c.json(await revokeToken(c.env.DB, actorOf(c), c.req.valid("param").tokenId), 200),
);
