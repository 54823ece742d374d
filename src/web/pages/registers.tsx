import type { Hono, Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../../env";
import type { Role } from "../../auth/roles";
import { Layout } from "../layout";
import { actorFor, form, formLists, page, type PageSession } from "../router";
import {
  createCorporateAccount,
  getCorporateAccount,
  listCorporateAccounts,
  PLATFORMS,
  updateCorporateAccount,
  type CorporateAccount,
} from "../../repo/corporate-accounts";
import { listCouncillorAccounts } from "../../repo/councillor-accounts";
import { approvalPolicy, setApprovalPolicy } from "../../repo/posts";
import { listAreas } from "../../repo/areas";
import { listUsers } from "../../repo/users";
import { purdahIndex } from "../../repo/purdah-index";
import { windowsAt } from "../../domain/purdah";
import { clock } from "../../lib/clock";
import { corporateAccountsRouter } from "../../routes/corporate-accounts";
import { postControlsRouter } from "../../routes/posts/controls";
import {
  Button,
  Checkboxes,
  Csrf,
  DateInput,
  ErrorSummary,
  Radios,
  Select,
  Summary,
  Table,
  Tag,
  Textarea,
  TextInput,
  type Values,
} from "../components/form";
import { apiBody, check, dateBoxes, dateFrom, errorsFrom, type Errors } from "../components/validate";
import { inWords, ukDate } from "../components/time";
import { accountName, namesOf } from "../components/post";
import {
  listWords,
  PLATFORM_WORDS,
  platformWords,
  PURDAH_BEHAVIOUR,
  ROLE_WORDS,
  roleWords,
  STATUS_COLOUR,
  statusWords,
} from "../components/words";

const AccountInput = apiBody(corporateAccountsRouter, "post", "/v1/corporate-accounts");
const AccountPatch = apiBody(corporateAccountsRouter, "patch", "/v1/corporate-accounts/{accountId}");
const StepsInput = apiBody<z.ZodType<{ steps: Parameters<typeof setApprovalPolicy>[3] }>>(
  postControlsRouter,
  "put",
  "/v1/corporate-accounts/{accountId}/approval-policy",
);

type C = Context<AppEnv>;
const hasErrors = (e: Errors) => Object.keys(e).length > 0;
const STEP_ROLES: Role[] = ["comms_manager", "monitoring_officer", "chief_executive"];
const MAX_STEPS = 3;

const LABELS: Record<string, string> = {
  platform: "The platform",
  handle: "The account name",
  url: "The web address",
  owningService: "The service that runs it",
  ownerId: "The owner",
  administratorIds: "The administrators",
  purpose: "What it is for",
  areaIds: "The areas",
  status: "The status",
  lastReviewedOn: "The date of the last review",
  nextReviewOn: "The date of the next review",
  purdahBehaviour: "What happens in a pre-election period",
  steps: "The approval steps",
};

/** Compliance findings a councillor's account can have, with how to put each right. */
export const HOW_TO_FIX: Record<string, string> = {
  identifies_as_councillor: "Say in the profile that you are a councillor, for example “Councillor for Castle ward”.",
  views_own: "Add to the profile that the views are your own, not the council's.",
  not_anonymous: "Use your own name on the account, not a pseudonym.",
  logo_use: "Remove the council logo, or ask the Chief Executive to approve its use.",
  account_kind: "Consider a Page for your work as a councillor rather than a personal profile.",
};

export function registerPages(app: Hono<AppEnv>) {
  page(app, "GET", "/registers", async (c, s) => {
    const corporate = await listCorporateAccounts(c.env.DB, {});
    const councillors = await listCouncillorAccounts(c.env.DB, s.caller, {});
    const manager = s.caller.roles.includes("comms_manager");
    return c.html(
      <Layout title="Account registers" s={s}>
        <h1 class="govuk-heading-l">Account registers</h1>
        {manager && (
          <p class="govuk-body">
            <a class="govuk-button" href="/corporate-accounts/new" data-module="govuk-button">
              Add a corporate account
            </a>
          </p>
        )}
        <Table
          caption="The council's accounts"
          head={["Account", "Status", "Next review", "In a pre-election period"]}
          rows={corporate.map((a) => [
            <a class="govuk-link" href={`/corporate-accounts/${a.id}`}>
              {accountName(a)}
            </a>,
            <Tag colour={STATUS_COLOUR[a.status]}>{statusWords(a.status)}</Tag>,
            a.reviewOverdue ? <Tag colour="red">Overdue since {ukDate(a.nextReviewOn)}</Tag> : ukDate(a.nextReviewOn),
            PURDAH_BEHAVIOUR.find(([k]) => k === a.purdahBehaviour)?.[1] ?? "",
          ])}
        />
        {s.caller.roles.some((r) =>
          ["comms_officer", "comms_manager", "monitoring_officer", "auditor", "admin"].includes(r),
        ) && (
          <p class="govuk-body">
            <a class="govuk-link" href="/not-to-promote">
              Councillors' accounts not to promote during a pre-election period
            </a>
          </p>
        )}
        {councillors.length > 0 && (
          <Table
            caption="Councillors' accounts"
            head={["Councillor", "Account", "Meets the policy?"]}
            rows={councillors.map((a) => [
              a.ownerName,
              accountName(a),
              a.compliance.compliant ? (
                <Tag colour="green">Yes</Tag>
              ) : (
                <ul class="govuk-list">
                  {a.compliance.findings
                    .filter((f) => f.status === "fail")
                    .map((f) => (
                      <li>
                        {f.message} ({f.clause})
                      </li>
                    ))}
                </ul>
              ),
            ])}
          />
        )}
      </Layout>,
    );
  });

  const accountForm = async (
    c: C,
    s: PageSession,
    account: CorporateAccount | null,
    values: Values,
    checked: Record<string, string[]>,
    errors: Errors = {},
  ) => {
    const [users, areas] = await Promise.all([listUsers(c.env.DB, { limit: 200 }), listAreas(c.env.DB)]);
    const staff = users.filter(
      (u) =>
        !u.disabledAt &&
        u.kind === "person" &&
        u.roles.some((r) => r !== "councillor" && r !== "candidate" && r !== "election_agent"),
    );
    const action = account ? `/corporate-accounts/${account.id}` : "/corporate-accounts/new";
    return c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}${account ? `Change ${accountName(account)}` : "Add a corporate account"}`}
        s={s}
        back={{
          href: account ? `/corporate-accounts/${account.id}` : "/registers",
          text: account ? accountName(account) : "Registers",
        }}
      >
        <ErrorSummary errors={errors} dates={["lastReviewedOn", "nextReviewOn"]} />
        <h1 class="govuk-heading-l">{account ? `Change ${accountName(account)}` : "Add a corporate account"}</h1>
        <form method="post" action={action} novalidate>
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
            hint="As it appears on the platform, for example @DemoCouncil"
            values={values}
            errors={errors}
          />
          <TextInput name="url" label="Web address" type="url" spellcheck={false} values={values} errors={errors} />
          <TextInput
            name="owningService"
            label="Service that runs it"
            hint="For example, Communications"
            values={values}
            errors={errors}
          />
          <Select
            name="ownerId"
            label="Owner"
            values={values}
            errors={errors}
            options={[["", "Choose a person"], ...staff.map((u): [string, string] => [u.id, u.name])]}
          />
          <Checkboxes
            name="administratorIds"
            label="Administrators"
            checked={checked.administratorIds ?? []}
            errors={errors}
            options={staff.map((u) => [u.id, u.name])}
          />
          <Textarea name="purpose" label="What it is for" values={values} errors={errors} rows={3} />
          <Checkboxes
            name="areaIds"
            label="Areas it covers"
            hint="Leave empty for the whole council"
            checked={checked.areaIds ?? []}
            errors={errors}
            options={areas.filter((a) => !a.retiredAt).map((a) => [a.id, a.name])}
          />
          <Radios
            name="purdahBehaviour"
            label="What happens to it in a pre-election period?"
            values={values}
            errors={errors}
            options={PURDAH_BEHAVIOUR}
          />
          <Radios
            name="status"
            label="Status"
            inline
            values={values}
            errors={errors}
            options={[
              ["active", "Active"],
              ["suspended", "Suspended"],
              ["closed", "Closed (the record is kept)"],
            ]}
          />
          <DateInput name="lastReviewedOn" label="Last reviewed (if it has been)" values={values} errors={errors} />
          <DateInput name="nextReviewOn" label="Next review" values={values} errors={errors} />
          <Button>{account ? "Save the changes" : "Add the account"}</Button>
        </form>
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  /** The form as the API's body; date boxes read back, lists from the checkboxes. */
  async function accountBody(c: C) {
    const f = await form(c);
    const lists = await formLists(c);
    const errors: Errors = {};
    const last = dateFrom(f, "lastReviewedOn", "The date of the last review");
    const next = dateFrom(f, "nextReviewOn", "The date of the next review");
    if ("error" in last) errors.lastReviewedOn = last.error;
    if ("error" in next) errors.nextReviewOn = next.error;
    else if (!next.value) errors.nextReviewOn = "Enter the date of the next review";
    const body = {
      platform: f.platform ?? "",
      handle: f.handle ?? "",
      url: f.url ?? "",
      owningService: f.owningService ?? "",
      ownerId: f.ownerId ?? "",
      administratorIds: lists.administratorIds ?? [],
      purpose: f.purpose ?? "",
      areaIds: lists.areaIds ?? [],
      status: f.status ?? "",
      lastReviewedOn: "value" in last ? last.value : null,
      nextReviewOn: "value" in next && next.value ? next.value : "2000-01-01",
      purdahBehaviour: f.purdahBehaviour ?? "",
    };
    return { f, lists, errors, body };
  }

  page(app, "GET", "/corporate-accounts/new", (c, s) =>
    accountForm(c, s, null, { status: "active", purdahBehaviour: "gate" }, {}),
  );

  page(app, "POST", "/corporate-accounts/new", async (c, s) => {
    const { f, lists, errors, body } = await accountBody(c);
    const checked = check(AccountInput, body, LABELS);
    if (!checked.ok) for (const [k, v] of Object.entries(checked.errors)) errors[k] ??= v;
    if (!checked.ok || hasErrors(errors)) return accountForm(c, s, null, f, lists, errors);
    try {
      const created = await createCorporateAccount(c.env.DB, actorFor(c, s), checked.data);
      return c.redirect(`/corporate-accounts/${created.id}`, 303);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return accountForm(c, s, null, f, lists, e);
      throw err;
    }
  });

  const showAccount = async (c: C, s: PageSession, id: string, values: Values = {}, errors: Errors = {}) => {
    const a = await getCorporateAccount(c.env.DB, id);
    const steps = await approvalPolicy(c.env.DB, id);
    const names = await namesOf(c.env.DB, [a.ownerId, ...a.administratorIds]);
    const areas = new Map((await listAreas(c.env.DB)).map((x) => [x.id, x.name]));
    const manager = s.caller.roles.includes("comms_manager");
    const stepValues: Values = { ...values };
    const stepChecked: Record<string, string[]> = {};
    steps.forEach((st, i) => {
      stepChecked[`step${i + 1}`] = st.roles;
      stepValues[`step${i + 1}Mode`] ??= st.mode;
    });
    return c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}${accountName(a)}`}
        s={s}
        back={{ href: "/registers", text: "Registers" }}
      >
        <ErrorSummary errors={errors} />
        <span class="govuk-caption-l">Corporate account</span>
        <h1 class="govuk-heading-l">{accountName(a)}</h1>
        <Summary
          rows={[
            ["Status", <Tag colour={STATUS_COLOUR[a.status]}>{statusWords(a.status)}</Tag>],
            ["Web address", a.url],
            ["Service", a.owningService],
            ["Owner", names.get(a.ownerId) ?? "Someone no longer listed"],
            [
              "Administrators",
              listWords(a.administratorIds.map((x) => names.get(x) ?? "someone no longer listed")) || "None",
            ],
            ["What it is for", a.purpose],
            ["Areas", listWords(a.areaIds.map((x) => areas.get(x) ?? x)) || "The whole council"],
            ["In a pre-election period", PURDAH_BEHAVIOUR.find(([k]) => k === a.purdahBehaviour)?.[1] ?? ""],
            ["Last reviewed", a.lastReviewedOn ? ukDate(a.lastReviewedOn) : "Not yet"],
            ["Next review", a.reviewOverdue ? `${ukDate(a.nextReviewOn)} (overdue)` : ukDate(a.nextReviewOn)],
            [
              "Approval",
              steps
                .map((st, i) => `Step ${i + 1}: ${st.mode === "all" ? "all of" : "any one of"} ${roleWords(st.roles)}`)
                .join("; "),
            ],
          ]}
        />
        {manager && (
          <p class="govuk-body">
            <a class="govuk-link" href={`/corporate-accounts/${a.id}?change=details`}>
              Change the details, review dates or status
            </a>
          </p>
        )}
        {manager && (
          <form method="post" action={`/corporate-accounts/${a.id}/approval-steps`} novalidate>
            <h2 class="govuk-heading-m">Approval steps</h2>
            <p class="govuk-body">
              Each post goes through these steps in order. The Monitoring Officer is always added for posts with
              political, pre-election or named-person findings.
            </p>
            <Csrf token={s.csrf} />
            {Array.from({ length: MAX_STEPS }, (_, i) => (
              <div>
                <Checkboxes
                  name={`step${i + 1}`}
                  label={`Step ${i + 1}${i > 0 ? " (optional)" : ""}`}
                  checked={stepChecked[`step${i + 1}`] ?? []}
                  errors={i === 0 ? errors : {}}
                  options={STEP_ROLES.map((r) => [r, ROLE_WORDS[r]])}
                />
                <Radios
                  name={`step${i + 1}Mode`}
                  label={`Who must approve at step ${i + 1}?`}
                  inline
                  values={stepValues}
                  options={[
                    ["any", "Any one of them"],
                    ["all", "All of them"],
                  ]}
                />
              </div>
            ))}
            <Button variant="secondary">Save the approval steps</Button>
          </form>
        )}
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/corporate-accounts/:id", async (c, s) => {
    const id = c.req.param("id")!;
    if (c.req.query("change") === "details" && s.caller.roles.includes("comms_manager")) {
      const a = await getCorporateAccount(c.env.DB, id);
      return accountForm(
        c,
        s,
        a,
        {
          platform: a.platform,
          handle: a.handle,
          url: a.url,
          owningService: a.owningService,
          ownerId: a.ownerId,
          purpose: a.purpose,
          status: a.status,
          purdahBehaviour: a.purdahBehaviour,
          ...dateBoxes("lastReviewedOn", a.lastReviewedOn),
          ...dateBoxes("nextReviewOn", a.nextReviewOn),
        },
        { administratorIds: a.administratorIds, areaIds: a.areaIds },
      );
    }
    return showAccount(c, s, id);
  });

  page(app, "POST", "/corporate-accounts/:id", async (c, s) => {
    const id = c.req.param("id")!;
    const a = await getCorporateAccount(c.env.DB, id);
    const { f, lists, errors, body } = await accountBody(c);
    const checked = check(AccountPatch, body, LABELS);
    if (!checked.ok) for (const [k, v] of Object.entries(checked.errors)) errors[k] ??= v;
    if (!checked.ok || hasErrors(errors)) return accountForm(c, s, a, f, lists, errors);
    try {
      await updateCorporateAccount(c.env.DB, actorFor(c, s), id, checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return accountForm(c, s, a, f, lists, e);
      throw err;
    }
    return c.redirect(`/corporate-accounts/${id}`, 303);
  });

  page(app, "POST", "/corporate-accounts/:id/approval-steps", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    const lists = await formLists(c);
    const steps = Array.from({ length: MAX_STEPS }, (_, i) => ({
      roles: lists[`step${i + 1}`] ?? [],
      mode: f[`step${i + 1}Mode`] || "any",
    })).filter((st) => st.roles.length > 0);
    const checked = check(StepsInput, { steps }, LABELS);
    if (!checked.ok) return showAccount(c, s, id, f, { step1: "Choose who approves at step 1" });
    try {
      await setApprovalPolicy(c.env.DB, actorFor(c, s), id, checked.data.steps);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return showAccount(c, s, id, f, { step1: Object.values(e)[0] });
      throw err;
    }
    return c.redirect(`/corporate-accounts/${id}`, 303);
  });

  page(app, "GET", "/not-to-promote", async (c, s) => {
    const index = await purdahIndex(c.env.DB);
    const windows = windowsAt(index.windows, clock.now());
    const accounts = windows.length ? await listCouncillorAccounts(c.env.DB, s.caller, {}) : [];
    return c.html(
      <Layout title="Accounts not to promote" s={s} back={{ href: "/registers", text: "Registers" }}>
        <h1 class="govuk-heading-l">Councillors' accounts not to promote</h1>
        <p class="govuk-body">
          While a pre-election period is in force, the council's accounts must not link to, share or promote
          councillors' or candidates' accounts (policy 9.2).
        </p>
        {windows.length === 0 ? (
          <div class="govuk-inset-text">No pre-election period is in force today: nothing is on this list.</div>
        ) : (
          <>
            <p class="govuk-body">
              In force today: {listWords(windows.map((w) => `${inWords(w.title)} (from ${ukDate(w.startDate)})`))}.
            </p>
            <Table
              head={["Councillor", "Account", "Web address"]}
              rows={accounts.map((a) => [a.ownerName, `${platformWords(a.platform)} ${a.handle}`, a.url])}
            />
          </>
        )}
      </Layout>,
    );
  });
}
