import type { Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../../env";
import { Layout, Csrf } from "../layout";
import { errorPage, form, page, publicPage } from "../router";
import { endSession, PRE_CSRF_COOKIE, preSessionCsrf, startSession } from "../session";
import { listUsers } from "../../repo/users";
import { listCorporateAccounts } from "../../repo/corporate-accounts";
import { listCouncillorAccounts } from "../../repo/councillor-accounts";
import { listElections } from "../../repo/elections";
import { listCycles } from "../../repo/cycles";
import { listAudit, verifyAudit } from "../../repo/audit-read";
import { clock } from "../../lib/clock";

type ElectionRow = Awaited<ReturnType<typeof listElections>>[number];

function shiftMonth(month: string, by: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 7);
}

/** A month of the purdah calendar: each day marked where a pre-election period covers it, and polls. */
function MonthView({ month, elections }: { month: string; elections: ElectionRow[] }) {
  const first = new Date(`${month}-01T00:00:00Z`);
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const cells: (string | null)[] = [
    ...Array(lead).fill(null),
    ...Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`),
  ];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const label = first.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  const inWindow = (d: string) =>
    elections.filter((e) => e.preElectionPeriod && e.preElectionPeriod.startDate <= d && d <= e.pollDate);
  return (
    <div>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Pre-election periods: {label}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((d) => (
              <th scope="col" class="govuk-table__header">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {weeks.map((week) => (
            <tr class="govuk-table__row">
              {week.map((d) => {
                if (!d) return <td class="govuk-table__cell"></td>;
                const covering = inWindow(d);
                const poll = elections.find((e) => e.pollDate === d);
                return (
                  <td class="govuk-table__cell">
                    {Number(d.slice(8))}
                    {poll && (
                      <strong class="govuk-tag govuk-tag--red" title={poll.title}>
                        Poll
                      </strong>
                    )}
                    {covering.length > 0 && !poll && <strong class="govuk-tag govuk-tag--yellow">Purdah</strong>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="govuk-body">
        <a class="govuk-link" href={`/elections?month=${shiftMonth(month, -1)}`}>
          Previous month
        </a>{" "}
        ·{" "}
        <a class="govuk-link" href={`/elections?month=${shiftMonth(month, 1)}`}>
          Next month
        </a>
      </p>
    </div>
  );
}

const safeNext = (next: string | undefined) => (next?.startsWith("/") && !next.startsWith("//") ? next : "/");

export function miscPages(app: Hono<AppEnv>) {
  publicPage(app, "GET", "/sign-in", async (c) => {
    if (c.env.APP_ENV !== "development") {
      return errorPage(
        c,
        403,
        "Sign in through your council's single sign-on",
        "This service is behind Cloudflare Access: open it through your council's sign-in page.",
      );
    }
    const csrf = preSessionCsrf(c);
    const users = await listUsers(c.env.DB, { limit: 200 });
    const next = safeNext(c.req.query("next"));
    return c.html(
      <Layout title="Sign in (development)">
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
        <form method="post" action="/sign-in">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="next" value={next} />
          <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Who are you?</legend>
              <div class="govuk-radios" data-module="govuk-radios">
                {users
                  .filter((u) => !u.disabledAt)
                  .map((u, i) => (
                    <div class="govuk-radios__item">
                      <input
                        class="govuk-radios__input"
                        id={`user-${i}`}
                        name="userId"
                        type="radio"
                        value={u.id}
                        checked={i === 0}
                      />
                      <label class="govuk-label govuk-radios__label" for={`user-${i}`}>
                        {u.name} ({u.roles.join(", ").replaceAll("_", " ")})
                      </label>
                    </div>
                  ))}
              </div>
            </fieldset>
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button">
            Sign in
          </button>
        </form>
      </Layout>,
    );
  });

  publicPage(app, "POST", "/sign-in", async (c) => {
    if (c.env.APP_ENV !== "development") return errorPage(c, 403, "Not available", "Development sign-in is off.");
    const f = await form(c);
    if (!f._csrf || f._csrf !== getCookie(c, PRE_CSRF_COOKIE))
      return errorPage(c, 403, "The form has expired", "Reload the sign-in page and try again.");
    const user = await c.env.DB.prepare("SELECT id FROM users WHERE id = ? AND disabled_at IS NULL")
      .bind(f.userId ?? "")
      .first<{ id: string }>();
    if (!user) return errorPage(c, 422, "Choose who you are", "Pick one of the listed users.");
    await startSession(c, user.id);
    return c.redirect(safeNext(f.next), 303);
  });

  page(app, "POST", "/sign-out", async (c) => {
    await endSession(c);
    return c.redirect("/sign-in", 303);
  });

  page(app, "GET", "/", (c, s) =>
    c.html(
      <Layout title="Home" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Council social media governance</h1>
        <p class="govuk-body">
          Use the menu above for the work your role does. Every decision here is recorded on a tamper-evident audit
          record.
        </p>
      </Layout>,
    ),
  );

  page(app, "GET", "/elections", async (c, s) => {
    const elections = await listElections(c.env.DB, {});
    const cycles = await listCycles(c.env.DB);
    const requested = /^\d{4}-\d{2}$/.test(c.req.query("month") ?? "")
      ? c.req.query("month")!
      : clock.iso().slice(0, 7);
    return c.html(
      <Layout title="Elections and pre-election periods" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Elections and pre-election periods</h1>
        <MonthView month={requested} elections={elections} />
        <p class="govuk-body">
          Subscribe to the calendar of pre-election periods in Outlook or Google Calendar:{" "}
          <a class="govuk-link" href="/v1/calendars/purdah.ics">
            purdah.ics
          </a>
          .
        </p>
        {cycles.length > 0 && (
          <dl class="govuk-summary-list">
            {cycles.map((cy) => (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{cy.name}</dt>
                <dd class="govuk-summary-list__value">
                  {cy.rrule} from {cy.dtstart}
                  {cy.exdates.length ? `, except ${cy.exdates.join(", ")}` : ""}
                  {cy.retiredAt ? " (retired)" : ""}
                </dd>
              </div>
            ))}
          </dl>
        )}
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Elections</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Election
              </th>
              <th scope="col" class="govuk-table__header">
                Poll
              </th>
              <th scope="col" class="govuk-table__header">
                Pre-election period
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {elections.map((e) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{e.title}</td>
                <td class="govuk-table__cell">{e.pollDate}</td>
                <td class="govuk-table__cell">
                  {e.preElectionPeriod
                    ? `${e.preElectionPeriod.startDate} to the ${e.preElectionPeriod.endBasis.replaceAll("_", " ")} on ${e.pollDate}`
                    : (e.timetableProblem ?? "Not known")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

  page(app, "GET", "/registers", async (c, s) => {
    const corporate = await listCorporateAccounts(c.env.DB, {});
    const councillors = await listCouncillorAccounts(c.env.DB, s.caller, {});
    return c.html(
      <Layout title="Account registers" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Account registers</h1>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Corporate accounts</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Account
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              <th scope="col" class="govuk-table__header">
                Next review
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {corporate.map((a) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  {a.platform}: {a.handle}
                </td>
                <td class="govuk-table__cell">{a.status}</td>
                <td class="govuk-table__cell">
                  {a.reviewOverdue ? (
                    <strong class="govuk-tag govuk-tag--red">Overdue: {a.nextReviewOn}</strong>
                  ) : (
                    a.nextReviewOn
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {councillors.length > 0 && (
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">Councillors' accounts</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Councillor
                </th>
                <th scope="col" class="govuk-table__header">
                  Account
                </th>
                <th scope="col" class="govuk-table__header">
                  Compliance
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {councillors.map((a) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{a.ownerName}</td>
                  <td class="govuk-table__cell">
                    {a.platform}: {a.handle}
                  </td>
                  <td class="govuk-table__cell">
                    {a.compliance.compliant ? (
                      <strong class="govuk-tag govuk-tag--green">Compliant</strong>
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
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  page(app, "GET", "/audit", async (c, s) => {
    const [{ entries }, verify] = await Promise.all([
      listAudit(c.env.DB, {
        limit: 50,
        action: c.req.query("action") || undefined,
        subjectId: c.req.query("subject") || undefined,
      }),
      verifyAudit(c.env.DB),
    ]);
    return c.html(
      <Layout title="Audit record" caller={s.caller} csrf={s.csrf}>
        <h1 class="govuk-heading-l">Audit record</h1>
        {verify.ok ? (
          <div class="govuk-inset-text">The hash chain verifies: {verify.entriesChecked} entries, none altered.</div>
        ) : (
          <div class="govuk-error-summary" role="alert">
            <h2 class="govuk-error-summary__title">The chain is broken at entry {verify.firstBrokenLink?.seq}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{verify.firstBrokenLink?.reason.replaceAll("_", " ")}</p>
            </div>
          </div>
        )}
        <form method="get" action="/audit">
          <div class="govuk-form-group">
            <label class="govuk-label" for="action">
              Action
            </label>
            <input
              class="govuk-input govuk-input--width-20"
              id="action"
              name="action"
              type="text"
              value={c.req.query("action") ?? ""}
            />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for="subject">
              Subject id
            </label>
            <input
              class="govuk-input govuk-input--width-30"
              id="subject"
              name="subject"
              type="text"
              value={c.req.query("subject") ?? ""}
            />
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            Filter
          </button>
        </form>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">Latest entries</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                #
              </th>
              <th scope="col" class="govuk-table__header">
                When
              </th>
              <th scope="col" class="govuk-table__header">
                Who
              </th>
              <th scope="col" class="govuk-table__header">
                What
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {entries.map((e) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{e.seq}</td>
                <td class="govuk-table__cell">{e.at}</td>
                <td class="govuk-table__cell">{e.actorLabel}</td>
                <td class="govuk-table__cell">
                  {e.action} ({e.subjectType} {e.subjectId})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
}

export { Csrf };
