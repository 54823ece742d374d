import { createRoute, OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { AppEnv, Caller } from "../env";
import { accessFor, type Access } from "../auth/access";
import { authenticate } from "../auth/authenticate";
import { ApiError } from "../lib/problem";
import { validationHook } from "../lib/validation";
import { idempotency } from "../lib/idempotency";
import { ProblemSchema } from "./schemas";
import { operationIdFor } from "./tags";

/** A router for one resource folder; every router shares the app's validation hook. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

function guard(access: Access) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (access === "public") return next();
    const caller = await authenticate(c);
    if (!caller)
      throw new ApiError("unauthenticated", "This route needs a bearer token or a Cloudflare Access session.");
    c.set("caller", caller);
    if (access !== "signed-in" && !caller.roles.some((r) => access.includes(r))) {
      throw new ApiError("forbidden", `This needs one of the roles: ${access.join(", ")}.`, {
        extensions: { requiredRoles: access, yourRoles: caller.roles },
      });
    }
    await next();
  });
}

export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/**
 * `createRoute` plus the access rule from src/auth/access.ts (required: a route without one fails
 * at start-up and in CI), its security declaration, and the error responses every route can give.
 */
export function defineRoute<R extends RouteConfig>(config: R) {
  const access = accessFor(config.method, config.path);
  const extra =
    access === "public"
      ? {}
      : {
          401: problem("No valid credentials"),
          403: problem("The caller lacks a required role"),
        };
  const hasBody = config.request?.body !== undefined;
  return createRoute({
    operationId: operationIdFor(config.method, config.path),
    ...config,
    security: access === "public" ? [] : [{ bearerAuth: [] }],
    // Every POST honours Idempotency-Key (src/lib/idempotency.ts), after the caller is known.
    middleware: config.method === "post" ? [guard(access), idempotency] : [guard(access)],
    responses: {
      ...extra,
      ...(hasBody
        ? {
            400: problem("The body is not valid JSON"),
            413: problem("The body is larger than the service accepts"),
            415: problem("The body is not application/json"),
          }
        : {}),
      422: problem("The request is not valid"),
      ...config.responses,
    },
    "x-roles": access,
  } as R & { middleware: ReturnType<typeof guard>[] });
}

/** The authenticated caller; routes reach handlers only after `guard`, so it is always set. */
export function callerOf(c: Context<AppEnv>): Caller {
  const caller = c.get("caller");
  if (!caller) throw new ApiError("unauthenticated", "Authentication required.");
  return caller;
}

export { z };

/** Who the audit log records for this request. */
export function actorOf(c: Context<AppEnv>) {
  const caller = callerOf(c);
  return { id: caller.id, label: `${caller.name} <${caller.email ?? caller.id}>`, requestId: c.get("requestId") };
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
export const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
