import { createRouter, defineRoute, z } from "../openapi";
import { holidayDataAge } from "../../repo/calendar-data";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    database: z.object({
      ok: z.boolean(),
      migrationsApplied: z.number().int().nullable(),
      error: z.string().optional(),
    }),
    calendarData: z
      .object({
        bundledTaken: z.string().openapi({ description: "When the bundled gov.uk bank-holidays file was taken" }),
        lastYear: z
          .number()
          .int()
          .openapi({ description: "The last year every division's data covers, uploads included" }),
        lastYearByDivision: z.record(z.string(), z.number().int()),
        warning: z.string().nullable().openapi({ description: "Set when the data ends within 18 months" }),
      })
      .optional(),
  })
  .openapi("Health");

const health = defineRoute({
  method: "get",
  path: "/healthz",
  tags: ["Platform"],
  summary: "Liveness and database check",
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "The database does not answer", content: { "application/json": { schema: HealthSchema } } },
  },
});

const ping = defineRoute({
  method: "get",
  path: "/ping",
  tags: ["Platform"],
  summary: "Trivial route: the benchmark's baseline",
  responses: {
    200: { description: "Pong", content: { "application/json": { schema: z.object({ pong: z.literal(true) }) } } },
  },
});

export const healthRouter = createRouter()
  .openapi(health, async (c) => {
    const version = c.env.APP_VERSION ?? "0.0.0";
    try {
      // d1_migrations is wrangler's record of applied migrations; a database set up some other way
      // still answers, with the count unknown.
      const row = await c.env.DB.prepare("SELECT count(*) AS n FROM d1_migrations")
        .first<{ n: number }>()
        .catch(async (err: Error) => {
          if (!/no such table/.test(err.message)) throw err;
          await c.env.DB.prepare("SELECT 1").first();
          return null;
        });
      const calendarData = await holidayDataAge(c.env.DB);
      return c.json(
        { status: "ok" as const, version, database: { ok: true, migrationsApplied: row?.n ?? null }, calendarData },
        200,
      );
    } catch (err) {
      return c.json(
        {
          status: "degraded" as const,
          version,
          database: { ok: false, migrationsApplied: null, error: (err as Error).message },
        },
        503,
      );
    }
  })
  .openapi(ping, (c) => c.json({ pong: true as const }, 200));
