import { z } from "@hono/zod-openapi";
import { parseIsoDate } from "../domain/dates";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().openapi({ description: "Stable machine-readable error code" }),
    errors: z
      .array(
        z.object({
          in: z.enum(["body", "query", "path", "header", "cookie", "form"]),
          pointer: z.string().openapi({ description: "JSON pointer (RFC 6901) to the failing field" }),
          detail: z.string(),
          code: z.string(),
        }),
      )
      .optional(),
  })
  .openapi("Problem");

export const IsoInstant = z.iso.datetime({ offset: true }).openapi({ example: "2026-05-07T21:00:00.000Z" });

export const IdParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: "path" } });

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use an ISO date, YYYY-MM-DD.", abort: true })
  .refine((v) => parseIsoDate(v) !== null, "Not a calendar date.")
  .openapi({ example: "2026-05-07", format: "date" });

export const BooleanQuery = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .openapi({ type: "string", enum: ["true", "false"] });
