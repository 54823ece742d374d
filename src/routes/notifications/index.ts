import { actorOf, body, callerOf, createRouter, defineRoute, json, z } from "../openapi";
import { CATEGORIES, type Category } from "../../domain/events";
import { myNotifications, preferences, setPreferences } from "../../repo/notifications";

const tags = ["Notifications"];

const Preferences = z
  .object(Object.fromEntries(Object.keys(CATEGORIES).map((c) => [c, z.boolean()])) as Record<Category, z.ZodBoolean>)
  .openapi("NotificationPreferences", {
    description: `Whether each category is e-mailed to you: ${Object.entries(CATEGORIES)
      .map(([k, v]) => `${k} (${v})`)
      .join("; ")}`,
  });

const Notification = z
  .object({
    eventId: z.string(),
    type: z.string(),
    category: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    emailed: z.boolean().openapi({ description: "Whether your choices sent it by e-mail too" }),
    emailStatus: z.string().nullable().openapi({ description: "pending, delivered or failed" }),
    at: z.string(),
  })
  .openapi("Notification");

const list = defineRoute({
  method: "get",
  path: "/v1/me/notifications",
  tags,
  summary: "What you were told, newest first",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: json(z.object({ notifications: z.array(Notification) }), "Your notifications") },
});
const read = defineRoute({
  method: "get",
  path: "/v1/me/notification-preferences",
  tags,
  summary: "Which notifications you get by e-mail",
  responses: { 200: json(Preferences, "Your choices") },
});
const put = defineRoute({
  method: "put",
  path: "/v1/me/notification-preferences",
  tags,
  summary: "Choose which notifications you get by e-mail (categories not named stay as they are)",
  request: { body: body(Preferences.partial().strict()) },
  responses: { 200: json(Preferences, "Your choices") },
});

export const notificationsRouter = createRouter()
  .openapi(list, async (c) =>
    c.json(
      {
        notifications: await myNotifications(
          c.env.DB,
          callerOf(c).id,
          c.env.SERVICE_BASE_URL || new URL(c.req.url).origin,
          c.req.valid("query").limit,
        ),
      },
      200,
    ),
  )
  .openapi(read, async (c) => c.json(await preferences(c.env.DB, callerOf(c).id), 200))
  .openapi(put, async (c) =>
    c.json(await setPreferences(c.env.DB, actorOf(c), callerOf(c).id, c.req.valid("json")), 200),
  );
