import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../schemas";

export const MediaSchema = z
  .strictObject({
    description: z.string().max(500).optional(),
    rights: z
      .enum(["council_owned", "licensed", "third_party_with_permission", "creative_commons"])
      .nullable()
      .optional()
      .openapi({ description: "Who holds the rights; none declared blocks (policy 8.6)" }),
    attributionUrl: z.url().max(500).nullable().optional(),
    people: z.array(z.string().min(1).max(200)).max(50).optional().openapi({ description: "People pictured, by name" }),
    containsCouncilLogo: z.boolean().optional(),
  })
  .openapi("MediaItem");

export const PostContent = {
  text: z.string().min(1).max(20_000),
  links: z
    .array(z.url({ protocol: /^https?$/ }).max(1000))
    .max(20)
    .optional(),
  media: z.array(MediaSchema).max(20).optional(),
  essential: z
    .strictObject({ reason: z.string().trim().min(5).max(1000) })
    .nullable()
    .optional()
    .openapi({
      description: "Essential public information (emergency, service disruption, statutory notice), with the reason",
    }),
  campaignPlannedOn: IsoDateSchema.nullable()
    .optional()
    .openapi({ description: "For a campaign or consultation: the day it was recorded as planned" }),
  consents: z
    .array(z.string().min(1).max(200))
    .max(50)
    .optional()
    .openapi({ description: "Names whose written consent to be named is on record (policy 8.2)" }),
};

export const FindingSchema = z
  .object({
    rule: z.string(),
    clause: z.string().openapi({ description: "The policy clause or statute" }),
    severity: z.enum(["block", "review", "info"]),
    message: z.string(),
    excerpt: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    overridable: z.boolean(),
  })
  .openapi("Finding");

export const ScreeningSchema = z
  .object({
    verdict: z.enum(["pass", "review", "block"]),
    findings: z.array(FindingSchema),
    lexiconVersion: z.number().int(),
  })
  .openapi("Screening");
