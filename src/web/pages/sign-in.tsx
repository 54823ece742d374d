import type { Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { errorPage, form, page, publicPage } from "../router";
import { endSession, PRE_CSRF_COOKIE, preSessionCsrf, startSession } from "../session";
import { listUsers } from "../../repo/users";
import { Button, Csrf, ErrorSummary, Radios } from "../components/form";
import { roleWords } from "../components/words";

const ORIGIN = "https://same-origin.invalid";

/**
 * Where to go after signing in: a path on this site only. Backslashes (browsers read them as
 * slashes), control characters (tabs and newlines are dropped by URL parsers, and a newline in a
 * Location header is an error), "//host" and anything that parses to another origin go home.
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\\\u0000-\u001f\u007f\s]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPages(app: Hono<AppEnv>) {
  const signInForm = async (c: Parameters<Parameters<typeof publicPage>[3]>[0], next: string, error?: string) => {
    const csrf = preSessionCsrf(c);
    const users = (await listUsers(c.env.DB, { limit: 200 })).filter((u) => !u.disabledAt);
    const errors: Record<string, string> = error ? { userId: error } : {};
    return c.html(
      <Layout title={`${error ? "Error: " : ""}Sign in (development)`}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Sign in as a demo user</h1>
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            Development only: in production people sign in through Cloudflare Access.
          </strong>
        </div>
        <form method="post" action="/sign-in" novalidate>
          <Csrf token={csrf} />
          <input type="hidden" name="next" value={next} />
          <Radios
            name="userId"
            label="Who are you?"
            size="m"
            errors={errors}
            options={users.map((u) => [u.id, `${u.name} (${roleWords(u.roles)})`])}
          />
          <Button>Sign in</Button>
        </form>
      </Layout>,
      error ? 422 : 200,
    );
  };

  publicPage(app, "GET", "/sign-in", async (c) => {
    if (c.env.APP_ENV !== "development") {
      return errorPage(
        c,
        403,
        "Sign in through your council's single sign-on",
        "This service is behind Cloudflare Access: open it through your council's sign-in page.",
      );
    }
    return signInForm(c, safeNext(c.req.query("next")));
  });

  publicPage(app, "POST", "/sign-in", async (c) => {
    if (c.env.APP_ENV !== "development") return errorPage(c, 403, "Not available", "Development sign-in is off.");
    const f = await form(c);
    if (!f._csrf || f._csrf !== getCookie(c, PRE_CSRF_COOKIE))
      return errorPage(c, 403, "The form has expired", "Reload the sign-in page and try again.");
    const next = safeNext(f.next);
    const user = await c.env.DB.prepare("SELECT id FROM users WHERE id = ? AND disabled_at IS NULL")
      .bind(f.userId ?? "")
      .first<{ id: string }>();
    if (!user) return signInForm(c, next, "Select who you are");
    await startSession(c, user.id);
    return c.redirect(next, 303);
  });

  page(app, "GET", "/sign-out", (c, s) =>
    c.html(
      <Layout title="Sign out" s={s}>
        <h1 class="govuk-heading-l">Sign out</h1>
        <p class="govuk-body">You are signed in as {s.caller.name}.</p>
        <form method="post" action="/sign-out">
          <Csrf token={s.csrf} />
          <Button>Sign out</Button>
        </form>
      </Layout>,
    ),
  );

  page(app, "POST", "/sign-out", async (c) => {
    await endSession(c);
    return c.redirect("/sign-in", 303);
  });
}
