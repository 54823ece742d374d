import type { Hono, Context } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { createElection, getElection, listElections, updateElection } from "../../repo/elections";
import { createCycle, listCycles, retireCycle } from "../../repo/cycles";
import { AREA_KINDS, createArea, listAreas } from "../../repo/areas";
import { ELECTION_KINDS } from "../../domain/election-rules";
import { londonToUtc } from "../../domain/london-time";
import { weekday } from "../../domain/dates";
import { clock } from "../../lib/clock";
import { electionsRouter } from "../../routes/elections";
import { cyclesRouter } from "../../routes/cycles";
import { areasRouter } from "../../routes/areas";
import {
  Button,
  Csrf,
  DateInput,
  ErrorSummary,
  Radios,
  Select,
  Summary,
  Table,
  Tag,
  TextInput,
  type Values,
} from "../components/form";
import { apiBody, check, dateBoxes, dateFrom, errorsFrom, timeFrom, type Errors } from "../components/validate";
import { inWords, londonParts, ukDate, ukDateTime, ukMonth } from "../components/time";
import { AREA_KIND_WORDS, ELECTION_KIND_WORDS, listWords, sentence } from "../components/words";

const NewElection = apiBody(electionsRouter, "post", "/v1/elections");
const ElectionPatch = apiBody(electionsRouter, "patch", "/v1/elections/{electionId}");
const CycleInput = apiBody(cyclesRouter, "post", "/v1/cycles");
const AreaInput = apiBody(areasRouter, "post", "/v1/areas");

type ElectionRow = Awaited<ReturnType<typeof listElections>>[number];
type C = Context<AppEnv>;
const hasErrors = (e: Errors) => Object.keys(e).length > 0;

function shiftMonth(month: string, by: number): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 7);
}

const kindWords = (k: string) => ELECTION_KIND_WORDS[k] ?? sentence(k);
const START_BASIS: Record<string, string> = {
  notice_published: "the day the notice of election was published",
  latest_legal_notice: "the last day the notice of election may be published",
  dissolution: "the dissolution of Parliament",
};
const END_BASIS: Record<string, string> = {
  close_of_poll: "the close of poll",
  declaration: "the declaration of the result",
  expected_declaration: "the expected declaration of the result",
};

function periodWords(e: ElectionRow): string {
  const w = e.preElectionPeriod;
  if (!w) return e.timetableProblem ?? "Not known";
  return `${ukDate(w.startDate)} (${START_BASIS[w.startBasis] ?? "the notice"}) until ${END_BASIS[w.endBasis] ?? "the poll"}`;
}

/** A cycle in words: "By thirds: the first Thursday in May, three years in four, from 5 May 2022". */
export function cycleWords(cy: { rrule: string; dtstart: string; exdates: string[] }): string {
  const interval = Number(/INTERVAL=(\d+)/.exec(cy.rrule)?.[1] ?? "1");
  const pattern =
    interval === 4
      ? "All-out: every four years"
      : interval === 2
        ? "By halves: every two years"
        : interval === 1 && cy.exdates.length
          ? "By thirds: three years in four"
          : interval === 1
            ? "Every year"
            : `Every ${interval} years`;
  const when = /BYMONTH=5;BYDAY=1TH/.test(cy.rrule) ? "on the first Thursday in May" : "on the usual polling day";
  const skipped = cy.exdates.length ? `; no election in ${listWords(cy.exdates.map((d) => d.slice(0, 4)))}` : "";
  return `${pattern}, ${when}, from ${ukDate(cy.dtstart)}${skipped}`;
}

/** The first Thursday in May of a year (the usual day of ordinary local elections). */
function firstThursdayInMay(year: number): string {
  for (let d = 1; d <= 7; d++) {
    const iso = `${year}-05-0${d}`;
    if (weekday(iso) === 4) return iso;
  }
  throw new Error("unreachable");
}

/** A month of the calendar: each day marked where a pre-election period covers it, and polls. */
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
  const inWindow = (d: string) =>
    elections.filter((e) => e.preElectionPeriod && e.preElectionPeriod.startDate <= d && d <= e.pollDate);
  return (
    <div>
      <table class="govuk-table csg-calendar">
        <caption class="govuk-table__caption govuk-table__caption--m">Pre-election periods: {ukMonth(month)}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map((d) => (
              <th scope="col" class="govuk-table__header">
                <abbr title={d}>{d.slice(0, 3)}</abbr>
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
                      <>
                        {" "}
                        <Tag colour="red">Polling day</Tag>
                      </>
                    )}
                    {covering.length > 0 && !poll && (
                      <>
                        {" "}
                        <Tag colour="yellow">Pre-election period</Tag>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="govuk-pagination govuk-pagination--block" aria-label="Months">
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={`/elections?month=${shiftMonth(month, -1)}`} rel="prev">
            <span class="govuk-pagination__link-title">Previous month</span>
            <span class="govuk-pagination__link-label">{ukMonth(shiftMonth(month, -1))}</span>
          </a>
        </div>
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={`/elections?month=${shiftMonth(month, 1)}`} rel="next">
            <span class="govuk-pagination__link-title">Next month</span>
            <span class="govuk-pagination__link-label">{ukMonth(shiftMonth(month, 1))}</span>
          </a>
        </div>
      </nav>
    </div>
  );
}

async function areaOptions(c: C): Promise<[string, string][]> {
  return (await listAreas(c.env.DB))
    .filter((a) => !a.retiredAt)
    .map((a) => [a.id, `${a.name} (${(AREA_KIND_WORDS[a.kind] ?? sentence(a.kind)).toLowerCase()})`]);
}

const ELECTION_LABELS = {
  kind: "The kind of election",
  pollDate: "Polling day",
  areaIds: "The areas",
  title: "The title",
  noticePublishedOn: "The day the notice was published",
  writReceived: "The day the writ was received",
  declarationAt: "The declaration",
  name: "The name",
  rrule: "The pattern",
  dtstart: "The first election",
  exdates: "The years with no election",
  id: "The name",
  parentId: "The area it is part of",
  gssCode: "The GSS code",
};

export function electionPages(app: Hono<AppEnv>) {
  page(app, "GET", "/elections", async (c, s) => {
    const elections = await listElections(c.env.DB, {});
    const cycles = await listCycles(c.env.DB);
    const q = c.req.query("month") ?? "";
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(q) ? q : clock.iso().slice(0, 7);
    const writer = s.caller.roles.includes("democratic_services");
    const today = clock.iso().slice(0, 10);
    const upcoming = elections.filter((e) => e.pollDate >= today).sort((a, b) => a.pollDate.localeCompare(b.pollDate));
    const past = elections.filter((e) => e.pollDate < today).sort((a, b) => b.pollDate.localeCompare(a.pollDate));
    const rows = (list: ElectionRow[]) =>
      list.map((e) => [
        <a class="govuk-link" href={`/elections/${encodeURIComponent(e.id)}`}>
          {inWords(e.title)}
        </a>,
        ukDate(e.pollDate),
        periodWords(e),
      ]);
    return c.html(
      <Layout title="Elections and pre-election periods" s={s}>
        <h1 class="govuk-heading-l">Elections and pre-election periods</h1>
        {writer && (
          <div class="govuk-button-group">
            <a class="govuk-button" href="/elections/new" data-module="govuk-button">
              Add an election or by-election
            </a>
            <a class="govuk-button govuk-button--secondary" href="/cycles/new" data-module="govuk-button">
              Add an election cycle
            </a>
            <a class="govuk-link" href="/areas">
              Areas
            </a>
          </div>
        )}
        <MonthView month={month} elections={elections} />
        <p class="govuk-body">
          Add the pre-election periods to Outlook or Google Calendar by subscribing to{" "}
          <a class="govuk-link" href="/v1/calendars/purdah.ics">
            the calendar of pre-election periods
          </a>
          .
        </p>
        <h2 class="govuk-heading-m">Ordinary election cycles</h2>
        {cycles.length === 0 ? (
          <p class="govuk-body">No cycles recorded.</p>
        ) : (
          <Table
            head={["Cycle", "Pattern", ""]}
            rows={cycles.map((cy) => [
              cy.name,
              `${cycleWords(cy)}${cy.retiredAt ? ". Retired." : ""}`,
              writer && !cy.retiredAt ? (
                <form method="post" action={`/cycles/${cy.id}/retire`}>
                  <Csrf token={s.csrf} />
                  <Button variant="secondary">
                    Retire<span class="govuk-visually-hidden"> {cy.name}</span>
                  </Button>
                </form>
              ) : (
                ""
              ),
            ])}
          />
        )}
        <Table
          caption="Coming elections"
          head={["Election", "Polling day", "Pre-election period"]}
          rows={rows(upcoming)}
        />
        {past.length > 0 && (
          <Table
            caption="Past elections"
            head={["Election", "Polling day", "Pre-election period"]}
            rows={rows(past.slice(0, 20))}
          />
        )}
      </Layout>,
    );
  });

  const newElectionForm = async (c: C, s: PageSession, values: Values, errors: Errors = {}) =>
    c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}Add an election`}
        s={s}
        back={{ href: "/elections", text: "Elections" }}
      >
        <ErrorSummary errors={errors} dates={["pollDate", "noticePublishedOn", "writReceived"]} />
        <h1 class="govuk-heading-l">Add an election or by-election</h1>
        <form method="post" action="/elections/new" novalidate>
          <Csrf token={s.csrf} />
          <Select
            name="kind"
            label="Kind of election"
            values={values}
            errors={errors}
            options={ELECTION_KINDS.filter((k) => k in ELECTION_KIND_WORDS).map((k) => [k, kindWords(k)])}
          />
          <Radios
            name="byElection"
            label="Is it a by-election?"
            inline
            values={values}
            errors={errors}
            options={[
              ["yes", "Yes"],
              ["no", "No, a one-off election"],
            ]}
          />
          <DateInput name="pollDate" label="Polling day" values={values} errors={errors} />
          <Select name="areaIds" label="Area" values={values} errors={errors} options={await areaOptions(c)} />
          <DateInput
            name="noticePublishedOn"
            label="Day the notice of election was published (if it has been)"
            values={values}
            errors={errors}
          />
          <DateInput
            name="writReceived"
            label="UK Parliament by-elections: day the returning officer received the writ"
            hint="The timetable runs forward from the writ. Leave it empty for other elections. For example, 26 11 2026"
            values={values}
            errors={errors}
          />
          <Button>Add the election</Button>
        </form>
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );

  page(app, "GET", "/elections/new", (c, s) => newElectionForm(c, s, { byElection: "yes" }));

  page(app, "POST", "/elections/new", async (c, s) => {
    const f = await form(c);
    const poll = dateFrom(f, "pollDate", "Polling day");
    const notice = dateFrom(f, "noticePublishedOn", "The day the notice was published");
    const writ = dateFrom(f, "writReceived", "The day the writ was received");
    const checked = check(
      NewElection,
      {
        kind: f.kind ?? "",
        pollDate: "value" in poll ? (poll.value ?? "") : "2000-01-01",
        areaIds: f.areaIds ? [f.areaIds] : [],
        byElection: f.byElection === "yes",
        noticePublishedOn: "value" in notice ? notice.value : null,
        writReceived: "value" in writ ? writ.value : null,
      },
      ELECTION_LABELS,
    );
    const errors: Errors = checked.ok ? {} : { ...checked.errors };
    if ("error" in poll) errors.pollDate = poll.error;
    else if (!poll.value) errors.pollDate = "Enter polling day";
    if ("error" in notice) errors.noticePublishedOn = notice.error;
    if ("error" in writ) errors.writReceived = writ.error;
    if (!checked.ok || hasErrors(errors)) return newElectionForm(c, s, f, errors);
    try {
      const created = await createElection(c.env.DB, actorFor(c, s), checked.data);
      return c.redirect(`/elections/${encodeURIComponent(created.id)}`, 303);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return newElectionForm(c, s, f, e);
      throw err;
    }
  });

  const showElection = async (c: C, s: PageSession, id: string, values?: Values, errors: Errors = {}) => {
    const found = await getElection(c.env.DB, id);
    const e = found.election;
    const t = found.timetable;
    const areas = new Map((await listAreas(c.env.DB)).map((a) => [a.id, a.name]));
    const writer = s.caller.roles.includes("democratic_services");
    const declared = e.declarationAt ? new Date(e.declarationAt) : null;
    const v: Values = values ?? {
      ...dateBoxes("noticePublishedOn", e.noticePublishedOn),
      ...dateBoxes("declarationOn", e.declarationAt ? londonParts(e.declarationAt).date : null),
    };
    return c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}${inWords(e.title)}`}
        s={s}
        back={{ href: "/elections", text: "Elections" }}
      >
        <ErrorSummary errors={errors} dates={["noticePublishedOn", "declarationOn"]} />
        <span class="govuk-caption-l">
          {kindWords(e.kind)}
          {e.byElection ? " by-election" : " election"}
        </span>
        <h1 class="govuk-heading-l">{inWords(e.title)}</h1>
        <Summary
          rows={[
            ["Polling day", ukDate(e.pollDate)],
            ["Areas", listWords(e.areaIds.map((a) => areas.get(a) ?? a))],
            ["Pre-election period", periodWords(electionRow(found))],
            ["Notice of election published", e.noticePublishedOn ? ukDate(e.noticePublishedOn) : "Not yet recorded"],
            ["Result declared", declared ? ukDateTime(e.declarationAt) : "Not yet recorded"],
            ...(t
              ? ([
                  ["Last day for the notice of election", ukDate(t.noticeOfElectionBy)],
                  ["Nominations close", t.nominationsCloseBy ? ukDate(t.nominationsCloseBy) : "—"],
                  ["Last day to register to vote", ukDate(t.registrationDeadline)],
                  ["Last day to apply for a postal vote", ukDate(t.postalVoteDeadline)],
                  ["Last day to apply for a proxy vote", ukDate(t.proxyDeadline)],
                ] as [string, string][])
              : []),
          ]}
        />
        <p class="govuk-body">
          <a class="govuk-link" href={`/elections/${encodeURIComponent(e.id)}/nominations`}>
            {writer ? "Record the statement of persons nominated" : "Statement of persons nominated"}
          </a>
        </p>
        {writer && (
          <form method="post" action={`/elections/${encodeURIComponent(e.id)}`} novalidate>
            <h2 class="govuk-heading-m">Record the notice and the declaration</h2>
            <p class="govuk-body">Recording these moves the pre-election period at once.</p>
            <Csrf token={s.csrf} />
            <DateInput
              name="noticePublishedOn"
              label="Day the notice of election was published"
              values={v}
              errors={errors}
            />
            <DateInput name="declarationOn" label="Day the result was declared" values={v} errors={errors} />
            <TextInput
              name="declarationTime"
              label="Time of the declaration (UK time)"
              hint="For example, 2:30am"
              width="5"
              values={{
                declarationTime: values?.declarationTime ?? (declared ? declarationTime(e.declarationAt!) : ""),
              }}
              errors={errors}
            />
            <Button>Save</Button>
          </form>
        )}
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/elections/:id", (c, s) => showElection(c, s, c.req.param("id")!));

  page(app, "POST", "/elections/:id", async (c, s) => {
    const f = await form(c);
    const id = c.req.param("id")!;
    const errors: Errors = {};
    const notice = dateFrom(f, "noticePublishedOn", "The day the notice was published");
    const day = dateFrom(f, "declarationOn", "The day of the declaration");
    if ("error" in notice) errors.noticePublishedOn = notice.error;
    if ("error" in day) errors.declarationOn = day.error;
    let declarationAt: string | null = null;
    if ("value" in day && day.value) {
      const t = timeFrom(f.declarationTime);
      if (!t) errors.declarationTime = "Enter the time of the declaration, like 2:30am";
      else declarationAt = londonToUtc(day.value, t.hours, t.minutes).toISOString();
    }
    if (hasErrors(errors)) return showElection(c, s, id, f, errors);
    const checked = check(
      ElectionPatch,
      { noticePublishedOn: "value" in notice ? notice.value : null, declarationAt },
      ELECTION_LABELS,
    );
    if (!checked.ok) return showElection(c, s, id, f, checked.errors);
    try {
      await updateElection(c.env.DB, actorFor(c, s), id, checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e)
        return showElection(
          c,
          s,
          id,
          f,
          Object.fromEntries(Object.entries(e).map(([k, v]) => [k === "declarationAt" ? "declarationOn" : k, v])),
        );
      throw err;
    }
    return c.redirect(`/elections/${encodeURIComponent(id)}`, 303);
  });

  const cycleForm = async (c: C, s: PageSession, values: Values, errors: Errors = {}) =>
    c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}Add an election cycle`}
        s={s}
        back={{ href: "/elections", text: "Elections" }}
      >
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Add an ordinary election cycle</h1>
        <p class="govuk-body">
          Ordinary elections are on the first Thursday in May. The service adds each election of the cycle, with its
          timetable and pre-election period.
        </p>
        <form method="post" action="/cycles/new" novalidate>
          <Csrf token={s.csrf} />
          <TextInput
            name="name"
            label="Name"
            hint="For example, Borough council elections"
            values={values}
            errors={errors}
          />
          <Select
            name="kind"
            label="Kind of election"
            values={values}
            errors={errors}
            options={ELECTION_KINDS.filter((k) => k in ELECTION_KIND_WORDS).map((k) => [k, kindWords(k)])}
          />
          <Radios
            name="pattern"
            label="How often are councillors elected?"
            values={values}
            errors={errors}
            options={[
              ["all-out", "All-out", "Every councillor, every four years"],
              ["halves", "By halves", "Half the councillors every two years"],
              ["thirds", "By thirds", "A third of the councillors in three years out of four"],
            ]}
          />
          <TextInput
            name="firstYear"
            label="Year of the first election"
            hint="For example, 2027"
            width="4"
            inputmode="numeric"
            values={values}
            errors={errors}
          />
          <TextInput
            name="skipYear"
            label="By thirds only: a year with no election"
            hint="Usually the county council's election year, for example 2029"
            width="4"
            inputmode="numeric"
            values={values}
            errors={errors}
          />
          <Select name="areaIds" label="Area" values={values} errors={errors} options={await areaOptions(c)} />
          <Button>Add the cycle</Button>
        </form>
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );

  page(app, "GET", "/cycles/new", (c, s) => cycleForm(c, s, {}));

  page(app, "POST", "/cycles/new", async (c, s) => {
    const f = await form(c);
    const errors: Errors = {};
    const year = Number(f.firstYear);
    if (!/^\d{4}$/.test(f.firstYear ?? "")) errors.firstYear = "Enter the year of the first election, like 2027";
    const interval = { "all-out": 4, halves: 2, thirds: 1 }[f.pattern ?? ""];
    if (!interval) errors.pattern = "Select how often councillors are elected";
    const exdates: string[] = [];
    if (f.pattern === "thirds") {
      if (!/^\d{4}$/.test(f.skipYear ?? "")) errors.skipYear = "Enter a year with no election, like 2029";
      else if (!errors.firstYear) {
        // The skipped year recurs every four years; record those within the next twenty.
        let y = Number(f.skipYear);
        while (y - 4 >= year) y -= 4;
        for (; y <= year + 20; y += 4) if (y >= year) exdates.push(firstThursdayInMay(y));
      }
    }
    if (hasErrors(errors)) return cycleForm(c, s, f, errors);
    const checked = check(
      CycleInput,
      {
        name: f.name ?? "",
        kind: f.kind ?? "",
        rrule: `FREQ=YEARLY;${interval === 1 ? "" : `INTERVAL=${interval};`}BYMONTH=5;BYDAY=1TH`,
        dtstart: firstThursdayInMay(year),
        exdates,
        areaIds: f.areaIds ? [f.areaIds] : [],
      },
      ELECTION_LABELS,
    );
    if (!checked.ok) return cycleForm(c, s, f, checked.errors);
    try {
      await createCycle(c.env.DB, actorFor(c, s), checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return cycleForm(c, s, f, e);
      throw err;
    }
    return c.redirect("/elections", 303);
  });

  page(app, "POST", "/cycles/:id/retire", async (c, s) => {
    await retireCycle(c.env.DB, actorFor(c, s), c.req.param("id")!);
    return c.redirect("/elections", 303);
  });

  const areasPage = async (c: C, s: PageSession, values: Values = {}, errors: Errors = {}) => {
    const areas = await listAreas(c.env.DB);
    const names = new Map(areas.map((a) => [a.id, a.name]));
    const writer = s.caller.roles.includes("democratic_services");
    return c.html(
      <Layout
        title={`${hasErrors(errors) ? "Error: " : ""}Areas`}
        s={s}
        back={{ href: "/elections", text: "Elections" }}
      >
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Areas</h1>
        <Table
          head={["Area", "Kind", "Part of"]}
          rows={areas.map((a) => [
            `${a.name}${a.retiredAt ? " (no longer used)" : ""}`,
            AREA_KIND_WORDS[a.kind] ?? sentence(a.kind),
            a.parentId ? (names.get(a.parentId) ?? "") : "",
          ])}
        />
        {writer && (
          <form method="post" action="/areas" novalidate>
            <h2 class="govuk-heading-m">Add an area</h2>
            <Csrf token={s.csrf} />
            <TextInput name="name" label="Name" hint="For example, Castle ward" values={values} errors={errors} />
            <Select
              name="kind"
              label="Kind of area"
              values={values}
              errors={errors}
              options={AREA_KINDS.map((k) => [k, AREA_KIND_WORDS[k] ?? sentence(k)])}
            />
            <Select
              name="parentId"
              label="Part of"
              values={values}
              errors={errors}
              options={[
                ["", "Not part of another area"],
                ...areas.filter((a) => !a.retiredAt).map((a): [string, string] => [a.id, a.name]),
              ]}
            />
            <TextInput
              name="gssCode"
              label="GSS code (optional)"
              hint="The ONS code, a letter and eight digits, for example E05012345"
              width="10"
              values={values}
              errors={errors}
            />
            <Button>Add the area</Button>
          </form>
        )}
      </Layout>,
      hasErrors(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/areas", (c, s) => areasPage(c, s));

  page(app, "POST", "/areas", async (c, s) => {
    const f = await form(c);
    const slug = (f.name ?? "")
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100);
    const checked = check(
      AreaInput,
      {
        id: slug || "-",
        name: f.name ?? "",
        kind: f.kind ?? "",
        parentId: f.parentId || null,
        gssCode: f.gssCode?.trim() || null,
      },
      ELECTION_LABELS,
    );
    if (!checked.ok) {
      if (checked.errors.id && !checked.errors.name)
        checked.errors.name = "Enter a name with at least one letter or number";
      delete checked.errors.id;
      return areasPage(c, s, f, checked.errors);
    }
    try {
      await createArea(c.env.DB, actorFor(c, s), checked.data);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return areasPage(c, s, f, { name: Object.values(e)[0] });
      if (err instanceof Error && "code" in err && (err as { code: string }).code === "conflict")
        return areasPage(c, s, f, { name: "There is already an area with this name" });
      throw err;
    }
    return c.redirect("/areas", 303);
  });
}

function electionRow(found: Awaited<ReturnType<typeof getElection>>): ElectionRow {
  return {
    ...found.election,
    timetable: found.timetable,
    timetableProblem: found.timetableProblem,
    preElectionPeriod: found.window,
  } as ElectionRow;
}

function declarationTime(iso: string): string {
  return ukDateTime(iso).replace(/^.* at /, "");
}
