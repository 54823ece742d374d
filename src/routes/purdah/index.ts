import { sha256Hex } from "../../lib/crypto";
import { answerMemo, rawQuery } from "../answer-memo";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { createRouter, defineRoute, json, problem, z } from "../openapi";
import { IdParam, IsoInstant } from "../schemas";
import { ApiError } from "../../lib/problem";
import { ancestorsAndSelf, descendants } from "../../domain/areas";
import { PURDAH_SOURCE, windowsAt, windowsBetween, type PurdahWindow } from "../../domain/purdah";
import { renderIcs } from "../../domain/ics";
import { purdahIndex, type PurdahIndex } from "../../repo/purdah-index";
import { PurdahWindowSchema } from "../elections/contracts";
import { clock } from "../../lib/clock";

const Scope = z.enum(["enclosing", "intersecting"]).default("enclosing").openapi({
  description:
    "enclosing: elections in the area or any area enclosing it; intersecting: also those in areas inside it (a council-wide account and a ward by-election)",
});

const MAX_RANGE_MS = 5 * 366 * 86_400_000;

const Query = z
  .object({
    at: IsoInstant.optional().openapi({ description: "The instant to ask about (default: now)" }),
    from: IsoInstant.optional().openapi({ description: "Range form: windows intersecting [from, to)" }),
    to: IsoInstant.optional(),
    area: z.string().max(100).optional(),
    scope: Scope,
  })
  .superRefine((q, ctx) => {
    if (q.at && (q.from || q.to))
      ctx.addIssue({ code: "custom", path: ["at"], message: "Ask either at an instant or over a range, not both." });
    if (Boolean(q.from) !== Boolean(q.to))
      ctx.addIssue({ code: "custom", path: [q.from ? "to" : "from"], message: "A range needs both 'from' and 'to'." });
    if (q.from && q.to) {
      const span = Date.parse(q.to) - Date.parse(q.from);
      if (span <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "'to' must be after 'from'." });
      else if (span > MAX_RANGE_MS)
        ctx.addIssue({ code: "custom", path: ["to"], message: "A range is at most five years." });
    }
  });

const lookup = defineRoute({
  method: "get",
  path: "/v1/purdah",
  tags: ["Elections"],
  summary: "Pre-election periods in force at an instant, or intersecting a range (public)",
  request: { query: Query },
  responses: {
    200: json(
      z.object({
        at: IsoInstant.optional(),
        from: IsoInstant.optional(),
        to: IsoInstant.optional(),
        area: z.object({ id: z.string(), name: z.string() }).nullable(),
        scope: z.enum(["enclosing", "intersecting"]),
        inPurdah: z.boolean(),
        windows: z.array(PurdahWindowSchema),
        source: z.string(),
      }),
      "The windows, each with the election behind it and its source",
    ),
  },
});

const icsContent = { description: "An RFC 5545 calendar", content: { "text/calendar": { schema: z.string() } } };

const feed = defineRoute({
  method: "get",
  path: "/v1/calendars/purdah.ics",
  tags: ["Calendars"],
  summary: "Subscribable calendar of pre-election periods and polls (public)",
  responses: { 200: icsContent },
});

const areaFeed = defineRoute({
  method: "get",
  path: "/v1/calendars/areas/{areaId}/purdah.ics",
  tags: ["Calendars"],
  summary: "The calendar for one area: its elections, those of areas enclosing it and of areas inside it (public)",
  request: { params: z.object({ areaId: IdParam("areaId") }) },
  responses: { 200: icsContent, 404: problem("No such area") },
});

/** The areas whose elections matter for `area` under `scope`, or null for every area. */
function relevantAreas(
  index: PurdahIndex,
  area: string | undefined,
  scope: "enclosing" | "intersecting",
): Set<string> | null {
  if (!area) return null;
  const ids = ancestorsAndSelf(index.areas, area);
  if (scope === "intersecting") ids.push(...descendants(index.areas, area));
  return new Set(ids);
}

const inAreas = (w: { areaIds: string[] }, areas: Set<string> | null) => !areas || w.areaIds.some((a) => areas.has(a));

async function sendIcs(c: Context<AppEnv>, index: PurdahIndex, areas: Set<string> | null, name: string) {
  const entries = index.elections
    .filter((e) => e.election.status !== "cancelled" && inAreas(e.election, areas))
    .map((e) => ({
      electionId: e.election.id,
      title: e.election.title,
      pollDate: e.election.pollDate,
      updatedAt: e.election.updatedAt,
      window: e.window,
    }));
  const ics = renderIcs({ name, uidDomain: `${index.settings.slug}.council-social-governance`, entries });
  // A strong validator: calendar apps poll often, and most polls change nothing (RFC 9110 §8.8.3, §13.1.2).
  const etag = `"${(await sha256Hex(ics)).slice(0, 32)}"`;
  const headers = { etag, "cache-control": "public, max-age=900" };
  const ifNoneMatch = c.req.header("if-none-match");
  if (
    ifNoneMatch &&
    (ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag))
  ) {
    return c.body(null, 304, headers);
  }
  return c.body(ics, 200, { ...headers, "content-type": "text/calendar; charset=utf-8" });
}

// Answers to a question about a fixed instant or range ("at=…", "from=…&to=…") hold until the index is
// rebuilt (an election, area or calendar change, or its TTL), so a repeated query string is answered from
// memory without parsing it again. Questions about "now" are always worked out.
const answers = answerMemo<PurdahIndex>();
const sendJson = (c: Context, body: string) => c.body(body, 200, { "content-type": "application/json" });

const router = createRouter();
router.use("/v1/purdah", async (c, next) => {
  if (c.req.method !== "GET") return next();
  const hit = answers.get(await purdahIndex(c.env.DB), rawQuery(c.req.url));
  if (hit !== undefined) return sendJson(c, hit);
  return next();
});

export const purdahRouter = router
  .openapi(lookup, async (c) => {
    const q = c.req.valid("query");
    const index = await purdahIndex(c.env.DB);
    const area = q.area ? index.areas.get(q.area) : undefined;
    if (q.area && !area) {
      throw new ApiError("validation_failed", `No area with id '${q.area}'.`, {
        errors: [{ in: "query", pointer: "/area", detail: "Unknown area.", code: "unknown_area" }],
      });
    }
    const areas = relevantAreas(index, q.area, q.scope);
    const candidates = index.windows.filter((w) => inAreas(w, areas));
    const range = q.from && q.to ? { from: new Date(q.from), to: new Date(q.to) } : null;
    const at = range ? null : q.at ? new Date(q.at) : clock.now();
    const windows: PurdahWindow[] = range
      ? windowsBetween(candidates, range.from, range.to)
      : windowsAt(candidates, at!);
    const body = JSON.stringify({
      ...(range ? { from: range.from.toISOString(), to: range.to.toISOString() } : { at: at!.toISOString() }),
      area: area ? { id: area.id, name: area.name } : null,
      scope: q.scope,
      inPurdah: windows.length > 0,
      windows,
      source: PURDAH_SOURCE,
    });
    if (q.at || range) answers.set(index, rawQuery(c.req.url), body);
    return sendJson(c, body) as never;
  })
  .openapi(feed, async (c) => {
    const index = await purdahIndex(c.env.DB);
    return sendIcs(c, index, null, `${index.settings.name}: pre-election periods`) as never;
  })
  .openapi(areaFeed, async (c) => {
    const index = await purdahIndex(c.env.DB);
    const area = index.areas.get(c.req.valid("param").areaId);
    if (!area) throw new ApiError("not_found", `No area with id '${c.req.valid("param").areaId}'.`);
    return sendIcs(
      c,
      index,
      relevantAreas(index, area.id, "intersecting"),
      `${area.name}: pre-election periods`,
    ) as never;
  });
