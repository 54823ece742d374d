import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout, Csrf, ErrorSummary } from "../layout";
import { actorFor, form, page } from "../router";
import { createLogoRequest, decideLogoRequest, listLogoRequests, SITE_RELATIONS } from "../../repo/logo-requests";
import { ApiError } from "../../lib/problem";

const RELATION_LABELS: Record<string, string> = {
  councillor_role: "My role as a councillor (ward work)",
  council_service: "A council service",
  personal: "Personal",
  political_party: "A political party",
  campaign: "A campaign",
  commercial: "A business",
  other: "Something else",
};

export function logoPages(app: Hono<AppEnv>) {
  page(app, "GET", "/logo-requests", async (c, s) => {
    const requests = await listLogoRequests(c.env.DB, s.caller, {});
    const decider = s.caller.roles.includes("chief_executive");
    return c.html(
      <Layout title="Logo-use requests" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Logo-use requests</h1>
        <p class="govuk-body">
          Policy 5.3: the council logo is used on a personal account or website only after the Chief Executive agrees.{" "}
          <a class="govuk-link" href="/logo-requests/new">
            Ask to use the logo
          </a>
          .
        </p>
        {requests.map((r) => (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">{r.siteUrl}</h2>
            </div>
            <div class="govuk-summary-card__content">
              <dl class="govuk-summary-list">
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">Purpose</dt>
                  <dd class="govuk-summary-list__value">{r.purpose}</dd>
                </div>
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">Period</dt>
                  <dd class="govuk-summary-list__value">
                    {r.periodStart} to {r.periodEnd}
                  </dd>
                </div>
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">Status</dt>
                  <dd class="govuk-summary-list__value">
                    {r.status}
                    {r.decisionReason ? ` — ${r.decisionReason}` : ""}
                    {r.clause ? ` (${r.clause})` : ""}
                    {r.remindedAt && r.status === "pending" ? " — reminder sent" : ""}
                  </dd>
                </div>
              </dl>
              {decider && r.status === "pending" && r.requesterId !== s.caller.id && (
                <form method="post" action={`/logo-requests/${r.id}/decision`}>
                  <Csrf token={s.csrf} />
                  <div class="govuk-form-group">
                    <label class="govuk-label" for={`reason-${r.id}`}>
                      Reason for your decision
                    </label>
                    <textarea class="govuk-textarea" id={`reason-${r.id}`} name="reason" rows={2}></textarea>
                  </div>
                  <div class="govuk-button-group">
                    <button
                      type="submit"
                      class="govuk-button"
                      name="decision"
                      value="approve"
                      data-module="govuk-button"
                    >
                      Approve
                    </button>
                    <button
                      type="submit"
                      class="govuk-button govuk-button--warning"
                      name="decision"
                      value="reject"
                      data-module="govuk-button"
                    >
                      Reject
                    </button>
                  </div>
                </form>
              )}
            </div>
          </div>
        ))}
      </Layout>,
    );
  });

  const newForm = (
    c: Parameters<Parameters<typeof page>[3]>[0],
    s: Parameters<Parameters<typeof page>[3]>[1],
    values: Record<string, string>,
    problems: { href: string; text: string }[] = [],
  ) =>
    c.html(
      <Layout title="Ask to use the council logo" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Ask to use the council logo</h1>
        <ErrorSummary problems={problems} />
        <form method="post" action="/logo-requests/new" novalidate>
          <Csrf token={s.csrf} />
          <input type="hidden" name="targetType" value="website" />
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="siteUrl">
              Website address
            </label>
            <input class="govuk-input" id="siteUrl" name="siteUrl" type="url" value={values.siteUrl ?? ""} />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="purpose">
              What is it for?
            </label>
            <textarea class="govuk-textarea" id="purpose" name="purpose" rows={3}>
              {values.purpose ?? ""}
            </textarea>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="siteRelation">
              What does the site relate to?
            </label>
            <select class="govuk-select" id="siteRelation" name="siteRelation">
              {SITE_RELATIONS.map((r) => (
                <option value={r} selected={values.siteRelation === r}>
                  {RELATION_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="periodStart">
              From (YYYY-MM-DD)
            </label>
            <input
              class="govuk-input govuk-input--width-10"
              id="periodStart"
              name="periodStart"
              type="date"
              value={values.periodStart ?? ""}
            />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label govuk-label--s" for="periodEnd">
              Until (YYYY-MM-DD)
            </label>
            <input
              class="govuk-input govuk-input--width-10"
              id="periodEnd"
              name="periodEnd"
              type="date"
              value={values.periodEnd ?? ""}
            />
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Send to the Chief Executive
          </button>
        </form>
      </Layout>,
      problems.length ? 422 : 200,
    );

  page(app, "GET", "/logo-requests/new", (c, s) => newForm(c, s, {}));

  page(app, "POST", "/logo-requests/new", async (c, s) => {
    const f = await form(c);
    const problems = [];
    if (!/^https?:\/\/\S+\.\S+/.test(f.siteUrl ?? ""))
      problems.push({ href: "#siteUrl", text: "Enter the website address, starting https://" });
    if ((f.purpose ?? "").trim().length < 10)
      problems.push({ href: "#purpose", text: "Say what the site is for (at least 10 characters)" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.periodStart ?? ""))
      problems.push({ href: "#periodStart", text: "Enter the start date" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.periodEnd ?? ""))
      problems.push({ href: "#periodEnd", text: "Enter the end date" });
    if (problems.length) return newForm(c, s, f, problems);
    try {
      await createLogoRequest(c.env.DB, c.env, actorFor(c, s), s.caller, {
        targetType: "website",
        siteUrl: f.siteUrl,
        purpose: f.purpose.trim(),
        siteRelation: f.siteRelation as never,
        periodStart: f.periodStart,
        periodEnd: f.periodEnd,
      });
    } catch (err) {
      if (err instanceof ApiError && err.errors?.length)
        return newForm(
          c,
          s,
          f,
          err.errors.map((e) => ({ href: `#${e.pointer.slice(1)}`, text: e.detail })),
        );
      throw err;
    }
    return c.redirect("/logo-requests", 303);
  });

  page(app, "POST", "/logo-requests/:id/decision", async (c, s) => {
    const f = await form(c);
    if (!f.reason?.trim()) throw new ApiError("validation_failed", "Give the reason for your decision.");
    await decideLogoRequest(c.env.DB, c.env, actorFor(c, s), s.caller, c.req.param("id")!, {
      decision: f.decision === "approve" ? "approve" : "reject",
      reason: f.reason.trim(),
    });
    return c.redirect("/logo-requests", 303);
  });
}
