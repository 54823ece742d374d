import type { Hono, Context } from "hono";
import type { AppEnv } from "../env";
import type { Role } from "../auth/roles";
import { ApiError } from "../lib/problem";
import { Layout, type PageChrome } from "./layout";
import { webSession } from "./session";
import { listStops } from "../repo/publishing-stops";
import { listCorporateAccounts } from "../repo/corporate-accounts";
import { roleWords, platformWords } from "./components/words";
import { inWords } from "./components/time";

/**
 * Who may open which page: the web counterpart of src/auth/access.ts, walked by test/web.test.ts.
 * "public" pages need no session; "signed-in" any session.
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
const STAFF: Role[] = [
  "comms_officer",
  "comms_manager",
  "chief_executive",
  "monitoring_officer",
  "democratic_services",
  "ict_manager",
];
const STAFF_READ: Role[] = [...STAFF, "auditor", "admin"];
const SPENDING: Role[] = ["candidate", "election_agent", "democratic_services"];
const ELECTIONS: Role[] = ["democratic_services"];
/** Those an emergency stop affects: they see it on every page while it is in force. */
export const STOP_AUDIENCE: Role[] = ["comms_officer", "comms_manager", "chief_executive", "monitoring_officer"];

export const PAGE_ACCESS: Record<string, PageAccess> = {
  "GET /sign-in": "public",
  "POST /sign-in": "public",
  "GET /sign-out": "signed-in",
  "POST /sign-out": "signed-in",
  "GET /": "signed-in",
  // Posts for the council's accounts.
  "GET /posts": POST_READERS,
  "GET /posts/new": COMMS,
  "POST /posts/new": COMMS,
  "POST /posts/live-check": [...COMMS, "councillor"],
  "GET /posts/:id": POST_READERS,
  "POST /posts/:id/decision": APPROVERS,
  "POST /posts/:id/override": ["monitoring_officer"],
  "POST /posts/:id/versions": COMMS,
  "GET /approvals": APPROVERS,
  "GET /publishing-stops": [...STOP_AUDIENCE, "auditor", "admin"],
  "POST /publishing-stops": ["comms_manager", "chief_executive"],
  "POST /publishing-stops/:id/lift": ["comms_manager", "chief_executive"],
  // Logo-use requests (5.3, 5.4).
  "GET /logo-requests": [...LOGO_REQUESTERS, "chief_executive"],
  "GET /logo-requests/new": LOGO_REQUESTERS,
  "POST /logo-requests/new": LOGO_REQUESTERS,
  "POST /logo-requests/:id/decision": ["chief_executive"],
  // Registers: corporate accounts (comms manager writes), councillors' accounts, 9.2.
  "GET /registers": STAFF_READ,
  "GET /corporate-accounts/new": ["comms_manager"],
  "POST /corporate-accounts/new": ["comms_manager"],
  "GET /corporate-accounts/:id": STAFF_READ,
  "POST /corporate-accounts/:id": ["comms_manager"],
  "POST /corporate-accounts/:id/approval-steps": ["comms_manager"],
  "GET /not-to-promote": [
    "democratic_services",
    "comms_officer",
    "comms_manager",
    "monitoring_officer",
    "auditor",
    "admin",
  ],
  "GET /word-lists": ["comms_officer", "comms_manager", "monitoring_officer", "auditor", "admin"],
  "POST /word-lists": ["comms_manager"],
  // Councillors.
  "GET /my-accounts": ["councillor"],
  "GET /my-accounts/new": ["councillor"],
  "POST /my-accounts/new": ["councillor"],
  "GET /check-a-post": ["councillor"],
  "POST /check-a-post": ["councillor"],
  "GET /exemptions": ["councillor", "ict_manager"],
  "POST /exemptions": ["councillor"],
  "POST /exemptions/:id/decision": ["ict_manager"],
  "GET /reports": ["councillor", ...STAFF],
  "GET /reports/new": ["councillor", ...STAFF],
  "POST /reports/new": ["councillor", ...STAFF],
  "POST /reports/:id/close": ["democratic_services", "monitoring_officer"],
  "GET /takedowns": [
    "democratic_services",
    "councillor",
    "comms_manager",
    "monitoring_officer",
    "chief_executive",
    "auditor",
    "admin",
  ],
  "POST /takedowns": ["comms_manager", "monitoring_officer", "chief_executive", "democratic_services"],
  "POST /takedowns/:id/outcome": ["councillor", "comms_manager"],
  // Elections and pre-election periods.
  "GET /elections": STAFF_READ,
  "GET /elections/new": ELECTIONS,
  "POST /elections/new": ELECTIONS,
  "GET /elections/:id": STAFF_READ,
  "POST /elections/:id": ELECTIONS,
  "GET /elections/:id/nominations": STAFF_READ,
  "POST /elections/:id/nominations": ELECTIONS,
  "GET /cycles/new": ELECTIONS,
  "POST /cycles/new": ELECTIONS,
  "POST /cycles/:id/retire": ELECTIONS,
  "GET /areas": STAFF_READ,
  "POST /areas": ELECTIONS,
  // Candidates' spending.
  "GET /spending": SPENDING,
  "GET /spending/:id": SPENDING,
  "POST /spending/:id/expenses": ["candidate", "election_agent"],
  "POST /spending/:id/imprints": ["candidate", "election_agent"],
  "GET /spending/:id/submit": ["candidate", "election_agent"],
  "POST /spending/:id/submit": ["candidate", "election_agent"],
  "GET /spending/:id/returns/:version": SPENDING,
  "GET /spending/:id/returns/:version/csv": SPENDING,
  "POST /spending/:id/returns/:version/received": ["democratic_services"],
  "GET /audit": ["auditor", "admin"],
  // Notifications: each person their own; deliveries, e-mails and webhooks as on the API (admin).
  "GET /notifications": "signed-in",
  "POST /notifications": "signed-in",
  "GET /deliveries": ["admin"],
  "POST /deliveries/:id/retry": ["admin"],
  "GET /emails": ["admin"],
  "GET /webhooks": ["admin"],
  "POST /webhooks": ["admin"],
  "GET /webhooks/:id": ["admin"],
  "POST /webhooks/:id": ["admin"],
  "POST /webhooks/:id/details": ["admin"],
  "POST /webhooks/:id/rotate-secret": ["admin"],
};

export type PageSession = PageChrome;
export type PageHandler = (c: Context<AppEnv>, s: PageSession) => Promise<Response> | Response;
export type PublicHandler = (c: Context<AppEnv>) => Promise<Response> | Response;

export function errorPage(
  c: Context<AppEnv>,
  status: 400 | 403 | 404 | 409 | 413 | 422 | 500,
  title: string,
  detail: string,
  s?: PageSession | null,
) {
  return c.html(
    <Layout title={title} s={s}>
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

export function actorFor(c: Context<AppEnv>, s: PageSession) {
  return {
    id: s.caller.id,
    label: `${s.caller.name} <${s.caller.email ?? s.caller.id}>`,
    requestId: c.get("requestId"),
  };
}

/** The form's fields, each as its first value (see formLists for fields that repeat). */
export async function form(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody({ all: true });
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => {
      const first = Array.isArray(v) ? v[0] : v;
      return [k, typeof first === "string" ? first : ""];
    }),
  );
}

/** Every value of each field (checkboxes, multiple selects). */
export async function formLists(c: Context<AppEnv>): Promise<Record<string, string[]>> {
  const body = await c.req.parseBody({ all: true });
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [
      k,
      (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string"),
    ]),
  );
}

function accessOf(method: string, path: string): PageAccess {
  const access = PAGE_ACCESS[`${method} ${path}`];
  if (!access) throw new Error(`No page access rule for ${method} ${path}: add it to src/web/router.tsx`);
  return access;
}

const DEFAULT_MAX_BODY = 262_144;

/** A form body over the API's limit (MAX_BODY_BYTES), by declared length and by actual size. */
async function tooLarge(c: Context<AppEnv>): Promise<number | null> {
  const max = Number(c.env?.MAX_BODY_BYTES) || DEFAULT_MAX_BODY;
  const declared = Number(c.req.header("content-length") ?? Number.NaN);
  const size = Number.isNaN(declared) ? (await c.req.raw.clone().arrayBuffer()).byteLength : declared;
  return size > max ? max : null;
}

const tooLargePage = (c: Context<AppEnv>, max: number, s?: PageSession) =>
  errorPage(
    c,
    413,
    "What you sent is too large",
    `A form can send at most ${Math.floor(max / 1024)} KB. Go back, shorten it and try again.`,
    s,
  );

/** A page anyone may open (sign-in). */
export function publicPage(app: Hono<AppEnv>, method: "GET" | "POST", path: string, handler: PublicHandler) {
  if (accessOf(method, path) !== "public") throw new Error(`${method} ${path} is not public in PAGE_ACCESS`);
  app.on(method, path, async (c) => {
    if (method === "POST") {
      const max = await tooLarge(c);
      if (max !== null) return tooLargePage(c, max);
    }
    return handler(c);
  });
}

/** The emergency stops in force, for the people they affect. */
async function stopsFor(c: Context<AppEnv>, roles: readonly Role[]): Promise<PageChrome["stops"]> {
  if (!roles.some((r) => STOP_AUDIENCE.includes(r))) return [];
  const live = (await listStops(c.env.DB)).filter((x) => !x.liftedAt);
  if (live.length === 0) return [];
  const accounts = live.some((x) => x.accountId) ? await listCorporateAccounts(c.env.DB, {}) : [];
  return live.map((x) => {
    const a = accounts.find((acc) => acc.id === x.accountId);
    return { ...x, accountName: a ? `${platformWords(a.platform)} ${a.handle}` : x.accountId ? "one account" : null };
  });
}

/** A page behind a session, the access table and, for forms, the size limit and the CSRF token. */
export function page(app: Hono<AppEnv>, method: "GET" | "POST", path: string, handler: PageHandler) {
  const access = accessOf(method, path);
  app.on(method, path, async (c) => {
    const session = await webSession(c);
    if (!session)
      return method === "GET"
        ? c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303)
        : errorPage(c, 403, "Sign in first", "Your session has ended. Sign in and try again.");
    const s: PageSession = {
      ...session,
      path: c.req.path,
      stops: method === "GET" ? await stopsFor(c, session.caller.roles) : [],
    };
    if (access !== "signed-in" && access !== "public" && !s.caller.roles.some((r) => access.includes(r))) {
      return errorPage(c, 403, "You cannot use this page", `This page is for: ${roleWords(access)}.`, s);
    }
    if (method === "POST") {
      // The same body limit as the API.
      const max = await tooLarge(c);
      if (max !== null) return tooLargePage(c, max, s);
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
          inWords(err.detail),
          s,
        );
      throw err;
    }
  });
}
