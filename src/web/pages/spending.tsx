import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout, Csrf, ErrorSummary, TextInput, pounds, type FieldProblem } from "../layout";
import { actorFor, form, page } from "../router";
import { addExpense, addImprint, candidacyView, getCandidacyRow, listCandidacies } from "../../repo/candidacies";
import { getReturn, markReceived, submitReturn } from "../../repo/spending-returns";
import { toCsv } from "../../domain/return-export";
import { ApiError } from "../../lib/problem";
import { clock } from "../../lib/clock";

type View = Awaited<ReturnType<typeof candidacyView>>;

const SUBTYPES: [string, string][] = [
  ["paid_social_ads", "Paid social media advertising"],
  ["website", "Website"],
  ["video", "Video"],
  ["design", "Design"],
  ["other", "Other"],
];

/** A GOV.UK money input: the label, a £ prefix and a decimal field. */
function MoneyInput({ id, label, value }: { id: string; label: string; value?: string }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <div class="govuk-input__wrapper">
        <div class="govuk-input__prefix" aria-hidden="true">
          £
        </div>
        <input
          class="govuk-input govuk-input--width-5"
          id={id}
          name={id}
          type="text"
          inputmode="decimal"
          value={value ?? ""}
        />
      </div>
    </div>
  );
}

function toPence(value: string | undefined): number | null {
  const m = /^\s*£?\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(value ?? "");
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

export function spendingPages(app: Hono<AppEnv>) {
  page(app, "GET", "/spending", async (c, s) => {
    const list = await listCandidacies(c.env.DB, s.caller);
    return c.html(
      <Layout title="Election spending" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Election spending</h1>
        {list.length === 0 && <p class="govuk-body">No candidacies to show.</p>}
        <ul class="govuk-list">
          {list.map((v) => (
            <li>
              <a class="govuk-link" href={`/spending/${v.id}`}>
                {v.election.title}
              </a>{" "}
              — {pounds(v.totalPence)} of {pounds(v.spendingLimitPence)}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  const show = (
    c: Parameters<Parameters<typeof page>[3]>[0],
    s: Parameters<Parameters<typeof page>[3]>[1],
    v: View,
    values: Record<string, string> = {},
    problems: FieldProblem[] = [],
  ) => {
    const keeps = v.candidateId === s.caller.id || v.agentId === s.caller.id;
    const pct = Math.min(100, v.percentOfLimit ?? 0);
    return c.html(
      <Layout title="Spending record" caller={s.caller} csrf={s.csrf}>
        <span class="govuk-caption-l">{v.election.title}</span>
        <h1 class="govuk-heading-l">Spending record</h1>
        <ErrorSummary problems={problems} />
        <p class="govuk-body-l" id="total">
          {pounds(v.totalPence)} spent of a {pounds(v.spendingLimitPence)} limit
        </p>
        {v.spendingLimitPence !== null && (
          <div>
            <progress
              class="csg-bar"
              max={100}
              value={pct}
              aria-label={`${pct}% of the spending limit`}
              style="width:100%;height:1.5em"
            >
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
              {v.warnings.map((w) => `${w.message} (${w.source})`).join(" ")}
            </strong>
          </div>
        )}
        {v.deadlines && (
          <p class="govuk-body">
            Invoices by {v.deadlines.invoicesBy}; payments by {v.deadlines.paymentsBy}; the return is due by{" "}
            {v.deadlines.returnDue}.
          </p>
        )}
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Advertising</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Date
              </th>
              <th scope="col" class="govuk-table__header">
                Supplier
              </th>
              <th scope="col" class="govuk-table__header">
                Description
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Counted
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {v.expenses.map((e) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{e.incurredOn}</td>
                <td class="govuk-table__cell">{e.supplier}</td>
                <td class="govuk-table__cell">{e.description}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{pounds(e.countedPence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {keeps && v.returnState !== "submitted" && (
          <form method="post" action={`/spending/${v.id}/expenses`} novalidate>
            <h2 class="govuk-heading-m">Record an expense</h2>
            <Csrf token={s.csrf} />
            <TextInput
              id="incurredOn"
              label="Date incurred (YYYY-MM-DD)"
              type="date"
              width="10"
              value={values.incurredOn}
            />
            <TextInput id="supplier" label="Supplier" value={values.supplier} />
            <TextInput id="description" label="Description" value={values.description} />
            <div class="govuk-form-group">
              <label class="govuk-label" for="subType">
                Type of advertising
              </label>
              <select class="govuk-select" id="subType" name="subType">
                {SUBTYPES.map(([value, label]) => (
                  <option value={value} selected={values.subType === value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <MoneyInput id="amount" label="Amount paid, in pounds" value={values.amount} />
            <MoneyInput
              id="apportioned"
              label="Bought before the regulated period? The value used during it, in pounds (optional)"
              value={values.apportioned}
            />
            <div class="govuk-form-group">
              <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id="invoiceHeld"
                    name="invoiceHeld"
                    type="checkbox"
                    value="yes"
                  />
                  <label class="govuk-label govuk-checkboxes__label" for="invoiceHeld">
                    I hold the invoice or receipt
                  </label>
                </div>
              </div>
            </div>
            <button type="submit" class="govuk-button" data-module="govuk-button">
              Add expense
            </button>
          </form>
        )}
        {keeps && v.returnState !== "submitted" && (
          <form method="post" action={`/spending/${v.id}/submit`}>
            <Csrf token={s.csrf} />
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
              Submit the return
            </button>
          </form>
        )}
        <h2 class="govuk-heading-m">Digital imprints</h2>
        <ul class="govuk-list">
          {v.imprints.map((i) => (
            <li>
              {i.material}: “{i.text}” —{" "}
              {i.check.ok ? (
                <strong class="govuk-tag govuk-tag--green">Complete</strong>
              ) : (
                <span>
                  <strong class="govuk-tag govuk-tag--red">Incomplete</strong>{" "}
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
          <form method="post" action={`/spending/${v.id}/imprints`}>
            <Csrf token={s.csrf} />
            <div class="govuk-form-group">
              <label class="govuk-label" for="material">
                Material (for example, Facebook advert)
              </label>
              <input class="govuk-input" id="material" name="material" type="text" />
            </div>
            <div class="govuk-form-group">
              <label class="govuk-label" for="imprintText">
                Imprint as it appears
              </label>
              <input class="govuk-input" id="imprintText" name="text" type="text" />
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Check and record the imprint
            </button>
          </form>
        )}
        {v.returns.length > 0 && (
          <div>
            <h2 class="govuk-heading-m">Returns submitted</h2>
            <ul class="govuk-list">
              {v.returns.map((r) => (
                <li>
                  {s.caller.roles.includes("democratic_services") && !r.receivedOn && (
                    <form
                      method="post"
                      action={`/spending/${v.id}/returns/${r.version}/received`}
                      class="govuk-!-display-inline"
                    >
                      <Csrf token={s.csrf} />
                      <button
                        type="submit"
                        class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                        data-module="govuk-button"
                      >
                        Record version {r.version} received today
                      </button>
                    </form>
                  )}
                  {r.receivedOn ? `Received ${r.receivedOn}. ` : ""}
                  Version {r.version}, {r.submittedAt}:{" "}
                  <a class="govuk-link" href={`/spending/${v.id}/returns/${r.version}/csv`}>
                    download CSV
                  </a>{" "}
                  or{" "}
                  <a class="govuk-link" href={`/v1/candidacies/${v.id}/returns/${r.version}?format=html`}>
                    printable page (API)
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Layout>,
      problems.length ? 422 : 200,
    );
  };

  page(app, "GET", "/spending/:id", async (c, s) =>
    show(c, s, await candidacyView(c.env.DB, await getCandidacyRow(c.env.DB, s.caller, c.req.param("id")!))),
  );

  page(app, "POST", "/spending/:id/expenses", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    const pence = toPence(f.amount);
    const problems: FieldProblem[] = [];
    if (pence === null) problems.push({ href: "#amount", text: "Enter the amount in pounds and pence, like 45.50" });
    const apportioned = f.apportioned?.trim() ? toPence(f.apportioned) : null;
    if (f.apportioned?.trim() && apportioned === null)
      problems.push({ href: "#apportioned", text: "Enter the value used in the period in pounds and pence" });
    if (!f.supplier?.trim()) problems.push({ href: "#supplier", text: "Enter the supplier" });
    if (!f.description?.trim()) problems.push({ href: "#description", text: "Describe what was bought" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.incurredOn ?? ""))
      problems.push({ href: "#incurredOn", text: "Enter the date the expense was incurred" });
    const current = async () => candidacyView(c.env.DB, await getCandidacyRow(c.env.DB, s.caller, id));
    if (problems.length) return show(c, s, await current(), f, problems);
    try {
      await addExpense(c.env.DB, actorFor(c, s), s.caller, id, {
        incurredOn: f.incurredOn,
        supplier: f.supplier.trim(),
        description: f.description.trim(),
        subType: f.subType as never,
        amountPence: pence!,
        vatPence: 0,
        invoiceHeld: f.invoiceHeld === "yes",
        apportionedPence: apportioned,
      });
    } catch (err) {
      if (err instanceof ApiError && err.errors?.length)
        return show(
          c,
          s,
          await current(),
          f,
          err.errors.map((e) => ({
            href: `#${({ amountPence: "amount", apportionedPence: "apportioned" } as Record<string, string>)[e.pointer.slice(1)] ?? e.pointer.slice(1)}`,
            text: e.detail,
          })),
        );
      throw err;
    }
    return c.redirect(`/spending/${id}`, 303);
  });

  page(app, "POST", "/spending/:id/imprints", async (c, s) => {
    const f = await form(c);
    if (!f.material?.trim() || !f.text?.trim())
      throw new ApiError("validation_failed", "Enter the material and its imprint.");
    await addImprint(c.env.DB, actorFor(c, s), s.caller, c.req.param("id")!, {
      material: f.material.trim(),
      location: "in_material",
      text: f.text.trim(),
    });
    return c.redirect(`/spending/${c.req.param("id")}`, 303);
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

  page(app, "POST", "/spending/:id/submit", async (c, s) => {
    await submitReturn(c.env.DB, actorFor(c, s), s.caller, c.req.param("id")!);
    return c.redirect(`/spending/${c.req.param("id")}`, 303);
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
