import type { Hono, Context } from "hono";
import type { AppEnv } from "../../env";
import { Layout } from "../layout";
import { actorFor, form, page, type PageSession } from "../router";
import { BUNDLED_LEXICON, currentLexicon, listLexiconVersions, saveLexicon } from "../../repo/lexicons";
import { screeningsRouter } from "../../routes/screenings";
import { ApiError } from "../../lib/problem";
import { Button, Csrf, ErrorSummary, Table, Textarea, TextInput, type Values } from "../components/form";
import { apiBody, check, type Errors } from "../components/validate";
import { ukDateTime } from "../components/time";
import { namesOf } from "../components/post";

const LexiconInput = apiBody(screeningsRouter, "put", "/v1/lexicons");

/** The word lists the policy check uses, each in words, with what it is for. */
const LISTS: [string, string, string][] = [
  ["politicalCues", "Political words", "Words that make a party name political (policy 10.3)"],
  ["politicalPhrases", "Political phrases", "Phrases that are party-political on their own (policy 10.3)"],
  ["commonCollocations", "Ordinary phrases", "Everyday phrases with a party word that are not political"],
  ["personalCampaign", "Personal campaigns", "Words of personal or commercial campaigning (policy 10.4)"],
  ["abusive", "Abusive words", "Words that are abusive or offensive (policy 5.7, 10.1, 10.5)"],
  ["confidential", "Confidential markers", "Words that mark material as confidential (policy 8.1, 8.5)"],
  ["controversialTopics", "Controversial issues", "Issues not to publicise in a pre-election period"],
  ["campaignTerms", "Campaign words", "Words that mark a campaign or consultation"],
  ["essentialTerms", "Essential information", "Words of emergencies and service disruption"],
  ["thirdParties", "Partners and suppliers", "Organisations named only with consent (policy 8.2)"],
];

type C = Context<AppEnv>;

async function versionContent(d1: D1Database, version: number): Promise<Record<string, unknown> | null> {
  const row = await d1
    .prepare("SELECT content FROM lexicon_versions WHERE version = ?")
    .bind(version)
    .first<{ content: string }>();
  return row ? JSON.parse(row.content) : null;
}

const termsOf = (lex: Record<string, unknown> | null, key: string) =>
  Array.isArray(lex?.[key]) ? (lex[key] as string[]) : [];

export function wordListPages(app: Hono<AppEnv>) {
  const show = async (c: C, s: PageSession, values: Values = {}, errors: Errors = {}, status: 409 | 422 = 422) => {
    const current = await currentLexicon(c.env.DB);
    const versions = await listLexiconVersions(c.env.DB);
    const names = await namesOf(
      c.env.DB,
      versions.map((v) => v.createdBy),
    );
    const editor = s.caller.roles.includes("comms_manager");
    const edit = LISTS.find(([k]) => k === (values.list ?? c.req.query("edit")));
    const diffOf = Number(c.req.query("changes") ?? "");
    let diff: { key: string; label: string; added: string[]; removed: string[] }[] | null = null;
    if (Number.isInteger(diffOf) && diffOf > 0) {
      const after = await versionContent(c.env.DB, diffOf);
      const earlier = versions.find((v) => v.version < diffOf);
      const before = earlier
        ? ((await versionContent(c.env.DB, earlier.version)) ??
          (earlier.createdAt === null ? (BUNDLED_LEXICON as unknown as Record<string, unknown>) : null))
        : null;
      if (after)
        diff = LISTS.map(([key, label]) => {
          const a = new Set(termsOf(after, key));
          const b = new Set(termsOf(before, key));
          return { key, label, added: [...a].filter((t) => !b.has(t)), removed: [...b].filter((t) => !a.has(t)) };
        }).filter((d) => d.added.length || d.removed.length);
    }
    return c.html(
      <Layout title={`${Object.keys(errors).length ? "Error: " : ""}Word lists`} s={s}>
        <ErrorSummary errors={errors} />
        <h1 class="govuk-heading-l">Word lists the policy check uses</h1>
        <p class="govuk-body">
          Version {current.version}
          {current.createdAt
            ? `, saved ${ukDateTime(current.createdAt)} by ${names.get(current.createdBy ?? "") ?? "someone no longer listed"}`
            : ", as shipped with the service"}
          : {current.note}
        </p>
        {diff && (
          <div>
            <h2 class="govuk-heading-m">Changes in version {diffOf}</h2>
            {diff.length === 0 && <p class="govuk-body">No changes to these lists.</p>}
            {diff.map((d) => (
              <div>
                <h3 class="govuk-heading-s">{d.label}</h3>
                <ul class="govuk-list">
                  {d.added.map((t) => (
                    <li class="csg-diff-added">Added: {t}</li>
                  ))}
                  {d.removed.map((t) => (
                    <li class="csg-diff-removed">Removed: {t}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
        {edit && editor && (
          <form method="post" action="/word-lists" novalidate>
            <h2 class="govuk-heading-m">Change: {edit[1]}</h2>
            <Csrf token={s.csrf} />
            <input type="hidden" name="list" value={edit[0]} />
            <input type="hidden" name="baseVersion" value={values.baseVersion ?? String(current.version)} />
            <Textarea
              name="terms"
              label={edit[1]}
              hint={`${edit[2]}. One a line.`}
              rows={15}
              values={{ terms: values.terms ?? termsOf(current.lexicon as never, edit[0]).join("\n") }}
              errors={errors}
            />
            <TextInput name="note" label="What changed and why" values={values} errors={errors} />
            <Button>Save a new version</Button>
          </form>
        )}
        <Table
          caption="The lists"
          head={["List", "What it is for", "Entries", ""]}
          rows={LISTS.map(([key, label, what]) => [
            label,
            what,
            String(termsOf(current.lexicon as never, key).length),
            editor ? (
              <a class="govuk-link" href={`/word-lists?edit=${key}`}>
                Change<span class="govuk-visually-hidden"> {label.toLowerCase()}</span>
              </a>
            ) : (
              ""
            ),
          ])}
        />
        <Table
          caption="Versions"
          head={["Version", "Saved", "Note", ""]}
          rows={versions.map((v) => [
            String(v.version),
            v.createdAt
              ? `${ukDateTime(v.createdAt)} by ${names.get(v.createdBy ?? "") ?? "someone no longer listed"}`
              : "Shipped with the service",
            v.note,
            v.createdAt ? (
              <a class="govuk-link" href={`/word-lists?changes=${v.version}`}>
                See the changes<span class="govuk-visually-hidden"> in version {v.version}</span>
              </a>
            ) : (
              ""
            ),
          ])}
        />
      </Layout>,
      Object.keys(errors).length ? status : 200,
    );
  };

  page(app, "GET", "/word-lists", (c, s) => show(c, s));

  page(app, "POST", "/word-lists", async (c, s) => {
    const f = await form(c);
    const list = LISTS.find(([k]) => k === f.list);
    if (!list) return show(c, s, f, { terms: "Choose a list to change" }, 422);
    const current = await currentLexicon(c.env.DB);
    const { version: _v, ...lexicon } = current.lexicon as unknown as Record<string, unknown>;
    const terms = [
      ...new Set(
        (f.terms ?? "")
          .split(/\r?\n/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    const checked = check(
      LexiconInput,
      { baseVersion: Number(f.baseVersion), note: f.note ?? "", lexicon: { ...lexicon, [list[0]]: terms } },
      { baseVersion: "The version", note: "What changed and why", lexicon: list[1] },
    );
    if (!checked.ok) {
      const e = checked.errors;
      return show(c, s, f, { ...(e.lexicon ? { terms: e.lexicon } : {}), ...(e.note ? { note: e.note } : {}) }, 422);
    }
    try {
      await saveLexicon(c.env.DB, actorFor(c, s), checked.data as never);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409)
        return show(
          c,
          s,
          { ...f, baseVersion: String(current.version) },
          {
            terms: `Someone saved version ${current.version} while you were editing. Your changes are below: check them against the new version and save again.`,
          },
          409,
        );
      throw err;
    }
    return c.redirect("/word-lists", 303);
  });
}
