// Discrimination and abuse as a model of who is spoken of and what is said of them (policy 5.7, 5.8,
// 10.1, 10.5; Equality Act 2010). Spans are tagged first — protected GROUPs (and pronouns that refer
// back to one), PREDICATEs (derogatory attribute, dehumanising comparison, threat, exclusion, negative
// emotion, negated praise, insult, profanity), SLURs, NEGATION, COUNTER-SPEECH and reported speech —
// then judged in relation inside a clause: a group with a predicate said *of it* is discrimination; a
// negated predicate is not ("older people are not a burden"); counter-speech and quotation to condemn
// lower the finding; a slur is abusive on its own; abuse of anyone else is still a 5.7 finding.
import { lemma } from "./lemma";
import type { CompiledLanguage, GroupTerm, PredicateKind } from "./lexicon";
import type { Token } from "./tokenize";
import { CLAUSES, type Finding, type Severity } from "./types";

interface GroupSpan {
  from: number;
  to: number;
  group: GroupTerm | null; // null: a pronoun or "you people" with no group named before it
  via?: string; // "they" → the group it refers back to
  /** A place of worship standing for those who worship there: only a threat to it is judged. */
  place?: boolean;
}
interface PredSpan {
  from: number;
  to: number;
  kinds: PredicateKind[];
}

// Words that may stand between a group and what is said of it without breaking the relation.
const lemmas = (words: string) => new Set(words.split(" ").map(lemma));
const GLUE = lemmas(
  "the a an all these those some many most such so very too really just only always basically literally nothing but bunch lot load pack of total complete utter bloody fucking fuckin damn absolute more than ever truly genuinely clearly obviously naturally inherently simply still also even quite pretty rather generally usually often mostly every each one being being bit kind sort this any next single last",
);
const COPULA = lemmas("be seem look act behave become remain sound like as get turn");
const MODAL = lemmas(
  "should must need ought to will would can could deserve go have gonna going want wanna let be get is are were",
);
// Words that show the predicate is not said of the group: "older people are targeted BY criminals".
const BLOCKERS = lemmas(
  "by from against for with at about toward towards protect protecting help helping support supporting victim targeted target scam fraud if whether who which when where while because after before than",
);
// Common short words never glued to their neighbour to make a group word ("wo men" yes, "the men" no).
const FUNCTION_WORDS = new Set(
  "the a an and or of to in on at for by with from is are be was were it its this that as our your my we you i he she they if so not no all any can will up out off new".split(
    " ",
  ),
);
const EXISTENCE_REGRET = lemmas("shame pity wish regret shouldn't see want glad happy");
const EXISTENCE_END = lemmas("at anymore any more here round around forever");
const EXISTENCE_VERBS = lemmas("exist disappear vanish gone");
// Words for waste and for animals, and their emoji (the bin read as "trash", the rat as "rat"): in council
// posts they are nearly always the bins, pests and farm shows ("your trash", "bags of rubbish", "Bin day
// 🗑️", "report rats in the bin store"), an insult only said of someone ("is trash", "you dirty rat").
const LITERAL = lemmas(
  "trash rubbish garbage junk litter waste fat rat rats pig pigs snake snakes dog dogs cow cows sheep cattle monkey monkeys ape apes gorilla gorillas cockroach cockroaches parasite parasites virus clown clowns worm worms slug slugs donkey donkeys",
);
const LITERAL_INTENSIFIERS = lemmas(
  "total complete utter absolute pure such just a an the bloody dirty filthy little lying sneaky fat stupid old right proper",
);
/** Whether the waste or animal word at `i` is said of someone: after a copula or "you", across intensifiers. */
function saidOfSomeone(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4 && tokens[k].sentence === tokens[i].sentence; k--) {
    const l = tokens[k].lemma;
    if (l === "be" || l === "you" || COPULA.has(l)) return true;
    if (!LITERAL_INTENSIFIERS.has(l)) return false;
  }
  return false;
}
const POSSESSIVES = lemmas("their our my your his her its");
const DOG_FOULING = /\b(?:dogs?|fouling|poo|pooper|bag it|baw cŵn)\b/i;
const EMOJI_TARGETS = lemmas("you he she they him her them");
const GLUE_OR_MODAL = (l: string) => GLUE.has(l) || MODAL.has(l) || l === "all" || l === "just";
// Words inside "are … revolting" that keep the complement about the group: "are the lowest form of life"
const COMPLEMENT_GLUE = lemmas(
  "a an the such pure absolute total complete utter nothing but just form type sort kind of life people lot bunch",
);
// What a group name is run together with: "womenare", "allmuslims", "ihatewomen", "immigrantsarescum".
// A word before it may itself be what is said of the group ("ihate", "kill", "deport").
const RUN_AFTER = ["are", "is", "were", "should", "must", "can", "will", "deserve", "need", "r"];
const RUN_BEFORE = new Map<string, PredicateKind | null>([
  ["i", null],
  ["all", null],
  ["the", null],
  ["those", null],
  ["these", null],
  ["no", "exclusion"],
  ["hate", "emotion"],
  ["ihate", "emotion"],
  ["kill", "threat"],
  ["killall", "threat"],
  ["ban", "exclusion"],
  ["banall", "exclusion"],
  ["deport", "exclusion"],
  ["deportall", "exclusion"],
  ["fuck", "emotion"],
  ["fucking", "emotion"],
]);
const RUN_BEFORE_WORDS = [...RUN_BEFORE.keys()];
interface RunTogether {
  group: GroupTerm;
  /** What the rest of the word says of the group, if anything. */
  kind?: PredicateKind;
}
/** What a run-together tail says ("scum", "filthyrats", "allvermin"): a predicate, after glue or another. */
function restPredicate(rest: string, lang: CompiledLanguage, thenMore = true): PredicateKind | undefined {
  const said = (w: string) =>
    lang.predicateWords.get(lemma(w))?.find((k) => k !== "positive" && k !== "emotionAfter" && k !== "emotion");
  const whole = said(rest);
  if (whole) return whole;
  for (let k = 2; k <= rest.length - 3; k++) {
    const tail = said(rest.slice(k));
    if (tail && (GLUE.has(lemma(rest.slice(0, k))) || said(rest.slice(0, k)))) return tail;
  }
  // what is said first, then more ("ratsandshouldbegone"): the longest word of four letters or more
  for (let k = rest.length - 1; thenMore && k >= 4; k--) {
    const head = said(rest.slice(0, k));
    if (head) return head;
  }
  return undefined;
}
function runTogether(word: string, lang: CompiledLanguage): RunTogether | undefined {
  const joined = lang.groupsJoined;
  const whole = joined.get(word);
  if (whole) return { group: whole };
  for (const a of RUN_AFTER)
    if (word.length > a.length + 4 && word.endsWith(a)) {
      const g = joined.get(word.slice(0, -a.length));
      if (g) return { group: g };
    }
  for (const b of RUN_BEFORE_WORDS)
    if (word.length > b.length + 4 && word.startsWith(b)) {
      const rest = word.slice(b.length);
      const g = joined.get(rest);
      if (g) return { group: g, kind: RUN_BEFORE.get(b) ?? undefined };
      // and more after the group ("ihatetranspeoplesomuch"), where what comes before says something
      const kind = RUN_BEFORE.get(b);
      if (kind)
        for (let k = rest.length - 1; k >= 4; k--) {
          const head = joined.get(rest.slice(0, k));
          if (head) return { group: head, kind };
        }
    }
  // group + "are" + a predicate: "immigrantsarescum", "womenrstupid"
  if (word.length >= 10 && lang.groupsJoinedPrefixes.has(word.slice(0, 4)))
    for (const a of RUN_AFTER) {
      for (let at = word.indexOf(a, 4); at > 0 && at + a.length + 3 <= word.length; at = word.indexOf(a, at + 1)) {
        const g = joined.get(word.slice(0, at));
        if (!g) continue;
        const kind = restPredicate(word.slice(at + a.length), lang);
        if (kind) return { group: g, kind: kind === "insult" || kind === "mildInsult" ? "derogatory" : kind };
      }
    }
  return undefined;
}
// "burn down the …", "beat up the …": a particle between the verb and whom it is done to
const PRED_GLUE = new Set([
  "like",
  "such",
  "as",
  "them",
  "those",
  "off",
  "out",
  "of",
  "with",
  "on",
  "for",
  "to",
  "down",
  "up",
]);
// "burn down that mosque", "blow up the synagogue"
const PLACE_GLUE = new Set([...PRED_GLUE, "that", "down", "up", "their", "local", "new"]);
const PLACE_WORDS = lemmas(
  "road street lane avenue close way drive crescent grove gardens terrace place square park green hill common wood bridge estate parade walk row court mews rise hall centre library school market station church chapel mosque house farm field fields cemetery",
);
const AIMED_AT = lemmas("at against about towards toward");
// Words for things that end like a word for a person ("printer", "counter"): said of these, an insult
// is not a personal attack.
const THINGS = lemmas(
  "printer computer container counter meter corner shelter trailer folder paper water weather number order letter poster sticker flyer heater boiler freezer scanner charger router monitor elevator escalator radiator calculator generator indicator tractor mirror error colour door floor event statement document equipment pavement",
);
const AGENT = /^[a-z]{2,}(?:er|or|ist|ian|ant|ent)s?$/;
const COLON = /^[\s"'\u201C\u201D\u2018\u2019]*:[\s"'\u201C\u201D\u2018\u2019]*$/;
const OPINION = lemmas("think believe agree accept reckon feel suppose consider claim");
const ROLE_MODALS = lemmas("should must can could shall");
const ROLES = lemmas(
  "councillor councillors cllr mp mps msp ms mla mayor leader leaders politician politicians teacher teachers doctor doctors nurse nurses police officer officers judge judges boss bosses manager managers pilot pilots driver drivers soldier soldiers parent parents chair chairs governor governors trustee trustees priest priests vicar vicars carer carers minister ministers president prime citizen citizens charge office power politics government parliament council cabinet",
);
// Violent means and acts (not "hurt", "die" or "attack", which news and health posts use of a group)
const VIOLENCE = lemmas(
  "kill murder shoot stab knife burn torch petrol bomb firebomb lynch hang gas bulldoze execute slaughter massacre butcher exterminate behead acid machete bullet gun smash ambulance brick",
);
// Things a person may need or carry for ordinary reasons ("need a knife and fork", "need a torch")
const INSTRUMENTS = lemmas("knife gun bullet machete petrol acid bomb torch rope");
// What makes violence foretold or called for, and what makes it a report of the past
const AHEAD = lemmas("will shall going gonna get gets getting should must deserve ought next tonight tomorrow soon");
const PAST = new Set(["was", "were", "had", "been", "whose", "yesterday", "ago"]);
const RELATIVE = lemmas("who which when where while with at by");
const NORMATIVE = new Set(["should", "must", "ought", "need", "shall"]);
const PRONOUNS = new Set(["they", "them", "their", "theirs", "themselves"].map(lemma));
const OTHERING: [string, string][] = [
  ["you", "people"],
  ["your", "lot"],
  ["your", "kind"],
  ["your", "sort"],
  ["their", "sort"],
  ["that", "lot"],
  ["their", "kind"],
  ["these", "people"],
  ["those", "people"],
  ["such", "people"],
  ["this", "lot"],
  ["those", "type"],
  ["these", "type"],
];
const OTHERING_MAP = new Map<string, Set<string>>();
for (const [a, b] of OTHERING) OTHERING_MAP.set(a, (OTHERING_MAP.get(a) ?? new Set()).add(b));
const PERSON_REFS = new Set(
  [
    "you",
    "your",
    "he",
    "she",
    "him",
    "her",
    "they",
    "them",
    "person",
    "anyone",
    "whoever",
    "everyone",
    "somebody",
    "someone",
    "people",
    "man",
    "woman",
    "guy",
    "bloke",
    "resident",
    "councillor",
    "cllr",
    "officer",
    "driver",
    "neighbour",
    "mp",
    "landlord",
    "tenant",
    "contractor",
    "developer",
    "owner",
    "manager",
    "chair",
    "mayor",
    "leader",
    "objector",
    "protester",
    "journalist",
    "complainer",
    "critic",
    "boss",
    "director",
    "yourself",
    "yourselves",
  ].map(lemma),
);
const SEND_VERBS = new Set(
  [
    "send",
    "kick",
    "throw",
    "ship",
    "chuck",
    "boot",
    "drive",
    "force",
    "keep",
    "get",
    "turf",
    "run",
    "fling",
    "deport",
    "round",
    "lock",
  ].map(lemma),
);
// "got Mum back on her feet", "get families back together", "get them back into work": care, not exclusion
const RESTORED_AFTER = new Set(["into", "together"].map(lemma));
const RESTORED_ON = new Set(["feet", "foot", "track"].map(lemma));
const RESTORED_TO = new Set(["work", "school", "health", "normal", "independence", "college", "education"].map(lemma));
function restored(tokens: readonly Token[], verb: number, particle: number): boolean {
  if (tokens[verb].lemma !== "get" || tokens[particle].lemma !== "back") return false;
  const next = tokens[particle + 1];
  if (!next || next.sentence !== tokens[particle].sentence) return false;
  const after = (k: number) => tokens[particle + k]?.lemma ?? "";
  return (
    RESTORED_AFTER.has(next.lemma) ||
    (next.lemma === "to" && RESTORED_TO.has(after(2))) ||
    (next.lemma === "on" && (RESTORED_ON.has(after(2)) || RESTORED_ON.has(after(3))))
  );
}
const SEND_PARTICLES = new Set(["back", "out", "home", "away", "up", "off"].map(lemma));

const classify = (k: PredicateKind): string =>
  ({
    derogatory: "a derogatory generalisation",
    dehumanising: "a dehumanising comparison",
    threat: "a threat or call to harm",
    exclusion: "a call to exclude",
    emotion: "hatred or disgust",
    emotionAfter: "hatred or disgust",
    positive: "a denial of their worth",
    insult: "an insult",
    mildInsult: "an insult",
    profanity: "profanity",
    strongProfanity: "profanity",
  })[k];

function abusive(
  _tokens: readonly Token[],
  text: string,
  severity: Severity,
  message: string,
  start: number,
  end: number,
): Finding {
  return {
    rule: "abusive",
    clause: CLAUSES.abusive,
    severity,
    message,
    excerpt: text.slice(start, end),
    start,
    end,
    overridable: true,
  };
}

export function abuseFindings(tokens: readonly Token[], text: string, lang: CompiledLanguage): Finding[] {
  const n = tokens.length;
  const out: Finding[] = [];
  if (n === 0) return out;
  const used = new Uint8Array(n); // 1: part of a harm phrase ("hate crime"), not a predicate
  const negAt = new Uint8Array(n);
  const reportAt = new Uint8Array(n); // a reporting verb or a counter-speech frame ("it is a myth that")
  const inCounter = new Uint8Array(n); // inside a counter-speech frame ("isn't British")
  const counterSentences = new Set<number>();
  let counterInPost = false;

  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (lang.negation.has(t.lemma)) negAt[i] = 1;
    if (lang.reportVerbs.has(t.lemma)) reportAt[i] = 1;
    const harm = lang.harm.at(tokens, i);
    if (harm) {
      for (let k = harm.from; k <= harm.to; k++) used[k] = 1;
      counterSentences.add(t.sentence);
    }
    const counter = lang.counter.at(tokens, i);
    // "What is wrong with X, are they all …?" asks, it does not condemn
    if (counter && !(tokens[i - 1]?.lemma === "what" && tokens[counter.to].lemma === "wrong")) {
      for (let k = counter.from; k <= counter.to; k++) inCounter[k] = 1;
      reportAt[i] = 1;
      counterSentences.add(t.sentence);
      counterInPost = true;
    }
  }
  if (counterSentences.size) counterInPost = true;

  // Each index asked once per token
  const groupHit = new Array<ReturnType<typeof lang.groups.at>>(n);
  const predHit = new Array<ReturnType<typeof lang.predicates.at>>(n);
  for (let i = 0; i < n; i++) {
    groupHit[i] = lang.groups.at(tokens, i);
    predHit[i] = lang.predicates.at(tokens, i);
  }

  // Groups
  const groups: GroupSpan[] = [];
  const runHits: { g: GroupSpan; p: PredSpan; kind: PredicateKind }[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.kind === "emoji") continue;
    const m = groupHit[i];
    if (m?.value.place) {
      groups.push({ from: i, to: m.to, group: m.value, place: true });
      i = m.to;
      continue;
    }
    if (m) {
      let to = m.to;
      const next = tokens[to + 1];
      const nounAfter = next && next.sentence === t.sentence && lang.personNouns.has(next.lemma);
      if (m.value.ambiguous) {
        const plural = m.from === m.to && t.norm !== t.lemma && t.norm.endsWith("s") && !m.value.term.endsWith("s");
        const theBefore =
          tokens[i - 1]?.lemma === "the" &&
          (!next ||
            !/^[a-z]+$/.test(next.lemma) ||
            MODAL.has(next.lemma) ||
            GLUE.has(next.lemma) ||
            next.sentence !== t.sentence);
        const asGroupNoun = m.value.term.includes(" ") || /s$/.test(m.value.term);
        if (
          !nounAfter &&
          !plural &&
          !theBefore &&
          !(
            asGroupNoun &&
            (m.value.term.includes(" ") || t.norm.endsWith("s")) &&
            next?.lemma &&
            (MODAL.has(next.lemma) || GLUE.has(next.lemma))
          )
        )
          continue;
      }
      if (nounAfter) to++;
      groups.push({ from: i, to, group: m.value });
      i = to;
      continue;
    }
    if (t.norm.length >= 4 && t.kind !== "mention") {
      // "Balck people", "Polsh people": a misspelt group adjective before a person noun
      const next = tokens[i + 1];
      const adjective =
        next && next.sentence === t.sentence && lang.personNouns.has(next.lemma) && !predHit[i]
          ? lang.groupAdjectivesFuzzy.get(t.norm)
          : undefined;
      if (adjective) {
        groups.push({ from: i, to: i + 1, group: adjective });
        i++;
        continue;
      }
      // a misspelt group is never after "their", "our", "my": "got their hands dirty" is not "Hindus"
      const f = POSSESSIVES.has(tokens[i - 1]?.lemma ?? "") ? undefined : lang.groupsFuzzy.get(t.norm);
      if (f && !predHit[i]) {
        const next = tokens[i + 1];
        const nounAfter = next && next.sentence === t.sentence && lang.personNouns.has(next.lemma);
        if (!f.ambiguous || nounAfter) {
          groups.push({ from: i, to: nounAfter ? i + 1 : i, group: f });
          if (nounAfter) i++;
          continue;
        }
      }
    }
    // Words run together: "disabledpeople", "womenare", "ihate muslims" → "ihatemuslims"
    if (t.norm.length >= 7 && t.kind === "word") {
      const joined = runTogether(t.norm, lang);
      if (joined) {
        const span = { from: i, to: i, group: joined.group };
        groups.push(span);
        if (joined.kind) runHits.push({ g: span, p: { from: i, to: i, kinds: [joined.kind] }, kind: joined.kind });
        continue;
      }
    }
    // Split words: "wo men", "Mus lims"
    const next = tokens[i + 1];
    if (
      next &&
      t.norm.length <= 8 &&
      next.norm.length <= 8 &&
      Math.min(t.norm.length, next.norm.length) <= 4 &&
      next.start - t.end <= 2 &&
      t.sentence === next.sentence &&
      !FUNCTION_WORDS.has(t.norm) &&
      !FUNCTION_WORDS.has(next.norm) &&
      !groupHit[i + 1]
    ) {
      const joined = t.norm + next.norm;
      if (joined.length >= 5) {
        const f = lang.groupsFuzzy.get(joined);
        if (f) {
          groups.push({ from: i, to: i + 1, group: f });
          i++;
        }
      }
    }
  }
  // Pronouns and othering phrases refer back to the last group named (in this or an earlier sentence).
  const refs: GroupSpan[] = [];
  {
    let gi = 0;
    let last: GroupTerm | null = null;
    for (let i = 0; i < n; i++) {
      while (gi < groups.length && groups[gi].from <= i) {
        const g = groups[gi++];
        if (!g.place) last = g.group ?? last;
      }
      const t = tokens[i];
      const next = tokens[i + 1];
      const other = next && OTHERING_MAP.get(t.norm)?.has(next.norm);
      if (other) {
        refs.push({ from: i, to: i + 1, group: last, via: `${t.norm} ${next.norm}` });
        i++;
      } else if (PRONOUNS.has(t.lemma)) refs.push({ from: i, to: i, group: last, via: t.norm });
    }
  }
  const allGroups = [...groups, ...refs].sort((a, b) => a.from - b.from);

  // Predicates
  const preds: PredSpan[] = [];
  // A misspelt predicate ("vremin", "disugsting") only where a group was named just before it
  let lastGroupTo = -100;
  let gk = 0;
  for (let i = 0; i < n; i++) {
    while (gk < groups.length && groups[gk].from <= i) lastGroupTo = groups[gk++].to;
    if (used[i]) continue;
    const m = predHit[i];
    if (!m) {
      const t = tokens[i];
      if (
        t.kind === "word" &&
        t.norm.length >= 5 &&
        i - lastGroupTo <= 6 &&
        i > lastGroupTo &&
        tokens[lastGroupTo]?.sentence === t.sentence
      ) {
        const kinds = lang.predicatesFuzzy.get(t.norm);
        if (kinds) preds.push({ from: i, to: i, kinds });
        else if (t.norm.length >= 9) {
          // two words run together ("disgustingfreaks", "filthyvermin")
          const kind = restPredicate(t.norm, lang, false);
          if (kind) preds.push({ from: i, to: i, kinds: [kind] });
        }
      }
      continue;
    }
    preds.push({ from: m.from, to: m.to, kinds: m.value });
    i = m.to;
  }

  const inGroup = new Int32Array(n).fill(-1);
  allGroups.forEach((g, gi) => {
    for (let k = g.from; k <= g.to; k++) inGroup[k] = gi;
  });

  const negations = (from: number, to: number) => {
    let c = 0;
    for (let k = Math.max(0, from); k <= to; k++) if (negAt[k] && inGroup[k] < 0) c++;
    return c;
  };
  const glueOnly = (from: number, to: number, extra: Set<string>) => {
    for (let k = from; k <= to; k++) {
      const l = tokens[k].lemma;
      if (!GLUE.has(l) && !extra.has(l) && !negAt[k]) return false;
    }
    return true;
  };
  // A colon ends a sentence for the tokenizer, but "Muslims: not welcome" and "X are all the same:
  // terrorists" say what follows of what comes before: here a colon joins the two.
  const sent = new Int32Array(n);
  const cls = new Int32Array(n);
  {
    let colons = 0;
    for (let k = 0; k < n; k++) {
      if (
        k > 0 &&
        tokens[k].sentence !== tokens[k - 1].sentence &&
        COLON.test(text.slice(tokens[k - 1].end, tokens[k].start))
      )
        colons++;
      sent[k] = tokens[k].sentence - colons;
      cls[k] = tokens[k].clause - colons;
    }
  }
  const sameClause = (a: number, b: number) => cls[a] === cls[b];
  const objectOfPreposition = (g: GroupSpan) => {
    const before = tokens[g.from - 1];
    return !!before && before.sentence === tokens[g.from].sentence && AIMED_AT.has(before.lemma);
  };
  // "I don't think X are …": the negation of the opinion reaches into what it frames.
  const negatedFrame = (from: number) => {
    for (let k = from - 1; k >= 0 && k >= from - 5 && tokens[k].clause === tokens[from].clause; k--)
      // "don't you think …?" asks for agreement: not a negation
      if (OPINION.has(tokens[k].lemma))
        return tokens[k - 1]?.lemma !== "you" && (negAt[k - 1] === 1 || negAt[k - 2] === 1);
    return false;
  };
  // Whether a reporting verb or counter-speech frame came earlier in the token's sentence
  const reportedBefore = new Uint8Array(n);
  for (let k = 1; k < n; k++)
    reportedBefore[k] =
      tokens[k].sentence === tokens[k - 1].sentence && (reportedBefore[k - 1] || reportAt[k - 1]) ? 1 : 0;
  const quotedOrReported = (from: number, to: number) =>
    tokens[from].quoted || tokens[to].quoted || reportedBefore[from] === 1;

  interface Hit {
    g: GroupSpan;
    p: PredSpan;
    kind: PredicateKind;
    soft?: boolean;
    /** Only near the group, not said of it: worded as a question for a person. */
    loose?: boolean;
  }
  const hits: Hit[] = [...runHits];
  // "Sikh residents whose shop was torched": news of harm done to them; "torch-lit", "knife-edge": a compound
  const pastOrCompound = (g: GroupSpan, p: PredSpan) =>
    text[tokens[p.to].end] === "-" || tokens.slice(g.to + 1, p.from).some((t) => PAST.has(t.norm));
  // "Any Traveller who parks up in the park tonight is getting their caravan torched", "next asylum seeker I
  // see gets a knife in him": violence foretold or called for further on in the group's sentence, with no
  // negation, turn or other group between, goes to a person. Told of the past, it is news.
  const farThreat = (g: GroupSpan, p: PredSpan) => {
    if (!g.group || g.place || p.from - g.to > 16 || objectOfPreposition(g)) return false;
    // the act or its means anywhere in what is said ("leaving in an ambulance")
    let violent = false;
    for (let k = p.from; k <= p.to; k++) if (VIOLENCE.has(tokens[k].lemma)) violent = true;
    if (!violent) return false;
    if (pastOrCompound(g, p)) return false;
    let ahead = false;
    for (let k = g.to + 1; k < p.from; k++) {
      const l = tokens[k].lemma;
      const otherGroup = inGroup[k] >= 0 && !allGroups[inGroup[k]].via; // a pronoun ("their tents") is the same group
      if (negAt[k] || otherGroup || (BLOCKERS.has(l) && !RELATIVE.has(l))) return false;
      if (AHEAD.has(l)) ahead = true;
    }
    return ahead;
  };
  let firstGroup = 0;
  for (const p of preds) {
    while (firstGroup < allGroups.length && allGroups[firstGroup].to < p.from - 16) firstGroup++;
    for (let gi = firstGroup; gi < allGroups.length; gi++) {
      const g = allGroups[gi];
      if (g.from > p.to + 6) break;
      if (g.to < p.from) {
        // group … predicate
        if (sent[g.to] !== sent[p.from]) continue;
        if (p.from - g.to > 9) {
          if (farThreat(g, p)) hits.push({ g, p, kind: "threat", soft: true });
          continue;
        }
        // "abuse aimed at Black players is disgusting": the group is what the subject is aimed at
        if (objectOfPreposition(g)) continue;
        const between = { from: g.to + 1, to: p.from - 1 };
        let blocked = false;
        let copula = false;
        let modal = MODAL.has(tokens[p.from].lemma);
        let others = 0;
        // "Women who speak up should be slapped": said of some of the group, so a person decides
        let relative = false;
        for (let k = between.from; k <= between.to; k++) {
          const l = tokens[k].lemma;
          // (of a plural group only: "the man who wrote to us" is one person)
          if (l === "who" && k === between.from && tokens[g.to].norm !== tokens[g.to].lemma) relative = true;
          else if (BLOCKERS.has(l) || inGroup[k] >= 0) blocked = true;
          if (COPULA.has(l)) copula = true;
          // "need a knife and fork", "need a torch": a thing needed, not "need a good beating" or "need locking up"
          const modalHere = MODAL.has(l) && !(l === "need" && INSTRUMENTS.has(tokens[p.from].lemma));
          if (modalHere) modal = true;
          if (!GLUE.has(l) && !modalHere && !COPULA.has(l) && !negAt[k]) others++;
        }
        if (blocked) {
          if (farThreat(g, p)) hits.push({ g, p, kind: "threat", soft: true });
          continue;
        }
        const direct = others === 0;
        const neg =
          (negations(between.from, between.to) +
            // "no Muslims are …", not "No, Muslims are not …" (an answer, in a clause of its own)
            (tokens[g.from - 1]?.lemma === "no" && tokens[g.from - 1].clause === tokens[g.from].clause ? 1 : 0) +
            (negatedFrame(g.from) ? 1 : 0)) %
            2 ===
          1;
        for (const kind of p.kinds) {
          const ok =
            kind === "emotionAfter"
              ? p.from - g.to <= 3
              : kind === "emotion"
                ? false
                : kind === "threat"
                  ? (copula || modal) && others <= 3 && sameClause(g.to, p.from) && !pastOrCompound(g, p)
                  : kind === "exclusion"
                    ? (direct && p.from - g.to <= 6) || ((copula || modal) && others <= 3 && sameClause(g.to, p.from))
                    : (copula || direct) && others <= 3 && sameClause(g.to, p.from);
          if (!ok) {
            if (kind === "threat" && farThreat(g, p)) hits.push({ g, p, kind, soft: true });
            continue;
          }
          if (kind === "positive" ? !neg : neg) continue;
          // "older people don't want to move": wanting is said BY the group; "are not wanted" is said OF it
          if (tokens[p.to].lemma === "want" && !copula) continue;
          // "women are the worst paid", "older people are worst affected": a fact about them, not a put-down
          if (tokens[p.to].lemma === "worst" && /^(?:\w+ed|off|hit|paid|done)$/.test(tokens[p.to + 1]?.norm ?? ""))
            continue;
          // "women are not allowed to be charged more": a protection, not an exclusion
          if (
            kind === "exclusion" &&
            tokens[p.to + 1]?.lemma === "to" &&
            tokens[p.to + 2]?.lemma === "be" &&
            /ed$/.test(tokens[p.to + 3]?.norm ?? "")
          )
            continue;
          // "asylum seekers are not allowed to work" may state a rule rather than call for one: a person decides
          const span = tokens.slice(g.to + 1, p.to + 1);
          const soft =
            relative ||
            (kind === "exclusion" &&
              span.some((t) => t.lemma === "allow") &&
              !span.some((t) => NORMATIVE.has(t.lemma)));
          hits.push({ g, p, kind: kind === "positive" ? "derogatory" : kind, soft });
        }
      } else if (g.from > p.to) {
        // predicate … group: "dirty immigrants", "kill all the X", "I hate X", "vermin like X"
        // "Parasites, the lot of them": a pronoun after a comma still names who it is said of
        if (g.from - p.to > 6) continue;
        if (
          tokens[g.from].clause !== tokens[p.to].clause &&
          !(
            (g.via === "them" || g.via?.includes(" ")) &&
            tokens[g.from].sentence === tokens[p.to].sentence &&
            tokens[g.to + 1]?.clause !== tokens[g.to].clause
          )
        )
          continue;
        if (!glueOnly(p.to + 1, g.from - 1, g.place ? PLACE_GLUE : PRED_GLUE)) continue;
        const neg = negations(p.from - 3, p.from - 1) % 2 === 1;
        // "we don't want older people to miss out": the group is the subject of what follows
        // "we don't want disabled people missing out / left behind / feeling alone" (not "… in our street")
        const after = tokens[g.to + 1];
        if (
          (after?.lemma === "to" && tokens[p.from].lemma !== "why") ||
          (tokens[p.to].lemma === "want" &&
            after &&
            after.sentence === tokens[g.to].sentence &&
            (/(?:ing|ed)$/.test(after.norm) || after.lemma === "left" || after.lemma === "be"))
        )
          continue;
        for (const kind of p.kinds) {
          if (kind === "positive" || kind === "emotionAfter") continue;
          if (kind === "mildInsult" || kind === "insult" || kind === "profanity" || kind === "strongProfanity")
            continue;
          if (neg) continue;
          hits.push({ g, p, kind });
        }
      }
    }
  }
  // "women shouldn't be councillors", "Muslims can't be teachers": a group kept out of a role or office
  for (const g of allGroups) {
    if (!g.group || g.place) continue;
    let k = g.to + 1;
    while (k < n && k - g.to <= 3 && tokens[k].sentence === tokens[g.to].sentence && GLUE.has(tokens[k].lemma)) k++;
    const modal = tokens[k];
    if (!modal || !ROLE_MODALS.has(modal.lemma)) continue;
    let j = k + 1;
    let negated = negAt[k] === 1;
    while (j < n && j - k <= 3 && tokens[j].lemma !== "be" && (negAt[j] || GLUE.has(tokens[j].lemma))) {
      if (negAt[j]) negated = !negated;
      j++;
    }
    if (!negated || tokens[j]?.lemma !== "be") continue;
    let r = j + 1;
    while (r < n && r - j <= 3 && ["a", "an", "the", "our", "in", "allowed", "to"].includes(tokens[r].lemma)) r++;
    if (tokens[r] && ROLES.has(tokens[r].lemma) && tokens[r].sentence === tokens[g.to].sentence)
      hits.push({ g, p: { from: k, to: r, kinds: ["exclusion"] }, kind: "exclusion" });
  }
  // "send them back", "kick X out"
  for (const g of allGroups) {
    let b = g.from - 1;
    while (b > 0 && GLUE.has(tokens[b].lemma) && g.from - b < 3) b--;
    let a = g.to + 1;
    while (a < n - 1 && GLUE.has(tokens[a].lemma) && a - g.to < 3) a++;
    const before = tokens[b];
    const after = tokens[g.to + 1];
    if (
      before &&
      tokens[a] &&
      SEND_VERBS.has(before.lemma) &&
      SEND_PARTICLES.has(tokens[a].lemma) &&
      !restored(tokens, b, a)
    )
      hits.push({ g, p: { from: b, to: a, kinds: ["exclusion"] }, kind: "exclusion" });
    // "X out!" as a slogan
    const afterOut = tokens[g.to + 2];
    if (
      after &&
      after.lemma === "out" &&
      (!afterOut || afterOut.sentence !== after.sentence || afterOut.lemma === "of" || after.shouted)
    )
      hits.push({ g, p: { from: g.to + 1, to: g.to + 1, kinds: ["exclusion"] }, kind: "exclusion" });
  }
  // "it's a shame X exist", "I wish X would just disappear", "I'd like to see them all gone": their existence regretted
  for (const g of allGroups) {
    if (!g.group || g.place) continue;
    const sentence = tokens[g.to].sentence;
    let verb = -1;
    for (let k = g.to + 1; k < n && k <= g.to + 4 && tokens[k].sentence === sentence; k++) {
      if (EXISTENCE_VERBS.has(tokens[k].lemma) || (tokens[k].lemma === "born" && tokens[k - 1].lemma === "be")) {
        verb = k;
        break;
      }
      if (!GLUE_OR_MODAL(tokens[k].lemma)) break;
    }
    // "… exist." or "… exist at all", not "… exist in poverty" (a fact deplored, not a wish)
    const then = tokens[verb + 1];
    if (verb < 0 || (then && then.sentence === sentence && !EXISTENCE_END.has(then.lemma))) continue;
    let regret = -1;
    let negated = false;
    for (let k = g.from - 1; k >= 0 && k >= g.from - 6 && tokens[k].sentence === sentence; k--) {
      if (EXISTENCE_REGRET.has(tokens[k].lemma)) regret = k;
      if (negAt[k]) negated = true;
    }
    if (regret >= 0 && !negated)
      hits.push({ g, p: { from: regret, to: verb, kinds: ["exclusion"] }, kind: "exclusion" });
  }
  // Emoji standing for an insult, next to a group or a person
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.kind !== "emoji") continue;
    const m = predHit[i];
    if (!m) continue;
    const g = allGroups.find((x) => Math.abs(x.from - i) <= 3 || Math.abs(x.to - i) <= 3);
    // the bin emoji beside "the Great British Spring Clean": only straight after the group, or said of it
    if (g && LITERAL.has(t.lemma) && i !== g.to + 1 && !saidOfSomeone(tokens, i)) continue;
    if (g && !hits.some((h) => h.g === g)) {
      const kind = m.value.includes("dehumanising")
        ? "dehumanising"
        : m.value.includes("emotion")
          ? "emotion"
          : m.value[0];
      hits.push({ g, p: { from: i, to: i, kinds: m.value }, kind });
    }
  }

  // Contempt in other words: "X are absolutely revolting", "X are a scourge" (a generalisation: blocked),
  // and a hostile word near a group in a sentence that neither helps nor defends them (a person decides).
  const hitGroups = new Set(hits.map((h) => h.g));
  for (const g of allGroups) {
    if (!g.group || g.place || hitGroups.has(g) || objectOfPreposition(g)) continue;
    const sentence = tokens[g.from].sentence;
    // "X are (absolutely / such / the lowest …) revolting"
    let k = g.to + 1;
    let neg = 0;
    while (k < n && k - g.to <= 4 && tokens[k].sentence === sentence && !COPULA.has(tokens[k].lemma)) {
      const l = tokens[k].lemma;
      if (negAt[k]) neg++;
      else if (!GLUE.has(l) && !MODAL.has(l) && !tokens[k].norm.endsWith("ly")) break;
      k++;
    }
    let found = -1;
    if (k < n && COPULA.has(tokens[k].lemma) && tokens[k].sentence === sentence) {
      for (let j = k + 1; j < n && j - k <= 5 && tokens[j].sentence === sentence; j++) {
        const l = tokens[j].lemma;
        if (lang.hostile.has(l)) {
          const after = tokens[j + 1];
          if (!(after && after.sentence === sentence && (after.lemma === "by" || /ed$/.test(after.norm)))) found = j;
          break;
        }
        if (negAt[j]) neg++;
        else if (!GLUE.has(l) && !COMPLEMENT_GLUE.has(l) && !tokens[j].norm.endsWith("ly")) break;
      }
    }
    if (found >= 0 && (neg + (negatedFrame(g.from) ? 1 : 0)) % 2 === 0) {
      hits.push({ g, p: { from: found, to: found, kinds: ["derogatory"] }, kind: "derogatory" });
      continue;
    }
    if (g.via) continue;
    // A hostile word elsewhere in the sentence: only where nothing in it helps, defends or reports them
    let hostile = -1;
    let support = false;
    let first = g.from;
    while (first > 0 && tokens[first - 1].sentence === sentence) first--;
    for (let j = first; j < n; j++) {
      const t = tokens[j];
      if (t.sentence > sentence) break;
      if (j >= g.from && j <= g.to) continue;
      if (lang.support.has(t.lemma) || negAt[j] || reportAt[j] || predHit[j]?.value.includes("positive"))
        support = true;
      else if (hostile < 0 && lang.hostile.has(t.lemma)) hostile = j;
    }
    if (hostile >= 0 && !support && !counterSentences.has(sentence))
      hits.push({
        g,
        p: { from: hostile, to: hostile, kinds: ["derogatory"] },
        kind: "derogatory",
        soft: true,
        loose: true,
      });
  }

  const seen = new Set<string>();
  for (const h of hits) {
    // The words said are the condemnation itself: "hating foreigners isn't British"
    if (h.p.kinds.includes("positive") && inCounter[h.p.from] && inCounter[h.p.to]) continue;
    if (h.g.place && h.kind !== "threat") continue;
    if (
      h.g.group === null &&
      h.kind !== "threat" &&
      h.kind !== "exclusion" &&
      h.kind !== "dehumanising" &&
      h.kind !== "emotionAfter"
    )
      continue;
    // "took their rubbish home": a waste or animal word beside a pronoun is a thing, unless said of them
    if (
      h.g.group === null &&
      h.p.from === h.p.to &&
      LITERAL.has(tokens[h.p.from].lemma) &&
      !saidOfSomeone(tokens, h.p.from)
    )
      continue;
    const key = `${h.g.from}:${h.p.from}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const from = Math.min(h.g.from, h.p.from);
    const to = Math.max(h.g.to, h.p.to);
    const start = tokens[from].start;
    const end = tokens[to].end;
    const who = text.slice(tokens[h.g.from].start, tokens[h.g.to].end);
    const said = text.slice(tokens[h.p.from].start, tokens[h.p.to].end);
    const sentence = tokens[from].sentence;
    const protectedGroup = h.g.group !== null;
    const personal =
      h.kind === "insult" || h.kind === "mildInsult" || h.kind === "profanity" || h.kind === "strongProfanity";
    const target = protectedGroup
      ? `${h.g.group!.characteristic === "race" ? "people protected for race, ethnicity or nationality" : `people protected for ${h.g.group!.characteristic}`} ("${who}"${h.g.via ? ` — "${h.g.via}" refers back to ${h.g.group!.term}` : ""})`
      : `people it singles out ("${who}")`;
    let severity: Severity = (protectedGroup || personal) && !h.soft ? "block" : "review";
    let note = "";
    if (quotedOrReported(from, to) && counterInPost) {
      severity = "info";
      note = " It is quoted or reported in a post that condemns it, so it is left for the author to judge.";
    } else if (tokens[h.p.from].quoted && reportedBefore[from] === 1 && severity === "block") {
      // "leaflets calling refugees 'parasites'": someone else's words, reported; whether the post condemns
      // them is for a person to judge
      severity = "review";
      note = " It is reported in quotation marks as someone else's words, so a person decides.";
    } else if (counterSentences.has(sentence) && tokens[h.p.from].norm.endsWith("ing") && h.p.from < h.g.from) {
      // "Hating foreigners isn't British", "Mocking disabled people is never OK": the act is what is condemned
      severity = "info";
      note = " The sentence condemns it, so it is left for the author to judge.";
    } else if (counterSentences.has(sentence)) {
      severity = "review";
      note = " The sentence also condemns or challenges it, so a person decides.";
    }
    if (h.loose) {
      out.push(
        abusive(
          tokens,
          text,
          severity === "block" ? "review" : severity,
          `Speaks of ${target} near a word of contempt ("${said}"): a person checks that it does not run them down (policy 5.8, 10.5; Equality Act 2010).${note}`,
          start,
          end,
        ),
      );
      continue;
    }
    out.push(
      abusive(
        tokens,
        text,
        severity,
        `Says ${classify(h.kind)} ("${said}") of ${target}: councillors must not publish anything sexist, racist, ageist, homophobic or anti-faith (policy 5.8, 10.5; Equality Act 2010).${note}`,
        start,
        end,
      ),
    );
  }

  // Slurs: abusive on their own.
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t.kind === "mention") continue;
    const phrase = lang.slurPhrases.at(tokens, i);
    let slur: string | undefined = phrase?.value ?? lang.slurs.get(t.norm);
    let to = phrase ? phrase.to : i;
    if (!slur && t.norm.length >= 5 && !groupHit[i] && !predHit[i]) slur = lang.slursFuzzy.get(t.norm);
    if (!slur) {
      const next = tokens[i + 1];
      if (
        next &&
        t.norm.length <= 5 &&
        next.norm.length <= 5 &&
        next.start - t.end <= 2 &&
        t.sentence === next.sentence &&
        !FUNCTION_WORDS.has(t.norm) &&
        !FUNCTION_WORDS.has(next.norm)
      ) {
        slur = lang.slurs.get(t.norm + next.norm);
        if (slur) to = i + 1;
      }
    }
    if (!slur) continue;
    const cleared = lang.slurCleared.get(slur);
    if (cleared) {
      let clear = false;
      for (let k = i - 1; k >= 0 && !clear && tokens[k].sentence === t.sentence; k--)
        if (cleared.has(tokens[k].norm)) clear = true;
      for (let k = i + 1; k < n && !clear && tokens[k].sentence === t.sentence; k++)
        if (cleared.has(tokens[k].norm)) clear = true;
      // A capitalised homonym inside a name ("Offa's Dyke", "Tinker Lane"), at the start of a sentence too
      // when a place word follows ("Tinker Lane will be closed")
      if (t.capitalised && !t.sentenceStart && !t.shouted && (tokens[i - 1]?.capitalised || tokens[i + 1]?.capitalised))
        clear = true;
      const next = tokens[i + 1];
      if (t.capitalised && !t.shouted && next?.capitalised && PLACE_WORDS.has(next.lemma)) clear = true;
      if (clear) continue;
    }
    const start = t.start;
    const end = tokens[to].end;
    const reported = quotedOrReported(i, to) && counterInPost;
    out.push(
      abusive(
        tokens,
        text,
        reported ? "review" : "block",
        `Uses a slur ("${text.slice(start, end)}"): offensive and discriminatory language is not published (policy 5.7, 5.8, 10.1, 10.5; Equality Act 2010).${reported ? " It is quoted in a post that condemns it: a person decides whether it must be repeated." : ""}`,
        start,
        end,
      ),
    );
    i = to;
  }

  // Insults and profanity aimed at anyone (policy 5.7, 10.1): not only protected groups.
  const spans = out.map((f) => [f.start, f.end] as const);
  const covered = (from: number, to: number) => spans.some(([a, b]) => a <= tokens[from].start && tokens[to].end <= b);
  // A capitalised word in a place's name ("Elm Road", "King Street", "Mill Lane Library") is not a person
  const inPlaceName = (k: number) =>
    (PLACE_WORDS.has(tokens[k].lemma) && !!tokens[k - 1]?.capitalised) ||
    (!!tokens[k + 1]?.capitalised && PLACE_WORDS.has(tokens[k + 1].lemma));
  // Tokens that refer to a person ("you", "he", a name, a handle, a group), counted per sentence
  const isPerson = new Uint8Array(n);
  const personsIn = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const tk = tokens[k];
    if (
      PERSON_REFS.has(tk.lemma) ||
      inGroup[k] >= 0 ||
      tk.kind === "mention" ||
      (tk.capitalised && !tk.sentenceStart && tk.kind === "word" && !inPlaceName(k))
    ) {
      isPerson[k] = 1;
      personsIn.set(tk.sentence, (personsIn.get(tk.sentence) ?? 0) + 1);
    }
  }
  // Whether an insult is said (after "is", "are") of something that is not a person: nothing before it in
  // the sentence refers to a person, a group or a name, nor is a word for someone who does something.
  const saidOfAThing = (at: number) => {
    let copula = false;
    for (let k = at - 1; k >= 0 && tokens[k].sentence === tokens[at].sentence; k--) {
      const tk = tokens[k];
      if (isPerson[k] || lang.personNouns.has(tk.lemma) || (AGENT.test(tk.norm) && !THINGS.has(tk.lemma))) return false;
      if (tk.lemma === "be" && at - k <= 6) copula = true;
    }
    return copula;
  };
  for (const p of preds) {
    if (covered(p.from, p.to)) continue;
    const kinds = p.kinds;
    const s = tokens[p.from].sentence;
    let own = 0;
    for (let k = p.from; k <= p.to; k++) own += isPerson[k];
    const personInClause = (personsIn.get(s) ?? 0) - own > 0;
    const negated = negations(p.from - 3, p.from - 1) % 2 === 1;
    const start = tokens[p.from].start;
    const end = tokens[p.to].end;
    const said = text.slice(start, end);
    const quoted = quotedOrReported(p.from, p.to) && counterInPost;
    if (kinds.includes("strongProfanity") || (kinds.includes("insult") && !kinds.includes("mildInsult") && !negated)) {
      // "Potholes are the scum of the earth", "my dog is an idiot": said of a thing, not a person
      const ofAThing = !kinds.includes("strongProfanity") && saidOfAThing(p.from);
      out.push(
        abusive(
          tokens,
          text,
          quoted || ofAThing ? "review" : "block",
          ofAThing
            ? `Uses insulting language ("${said}") of something rather than someone: language that would not be acceptable in a workplace, so a person checks (policy 10.1).`
            : `Uses insulting or offensive language ("${said}"): councillors must treat others with respect and avoid personal attacks (policy 5.7, 10.1).`,
          start,
          end,
        ),
      );
    } else if (kinds.includes("profanity")) {
      // At someone: a person, a group or a handle next to it ("you fucking …", "… shit, Dave"), not a
      // place or event named further off ("fucking brilliant turnout at the Diwali lights")
      // An emoji (💩 on a dog-fouling post) only at "you", a handle or a group: a post often starts a new
      // sentence after an emoji without a full stop ("… Mill Park 💩 Please bag it"), and "your dog 💩" is the dog's.
      const emoji = p.from === p.to && tokens[p.from].kind === "emoji";
      let atSomeone = false;
      for (let k = Math.max(0, p.from - (emoji ? 3 : 2)); k <= Math.min(n - 1, p.to + 2) && !atSomeone; k++) {
        if ((k >= p.from && k <= p.to) || tokens[k].clause !== tokens[p.from].clause) continue;
        const tk = tokens[k];
        if (emoji) {
          atSomeone = EMOJI_TARGETS.has(tk.lemma) || inGroup[k] >= 0 || tk.kind === "mention";
          continue;
        }
        atSomeone =
          PERSON_REFS.has(tk.lemma) ||
          inGroup[k] >= 0 ||
          tk.kind === "mention" ||
          (k === p.to + 1 &&
            tk.capitalised &&
            !tk.sentenceStart &&
            tk.kind === "word" &&
            // "crap Wi-Fi", "shit X-ray machine": a thing's hyphenated name, not a person's
            text[tk.end] !== "-");
      }
      // 💩 on a dog-fouling post, at no one, is what it shows
      if (emoji && !atSomeone && DOG_FOULING.test(text)) continue;
      out.push(
        abusive(
          tokens,
          text,
          atSomeone && !quoted ? "block" : "review",
          atSomeone
            ? `Swears at or about someone ("${said}"): councillors must avoid personal attacks and offensive language (policy 5.7, 10.1).`
            : `Contains profanity ("${said}"): language that would not be acceptable in a workplace (policy 10.1).`,
          start,
          end,
        ),
      );
    } else if (
      kinds.includes("mildInsult") &&
      personInClause &&
      !negated &&
      !quoted &&
      !(p.from === p.to && LITERAL.has(tokens[p.from].lemma) && !saidOfSomeone(tokens, p.from))
    ) {
      // only when said of a person: "you are useless", not "this printer is useless"
      let subject = false;
      for (let k = Math.max(0, p.from - 6); k < p.from; k++) {
        const tk = tokens[k];
        if (tk.sentence !== s) continue;
        if (
          PERSON_REFS.has(tk.lemma) ||
          tk.kind === "mention" ||
          (tk.capitalised && !tk.sentenceStart && !inPlaceName(k))
        )
          subject = true;
        if (BLOCKERS.has(tk.lemma)) subject = false;
      }
      // "Racist abuse aimed at Black players is disgusting": in a sentence about the harm, it may be the harm
      const aboutHarm = counterSentences.has(s);
      if (subject)
        out.push(
          abusive(
            tokens,
            text,
            aboutHarm ? "review" : "block",
            `Makes a personal attack ("${said}"): councillors must treat others with respect and avoid personal attacks (policy 5.7).${aboutHarm ? " The sentence speaks of abuse or condemns it, so a person decides." : ""}`,
            start,
            end,
          ),
        );
    }
  }
  for (const m of text.matchAll(MASKED_PROFANITY)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((x) => x.start <= start && end <= x.end)) continue;
    // said of a group right after it: "f*cking immigrants"
    const g = groups.find((x) => tokens[x.from].start >= end && tokens[x.from].start - end <= 12);
    if (g) {
      out.push(
        abusive(
          tokens,
          text,
          "block",
          `Swears at people protected for ${g.group!.characteristic} ("${text.slice(start, tokens[g.to].end)}"): councillors must not publish anything sexist, racist, ageist, homophobic or anti-faith (policy 5.8, 10.5; Equality Act 2010).`,
          start,
          tokens[g.to].end,
        ),
      );
      continue;
    }
    out.push(
      abusive(
        tokens,
        text,
        "review",
        `Contains masked profanity ("${m[0]}"): language that would not be acceptable in a workplace (policy 10.1).`,
        start,
        end,
      ),
    );
  }
  return out;
}

const MASKED_PROFANITY =
  /\b[fF][*#@$%!]{2,}[kKgG]?(?:ing|in|er|ers)?(?!\w)|\b[fF][*#]+c?k\w*|\b[sS][hH][*#!]+[tT]\w*|\b[cC][*#]{2}[tT]\w*|\b[bB][*#]{3,}[dD]\w*/g;
