import type { Hono, Context } from "hono";
import type { AppEnv } from "../../env";
import { Layout, pounds } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { addExpense, addImprint, candidacyView, getCandidacyRow, listCandidacies } from "../../repo/candidacies";
import { getReturn, markReceived, submitReturn } from "../../repo/spending-returns";
import { HEADINGS, rows as exportRows, toCsv } from "../../domain/return-export";
import { clock } from "../../lib/clock";
import { candidaciesRouter } from "../../routes/candidacies";
import {
  Button,
  Checkboxes,
  Csrf,
  DateInput,
  ErrorSummary,
  Select,
  Summary,
  Table,
  Tag,
  TextInput,
  type Values,
} from "../components/form";
import { apiBody, check, dateFrom, errorsFrom, type Errors } from "../components/validate";
import { inWords, ukDate, ukDateTime } from "../components/time";
import { namesOf } from "../components/post";

const ExpenseInput = apiBody(candidaciesRouter, "post", "/v1/candidacies/{candidacyId}/expenses");
const ImprintInput = apiBody(candidaciesRouter, "post", "/v1/candidacies/{candidacyId}/imprints");

type View = Awaited<ReturnType<typeof candidacyView>>;
type C = Context<AppEnv>;
const hasErrors = (e: Errors) => Object.keys(e).length > 0;

const SUBTYPES: [string, string][] = [
  ["paid_social_ads", "Paid social media advertising"],
  ["website", "Website"],
  ["video", "Video"],
  ["design", "Design"],
  ["other", "Other"],
];

const LABELS: Record<string, string> = {
  incurredOn: "The date incurred",
  paidOn: "The date paid",
  supplier: "The supplier",
  description: "The description",
  subType: "The type of advertising",
  platform: "The platform",
  amountPence: "The amount paid",
  vatPence: "The VAT included",
  invoiceRef: "The invoice or receipt reference",
  invoiceHeld: "Whether you hold the invoice",
  marketValuePence: "The market value",
  apportionedPence: "The value used in the period",
  material: "The material",
  text: "The imprint",
  location: "Where the imprint appears",
};
// Money is typed in pounds in boxes named for it; the schema's fields are in pence.
const MONEY: Record<string, string> = {
  amount: "amountPence",
  vat: "vatPence",
  marketValue: "marketValuePence",
  apportioned: "apportionedPence",
};
const FIELD_OF: Record<string, string> = Object.fromEntries(Object.entries(MONEY).map(([k, v]) => [v, k]));

/** A GOV.UK money input: the label, a £ prefix and a decimal field. */
function MoneyInput({
  name,
  label,
  values,
  errors,
  hint,
}: {
  name: string;
  label: string;
  values: Values;
  errors: Errors;
  hint?: string;
}) {
  const error = errors[name];
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={name}>
        {label}
      </label>
      {hint && (
        <div class="govuk-hint" id={`${name}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p id={`${name}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <div class="govuk-input__wrapper">
        <div class="govuk-input__prefix" aria-hidden="true">
          £
        </div>
        <input
          class={`govuk-input govuk-input--width-5${error ? " govuk-input--error" : ""}`}
          id={name}
          name={name}
          type="text"
          inputmode="decimal"
          spellcheck={false}
          value={values[name] ?? ""}
          aria-describedby={
            [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined
          }
        />
      </div>
    </div>
  );
}

/** Pounds as typed ("45", "45.50", "£1,200") → pence; NaN when it is not an amount. */
function toPence(value: string | undefined): number | null {
  const v = (value ?? "").trim().replace(/^£/, "").replace(/,/g, "");
  if (!v) return null;
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

export function spendingPages(app: Hono<AppEnv>) {
  page(app, "GET", "/spending", async (c, s) => {
    const list = await listCandidacies(c.env.DB, s.caller);
    const names = await namesOf(
      c.env.DB,
      list.map((v) => v.candidateId),
    );
    return c.html(
      <Layout title="Election spending" s={s}>
        <h1 class="govuk-heading-l">Election spending</h1>
        {list.length === 0 && <p class="govuk-body">No candidacies to show.</p>}
        <ul class="govuk-list govuk-list--spaced">
          {list.map((v) => (
            <li>
              <a class="govuk-link" href={`/spending/${v.id}`}>
                {names.get(v.candidateId) ?? "A candidate"}, {inWords(v.election.title)}
              </a>
              <br />
              {pounds(v.totalPence)} spent of a {pounds(v.spendingLimitPence)} limit
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  const show = async (c: C, s: PageSession, v: View, values: Values = {}, errors: Errors = {}) => {
    const keeps = v.candidateId === s.caller.id || v.agentId === s.caller.id;
    const pct = Math.min(100, v.percentOfLimit ?? 0);
    const open = v.returnState !== "submitted";
    const names = await namesOf(c.env.DB, [v.candidateId]);
    return c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}Spending record`}
        s={s}
        back={{ href: "/spending", text: "Election spending" }}
      >
        <ErrorSummary errors={errors} dates={["incurredOn", "paidOn"]} />
        <span class="govuk-caption-l">
          {names.get(v.candidateId) ?? "Candidate"}, {inWords(v.election.title)}
        </span>
        <h1 class="govuk-heading-l">Spending record</h1>
        <p class="govuk-body-l" id="total">
          {pounds(v.totalPence)} spent of a {pounds(v.spendingLimitPence)} limit
        </p>
        {v.spendingLimitPence !== null && (
          <div>
            <progress class="csg-bar" max={100} value={pct} aria-label={`${pct}% of the spending limit`}>
              {pct}%
            </progress>
            <p class="govuk-body-s">
              {v.percentOfLimit}% of the limit. {v.limit?.explanation}
            </p>
          </div>
        )}
        {v.warnings.length > 0 && (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              {v.warnings
                .map((w) => `${w.message.replace(/\d{4}-\d{2}-\d{2}/g, (d) => ukDate(d))} (${w.source})`)
                .join(" ")}
            </strong>
          </div>
        )}
        {v.deadlines && (
          <Summary
            rows={[
              ["Invoices must be in by", ukDate(v.deadlines.invoicesBy)],
              ["Payments must be made by", ukDate(v.deadlines.paymentsBy)],
              ["The return is due by", ukDate(v.deadlines.returnDue)],
            ]}
          />
        )}
        <Table
          caption="Advertising"
          head={["Incurred", "Paid", "Supplier", "Description", "Platform", "Invoice", "Counted"]}
          rows={v.expenses.map((e) => [
            ukDate(e.incurredOn),
            e.paidOn ? ukDate(e.paidOn) : "Not yet paid",
            e.supplier,
            e.description,
            e.platform ?? "",
            e.invoiceHeld ? (e.invoiceRef ?? "Held") : "Not held",
            pounds(e.countedPence),
          ])}
        />
        {keeps && open && (
          <form method="post" action={`/spending/${v.id}/expenses`} novalidate>
            <h2 class="govuk-heading-m">Record an expense</h2>
            <Csrf token={s.csrf} />
            <DateInput name="incurredOn" label="Date incurred" values={values} errors={errors} />
            <DateInput name="paidOn" label="Date paid (if paid)" values={values} errors={errors} />
            <TextInput name="supplier" label="Name of supplier" values={values} errors={errors} />
            <TextInput name="description" label="Description of goods or services" values={values} errors={errors} />
            <Select name="subType" label="Type of advertising" values={values} errors={errors} options={SUBTYPES} />
            <TextInput
              name="platform"
              label="Platform (optional)"
              hint="For example, Facebook"
              values={values}
              errors={errors}
            />
            <MoneyInput name="amount" label="Amount paid" values={values} errors={errors} />
            <MoneyInput name="vat" label="VAT included (optional)" values={values} errors={errors} />
            <MoneyInput
              name="marketValue"
              label="Notional value (optional)"
              hint="The market value, where the item was free or discounted"
              values={values}
              errors={errors}
            />
            <MoneyInput
              name="apportioned"
              label="Value declared for the period (optional)"
              hint="Bought before the regulated period but used in it: the value used during it"
              values={values}
              errors={errors}
            />
            <TextInput
              name="invoiceRef"
              label="Invoice or receipt reference (optional)"
              values={values}
              errors={errors}
            />
            <Checkboxes
              name="invoiceHeld"
              label="Invoice or receipt"
              checked={values.invoiceHeld === "yes" ? ["yes"] : []}
              errors={errors}
              options={[["yes", "I hold the invoice or receipt"]]}
            />
            <Button>Add expense</Button>
          </form>
        )}
        {keeps && open && (
          <p class="govuk-body">
            <a class="govuk-button govuk-button--warning" href={`/spending/${v.id}/submit`} data-module="govuk-button">
              Submit the return
            </a>
          </p>
        )}
        <h2 class="govuk-heading-m">Digital imprints</h2>
        {v.imprints.length === 0 && <p class="govuk-body">No imprints recorded.</p>}
        <ul class="govuk-list govuk-list--spaced">
          {v.imprints.map((i) => (
            <li>
              {i.material}: “{i.text}”{" "}
              {i.check.ok ? (
                <Tag colour="green">Complete</Tag>
              ) : (
                <span>
                  <Tag colour="red">Incomplete</Tag>{" "}
                  {i.check.findings
                    .filter((f: { ok: boolean }) => !f.ok)
                    .map((f: { message: string }) => f.message)
                    .join(" ")}
                </span>
              )}
            </li>
          ))}
        </ul>
        {keeps && (
          <form method="post" action={`/spending/${v.id}/imprints`} novalidate>
            <Csrf token={s.csrf} />
            <TextInput
              name="material"
              label="Material"
              hint="For example, Facebook advert"
              values={values}
              errors={errors}
            />
            <TextInput name="text" label="Imprint as it appears" values={values} errors={errors} />
            <Button variant="secondary">Check and record the imprint</Button>
          </form>
        )}
        {v.returns.length > 0 && (
          <div>
            <h2 class="govuk-heading-m">Returns submitted</h2>
            <ul class="govuk-list govuk-list--spaced">
              {v.returns.map((r) => (
                <li>
                  Version {r.version}, submitted {ukDateTime(r.submittedAt)}.{" "}
                  {r.receivedOn ? `Received ${ukDate(r.receivedOn)}. ` : ""}
                  <a class="govuk-link" href={`/spending/${v.id}/returns/${r.version}`}>
                    View or print version {r.version}
                  </a>{" "}
                  or{" "}
                  <a class="govuk-link" href={`/spending/${v.id}/returns/${r.version}/csv`}>
                    download it as a spreadsheet (CSV)
                  </a>
                  {s.caller.roles.includes("democratic_services") && !r.receivedOn && (
                    <form method="post" action={`/spending/${v.id}/returns/${r.version}/received`}>
                      <Csrf token={s.csrf} />
                      <Button variant="secondary">Record version {r.version} received today</Button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  const load = async (c: C, s: PageSession, id: string) =>
    candidacyView(c.env.DB, await getCandidacyRow(c.env.DB, s.caller, id));

  page(app, "GET", "/spending/:id", async (c, s) => show(c, s, await load(c, s, c.req.param("id")!)));

  page(app, "POST", "/spending/:id/expenses", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    const errors: Errors = {};
    const incurred = dateFrom(f, "incurredOn", "The date incurred");
    const paid = dateFrom(f, "paidOn", "The date paid");
    if ("error" in incurred) errors.incurredOn = incurred.error;
    else if (!incurred.value) errors.incurredOn = "Enter the date the expense was incurred";
    if ("error" in paid) errors.paidOn = paid.error;
    const money: Record<string, number | null> = {};
    for (const [box, field] of Object.entries(MONEY)) {
      const p = toPence(f[box]);
      if (Number.isNaN(p)) errors[box] = `Enter ${LABELS[field].toLowerCase()} in pounds and pence, like 45.50`;
      money[field] = Number.isNaN(p) ? null : p;
    }
    if (money.amountPence === null && !errors.amount) errors.amount = "Enter the amount paid";
    const checked = check(
      ExpenseInput,
      {
        incurredOn: "value" in incurred ? (incurred.value ?? "2000-01-01") : "2000-01-01",
        paidOn: "value" in paid ? paid.value : null,
        supplier: f.supplier ?? "",
        description: f.description ?? "",
        subType: f.subType ?? "",
        platform: f.platform?.trim() || null,
        amountPence: money.amountPence ?? 0,
        vatPence: money.vatPence ?? 0,
        invoiceRef: f.invoiceRef?.trim() || null,
        invoiceHeld: f.invoiceHeld === "yes",
        marketValuePence: money.marketValuePence,
        apportionedPence: money.apportionedPence,
      },
      LABELS,
    );
    if (!checked.ok) for (const [k, v] of Object.entries(checked.errors)) errors[FIELD_OF[k] ?? k] ??= v;
    if (!checked.ok || hasErrors(errors)) return show(c, s, await load(c, s, id), f, errors);
    try {
      await addExpense(c.env.DB, actorFor(c, s), s.caller, id, checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e)
        return show(
          c,
          s,
          await load(c, s, id),
          f,
          Object.fromEntries(Object.entries(e).map(([k, v]) => [FIELD_OF[k] ?? k, v])),
        );
      throw err;
    }
    return c.redirect(`/spending/${id}`, 303);
  });

  page(app, "POST", "/spending/:id/imprints", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    const checked = check(
      ImprintInput,
      { material: f.material ?? "", location: "in_material", text: f.text ?? "" },
      LABELS,
    );
    if (!checked.ok) return show(c, s, await load(c, s, id), f, checked.errors);
    await addImprint(c.env.DB, actorFor(c, s), s.caller, id, checked.data);
    return c.redirect(`/spending/${id}`, 303);
  });

  page(app, "POST", "/spending/:id/returns/:version/received", async (c, s) => {
    await markReceived(
      c.env.DB,
      actorFor(c, s),
      s.caller,
      c.req.param("id")!,
      Number(c.req.param("version")),
      clock.iso().slice(0, 10),
    );
    return c.redirect(`/spending/${c.req.param("id")}`, 303);
  });

  const confirm = async (c: C, s: PageSession, v: View, errors: Errors = {}) =>
    c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}Submit the return`}
        s={s}
        back={{ href: `/spending/${v.id}`, text: "Spending record" }}
      >
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Check and submit the return</h1>
        <Summary
          rows={[
            ["Election", inWords(v.election.title)],
            ["Items", String(v.expenses.length)],
            ["Total declared", pounds(v.totalPence)],
            ["Spending limit", pounds(v.spendingLimitPence)],
          ]}
        />
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            Submitting locks the return. To change it afterwards you must submit a correction.
          </strong>
        </div>
        <form method="post" action={`/spending/${v.id}/submit`} novalidate>
          <Csrf token={s.csrf} />
          <Checkboxes
            name="declaration"
            label="Declaration"
            size="m"
            errors={errors}
            checked={[]}
            options={[
              [
                "yes",
                "To the best of my knowledge and belief, this return is complete and correct as required by law (Representation of the People Act 1983 s.81).",
              ],
            ]}
          />
          <Button>Accept and submit the return</Button>
        </form>
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );

  page(app, "GET", "/spending/:id/submit", async (c, s) => confirm(c, s, await load(c, s, c.req.param("id")!)));

  page(app, "POST", "/spending/:id/submit", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    if (f.declaration !== "yes")
      return confirm(c, s, await load(c, s, id), {
        declaration: "Select the declaration to confirm the return is complete and correct",
      });
    await submitReturn(c.env.DB, actorFor(c, s), s.caller, id);
    return c.redirect(`/spending/${id}`, 303);
  });

  page(app, "GET", "/spending/:id/returns/:version", async (c, s) => {
    const id = c.req.param("id")!;
    const version = Number(c.req.param("version"));
    const r = await getReturn(c.env.DB, s.caller, id, version);
    const snap = r.snapshot;
    const names = await namesOf(c.env.DB, [snap.candidateId]);
    return c.html(
      <Layout
        title={`Spending return, version ${version}`}
        s={s}
        back={{ href: `/spending/${id}`, text: "Spending record" }}
      >
        <span class="govuk-caption-l">{inWords(snap.election.title)}</span>
        <h1 class="govuk-heading-l">Candidate's spending return: advertising</h1>
        <Summary
          rows={[
            ["Candidate", names.get(snap.candidateId) ?? "Candidate"],
            ["Polling day", ukDate(snap.election.pollDate)],
            ["Version", String(version)],
            ["Submitted", ukDateTime(r.submittedAt)],
            ["Total declared", pounds(snap.totalPence)],
            ["Spending limit", pounds(snap.spendingLimitPence)],
          ]}
        />
        <Table
          head={HEADINGS}
          rows={exportRows(snap.expenses).map((row) => [ukDate(row[0]), row[1] ? ukDate(row[1]) : "", ...row.slice(2)])}
        />
        <p class="govuk-body-s">
          Record fingerprint (SHA-256): <code>{r.sha256}</code>
        </p>
      </Layout>,
    );
  });

  page(app, "GET", "/spending/:id/returns/:version/csv", async (c, s) => {
    const id = c.req.param("id")!;
    const version = Number(c.req.param("version"));
    const r = await getReturn(c.env.DB, s.caller, id, version);
    return c.body(toCsv(r.snapshot.expenses), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="spending-return-v${version}.csv"`,
    });
  });
}
