import { desc } from "drizzle-orm";
import { lexiconVersions } from "../../schema";
import { dbOf } from "../lib/db";
import { toD1 } from "../lib/d1";
import { ApiError } from "../lib/problem";
import { BUNDLED_LEXICON as BUNDLED, compileLexicon, type CompiledLexicon, type Lexicon } from "../domain/screening";
import { commit, type Actor } from "./audit";
import { invalidateScreening } from "./screening-context";
import { clock } from "../lib/clock";

/** calendars/lexicons.json with the screening language (calendars/screening/language.json). */
export const BUNDLED_LEXICON: Lexicon = BUNDLED;

export interface LexiconVersion {
  version: number;
  lexicon: Lexicon;
  note: string;
  createdBy: string | null;
  createdAt: string | null;
}

export async function currentLexicon(d1: D1Database): Promise<LexiconVersion> {
  const [row] = await dbOf(d1).select().from(lexiconVersions).orderBy(desc(lexiconVersions.version)).limit(1);
  if (!row)
    return {
      version: BUNDLED_LEXICON.version,
      lexicon: BUNDLED_LEXICON,
      note: "Bundled (calendars/lexicons.json)",
      createdBy: null,
      createdAt: null,
    };
  return {
    version: row.version,
    lexicon: JSON.parse(row.content),
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export async function listLexiconVersions(d1: D1Database) {
  const rows = await dbOf(d1)
    .select({
      version: lexiconVersions.version,
      note: lexiconVersions.note,
      createdBy: lexiconVersions.createdBy,
      createdAt: lexiconVersions.createdAt,
    })
    .from(lexiconVersions)
    .orderBy(desc(lexiconVersions.version));
  return [
    ...rows,
    { version: BUNDLED_LEXICON.version, note: "Bundled (calendars/lexicons.json)", createdBy: null, createdAt: null },
  ];
}

/** A new version. `baseVersion` must be the version the editor started from, so no edit is lost. */
export async function saveLexicon(
  d1: D1Database,
  actor: Actor,
  input: { baseVersion: number; note: string; lexicon: Omit<Lexicon, "version"> },
): Promise<LexiconVersion> {
  const current = await currentLexicon(d1);
  if (input.baseVersion !== current.version) {
    throw new ApiError(
      "conflict",
      `The lexicons changed since version ${input.baseVersion} (now ${current.version}); reload and apply your edit again.`,
      {
        errors: [
          { in: "body", pointer: "/baseVersion", detail: `Current version is ${current.version}.`, code: "stale" },
        ],
      },
    );
  }
  const version = current.version + 1;
  const lexicon: Lexicon = { ...input.lexicon, version };
  compileLexicon(lexicon); // must compile before it is stored
  const createdAt = clock.iso();
  const added = (k: keyof Lexicon) => {
    const before = new Set(
      JSON.stringify(current.lexicon[k]) === undefined
        ? []
        : (current.lexicon[k] as unknown[]).map((x) => JSON.stringify(x)),
    );
    return ((lexicon[k] as unknown[]) ?? []).filter((x) => !before.has(JSON.stringify(x))).length;
  };
  const lists: (keyof Lexicon)[] = [
    "parties",
    "politicalPhrases",
    "personalCampaign",
    "abusive",
    "confidential",
    "controversialTopics",
    "campaignTerms",
    "essentialTerms",
    "thirdParties",
    "politicalActors",
    "praise",
    "attack",
    "voteCalls",
    "politicalSlogans",
    "venueWords",
    "statutoryNoticeCues",
  ];
  const languageChanged = JSON.stringify(current.lexicon.language ?? null) !== JSON.stringify(lexicon.language ?? null);
  await commit(
    d1,
    actor,
    [
      toD1(
        d1,
        dbOf(d1)
          .insert(lexiconVersions)
          .values({
            version,
            content: JSON.stringify(lexicon),
            note: input.note,
            createdBy: actor.id ?? actor.label,
            createdAt,
          }),
      ),
    ],
    [
      {
        action: "lexicon.version_saved",
        subjectType: "lexicon",
        subjectId: String(version),
        before: { version: current.version },
        after: {
          version,
          note: input.note,
          entriesAdded: Object.fromEntries(lists.map((k) => [k, added(k)])),
          languageChanged,
        },
      },
    ],
  ).catch((err) => {
    if (String(err?.message).includes("lexicon_versions.version"))
      throw new ApiError("conflict", "Someone else saved a version at the same moment; reload and try again.");
    throw err;
  });
  invalidateScreening(d1);
  return { version, lexicon, note: input.note, createdBy: actor.id, createdAt };
}

const compiled = new Map<string, CompiledLexicon>();

export function compiledFor(v: LexiconVersion): CompiledLexicon {
  const key = `${v.version}:${v.createdAt}`;
  let c = compiled.get(key);
  if (!c) {
    c = compileLexicon(v.lexicon);
    if (compiled.size > 20) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}
