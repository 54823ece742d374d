import { actorOf, body, createRouter, defineRoute, json, z } from "../openapi";
import { NATIONS } from "../../domain/election-rules";
import { getSettings, putSettings } from "../../repo/council";
import { getArea } from "../../repo/areas";

const Settings = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Lower-case letters, digits and single hyphens.")
      .max(100)
      .openapi({ description: "Used in election ids: local.<slug>.<date>" }),
    nation: z.enum(NATIONS),
    areaId: z.string().max(100).nullable().openapi({ description: "The area that is the whole council" }),
    purdahEnds: z
      .enum(["close_of_poll", "declaration"])
      .openapi({ description: "When the pre-election period ends (RULES.md §2: councils differ)" }),
    generalElectionPurdahStarts: z
      .enum(["notice", "dissolution"])
      .openapi({ description: "Where a general election's pre-election period starts" }),
    publishedContacts: z
      .strictObject({
        phones: z.array(z.string().trim().min(5).max(40)).max(50),
        emails: z.array(z.string().trim().min(3).max(200)).max(50),
        addresses: z.array(z.string().trim().min(3).max(300)).max(50),
      })
      .optional()
      .openapi({
        description:
          'The council\'s own published phone numbers, e-mail addresses (or "@domain") and postal addresses: screening does not treat them as personal data (policy 8.3)',
      }),
  })
  .openapi("CouncilSettings");

const get = defineRoute({
  method: "get",
  path: "/v1/council",
  tags: ["Elections"],
  summary: "The council's settings for pre-election periods",
  responses: { 200: json(Settings.extend({ updatedAt: z.string().nullable() }), "Settings (defaults until recorded)") },
});

const put = defineRoute({
  method: "put",
  path: "/v1/council",
  tags: ["Elections"],
  summary: "Record the council's settings",
  request: { body: body(Settings) },
  responses: { 200: json(Settings.extend({ updatedAt: z.string().nullable() }), "Recorded") },
});

export const councilRouter = createRouter()
  .openapi(get, async (c) => c.json(await getSettings(c.env.DB), 200))
  .openapi(put, async (c) => {
    const input = c.req.valid("json");
    if (input.areaId) await getArea(c.env.DB, input.areaId);
    return c.json(await putSettings(c.env.DB, actorOf(c), input), 200);
  });
