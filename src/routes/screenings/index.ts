import { actorOf, body, createRouter, defineRoute, json, problem, z } from "../openapi";
import { IsoInstant } from "../schemas";
import { type AiBinding, type Lexicon, screen, withSecondOpinion } from "../../domain/screening";
import { screeningContext } from "../../repo/screening-context";
import { currentLexicon, listLexiconVersions, saveLexicon } from "../../repo/lexicons";
import { PostContent, ScreeningSchema } from "./contracts";
import { PurdahWindowSchema } from "../elections/contracts";
import { clock } from "../../lib/clock";

const dryRun = defineRoute({
  method: "post",
  path: "/v1/screenings",
  tags: ["Posts"],
  summary: "Screen a draft against the policy and the law (nothing is stored)",
  description:
    "Without accountId it screens as for a corporate account covering the whole council; without publishAt, as of now.",
  request: {
    body: body(
      z
        .strictObject({
          ...PostContent,
          accountId: z.string().max(200).nullable().optional(),
          publishAt: IsoInstant.optional(),
        })
        .openapi("ScreeningRequest"),
    ),
  },
  responses: {
    200: json(
      ScreeningSchema.extend({ preElectionPeriods: z.array(PurdahWindowSchema) }),
      "The verdict and its findings, each citing its source",
    ),
  },
});

const Names = z.array(z.string().trim().min(1).max(200)).max(100);
const Party = z.strictObject({
  name: z.string().min(1).max(200),
  aliases: z.array(z.string().min(1).max(200)).max(50),
  ambiguous: z.array(z.string().min(1).max(100)).max(20),
  capitalisedOnly: z.array(z.string().min(1).max(200)).max(20).optional(),
  ambiguousNeedsCue: z.boolean().optional(),
  hashtags: z.array(z.string().min(1).max(100)).max(50),
  handles: z.array(z.string().min(1).max(100)).max(50),
  nations: z
    .array(z.enum(["england", "scotland", "wales", "northern-ireland"]))
    .max(4)
    .optional(),
  leaders: Names.optional(),
  figures: Names.optional(),
  surnames: Names.optional(),
  slogans: Names.optional(),
  colours: z.array(z.string().min(1).max(40)).max(10).optional(),
  source: z.string().max(2000).optional(),
  asOf: z.string().max(50).optional(),
});
const Terms = z.array(z.string().trim().min(1).max(200)).max(2000);
const Language = z.strictObject({
  source: z.string().max(2000).optional(),
  compiled: z.string().max(50).optional(),
  groups: z.array(z.strictObject({ characteristic: z.string().min(1).max(100), terms: Terms })).max(50),
  ambiguousGroupWords: Terms,
  personNouns: Terms,
  slurs: Terms,
  slurHomonyms: z.array(z.strictObject({ term: z.string().min(1).max(100), clearedBy: Terms })).max(200),
  profanity: Terms,
  strongProfanity: Terms,
  insults: Terms,
  mildInsults: Terms,
  derogatory: Terms,
  dehumanising: Terms,
  threat: Terms,
  exclusion: Terms,
  emotion: Terms,
  emotionAfter: Terms,
  positive: Terms,
  negation: Terms,
  counterSpeech: Terms,
  harmNouns: Terms,
  reportVerbs: Terms,
  hostileWords: Terms.optional(),
  supportFrames: Terms.optional(),
  placesOfWorship: Terms.optional(),
  emoji: z.record(z.string().min(1).max(16), z.string().min(1).max(40)),
});
const LexiconBody = z
  .strictObject({
    source: z.string().max(2000).optional(),
    compiled: z.string().max(50).optional(),
    parties: z.array(Party).max(200),
    politicalCues: Terms,
    commonCollocations: Terms,
    politicalPhrases: Terms,
    personalCampaign: Terms,
    abusive: Terms,
    confidential: Terms,
    controversialTopics: Terms,
    campaignTerms: Terms,
    essentialTerms: Terms,
    thirdParties: Terms,
    politicalActors: Terms.optional(),
    praise: Terms.optional(),
    attack: Terms.optional(),
    voteCalls: Terms.optional(),
    politicalSlogans: Terms.optional(),
    venueWords: Terms.optional(),
    statutoryNoticeCues: Terms.optional(),
    language: Language.optional(),
  })
  .openapi("Lexicon");

const getLexicon = defineRoute({
  method: "get",
  path: "/v1/lexicons",
  tags: ["Posts"],
  summary: "The screening lexicons in force, with their version",
  responses: {
    200: json(
      z.object({
        version: z.number().int(),
        note: z.string(),
        createdBy: z.string().nullable(),
        createdAt: z.string().nullable(),
        lexicon: z.record(z.string(), z.unknown()),
      }),
      "The lexicons",
    ),
  },
});
const putLexicon = defineRoute({
  method: "put",
  path: "/v1/lexicons",
  tags: ["Posts"],
  summary: "Save a new version of the lexicons (comms manager; versioned and audited)",
  request: {
    body: body(
      z.strictObject({
        baseVersion: z.number().int().min(1),
        note: z.string().trim().min(1).max(1000),
        lexicon: LexiconBody,
      }),
    ),
  },
  responses: {
    200: json(z.object({ version: z.number().int() }), "Saved"),
    409: problem("Someone saved a newer version"),
  },
});
const versions = defineRoute({
  method: "get",
  path: "/v1/lexicons/versions",
  tags: ["Posts"],
  summary: "Every version of the lexicons",
  responses: {
    200: json(
      z.object({
        versions: z.array(
          z.object({
            version: z.number().int(),
            note: z.string(),
            createdBy: z.string().nullable(),
            createdAt: z.string().nullable(),
          }),
        ),
      }),
      "Versions",
    ),
  },
});

export const screeningsRouter = createRouter()
  .openapi(dryRun, async (c) => {
    const q = c.req.valid("json");
    const { account, purdah, registers } = await screeningContext(
      c.env.DB,
      q.accountId,
      q.publishAt ? new Date(q.publishAt) : clock.now(),
    );
    const rules = screen(q, {
      lexicon: registers.lexicon,
      account,
      purdah,
      people: registers.people,
      officers: registers.officers,
      logoApproved: false,
      ownContacts: registers.ownContacts,
      councilName: registers.councilName,
    });
    // With a Workers AI binding (off by default), a second opinion may raise pass to review.
    const result = await withSecondOpinion(rules, q.text, (c.env as { AI?: AiBinding }).AI);
    return c.json({ ...result, preElectionPeriods: purdah }, 200);
  })
  .openapi(getLexicon, async (c) => c.json(await currentLexicon(c.env.DB), 200))
  .openapi(putLexicon, async (c) => {
    const { baseVersion, note, lexicon } = c.req.valid("json");
    const saved = await saveLexicon(c.env.DB, actorOf(c), {
      baseVersion,
      note,
      lexicon: lexicon as Omit<Lexicon, "version">,
    });
    return c.json({ version: saved.version }, 200);
  })
  .openapi(versions, async (c) => c.json({ versions: await listLexiconVersions(c.env.DB) }, 200));
