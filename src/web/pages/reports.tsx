import type { Hono, Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { closeIncident, listIncidents, reportIncident } from "../../repo/incidents";
import { createTakedown, listTakedowns, recordTakedownOutcome } from "../../repo/takedowns";
import { listCorporateAccounts } from "../../repo/corporate-accounts";
import { listCouncillorAccounts } from "../../repo/councillor-accounts";
import { reportsRouter } from "../../routes/reports";
import {
  Button,
  Checkboxes,
  Csrf,
  ErrorSummary,
  Radios,
  Select,
  Summary,
  Tag,
  Textarea,
  TextInput,
  type Values,
} from "../components/form";
import { apiBody, check, errorsFrom, type Errors } from "../components/validate";
import { ukDateTime } from "../components/time";
import { accountName, namesOf } from "../components/post";
import { STATUS_COLOUR, statusWords } from "../components/words";

const IncidentInput = apiBody(reportsRouter, "post", "/v1/incident-reports");
const CloseInput = apiBody<z.ZodType<{ outcome: string }>>(
  reportsRouter,
  "post",
  "/v1/incident-reports/{reportId}/close",
);
const TakedownInput = apiBody(reportsRouter, "post", "/v1/takedown-requests");
const OutcomeInput = apiBody(reportsRouter, "post", "/v1/takedown-requests/{requestId}/outcome");

type C = Context<AppEnv>;
const hasErrors = (e: Errors) => Object.keys(e).length > 0;

const LABELS: Record<string, string> = {
  summary: "The summary",
  details: "What happened",
  url: "The web address",
  outcome: "The outcome",
  reason: "The reason",
  clause: "The clause of the policy",
  targetId: "The account",
  scope: "What should be taken down",
  contentUrl: "The web address of the content",
  note: "What was done",
};

const KIND_WORDS: Record<string, string> = {
  abuse_report: "Abuse or harassment received (policy 7.2)",
  policy_complaint: "Complaint of a breach of the policy (policy 11.1)",
};
const HANDLER_WORDS: Record<string, string> = {
  democratic_services: "Democratic services",
  monitoring_officer: "The Monitoring Officer",
};
const TAKEDOWN_OUTCOMES: Record<string, string> = {
  pending: "Waiting for an answer",
  removed: "Content removed",
  closed: "Account closed",
  declined: "Declined",
};

/** Reports of abuse (7.2, 11.4) and complaints (11.1); takedown requests (11.3). */
export function reportPages(app: Hono<AppEnv>) {
  const list = async (c: C, s: PageSession, values: Values = {}, errors: Errors = {}) => {
    const reports = await listIncidents(c.env.DB, s.caller);
    const names = await namesOf(
      c.env.DB,
      reports.flatMap((r) => [r.reporterId, r.closedBy]),
    );
    const handles = (r: { routedTo: string; reporterId: string }) =>
      s.caller.roles.includes(r.routedTo as never) && r.reporterId !== s.caller.id;
    return c.html(
      <Layout title={`${hasErrors(errors) ? "Error: " : ""}Reports and complaints`} s={s}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Reports and complaints</h1>
        <p class="govuk-body">
          <a class="govuk-button" href="/reports/new" data-module="govuk-button">
            {s.caller.roles.includes("councillor") ? "Report abuse or harassment" : "Make a complaint"}
          </a>
        </p>
        {reports.length === 0 && <p class="govuk-body">There are no reports.</p>}
        {reports.map((r) => (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">{r.summary}</h2>
            </div>
            <div class="govuk-summary-card__content">
              <Summary
                rows={[
                  ["Kind", KIND_WORDS[r.kind] ?? "Report"],
                  [
                    "Reported",
                    `${r.reporterId === s.caller.id ? "By you" : `By ${names.get(r.reporterId) ?? "someone no longer listed"}`}, ${ukDateTime(r.createdAt)}`,
                  ],
                  ["Dealt with by", HANDLER_WORDS[r.routedTo] ?? "Staff"],
                  ["What happened", r.details],
                  ...(r.url ? ([["Web address", r.url]] as [string, string][]) : []),
                  ...(r.policeReferral
                    ? ([["Police", "Referral to the police asked for (policy 11.4)"]] as [string, string][])
                    : []),
                  [
                    "Outcome",
                    r.status === "closed" ? (
                      `${r.outcome ?? ""} (${names.get(r.closedBy ?? "") ?? "closed"}, ${ukDateTime(r.closedAt)})`
                    ) : (
                      <Tag colour={STATUS_COLOUR[r.status]}>{statusWords(r.status)}</Tag>
                    ),
                  ],
                ]}
              />
              {r.status === "open" && handles(r) && (
                <form method="post" action={`/reports/${r.id}/close`} novalidate>
                  <Csrf token={s.csrf} />
                  <Textarea
                    name={`outcome-${r.id}`}
                    label="Outcome"
                    hint="What was done. The person who reported it sees this."
                    values={{ [`outcome-${r.id}`]: values[`outcome-${r.id}`] ?? "" }}
                    errors={errors}
                    rows={3}
                  />
                  <Button>Close the report</Button>
                </form>
              )}
            </div>
          </div>
        ))}
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/reports", (c, s) => list(c, s));

  const newForm = (c: C, s: PageSession, values: Values, errors: Errors = {}) => {
    const councillor = s.caller.roles.includes("councillor");
    return c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}${councillor ? "Report abuse or harassment" : "Make a complaint"}`}
        s={s}
        back={{ href: "/reports", text: "Reports and complaints" }}
      >
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">
          {councillor ? "Report abuse or harassment" : "Complain of a breach of the policy"}
        </h1>
        <p class="govuk-body">
          {councillor
            ? "Democratic services will deal with it (policy 7.2). Only you and they will see it."
            : "The Monitoring Officer will deal with it (policy 11.1). Only you and they will see it."}
        </p>
        <form method="post" action="/reports/new" novalidate>
          <Csrf token={s.csrf} />
          <TextInput
            name="summary"
            label="Summary"
            hint="A few words, for example “Threats on Facebook”"
            values={values}
            errors={errors}
          />
          <Textarea name="details" label="What happened" values={values} errors={errors} rows={6} />
          <TextInput
            name="url"
            label="Web address of the post (optional)"
            type="url"
            spellcheck={false}
            values={values}
            errors={errors}
          />
          {councillor && (
            <Checkboxes
              name="policeReferral"
              label="Police"
              checked={values.policeReferral === "yes" ? ["yes"] : []}
              errors={errors}
              options={[["yes", "I want it referred to the police (policy 11.4)"]]}
            />
          )}
          <Button>Send the report</Button>
        </form>
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/reports/new", (c, s) => newForm(c, s, {}));

  page(app, "POST", "/reports/new", async (c, s) => {
    const f = await form(c);
    const councillor = s.caller.roles.includes("councillor");
    const checked = check(
      IncidentInput,
      {
        kind: councillor ? "abuse_report" : "policy_complaint",
        summary: f.summary ?? "",
        details: f.details ?? "",
        url: f.url?.trim() || null,
        ...(councillor ? { policeReferral: f.policeReferral === "yes" } : {}),
      },
      LABELS,
    );
    if (!checked.ok) return newForm(c, s, f, checked.errors);
    try {
      await reportIncident(c.env.DB, actorFor(c, s), s.caller, checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return newForm(c, s, f, e);
      throw err;
    }
    return c.redirect("/reports", 303);
  });

  page(app, "POST", "/reports/:id/close", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const checked = check(CloseInput, { outcome: f[`outcome-${id}`] ?? "" }, LABELS);
    if (!checked.ok) return list(c, s, f, { [`outcome-${id}`]: checked.errors.outcome ?? "Enter the outcome" });
    await closeIncident(c.env.DB, actorFor(c, s), s.caller, id, checked.data.outcome);
    return c.redirect("/reports", 303);
  });

  const takedowns = async (c: C, s: PageSession, values: Values = {}, errors: Errors = {}) => {
    const list = await listTakedowns(c.env.DB, s.caller);
    const requester = s.caller.roles.some(
      (r) => r === "comms_manager" || r === "monitoring_officer" || r === "chief_executive",
    );
    const corporate = await listCorporateAccounts(c.env.DB, {});
    const councillors =
      requester || s.caller.roles.includes("councillor") ? await listCouncillorAccounts(c.env.DB, s.caller, {}) : [];
    const targets = new Map<string, string>([
      ...corporate.map((a): [string, string] => [`corporate_account:${a.id}`, `${accountName(a)} (the council's)`]),
      ...councillors.map((a): [string, string] => [`councillor_account:${a.id}`, `${accountName(a)} (${a.ownerName})`]),
    ]);
    const names = await namesOf(
      c.env.DB,
      list.flatMap((t) => [t.requestedBy, t.outcomeBy]),
    );
    return c.html(
      <Layout title={`${hasErrors(errors) ? "Error: " : ""}Takedown requests`} s={s}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Takedown requests</h1>
        <p class="govuk-body">
          Content that breaches the policy, or an account, can be asked to be taken down (policy 11.3). The account's
          holder records what was done.
        </p>
        {requester && (
          <form method="post" action="/takedowns" novalidate>
            <h2 class="govuk-heading-m">Ask for a takedown</h2>
            <Csrf token={s.csrf} />
            <Select
              name="targetId"
              label="Account"
              values={values}
              errors={errors}
              options={[["", "Choose an account"], ...targets]}
            />
            <Radios
              name="scope"
              label="What should be taken down?"
              inline
              values={values}
              errors={errors}
              options={[
                ["content", "A post or other content"],
                ["account", "The whole account"],
              ]}
            />
            <TextInput
              name="contentUrl"
              label="Web address of the content (for a post)"
              type="url"
              spellcheck={false}
              values={values}
              errors={errors}
            />
            <Textarea name="reason" label="Reason" values={values} errors={errors} rows={3} />
            <TextInput
              name="clause"
              label="Clause of the policy it breaches"
              hint="For example, 10.3"
              width="5"
              values={values}
              errors={errors}
            />
            <Button>Send the request</Button>
          </form>
        )}
        {list.length === 0 && <p class="govuk-body">There are no takedown requests.</p>}
        {list.map((t) => (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">{targets.get(`${t.targetType}:${t.targetId}`) ?? "An account"}</h2>
            </div>
            <div class="govuk-summary-card__content">
              <Summary
                rows={[
                  ["Asked by", `${names.get(t.requestedBy) ?? "someone no longer listed"}, ${ukDateTime(t.createdAt)}`],
                  ["Take down", t.scope === "account" ? "The whole account" : (t.contentUrl ?? "A post")],
                  ["Reason", `${t.reason} (${t.clause})`],
                  [
                    "Outcome",
                    t.outcomeAt
                      ? `${TAKEDOWN_OUTCOMES[t.outcome] ?? "Answered"}: ${t.outcomeNote ?? ""} (${names.get(t.outcomeBy ?? "") ?? "answered"}, ${ukDateTime(t.outcomeAt)})`
                      : TAKEDOWN_OUTCOMES.pending,
                  ],
                ]}
              />
              {t.outcome === "pending" &&
                t.requestedBy !== s.caller.id &&
                s.caller.roles.some((r) => r === "councillor" || r === "comms_manager") && (
                  <form method="post" action={`/takedowns/${t.id}/outcome`} novalidate>
                    <Csrf token={s.csrf} />
                    <Radios
                      name={`outcome-${t.id}`}
                      label="What did you do?"
                      values={values}
                      errors={errors}
                      options={[
                        ["removed", "Removed the content"],
                        ["closed", "Closed the account"],
                        ["declined", "Declined"],
                      ]}
                    />
                    <Textarea name={`note-${t.id}`} label="Note" values={values} errors={errors} rows={2} />
                    <Button>Record the outcome</Button>
                  </form>
                )}
            </div>
          </div>
        ))}
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/takedowns", (c, s) => takedowns(c, s));

  page(app, "POST", "/takedowns", async (c, s) => {
    const f = await form(c);
    const [targetType, targetId] = (f.targetId ?? "").split(":");
    const checked = check(
      TakedownInput,
      {
        targetType: targetType ?? "",
        targetId: targetId ?? "",
        scope: f.scope ?? "",
        contentUrl: f.contentUrl?.trim() || null,
        reason: f.reason ?? "",
        clause: f.clause?.trim() ? `policy ${f.clause.trim().replace(/^policy\s+/i, "")}` : "",
      },
      LABELS,
    );
    if (!checked.ok) {
      const e = checked.errors;
      if (e.targetType) e.targetId ??= "Choose an account";
      delete e.targetType;
      return takedowns(c, s, f, e);
    }
    try {
      await createTakedown(c.env.DB, actorFor(c, s), s.caller, checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return takedowns(c, s, f, e);
      throw err;
    }
    return c.redirect("/takedowns", 303);
  });

  page(app, "POST", "/takedowns/:id/outcome", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const checked = check(OutcomeInput, { outcome: f[`outcome-${id}`] ?? "", note: f[`note-${id}`] ?? "" }, LABELS);
    if (!checked.ok)
      return takedowns(c, s, f, {
        ...(checked.errors.outcome ? { [`outcome-${id}`]: "Select what you did" } : {}),
        ...(checked.errors.note ? { [`note-${id}`]: "Enter a note of what was done" } : {}),
      });
    await recordTakedownOutcome(c.env.DB, actorFor(c, s), s.caller, id, checked.data);
    return c.redirect("/takedowns", 303);
  });
}
