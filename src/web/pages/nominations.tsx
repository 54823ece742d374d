// Democratic services' job after nominations close: record the statement of persons nominated, which
// pre-election screening reads (a post naming a candidate is held during the period). Staff read it.
// The form sends the body the API takes (PUT /v1/elections/{electionId}/nominations), checked by the
// API's own schema, and saving replaces the whole statement, as the API does.
import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { getElection } from "../../repo/elections";
import { listAreas } from "../../repo/areas";
import { listNominations, replaceNominations, type NominationView } from "../../repo/nominations";
import { nominationsRouter } from "../../routes/nominations";
import { clock } from "../../lib/clock";
import { Button, Csrf, ErrorSummary, SuccessBanner, Table, Textarea, type Values } from "../components/form";
import { apiBody, errorsFrom, type Errors } from "../components/validate";
import { inWords, ukDateTime } from "../components/time";

const NominationsInput = apiBody<z.ZodType<{ nominations: Line[] }>>(
  nominationsRouter,
  "put",
  "/v1/elections/{electionId}/nominations",
);

type C = Context<AppEnv>;
interface Line {
  areaId: string;
  name: string;
  description: string | null;
  withdrawnAt: string | null;
}

const WITHDRAWN = /^withdrawn\s*:\s*/i;
const HINT =
  "One candidate a line: their name, a comma, then the description on the ballot paper (leave it out if " +
  "there is none). Paste two columns from a spreadsheet if a name has a comma in it. Start the line with " +
  '"Withdrawn:" for a candidate who withdrew.';
const field = (i: number) => `area-${i}`;
const failed = (errors: Errors) => Object.keys(errors).length > 0;

/** A candidate as a line of the form: "Name, description", "Withdrawn: " first for one who withdrew. */
const lineOf = (n: NominationView) => {
  const withdrawn = n.withdrawnAt ? "Withdrawn: " : "";
  // A name with a comma in it is followed by a tab (even with no description), so it reads back whole.
  if (n.name.includes(",")) return `${withdrawn}${n.name}\t${n.description ?? ""}`;
  return `${withdrawn}${n.name}${n.description ? `, ${n.description}` : ""}`;
};

/**
 * One area's box, read line by line: the name, then (after the first comma, or a tab where the name
 * has a comma in it, as a spreadsheet pastes two columns) the ballot-paper description. A blank line
 * is skipped. A candidate marked withdrawn keeps the time already recorded, or else gets the time now.
 */
function parseArea(text: string, areaId: string, current: NominationView[]): { line: number; nomination: Line }[] {
  const withdrawnBefore = new Map(
    current
      .filter((n) => n.areaId === areaId && n.withdrawnAt)
      .map((n) => [n.name.toLowerCase(), n.withdrawnAt as string]),
  );
  const out: { line: number; nomination: Line }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    // Spaces round the line go; a tab stays, as it says where the name ends.
    let rest = raw.replace(/^ +| +$/g, "");
    if (!rest.trim()) return;
    const withdrawn = WITHDRAWN.test(rest);
    rest = rest.replace(WITHDRAWN, "");
    const tab = rest.indexOf("\t");
    const cut = tab >= 0 ? tab : rest.indexOf(",");
    const name = (cut < 0 ? rest : rest.slice(0, cut)).trim();
    const description = cut < 0 ? "" : rest.slice(cut + 1).trim();
    out.push({
      line: i + 1,
      nomination: {
        areaId,
        name,
        description: description || null,
        withdrawnAt: withdrawn ? (withdrawnBefore.get(name.toLowerCase()) ?? clock.iso()) : null,
      },
    });
  });
  return out;
}

/** The schema's complaint about one line, in words. */
function lineProblem(issue: z.core.$ZodIssue): string {
  const what = issue.path[2] === "description" ? "the description" : "the candidate's name";
  if (issue.code === "too_big") return `${what} must be ${Number(issue.maximum)} characters or fewer`;
  if (issue.code === "too_small" || issue.code === "invalid_type") return `enter ${what}`;
  return `${what} is not valid`;
}

export function nominationPages(app: Hono<AppEnv>) {
  const show = async (c: C, s: PageSession, id: string, values?: Values, errors: Errors = {}) => {
    const { election } = await getElection(c.env.DB, id);
    const names = new Map((await listAreas(c.env.DB)).map((a) => [a.id, a.name]));
    const current = await listNominations(c.env.DB, id);
    const writer = s.caller.roles.includes("democratic_services");
    const saved = c.req.query("saved") === "1" && !failed(errors);
    const v: Values =
      values ??
      Object.fromEntries(
        election.areaIds.map((a, i) => [
          field(i),
          current
            .filter((n) => n.areaId === a)
            .map(lineOf)
            .join("\n"),
        ]),
      );
    const standing = current.filter((n) => !n.withdrawnAt).length;
    return c.html(
      <Layout
        title={`${failed(errors) ? "Error: " : ""}Candidates: ${inWords(election.title)}`}
        s={s}
        back={{ href: `/elections/${encodeURIComponent(id)}`, text: inWords(election.title) }}
      >
        <SuccessBanner>
          {saved ? `Statement saved: ${standing} ${standing === 1 ? "candidate" : "candidates"} standing` : null}
        </SuccessBanner>
        <ErrorSummary errors={errors} />
        <span class="govuk-caption-l">{inWords(election.title)}</span>
        <h1 class="govuk-heading-l">Statement of persons nominated</h1>
        <p class="govuk-body">
          During the pre-election period a post that names a standing candidate is held for review, whether or not they
          use this service. A candidate who withdrew is not screened for.
        </p>
        {election.areaIds.map((a) => {
          const here = current.filter((n) => n.areaId === a);
          return here.length ? (
            <Table
              caption={names.get(a) ?? a}
              head={["Candidate", "Description", "Status"]}
              rows={here.map((n) => [
                n.name,
                n.description ?? "None",
                n.withdrawnAt ? `Withdrawn ${ukDateTime(n.withdrawnAt)}` : "Standing",
              ])}
            />
          ) : (
            <>
              <h2 class="govuk-heading-s">{names.get(a) ?? a}</h2>
              <p class="govuk-body">No candidates recorded.</p>
            </>
          );
        })}
        {writer && (
          <form method="post" action={`/elections/${encodeURIComponent(id)}/nominations`} novalidate>
            <h2 class="govuk-heading-m">Record the statement</h2>
            <div class="govuk-inset-text">Saving replaces the whole statement for this election.</div>
            <Csrf token={s.csrf} />
            {election.areaIds.map((a, i) => (
              <Textarea
                name={field(i)}
                label={`Candidates in ${names.get(a) ?? a}`}
                hint={HINT}
                rows={Math.min(12, Math.max(4, current.filter((n) => n.areaId === a).length + 2))}
                values={v}
                errors={errors}
              />
            ))}
            <Button>Save the statement</Button>
          </form>
        )}
      </Layout>,
      failed(errors) ? 422 : 200,
    );
  };

  page(app, "GET", "/elections/:id/nominations", (c, s) => show(c, s, c.req.param("id")!));

  page(app, "POST", "/elections/:id/nominations", async (c, s) => {
    const id = c.req.param("id")!;
    const f = await form(c);
    const { election } = await getElection(c.env.DB, id);
    const current = await listNominations(c.env.DB, id);
    const lines = election.areaIds.flatMap((a, i) =>
      parseArea(f[field(i)] ?? "", a, current).map((l) => ({ ...l, box: i })),
    );
    const parsed = NominationsInput.safeParse({ nominations: lines.map((l) => l.nomination) });
    if (!parsed.success) {
      const errors: Errors = {};
      for (const issue of parsed.error.issues) {
        const at = lines[Number(issue.path[1])];
        const key = at ? field(at.box) : field(0);
        if (key in errors) continue;
        const most = Number((issue as { maximum?: number }).maximum ?? 2000).toLocaleString("en-GB");
        errors[key] = at ? `Line ${at.line}: ${lineProblem(issue)}` : `Enter ${most} candidates or fewer`;
      }
      return show(c, s, id, f, errors);
    }
    try {
      await replaceNominations(c.env.DB, actorFor(c, s), id, parsed.data.nominations);
    } catch (err) {
      const e = errorsFrom(err);
      if (e) return show(c, s, id, f, { [field(0)]: Object.values(e)[0] });
      throw err;
    }
    return c.redirect(`/elections/${encodeURIComponent(id)}/nominations?saved=1`, 303);
  });
}
