import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam } from "../schemas";
import { WEBHOOK_EVENT_TYPES } from "../../domain/events";
import { createEndpoint, getEndpoint, listEndpoints, rotateSecret, updateEndpoint } from "../../repo/webhooks";

const tags = ["Webhooks"];
const Params = z.object({ endpointId: IdParam("endpointId") });

const EventTypes = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(50)
  .openapi({ description: `Event types to receive, or ["*"] for all: ${WEBHOOK_EVENT_TYPES.join(", ")}` });

const Endpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    previousSecretUntil: z
      .string()
      .nullable()
      .openapi({ description: "Until then, messages are also signed with the secret before the last rotation" }),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi("WebhookEndpoint");

const WithSecret = Endpoint.extend({
  secret: z.string().openapi({
    description:
      "The signing secret (Standard Webhooks, `whsec_…`). Shown this once: store it in the receiving tool; it cannot be read again.",
  }),
}).openapi("WebhookEndpointWithSecret");

const list = defineRoute({
  method: "get",
  path: "/v1/webhooks",
  tags,
  summary: "Webhook endpoints (publishing tools told about events, signed per Standard Webhooks)",
  responses: { 200: json(z.object({ endpoints: z.array(Endpoint), eventTypes: z.array(z.string()) }), "Endpoints") },
});
const create = defineRoute({
  method: "post",
  path: "/v1/webhooks",
  tags,
  summary: "Register an endpoint: the answer carries its signing secret, shown once",
  request: {
    body: body(
      z
        .strictObject({
          url: z.string().max(2000),
          description: z.string().trim().min(1).max(500),
          eventTypes: EventTypes,
        })
        .openapi("WebhookEndpointInput"),
    ),
  },
  responses: { 201: json(WithSecret, "Registered") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/webhooks/{endpointId}",
  tags,
  summary: "One endpoint (never its secret)",
  request: { params: Params },
  responses: { 200: json(Endpoint, "The endpoint"), 404: problem("No such endpoint") },
});
const patch = defineRoute({
  method: "patch",
  path: "/v1/webhooks/{endpointId}",
  tags,
  summary: "Change an endpoint's URL, description or event types, or disable it",
  request: {
    params: Params,
    body: body(
      z.strictObject({
        url: z.string().max(2000).optional(),
        description: z.string().trim().min(1).max(500).optional(),
        eventTypes: EventTypes.optional(),
        disabled: z.boolean().optional(),
      }),
    ),
  },
  responses: { 200: json(Endpoint, "Changed"), 404: problem("No such endpoint") },
});
const rotate = defineRoute({
  method: "post",
  path: "/v1/webhooks/{endpointId}/rotate-secret",
  tags,
  summary:
    "A new signing secret, shown once; the old one keeps signing alongside it for `keepPreviousHours` (two signatures in `webhook-signature`)",
  request: {
    params: Params,
    body: body(z.strictObject({ keepPreviousHours: z.number().int().min(0).max(168).default(24) })),
  },
  responses: {
    200: json(WithSecret, "Rotated"),
    404: problem("No such endpoint"),
    409: problem("Rotated at the same moment"),
  },
});

export const webhooksRouter = createRouter()
  .openapi(list, async (c) =>
    c.json({ endpoints: await listEndpoints(c.env.DB), eventTypes: WEBHOOK_EVENT_TYPES }, 200),
  )
  .openapi(create, async (c) => c.json(await createEndpoint(c.env.DB, c.env, actorOf(c), c.req.valid("json")), 201))
  .openapi(read, async (c) => c.json(await getEndpoint(c.env.DB, c.req.valid("param").endpointId), 200))
  .openapi(patch, async (c) =>
    c.json(
      await updateEndpoint(c.env.DB, c.env, actorOf(c), c.req.valid("param").endpointId, c.req.valid("json")),
      200,
    ),
  )
  .openapi(rotate, async (c) =>
    c.json(
      await rotateSecret(
        c.env.DB,
        c.env,
        actorOf(c),
        c.req.valid("param").endpointId,
        c.req.valid("json").keepPreviousHours,
      ),
      200,
    ),
  );
