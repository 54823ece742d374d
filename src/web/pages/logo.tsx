import type { Hono, Context } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { createLogoRequest, decideLogoRequest, listLogoRequests, SITE_RELATIONS } from "../../repo/logo-requests";
import { logoRequestsRouter } from "../../routes/logo-requests";
import {
  Button,
  Csrf,
  DateInput,
  ErrorSummary,
  Radios,
  Summary,
  Tag,
  Textarea,
  TextInput,
  type Values,
} from "../components/form";
import { apiBody, check, dateFrom, errorsFrom, type Errors } from "../components/validate";
import { ukDate, ukDateTime } from "../components/time";
import { namesOf } from "../components/post";
import { STATUS_COLOUR, statusWords } from "../components/words";

const LogoInput = apiBody(logoRequestsRouter, "post", "/v1/logo-requests");
const Decision = apiBody(logoRequestsRouter, "post", "/v1/logo-requests/{requestId}/decision");

const RELATION_LABELS: Record<string, string> = {
  councillor_role: "My role as a councillor (ward work)",
  council_service: "A council service",
  personal: "Personal",
  political_party: "A political party",
  campaign: "A campaign",
  commercial: "A business",
  other: "Something else",
};

const LABELS = {
  siteUrl: "The website address",
  purpose: "What it is for",
  siteRelation: "What the site relates to",
  periodStart: "The start date",
  periodEnd: "The end date",
  decision: "Your decision",
  reason: "The reason for your decision",
};

export function logoPages(app: Hono<AppEnv>) {
  const list = async (c: Context<AppEnv>, s: PageSession, values: Values = {}, errors: Errors = {}, errorFor = "") => {
    const requests = await listLogoRequests(c.env.DB, s.caller, {});
    const names = await namesOf(
      c.env.DB,
      requests.flatMap((r) => [r.requesterId, r.decidedBy]),
    );
    const decider = s.caller.roles.includes("chief_executive");
    const requester = s.caller.roles.some((r) => r !== "chief_executive" && r !== "auditor" && r !== "admin");
    return c.html(
      <Layout title={`${Object.keys(errors).length ? "Error: " : ""}Logo-use requests`} s={s}>
        <ErrorSummary errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${k}-${errorFor}`, v]))} />
        <h1 class="govuk-heading-l">Logo-use requests</h1>
        <p class="govuk-body">
          The council logo is used on a personal account or website only after the Chief Executive agrees (policy 5.3).
        </p>
        {requester && (
          <p class="govuk-body">
            <a class="govuk-link" href="/logo-requests/new">
              Ask to use the logo
            </a>
          </p>
        )}
        {requests.length === 0 && <p class="govuk-body">There are no requests.</p>}
        {requests.map((r) => (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">{r.siteUrl}</h2>
            </div>
            <div class="govuk-summary-card__content">
              <Summary
                rows={[
                  ["Asked by", `${names.get(r.requesterId) ?? "Someone no longer listed"}, ${ukDateTime(r.createdAt)}`],
                  ["Purpose", r.purpose],
                  ["Relates to", RELATION_LABELS[r.siteRelation] ?? "Something else"],
                  ["Period", `${ukDate(r.periodStart)} to ${ukDate(r.periodEnd)}`],
                  [
                    "Decision",
                    <>
                      <Tag colour={STATUS_COLOUR[r.status]}>{statusWords(r.status)}</Tag>
                      {r.decisionReason ? ` ${r.decisionReason}` : ""}
                      {r.clause ? ` (${r.clause})` : ""}
                      {r.decidedAt
                        ? ` — ${names.get(r.decidedBy ?? "") ?? "decided"}, ${ukDateTime(r.decidedAt)}`
                        : r.status === "pending"
                          ? ` — expires ${ukDateTime(r.expiresAt)}${r.remindedAt ? "; the Chief Executive has been reminded" : ""}`
                          : ""}
                    </>,
                  ],
                ]}
              />
              {decider && r.status === "pending" && r.requesterId !== s.caller.id && (
                <form method="post" action={`/logo-requests/${r.id}/decision`} novalidate>
                  <Csrf token={s.csrf} />
                  <Textarea
                    name={`reason-${r.id}`}
                    label="Reason for your decision"
                    values={errorFor === r.id ? { [`reason-${r.id}`]: values.reason ?? "" } : {}}
                    errors={errorFor === r.id && errors.reason ? { [`reason-${r.id}`]: errors.reason } : {}}
                    rows={2}
                  />
                  <div class="govuk-button-group">
                    <Button name="decision" value="approve">
                      Approve
                    </Button>
                    <Button name="decision" value="reject" variant="warning">
                      Refuse
                    </Button>
                  </div>
                </form>
              )}
            </div>
          </div>
        ))}
      </Layout>,
      Object.keys(errors).length ? 422 : 200,
    );
  };

  page(app, "GET", "/logo-requests", (c, s) => list(c, s));

  const newForm = (c: Context<AppEnv>, s: PageSession, values: Values, errors: Errors = {}) =>
    c.html(
      <Layout
        title={`${Object.keys(errors).length ? "Error: " : ""}Ask to use the council logo`}
        s={s}
        back={{ href: "/logo-requests", text: "Logo-use requests" }}
      >
        <ErrorSummary errors={errors} dates={["periodStart", "periodEnd"]} />
        <h1 class="govuk-heading-l">Ask to use the council logo</h1>
        <form method="post" action="/logo-requests/new" novalidate>
          <Csrf token={s.csrf} />
          <TextInput
            name="siteUrl"
            label="Website address"
            hint="Starting https://"
            type="url"
            spellcheck={false}
            values={values}
            errors={errors}
          />
          <Textarea name="purpose" label="What is it for?" values={values} errors={errors} rows={3} />
          <Radios
            name="siteRelation"
            label="What does the site relate to?"
            hint="Only a site about your role as a councillor or a council service can be approved (policy 5.4)."
            values={values}
            errors={errors}
            options={SITE_RELATIONS.map((r) => [r, RELATION_LABELS[r]])}
          />
          <DateInput name="periodStart" label="From" values={values} errors={errors} />
          <DateInput name="periodEnd" label="Until" values={values} errors={errors} />
          <Button>Send to the Chief Executive</Button>
        </form>
      </Layout>,
      Object.keys(errors).length ? 422 : 200,
    );

  page(app, "GET", "/logo-requests/new", (c, s) => newForm(c, s, {}));

  page(app, "POST", "/logo-requests/new", async (c, s) => {
    const f = await form(c);
    const start = dateFrom(f, "periodStart", "The start date");
    const end = dateFrom(f, "periodEnd", "The end date");
    const checked = check(
      LogoInput,
      {
        targetType: "website",
        siteUrl: f.siteUrl ?? "",
        purpose: f.purpose ?? "",
        siteRelation: f.siteRelation ?? "",
        periodStart: "value" in start ? (start.value ?? "") : "2000-01-01",
        periodEnd: "value" in end ? (end.value ?? "") : "2000-01-01",
      },
      LABELS,
    );
    const errors: Errors = checked.ok ? {} : { ...checked.errors };
    if ("error" in start) errors.periodStart = start.error;
    else if (!start.value) errors.periodStart = "Enter the start date";
    if ("error" in end) errors.periodEnd = end.error;
    else if (!end.value) errors.periodEnd = "Enter the end date";
    if (!checked.ok || Object.keys(errors).length) return newForm(c, s, f, errors);
    try {
      await createLogoRequest(c.env.DB, c.env, actorFor(c, s), s.caller, checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return newForm(c, s, f, e);
      throw err;
    }
    return c.redirect("/logo-requests", 303);
  });

  page(app, "POST", "/logo-requests/:id/decision", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const reason = f[`reason-${id}`] ?? f.reason ?? "";
    const checked = check(Decision, { decision: f.decision ?? "", reason }, LABELS);
    if (!checked.ok) return list(c, s, { reason }, checked.errors, id);
    await decideLogoRequest(c.env.DB, c.env, actorFor(c, s), s.caller, id, checked.data);
    return c.redirect("/logo-requests", 303);
  });
}
