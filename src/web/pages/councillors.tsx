import type { Hono, Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import {
  COUNCILLOR_ACCOUNT_KINDS,
  listCouncillorAccounts,
  registerCouncillorAccount,
} from "../../repo/councillor-accounts";
import { PLATFORMS } from "../../repo/corporate-accounts";
import { decideExemption, listExemptions, requestExemption } from "../../repo/exemptions";
import { councillorAccountsRouter } from "../../routes/councillor-accounts";
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
import { PLATFORM_WORDS, STATUS_COLOUR, statusWords } from "../components/words";
import { HOW_TO_FIX } from "./registers";

const AccountInput = apiBody(councillorAccountsRouter, "post", "/v1/councillor-accounts");
const ExemptionInput = apiBody<z.ZodType<{ reason: string }>>(
  councillorAccountsRouter,
  "post",
  "/v1/security-exemptions",
);
const Decision = apiBody(councillorAccountsRouter, "post", "/v1/security-exemptions/{exemptionId}/decision");

type C = Context<AppEnv>;
const hasErrors = (e: Errors) => Object.keys(e).length > 0;

const KIND_WORDS: Record<string, string> = {
  page: "A Page (for your work as a councillor)",
  personal_profile: "A personal profile",
  group: "A group",
  blog: "A blog",
  channel: "A channel",
  other: "Something else",
};

const LABELS: Record<string, string> = {
  platform: "The platform",
  handle: "The account name",
  url: "The web address",
  kind: "The kind of account",
  displayName: "The name shown",
  bio: "The profile text",
  usesLogo: "Whether it uses the council logo",
  reason: "The reason",
  decision: "Your decision",
};

const FINDING_COLOUR: Record<string, string> = {
  pass: "green",
  fail: "red",
  waived: "grey",
  advice: "yellow",
  not_applicable: "grey",
};
const FINDING_WORDS: Record<string, string> = {
  pass: "Meets the policy",
  fail: "Needs changing",
  waived: "Not needed: security exemption",
  advice: "Advice",
  not_applicable: "Does not apply",
};

/** Councillors: their own accounts with each finding and how to fix it; security exemptions (5.5). */
export function councillorPages(app: Hono<AppEnv>) {
  page(app, "GET", "/my-accounts", async (c, s) => {
    const accounts = await listCouncillorAccounts(c.env.DB, s.caller, {});
    return c.html(
      <Layout title="Your accounts" s={s}>
        <h1 class="govuk-heading-l">Your social media accounts</h1>
        <p class="govuk-body">
          Register each account you use as a councillor. Each is checked against the policy when you register it and
          whenever it changes.
        </p>
        <p class="govuk-body">
          <a class="govuk-button" href="/my-accounts/new" data-module="govuk-button">
            Register an account
          </a>
        </p>
        {accounts.length === 0 && <p class="govuk-body">You have not registered any accounts.</p>}
        {accounts.map((a) => (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">{accountName(a)}</h2>
            </div>
            <div class="govuk-summary-card__content">
              <p class="govuk-body">
                {a.compliance.compliant ? (
                  <Tag colour="green">Meets the policy</Tag>
                ) : (
                  <Tag colour="red">Needs changing</Tag>
                )}{" "}
                Checked {ukDateTime(a.checkedAt)}.
              </p>
              <ul class="govuk-list govuk-list--spaced">
                {a.compliance.findings
                  .filter((f) => f.status !== "not_applicable")
                  .map((f) => (
                    <li>
                      <Tag colour={FINDING_COLOUR[f.status]}>{FINDING_WORDS[f.status] ?? "Checked"}</Tag> {f.message} (
                      {f.clause})
                      {(f.status === "fail" || f.status === "advice") && HOW_TO_FIX[f.rule] && (
                        <>
                          <br />
                          <span class="govuk-body-s">How to fix it: {HOW_TO_FIX[f.rule]}</span>
                        </>
                      )}
                    </li>
                  ))}
              </ul>
            </div>
          </div>
        ))}
      </Layout>,
    );
  });

  const newForm = (c: C, s: PageSession, values: Values, errors: Errors = {}) =>
    c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}Register an account`}
        s={s}
        back={{ href: "/my-accounts", text: "Your accounts" }}
      >
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Register an account</h1>
        <form method="post" action="/my-accounts/new" novalidate>
          <Csrf token={s.csrf} />
          <Select
            name="platform"
            label="Platform"
            values={values}
            errors={errors}
            options={PLATFORMS.map((p) => [p, PLATFORM_WORDS[p] ?? p])}
          />
          <TextInput
            name="handle"
            label="Account name"
            hint="For example, @CllrJoSmith"
            values={values}
            errors={errors}
          />
          <TextInput name="url" label="Web address" type="url" spellcheck={false} values={values} errors={errors} />
          <Radios
            name="kind"
            label="Kind of account"
            values={values}
            errors={errors}
            options={COUNCILLOR_ACCOUNT_KINDS.map((k) => [k, KIND_WORDS[k] ?? k])}
          />
          <TextInput name="displayName" label="Name shown on the account" values={values} errors={errors} />
          <Textarea
            name="bio"
            label="Profile text"
            hint="Copy it as it appears on the platform"
            values={values}
            errors={errors}
            rows={3}
          />
          <Checkboxes
            name="usesLogo"
            label="Council logo"
            checked={values.usesLogo === "yes" ? ["yes"] : []}
            errors={errors}
            options={[["yes", "The account shows the council logo"]]}
          />
          <Button>Register and check the account</Button>
        </form>
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );

  page(app, "GET", "/my-accounts/new", (c, s) => newForm(c, s, {}));

  page(app, "POST", "/my-accounts/new", async (c, s) => {
    const f = await form(c);
    const checked = check(
      AccountInput,
      {
        platform: f.platform ?? "",
        handle: f.handle ?? "",
        url: f.url ?? "",
        kind: f.kind ?? "",
        displayName: f.displayName?.trim() || null,
        bio: f.bio ?? "",
        usesLogo: f.usesLogo === "yes",
      },
      LABELS,
    );
    if (!checked.ok) return newForm(c, s, f, checked.errors);
    try {
      await registerCouncillorAccount(c.env.DB, actorFor(c, s), s.caller.id, checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return newForm(c, s, f, e);
      throw err;
    }
    return c.redirect("/my-accounts", 303);
  });

  const exemptions = async (c: C, s: PageSession, values: Values = {}, errors: Errors = {}) => {
    const list = await listExemptions(c.env.DB, s.caller);
    const names = await namesOf(
      c.env.DB,
      list.flatMap((x) => [x.councillorId, x.decidedBy]),
    );
    const ict = s.caller.roles.includes("ict_manager");
    const councillor = s.caller.roles.includes("councillor");
    const open = list.some(
      (x) => x.councillorId === s.caller.id && (x.status === "pending" || x.status === "approved"),
    );
    return c.html(
      <Layout title={`${hasErrors(errors) ? "Error: " : ""}Security exemptions`} s={s}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Security exemptions</h1>
        <p class="govuk-body">
          A councillor whose safety would be at risk may ask the ICT manager not to have to identify themselves as a
          councillor on their accounts (policy 5.5). Only you and the ICT manager see these requests.
        </p>
        {councillor && !open && (
          <form method="post" action="/exemptions" novalidate>
            <h2 class="govuk-heading-m">Ask for an exemption</h2>
            <Csrf token={s.csrf} />
            <Textarea
              name="reason"
              label="Why you need it"
              hint="At least 10 characters"
              values={values}
              errors={errors}
              rows={4}
            />
            <Button>Send to the ICT manager</Button>
          </form>
        )}
        {list.length === 0 && <p class="govuk-body">There are no requests.</p>}
        {list.map((x) => (
          <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">
                {x.councillorId === s.caller.id
                  ? "Your request"
                  : `Request from ${names.get(x.councillorId) ?? "a councillor"}`}
                , {ukDateTime(x.createdAt)}
              </h2>
            </div>
            <div class="govuk-summary-card__content">
              <Summary
                rows={[
                  ["Reason", x.reason],
                  [
                    "Decision",
                    <>
                      <Tag colour={STATUS_COLOUR[x.status]}>{statusWords(x.status)}</Tag>
                      {x.decisionReason ? ` ${x.decisionReason}` : ""}
                      {x.decidedAt ? ` — ${names.get(x.decidedBy ?? "") ?? "decided"}, ${ukDateTime(x.decidedAt)}` : ""}
                    </>,
                  ],
                ]}
              />
              {ict && x.status === "pending" && x.councillorId !== s.caller.id && (
                <form method="post" action={`/exemptions/${x.id}/decision`} novalidate>
                  <Csrf token={s.csrf} />
                  <Textarea
                    name={`reason-${x.id}`}
                    label="Reason for your decision"
                    values={{ [`reason-${x.id}`]: values[`reason-${x.id}`] ?? "" }}
                    errors={errors}
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
      hasErrors(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/exemptions", (c, s) => exemptions(c, s));

  page(app, "POST", "/exemptions", async (c, s) => {
    const f = await form(c);
    const checked = check(ExemptionInput, { reason: f.reason ?? "" }, LABELS);
    if (!checked.ok) return exemptions(c, s, f, checked.errors);
    try {
      await requestExemption(c.env.DB, actorFor(c, s), s.caller, checked.data.reason);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return exemptions(c, s, f, { reason: Object.values(e)[0] });
      throw err;
    }
    return c.redirect("/exemptions", 303);
  });

  page(app, "POST", "/exemptions/:id/decision", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const reason = f[`reason-${id}`] ?? "";
    const checked = check(Decision, { decision: f.decision ?? "", reason }, LABELS);
    if (!checked.ok)
      return exemptions(c, s, f, {
        [`reason-${id}`]: checked.errors.reason ?? checked.errors.decision ?? "Choose approve or refuse",
      });
    await decideExemption(c.env.DB, actorFor(c, s), s.caller, id, checked.data);
    return c.redirect("/exemptions", 303);
  });
}
