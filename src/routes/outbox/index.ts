import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { listDeliveries, retryDeliveries } from "../../repo/outbox";
import { listEmails } from "../../repo/emails";

const tags = ["Deliveries"];

const Delivery = z
  .object({
    id: z.string(),
    eventId: z.string().openapi({ description: "The event's id: the `webhook-id` header, the same on every attempt" }),
    eventType: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    channel: z.enum(["webhook", "email"]),
    targetId: z.string().openapi({ description: "The webhook endpoint's id, or the person's user id" }),
    status: z.enum(["pending", "delivered", "failed"]).openapi({
      description: "failed: it went to the dead-letter queue after every retry, until an admin retries it",
    }),
    attempts: z.number().int(),
    lastAttemptAt: z.string().nullable(),
    lastStatus: z.number().int().nullable().openapi({ description: "The receiver's last HTTP status" }),
    lastError: z.string().nullable(),
    queuedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    deadAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Delivery");

const list = defineRoute({
  method: "get",
  path: "/v1/deliveries",
  tags,
  summary: "Deliveries of events to webhooks and e-mail: `?status=failed` lists those in the dead-letter queue",
  request: {
    query: z.object({
      status: z.enum(["pending", "delivered", "failed"]).optional(),
      channel: z.enum(["webhook", "email"]).optional(),
      targetId: z.string().max(200).optional(),
      eventId: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: json(z.object({ deliveries: z.array(Delivery) }), "Deliveries, newest first") },
});
const retry = defineRoute({
  method: "post",
  path: "/v1/deliveries/retry",
  tags,
  summary: "Send failed deliveries again (back onto the delivery queue, with their original event ids)",
  request: { body: body(z.strictObject({ deliveryIds: z.array(z.string().min(1).max(200)).min(1).max(100) })) },
  responses: {
    200: json(z.object({ deliveries: z.array(Delivery) }), "Queued again"),
    404: problem("No such delivery"),
    409: problem("Not a failed delivery"),
  },
});

const Email = z
  .object({
    id: z.string(),
    deliveryId: z.string(),
    eventId: z.string(),
    toAddress: z.string(),
    templateId: z.string(),
    subject: z.string(),
    body: z.string(),
    via: z.enum(["notify", "local"]).openapi({ description: "local: no NOTIFY_API_KEY, so kept here only" }),
    notifyId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Email");

const emails = defineRoute({
  method: "get",
  path: "/v1/emails",
  tags,
  summary: "E-mails the service sent (or, without a Notify key, would have sent): the local outbox",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: json(z.object({ emails: z.array(Email) }), "E-mails, newest first") },
});

export const outboxRouter = createRouter()
  .openapi(list, async (c) => c.json({ deliveries: await listDeliveries(c.env.DB, c.req.valid("query")) }, 200))
  .openapi(retry, async (c) =>
    c.json(
      {
        deliveries: await retryDeliveries(
          c.env.DB,
          actorOf(c),
          c.env.DELIVERIES as Queue<never> | undefined,
          c.req.valid("json").deliveryIds,
        ),
      },
      200,
    ),
  )
  .openapi(emails, async (c) => c.json({ emails: await listEmails(c.env.DB, c.req.valid("query").limit) }, 200));
