import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, type FieldError } from "./problem";

const TARGETS: Record<string, FieldError["in"]> = {
  json: "body",
  form: "form",
  query: "query",
  param: "path",
  header: "header",
  cookie: "cookie",
};

function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** Every failing field, each with its JSON pointer: unknown fields are named one by one. */
export function fieldErrors(error: z.ZodError, where: FieldError["in"]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          in: where,
          pointer: pointer([...issue.path, key]),
          detail: `Unknown field '${key}'.`,
          code: "unknown_field",
        });
      }
    } else {
      out.push({ in: where, pointer: pointer(issue.path), detail: issue.message, code: issue.code });
    }
  }
  return out;
}

export function validationError(error: z.ZodError, where: FieldError["in"]): ApiError {
  const errors = fieldErrors(error, where);
  const names = [...new Set(errors.map((e) => `${e.pointer || "/"} (${e.in})`))].join(", ");
  return new ApiError("validation_failed", `Invalid: ${names}.`, { errors });
}

/** The zod-openapi defaultHook: the one place validation failures become problem+json. */
export function validationHook(
  result: { success: true; data: unknown; target: string } | { success: false; error: z.ZodError; target: string },
  _c: Context,
): void {
  if (!result.success) throw validationError(result.error, TARGETS[result.target] ?? "body");
}
