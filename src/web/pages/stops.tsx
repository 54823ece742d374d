import type { Hono, Context } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { listCorporateAccounts } from "../../repo/corporate-accounts";
import { notifyWorkflow, RESUMED_EVENT } from "../../repo/post-decisions";
import { createStop, liftStop, listStops } from "../../repo/publishing-stops";
import { postControlsRouter } from "../../routes/posts/controls";
import { Button, Csrf, ErrorSummary, Select, Table, Textarea, type Values } from "../components/form";
import { apiBody, check, type Errors } from "../components/validate";
import { ukDateTime } from "../components/time";
import { accountName, namesOf } from "../components/post";

const StopInput = apiBody(postControlsRouter, "post", "/v1/publishing-stops");

/** The emergency stop: start one, lift one, and the history of every stop. */
export function stopPages(app: Hono<AppEnv>) {
  const show = async (c: Context<AppEnv>, s: PageSession, values: Values = {}, errors: Errors = {}) => {
    const stops = await listStops(c.env.DB);
    const accounts = await listCorporateAccounts(c.env.DB, {});
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const names = await namesOf(
      c.env.DB,
      stops.flatMap((x) => [x.createdBy, x.liftedBy]),
    );
    const canStop = s.caller.roles.some((r) => r === "comms_manager" || r === "chief_executive");
    const scope = (accountId: string | null) => (accountId ? accountName(byId.get(accountId)) : "Every account");
    const live = stops.filter((x) => !x.liftedAt);
    return c.html(
      <Layout title={`${Object.keys(errors).length ? "Error: " : ""}Emergency stop`} s={s}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Emergency stop</h1>
        <p class="govuk-body">
          An emergency stop holds every scheduled post (or one account's) until it is lifted. Held posts are checked
          again before they go out.
        </p>
        {canStop &&
          live.map((x) => (
            <form method="post" action={`/publishing-stops/${x.id}/lift`}>
              <Csrf token={s.csrf} />
              <Button variant="secondary">Lift the stop on {scope(x.accountId).toLowerCase()}</Button>
            </form>
          ))}
        {canStop && (
          <form method="post" action="/publishing-stops" novalidate>
            <h2 class="govuk-heading-m">Stop publishing</h2>
            <Csrf token={s.csrf} />
            <Select
              name="accountId"
              label="Which accounts?"
              values={values}
              errors={errors}
              options={[
                ["", "Every account"],
                ...accounts.filter((a) => a.status !== "closed").map((a): [string, string] => [a.id, accountName(a)]),
              ]}
            />
            <Textarea name="reason" label="Reason" values={values} errors={errors} rows={2} />
            <Button variant="warning">Stop publishing</Button>
          </form>
        )}
        <Table
          caption="History"
          head={["Accounts", "Reason", "Stopped", "Lifted"]}
          rows={stops
            .slice()
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((x) => [
              scope(x.accountId),
              x.reason,
              `${ukDateTime(x.createdAt)} by ${names.get(x.createdBy) ?? "someone no longer listed"}`,
              x.liftedAt
                ? `${ukDateTime(x.liftedAt)} by ${names.get(x.liftedBy ?? "") ?? "someone no longer listed"}`
                : "Still in force",
            ])}
        />
      </Layout>,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  page(app, "GET", "/publishing-stops", (c, s) => show(c, s));

  page(app, "POST", "/publishing-stops", async (c, s) => {
    const f = await form(c);
    const checked = check(
      StopInput,
      { accountId: f.accountId || null, reason: f.reason ?? "" },
      {
        accountId: "The account",
        reason: "The reason",
      },
    );
    if (!checked.ok) return show(c, s, f, checked.errors);
    await createStop(c.env.DB, actorFor(c, s), s.caller.id, checked.data);
    return c.redirect("/publishing-stops", 303);
  });

  page(app, "POST", "/publishing-stops/:id/lift", async (c, s) => {
    const result = await liftStop(c.env.DB, actorFor(c, s), s.caller.id, c.req.param("id")!);
    for (const p of result.released)
      await notifyWorkflow(c.env, p.workflowInstance, RESUMED_EVENT, { stopId: result.stop.id });
    return c.redirect("/publishing-stops", 303);
  });
}
