import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, formLists, page, type PageSession } from "../router";
import { CATEGORIES } from "../../domain/events";
import { myNotifications, preferences, setPreferences } from "../../repo/notifications";
import { notificationsRouter } from "../../routes/notifications";
import { Button, Checkboxes, Csrf, ErrorSummary, SuccessBanner, Table } from "../components/form";
import { apiBody, check, type Errors } from "../components/validate";
import { inWords, ukDateTime } from "../components/time";
import { categoryWords, eventWords } from "../components/words";

const PreferencesInput = apiBody(notificationsRouter, "put", "/v1/me/notification-preferences");

const EMAIL_WORDS: Record<string, string> = {
  pending: "Being sent",
  delivered: "Sent",
  failed: "Could not be sent",
};

/** Whether a notification went by e-mail too, in words. */
function emailWords(emailed: boolean, status: string | null): string {
  if (!emailed) return "Not e-mailed";
  return status ? (EMAIL_WORDS[status] ?? "Being sent") : "Being sent";
}

/** Your notifications, newest first, and which of them you also get by e-mail. */
export function notificationPages(app: Hono<AppEnv>) {
  const show = async (c: Context<AppEnv>, s: PageSession, ticked?: string[], errors: Errors = {}) => {
    const base = c.env.SERVICE_BASE_URL || new URL(c.req.url).origin;
    const items = await myNotifications(c.env.DB, s.caller.id, base, 50);
    const chosen = await preferences(c.env.DB, s.caller.id);
    const checked = ticked ?? Object.entries(chosen).flatMap(([k, on]) => (on ? [k] : []));
    const failed = Object.keys(errors).length > 0;
    return c.html(
      <Layout title={`${failed ? "Error: " : ""}Your notifications`} s={s}>
        <ErrorSummary errors={errors} />
        <SuccessBanner>
          {c.req.query("saved") === "1" && !failed ? "Your e-mail choices are saved" : null}
        </SuccessBanner>
        <h1 class="govuk-heading-l">Your notifications</h1>
        <p class="govuk-body">
          What the service told you, newest first. Everything is listed here; your choices below decide what is e-mailed
          to you too{s.caller.email ? ` at ${s.caller.email}` : ""}.
        </p>
        {items.length === 0 ? (
          <p class="govuk-body">You have no notifications yet.</p>
        ) : (
          <Table
            caption="Notifications"
            head={["What happened", "When", "By e-mail"]}
            rows={items.map((n) => [
              <div>
                <a class="govuk-link" href={new URL(n.link).pathname}>
                  {eventWords(n.type)}
                </a>
                <p class="govuk-body-s govuk-!-margin-bottom-0">{inWords(n.body)}</p>
              </div>,
              ukDateTime(n.at),
              emailWords(n.emailed, n.emailStatus),
            ])}
          />
        )}
        <form method="post" action="/notifications" novalidate>
          <h2 class="govuk-heading-m">Choose what is e-mailed to you</h2>
          <Csrf token={s.csrf} />
          <Checkboxes
            name="email"
            label="E-mail me about"
            hint="Select all that apply. What you leave unticked is still listed on this page."
            checked={checked}
            errors={errors}
            options={Object.keys(CATEGORIES).map((k): [string, string] => [k, categoryWords(k)])}
          />
          <Button>Save my choices</Button>
        </form>
      </Layout>,
      failed ? 422 : 200,
    );
  };

  page(app, "GET", "/notifications", (c, s) => show(c, s));

  page(app, "POST", "/notifications", async (c, s) => {
    const ticked = (await formLists(c)).email ?? [];
    // Every category the form shows: ticked is e-mailed, unticked is not. A value the form does not
    // offer reaches the API's schema as a category it does not know, and is refused there.
    const body = Object.fromEntries([
      ...Object.keys(CATEGORIES).map((k) => [k, ticked.includes(k)]),
      ...ticked.filter((k) => !Object.hasOwn(CATEGORIES, k)).map((k) => [k, true]),
    ]);
    const checked = check(PreferencesInput, body, {});
    if (!checked.ok) return show(c, s, ticked, { email: "Select only the choices listed" });
    await setPreferences(c.env.DB, actorFor(c, s), s.caller.id, checked.data);
    return c.redirect("/notifications?saved=1", 303);
  });
}
