import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { Context } from "hono";
import type { AppEnv } from "./env";
import { ApiError, problemBody, problemResponse, type ErrorCode } from "./lib/problem";
import { validationHook } from "./lib/validation";
import { requestGuards } from "./lib/request-guards";
import { healthRouter } from "./routes/health";
import { meRouter } from "./routes/me";
import { usersRouter } from "./routes/users";
import { tokensRouter } from "./routes/tokens";
import { auditRouter } from "./routes/audit";
import { calendarsRouter } from "./routes/calendars";
import { councilRouter } from "./routes/council";
import { areasRouter } from "./routes/areas";
import { electionsRouter } from "./routes/elections";
import { nominationsRouter } from "./routes/nominations";
import { cyclesRouter } from "./routes/cycles";
import { purdahRouter } from "./routes/purdah";
import { corporateAccountsRouter } from "./routes/corporate-accounts";
import { councillorAccountsRouter } from "./routes/councillor-accounts";
import { logoRequestsRouter } from "./routes/logo-requests";
import { reportsRouter } from "./routes/reports";
import { screeningsRouter } from "./routes/screenings";
import { postsRouter } from "./routes/posts";
import { postControlsRouter } from "./routes/posts/controls";
import { candidaciesRouter } from "./routes/candidacies";
import { createWebRouter } from "./web";
import { TAGS } from "./routes/tags";
import { webhooksRouter } from "./routes/webhooks";
import { outboxRouter } from "./routes/outbox";
import { notificationsRouter } from "./routes/notifications";
import { dispatchAfterWrites } from "./queue/dispatch";
import { sealAfterResponse } from "./repo/audit";
import { securityHeaders } from "./web/security";
import { docsPage } from "./web/docs";
import { notFoundPage, wantsHtml } from "./web/not-found";

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "validation_failed",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

function render(err: Error, c: Context<AppEnv>): Response {
  const instance = c.req.path;
  const requestId = c.get("requestId") ?? "";
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (err instanceof ApiError) {
    // RFC 6750 §3: no error attribute when the request carried no credentials at all.
    if (err.status === 401)
      headers["www-authenticate"] =
        `Bearer realm="council-social-governance"${err.code === "unauthenticated" ? "" : `, error="invalid_token"`}`;
    return problemResponse(
      problemBody(err.code, err.detail, instance, { errors: err.errors, requestId, ...err.extensions }),
      headers,
    );
  }
  if (err instanceof HTTPException) {
    // Hono's own validators throw these: malformed JSON bodies, mostly.
    const code: ErrorCode = /malformed json/i.test(err.message)
      ? "malformed_json"
      : (STATUS_CODES[err.status] ?? (err.status >= 500 ? "internal_error" : "validation_failed"));
    // The framework's own status is kept (a 429 stays a 429), whatever code describes it.
    return problemResponse(
      problemBody(code, err.message || "Bad request.", instance, { requestId, status: err.status }),
      headers,
    );
  }
  console.error(JSON.stringify({ level: "error", requestId, path: instance, message: err.message, stack: err.stack }));
  return problemResponse(
    problemBody(
      "internal_error",
      "Something went wrong on our side. Quote the request id if you report it.",
      instance,
      { requestId },
    ),
    headers,
  );
}

/** The methods some route answers for this path (HEAD with GET), ignoring middleware. */
function allowedMethods(routes: { method: string; path: string }[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) {
    if (r.method === "ALL" || r.path === "*" || r.path === "/*") continue;
    const pattern = r.path
      .split("/")
      .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg === "*" ? ".*" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    if (new RegExp(`^${pattern}/?$`).test(path)) methods.add(r.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

/** The one app factory: the Worker and the tests build the app the same way. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", securityHeaders);
  app.use("*", requestGuards);
  app.use("*", dispatchAfterWrites);
  app.use("*", sealAfterResponse);

  app.route("/", healthRouter);
  app.route("/", meRouter);
  app.route("/", usersRouter);
  app.route("/", tokensRouter);
  app.route("/", auditRouter);
  app.route("/", calendarsRouter);
  app.route("/", councilRouter);
  app.route("/", areasRouter);
  app.route("/", electionsRouter);
  app.route("/", nominationsRouter);
  app.route("/", cyclesRouter);
  app.route("/", purdahRouter);
  app.route("/", corporateAccountsRouter);
  app.route("/", councillorAccountsRouter);
  app.route("/", logoRequestsRouter);
  app.route("/", reportsRouter);
  app.route("/", screeningsRouter);
  app.route("/", postsRouter);
  app.route("/", postControlsRouter);
  app.route("/", candidaciesRouter);
  app.route("/", webhooksRouter);
  app.route("/", outboxRouter);
  app.route("/", notificationsRouter);
  app.route("/", createWebRouter());

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API token (`npm run token -- --role <role>` locally, or POST /v1/users/{userId}/tokens).",
  });
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    servers: [{ url: new URL(c.req.url).origin, description: "This deployment" }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    info: {
      title: "Council social media governance API",
      version: c.env?.APP_VERSION ?? "0.0.0",
      description:
        "Approvals, pre-election periods, account registers, logo-use requests and candidates' spending returns, on a tamper-evident audit record. Errors are RFC 9457 problem+json.",
      license: { name: "MIT", identifier: "MIT" },
    },
  }));
  app.get("/docs", docsPage);

  app.notFound((c) => {
    // A path that exists for other methods: 405 with the methods it answers (RFC 9110 §15.5.6).
    const allow = allowedMethods(app.routes, c.req.path);
    if (allow.length > 0) {
      const res = render(new ApiError("method_not_allowed", `${c.req.path} answers ${allow.join(", ")} only.`), c);
      res.headers.set("allow", allow.join(", "));
      return res;
    }
    if (wantsHtml(c)) return notFoundPage(c);
    return render(new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`), c);
  });
  app.onError((err, c) => render(err, c));
  return app;
}

export type App = ReturnType<typeof createApp>;
