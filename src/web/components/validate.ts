// One validation path for pages and API: a page validates its form with the very zod schema the API
// route declares (read from the route's OpenAPI registration), and shows the failures in words.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import { ApiError } from "../../lib/problem";
import { parseIsoDate } from "../../domain/dates";
import { inWords } from "./time";

export type Errors = Record<string, string>;

type Registered = { type: string; route?: { method: string; path: string; request?: { body?: unknown } } };

/**
 * The JSON body schema of an API route, as the API validates it. Its output is typed `never` here
 * (the route's handler knows the precise type; the page passes it straight to the same repo call).
 */
export function apiBody<T extends z.ZodType = z.ZodType<never>>(
  router: OpenAPIHono<any, any, any>,
  method: "post" | "put" | "patch",
  path: string,
): T {
  for (const d of router.openAPIRegistry.definitions as Registered[]) {
    if (d.type !== "route" || d.route?.method !== method || d.route.path !== path) continue;
    const body = d.route.request?.body as { content?: Record<string, { schema?: T }> } | undefined;
    const schema = body?.content?.["application/json"]?.schema;
    if (schema) return schema;
  }
  throw new Error(`No JSON body schema for ${method.toUpperCase()} ${path}`);
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A zod issue in GOV.UK error-message style, naming the field by its label. */
function plain(issue: z.core.$ZodIssue, label: string): string {
  const l = lower(label);
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string"
        ? `${label} must be ${Number(issue.maximum).toLocaleString("en-GB")} characters or fewer`
        : issue.origin === "array" || issue.origin === "set"
          ? `Choose ${Number(issue.maximum).toLocaleString("en-GB")} or fewer for ${l}`
          : `${label} must be ${Number(issue.maximum).toLocaleString("en-GB")} or less`;
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? `Enter ${l}`
          : `${label} must be ${Number(issue.minimum).toLocaleString("en-GB")} characters or more`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at least one for ${l}`;
      return `${label} must be ${Number(issue.minimum).toLocaleString("en-GB")} or more`;
    case "invalid_value":
      return `Select ${l} from the list`;
    case "invalid_format":
      return issue.format === "url"
        ? `Enter ${l} in the correct format, like https://www.example.gov.uk`
        : issue.format === "email"
          ? `Enter ${l} in the correct format, like name@example.gov.uk`
          : `Enter ${l} in the correct format`;
    case "invalid_type":
      return issue.input === undefined || issue.input === null || issue.input === ""
        ? `Enter ${l}`
        : `Enter a valid ${l}`;
    case "unrecognized_keys":
      return `${label} is not a field this form has`;
    default:
      return issue.message;
  }
}

/** The form field a JSON pointer or zod path is about: its first segment. */
export const fieldOf = (path: readonly PropertyKey[] | string): string =>
  typeof path === "string" ? (path.split("/")[1] ?? "") : String(path[0] ?? "");

/**
 * Validates a body built from a form with the API's schema. Failures come back keyed by field (the
 * first problem with each), worded with the field's label.
 */
export function check<T extends z.ZodType>(
  schema: T,
  body: unknown,
  labels: Record<string, string>,
): { ok: true; data: z.output<T> } | { ok: false; errors: Errors } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, data: result.data };
  const errors: Errors = {};
  for (const issue of result.error.issues) {
    const key = fieldOf(issue.path);
    if (!(key in errors)) errors[key] = plain(issue, labels[key] ?? "This answer");
  }
  return { ok: false, errors };
}

/** A refusal from the repository naming fields (RFC 9457 errors[]), keyed by field. */
export function errorsFrom(err: unknown): Errors | null {
  if (!(err instanceof ApiError) || err.status !== 422 || !err.errors?.length) return null;
  const errors: Errors = {};
  for (const e of err.errors) {
    const key = fieldOf(e.pointer) || "form";
    if (!(key in errors)) errors[key] = inWords(e.detail);
  }
  return errors;
}

/**
 * A GOV.UK date input (day, month and year boxes) read back as "YYYY-MM-DD". Empty is `null` (the
 * schema decides whether that is allowed); a partial or impossible date is an error in words.
 */
export function dateFrom(
  f: Record<string, string>,
  name: string,
  label: string,
): { value: string | null } | { error: string } {
  const day = (f[`${name}-day`] ?? "").trim();
  const month = (f[`${name}-month`] ?? "").trim();
  const year = (f[`${name}-year`] ?? "").trim();
  if (!day && !month && !year) return { value: null };
  const missing = [!day && "a day", !month && "a month", !year && "a year"].filter(Boolean) as string[];
  if (missing.length) return { error: `${label} must include ${missing.join(" and ")}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d+$/.test(year))
    return { error: `${label} must be a real date` };
  if (year.length !== 4) return { error: "Year must include 4 numbers" };
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (parseIsoDate(iso) === null) return { error: `${label} must be a real date` };
  return { value: iso };
}

/** "9:30am", "9.30 am", "14:00", "midday" → hours and minutes; null when it is not a time. */
export function timeFrom(value: string | undefined): { hours: number; minutes: number } | null {
  const v = (value ?? "").trim().toLowerCase().replace(/\s+/g, "");
  if (v === "midday" || v === "noon") return { hours: 12, minutes: 0 };
  if (v === "midnight") return { hours: 0, minutes: 0 };
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(v);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? "0");
  if (minutes > 59) return null;
  if (m[3]) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (m[3] === "pm" ? 12 : 0);
  } else if (hours > 23 || m[2] === undefined) return null;
  return { hours, minutes };
}

/** The day, month and year boxes' values for a date ("2027-01-21"), to fill a date input. */
export function dateBoxes(name: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.slice(0, 10).split("-");
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}
