import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { page } from "../router";
import { listAudit, verifyAudit } from "../../repo/audit-read";
import { listUsers } from "../../repo/users";
import { londonToUtc } from "../../domain/london-time";
import { addDays } from "../../domain/dates";
import { Button, DateInput, ErrorSummary, Select, Table } from "../components/form";
import { dateFrom, type Errors } from "../components/validate";
import { ukDateTime } from "../components/time";
import { actionWords, SUBJECT_WORDS, subjectWords } from "../components/words";

const PAGE_SIZE = 50;

/** The audit record: filters in words (person, dates, kind of record), paged 50 at a time. */
export function auditPages(app: Hono<AppEnv>) {
  page(app, "GET", "/audit", async (c, s) => {
    const q = c.req.query();
    const errors: Errors = {};
    const from = dateFrom(q, "from", "The start date");
    const to = dateFrom(q, "to", "The end date");
    if ("error" in from) errors.from = from.error;
    if ("error" in to) errors.to = to.error;
    const kind = q.kind && q.kind in SUBJECT_WORDS ? q.kind : undefined;
    const cursor = /^\d{1,15}$/.test(q.before ?? "") ? Number(q.before) : undefined;
    const people = await listUsers(c.env.DB, { limit: 200 });
    const person = people.some((u) => u.id === q.person) ? q.person : undefined;
    const [{ entries, nextCursor }, verify] = await Promise.all([
      listAudit(c.env.DB, {
        limit: PAGE_SIZE,
        subjectType: kind,
        actorId: person,
        from: "value" in from && from.value ? londonToUtc(from.value).toISOString() : undefined,
        to: "value" in to && to.value ? londonToUtc(addDays(to.value, 1)).toISOString() : undefined,
        cursor,
      }),
      verifyAudit(c.env.DB),
    ]);
    const keep = new URLSearchParams(
      Object.entries(q).filter(([k, v]) => k !== "before" && v !== "" && !k.startsWith("_")),
    ).toString();
    return c.html(
      <Layout title={`${Object.keys(errors).length ? "Error: " : ""}Audit record`} s={s}>
        <ErrorSummary errors={errors} dates={["from", "to"]} />
        <h1 class="govuk-heading-l">Audit record</h1>
        {verify.ok ? (
          <div class="govuk-inset-text">
            The record checks out: {verify.entriesChecked.toLocaleString("en-GB")} entries, none altered.
          </div>
        ) : (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              The record has been altered: entry {verify.firstBrokenLink?.seq} does not match the entries before it.
            </strong>
          </div>
        )}
        <form method="get" action="/audit" novalidate>
          <h2 class="govuk-heading-m">Filter</h2>
          <Select
            name="person"
            label="Who"
            values={q}
            options={[["", "Anyone"], ...people.map((u): [string, string] => [u.id, u.name])]}
          />
          <Select
            name="kind"
            label="Kind of record"
            values={q}
            options={[["", "All kinds"], ...Object.entries(SUBJECT_WORDS)]}
          />
          <DateInput name="from" label="From" values={q} errors={errors} />
          <DateInput name="to" label="To" values={q} errors={errors} />
          <Button variant="secondary">Filter</Button>
        </form>
        <Table
          caption="Entries, newest first"
          head={["Number", "When", "Who", "What"]}
          rows={entries.map((e) => [
            String(e.seq),
            ukDateTime(e.at),
            e.actorLabel.replace(/\s*<[^>]*>$/, ""),
            `${actionWords(e.action)} (${subjectWords(e.subjectType).toLowerCase()})`,
          ])}
        />
        {entries.length === 0 && <p class="govuk-body">No entries match.</p>}
        <nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of the record">
          {cursor !== undefined && (
            <div class="govuk-pagination__prev">
              <a class="govuk-link govuk-pagination__link" href={`/audit?${keep}`} rel="prev">
                <span class="govuk-pagination__link-title">Newest entries</span>
              </a>
            </div>
          )}
          {nextCursor !== null && (
            <div class="govuk-pagination__next">
              <a
                class="govuk-link govuk-pagination__link"
                href={`/audit?${keep}${keep ? "&" : ""}before=${nextCursor}`}
                rel="next"
              >
                <span class="govuk-pagination__link-title">Older entries</span>
              </a>
            </div>
          )}
        </nav>
      </Layout>,
      Object.keys(errors).length ? 422 : 200,
    );
  });
}
