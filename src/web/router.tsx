import type { Hono, Context } from "hono";
import type { AppEnv } from "../env";
import type { Role } from "../auth/roles";
import { ApiError } from "../lib/problem";
import { Layout } from "./layout";
import { webSession, type WebSession } from "./session";

/**
 * Who may open which page: the web counterpart of src/auth/access.ts, walked by
 * test/web-authorisation.test.ts. "public" pages need no session; "signed-in" any session.
 */
export type PageAccess = "public" | "signed-in" | readonly Role[];

const COMMS: Role[] = ["comms_officer", "comms_manager"];
const APPROVERS: Role[] = ["comms_manager", "monitoring_officer", "chief_executive"];
const POST_READERS: Role[] = [
  "comms_officer",
  "comms_manager",
  "monitoring_officer",
  "chief_executive",
  "auditor",
  "admin",
];
const LOGO_REQUESTERS: Role[] = [
  "councillor",
  "comms_officer",
  "comms_manager",
  "democratic_services",
  "monitoring_officer",
  "ict_manager",
];
const STAFF_READ: Role[] = [
  "comms_officer",
  "comms_manager",
  "chief_executive",
  "monitoring_officer",
  "democratic_services",
  "ict_manager",
  "auditor",
  "admin",
];
const SPENDING: Role[] = ["candidate", "election_agent", "democratic_services"];

export const PAGE_ACCESS: Record<string, PageAccess> = {
  "GET /sign-in": "public",
  "POST /sign-in": "public",
  "POST /sign-out": "signed-in",
  "GET /": "signed-in",
  "GET /posts": POST_READERS,
  "GET /posts/new": COMMS,
  "POST /posts/new": COMMS,
  "GET /posts/:id": POST_READERS,
  "POST /posts/:id/decision": APPROVERS,
  "GET /approvals": APPROVERS,
  "GET /logo-requests": [...LOGO_REQUESTERS, "chief_executive"],
  "GET /logo-requests/new": LOGO_REQUESTERS,
  "POST /logo-requests/new": LOGO_REQUESTERS,
  "POST /logo-requests/:id/decision": ["chief_executive"],
  "GET /elections": STAFF_READ,
  "GET /registers": STAFF_READ,
  "GET /spending": SPENDING,
  "GET /spending/:id": SPENDING,
  "POST /spending/:id/expenses": ["candidate", "election_agent"],
  "POST /spending/:id/submit": ["candidate", "election_agent"],
  "GET /spending/:id/returns/:version/csv": SPENDING,
  "GET /audit": ["auditor", "admin"],
  "POST /posts/:id/override": ["monitoring_officer"],
  "POST /posts/:id/versions": COMMS,
  "GET /publishing-stops": [...COMMS, "monitoring_officer", "chief_executive", "auditor", "admin"],
  "POST /publishing-stops": ["comms_manager", "chief_executive"],
  "POST /publishing-stops/:id/lift": ["comms_manager", "chief_executive"],
  "POST /spending/:id/imprints": ["candidate", "election_agent"],
  "POST /spending/:id/returns/:version/received": ["democratic_services"],
};

export type PageHandler = (c: Context<AppEnv>, s: WebSession) => Promise<Response> | Response;
export type PublicHandler = (c: Context<AppEnv>) => Promise<Response> | Response;

export function errorPage(
  c: Context<AppEnv>,
  status: 400 | 403 | 404 | 409 | 422 | 500,
  title: string,
  detail: string,
  s?: WebSession | null,
) {
  return c.html(
    <Layout title={title} caller={s?.caller} csrf={s?.csrf}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{detail}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          Go to the start page
        </a>
      </p>
    </Layout>,
    status,
  );
}

export function actorFor(c: Context<AppEnv>, s: WebSession) {
  return {
    id: s.caller.id,
    label: `${s.caller.name} <${s.caller.email ?? s.caller.id}>`,
    requestId: c.get("requestId"),
  };
}

export async function form(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
}

function accessOf(method: string, path: string): PageAccess {
  const access = PAGE_ACCESS[`${method} ${path}`];
  if (!access) throw new Error(`No page access rule for ${method} ${path}: add it to src/web/router.tsx`);
  return access;
}

/** A page anyone may open (sign-in). */
export function publicPage(app: Hono<AppEnv>, method: "GET" | "POST", path: string, handler: PublicHandler) {
  if (accessOf(method, path) !== "public") throw new Error(`${method} ${path} is not public in PAGE_ACCESS`);
  app.on(method, path, (c) => handler(c));
}

/** A page behind a session, the access table and, for forms, the CSRF token. */
export function page(app: Hono<AppEnv>, method: "GET" | "POST", path: string, handler: PageHandler) {
  const access = accessOf(method, path);
  app.on(method, path, async (c) => {
    const s = await webSession(c);
    if (!s)
      return method === "GET"
        ? c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303)
        : errorPage(c, 403, "Sign in first", "Your session has ended. Sign in and try again.");
    if (access !== "signed-in" && access !== "public" && !s.caller.roles.some((r) => access.includes(r))) {
      return errorPage(
        c,
        403,
        "You cannot use this page",
        `This page is for: ${access.join(", ").replaceAll("_", " ")}.`,
        s,
      );
    }
    if (method === "POST") {
      const f = await form(c);
      if (f._csrf !== s.csrf)
        return errorPage(c, 403, "The form has expired", "Go back, reload the page and try again.", s);
    }
    try {
      return await handler(c, s);
    } catch (err) {
      if (err instanceof ApiError)
        return errorPage(
          c,
          (err.status === 401 ? 403 : err.status) as 403,
          err.code === "not_found" ? "Page not found" : "That could not be done",
          err.detail,
          s,
        );
      throw err;
    }
  });
}
