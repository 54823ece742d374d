import { BUNDLED_LANGUAGE, BUNDLED_LEXICON } from "./bundled";
import { lemma } from "./lemma";
import { phraseTokens, tokenize, type Token } from "./tokenize";

export interface Party {
  name: string;
  aliases: string[];
  /** Names that are also ordinary words ("Labour", "Green", "Reform"): counted only in political context. */
  ambiguous: string[];
  /**
   * Names made of ordinary words ("Britain First", "Advance UK"): the party only where written with its
   * capitals (or in a post with no capitals at all), so "advance UK research" is not the party.
   */
  capitalisedOnly?: string[];
  /**
   * Its ambiguous names are also the names of other things (the charity Aspire): read as the party only
   * beside a vote word, a party word (councillors, group) or a political word in the sentence, never from
   * a capital letter alone.
   */
  ambiguousNeedsCue?: boolean;
  hashtags: string[];
  handles: string[];
  /** Nations the party stands in: england, scotland, wales, northern-ireland. */
  nations?: string[];
  leaders?: string[];
  figures?: string[];
  /** Surnames distinctive enough to name the person alone ("Starmer"). */
  surnames?: string[];
  slogans?: string[];
  /** Colour signs as emoji words (heart_red, rose). */
  colours?: string[];
  source?: string;
  /** The day the entry was last checked. */
  asOf?: string;
}

/** A party as a sentence names it: "the Labour Party", "the Liberal Democrats", but "Reform UK", "Plaid Cymru". */
export function partyLabel(party: Party): string {
  return /\b(Party|Democrats|Coalition|Alliance|Voice)\b/.test(party.name) && !/^Your\b/.test(party.name)
    ? `the ${party.name}`
    : party.name;
}

export interface GroupEntry {
  characteristic: string;
  terms: string[];
}

/** The language of discrimination and abuse (policy 5.7, 5.8, 10.1, 10.5; Equality Act 2010). */
export interface Language {
  source?: string;
  compiled?: string;
  groups: GroupEntry[];
  /** Group words that are also ordinary adjectives ("black bins", "old town"): a group only before a person noun. */
  ambiguousGroupWords: string[];
  personNouns: string[];
  slurs: string[];
  slurHomonyms: { term: string; clearedBy: string[] }[];
  profanity: string[];
  strongProfanity: string[];
  insults: string[];
  mildInsults: string[];
  derogatory: string[];
  dehumanising: string[];
  threat: string[];
  exclusion: string[];
  emotion: string[];
  emotionAfter: string[];
  positive: string[];
  negation: string[];
  counterSpeech: string[];
  harmNouns: string[];
  reportVerbs: string[];
  /** Words of contempt or disgust ("revolting", "a scourge"): said of a group after "are", or near it, a person decides. */
  hostileWords?: string[];
  /** Words that show a group is helped, or harmed by others ("support", "against", "victims"), not run down. */
  supportFrames?: string[];
  /** Places of worship ("mosque", "gurdwara"): a threat to one is a threat to those who worship there. */
  placesOfWorship?: string[];
  emoji: Record<string, string>;
}

export interface Lexicon {
  version: number;
  source?: string;
  compiled?: string;
  parties: Party[];
  politicalCues: string[];
  commonCollocations: string[];
  politicalPhrases: string[];
  personalCampaign: string[];
  abusive: string[];
  confidential: string[];
  controversialTopics: string[];
  campaignTerms: string[];
  essentialTerms: string[];
  /** Partners and suppliers named only with recorded consent (policy 8.2). */
  thirdParties: string[];
  politicalActors?: string[];
  praise?: string[];
  attack?: string[];
  voteCalls?: string[];
  politicalSlogans?: string[];
  /** Words after a party word that make it a place, venue or ordinary phrase ("Green Lane", "Labour Club"). */
  venueWords?: string[];
  statutoryNoticeCues?: string[];
  language?: Language;
}

export interface Match<T> {
  from: number; // token index
  to: number; // inclusive
  value: T;
}

/** Phrases as lemma sequences, indexed by first lemma: one pass over the post finds them all. */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, { tokens: string[]; value: T }[]>();
  size = 0;
  /** Bit in Token.mask set where a phrase of this list may start (see PhraseMasks). */
  bit = 0;
  /** Match the written word rather than its lemma (names: "Conservatives" is not "conservative"). */
  constructor(private readonly key: "lemma" | "norm" = "lemma") {}

  get keyKind(): "lemma" | "norm" {
    return this.key;
  }
  firstKeys(): Iterable<string> {
    return this.byFirst.keys();
  }

  add(phrase: string, value: T): void {
    const tokens = this.key === "lemma" ? phraseTokens(phrase) : tokenize(phrase).map((t) => t.norm);
    if (tokens.length === 0) return;
    const list = this.byFirst.get(tokens[0]) ?? [];
    list.push({ tokens, value });
    list.sort((a, b) => b.tokens.length - a.tokens.length); // longest first
    this.byFirst.set(tokens[0], list);
    this.size++;
  }

  /** The longest phrase starting at token i, if any. */
  at(tokens: readonly Token[], i: number): Match<T> | null {
    return this.scanAt(tokens, i);
  }

  private scanAt(tokens: readonly Token[], i: number): Match<T> | null {
    const mask = tokens[i].mask;
    if (mask !== undefined && this.bit !== 0 && (mask & this.bit) === 0) return null;
    const byNorm = this.key === "norm";
    const candidates = this.byFirst.get(byNorm ? tokens[i].norm : tokens[i].lemma);
    if (!candidates) return null;
    for (let c = 0; c < candidates.length; c++) {
      const want = candidates[c].tokens;
      if (i + want.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; ok && k < want.length; k++) ok = (byNorm ? tokens[i + k].norm : tokens[i + k].lemma) === want[k];
      if (ok) return { from: i, to: i + want.length - 1, value: candidates[c].value };
    }
    return null;
  }

  find(tokens: readonly Token[], usable: (t: Token) => boolean = () => true): Match<T>[] {
    const out: Match<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!usable(tokens[i])) continue;
      const m = this.at(tokens, i);
      if (m) out.push(m);
    }
    return out;
  }
}

/**
 * One lookup per token instead of one per list: each list of a compiled lexicon gets a bit, and a
 * token's mask says which lists have a phrase starting with its lemma or written form.
 */
export class PhraseMasks {
  private readonly byLemma = new Map<string, number>();
  private readonly byNorm = new Map<string, number>();
  private next = 1;

  register(index: PhraseIndex<unknown>): void {
    if (this.next > 2 ** 30) return; // out of bits: the list is searched in full
    index.bit = this.next;
    this.next *= 2;
    const map = index.keyKind === "lemma" ? this.byLemma : this.byNorm;
    for (const k of index.firstKeys()) map.set(k, (map.get(k) ?? 0) | index.bit);
  }

  mark(tokens: Token[]): void {
    for (const t of tokens) t.mask = (this.byLemma.get(t.lemma) ?? 0) | (this.byNorm.get(t.norm) ?? 0);
  }
}

/** Letters people swap to dodge a filter, folded away: repeats, z/s, ph/f, ck/k, c/k, q/k, y/i. */
export function skeleton(word: string): string {
  let out = "";
  let prev = "";
  for (let i = 0; i < word.length; i++) {
    let c = word[i];
    const next = word[i + 1];
    if (c === "p" && next === "h") {
      c = "f";
      i++;
    } else if (c === "c" && next === "k") {
      c = "k";
      i++;
    } else if (c === "c" || c === "q") c = "k";
    else if (c === "z") c = "s";
    else if (c === "y") c = "i";
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

/**
 * Single words found through the misspellings people use to get past a filter: one dropped vowel
 * ("wmen", "mslims"), two neighbouring letters swapped ("wmoen"), sound-alike letters ("Muzlims"),
 * doubled letters ("muuslims"). Only words of five letters or more, so short ordinary words are safe.
 */
/** A skeleton's first letter and its consonants, marked so that it never meets a skeleton: "#trvlrs". */
function consonants(sk: string): string {
  return `#${sk[0]}${sk.slice(1).replace(/[aeiou]/g, "")}`;
}

export class FuzzyIndex<T> {
  private readonly map = new Map<string, T>();
  /** Also one vowel swapped for another ("Immigrunts"): for group names, not for slurs. */
  constructor(
    private readonly vowelSwaps = false,
    /** Misspellings are indexed for words of this many letters (as a skeleton) or more. */
    private readonly minLength = 5,
    /** Also written without its vowels ("trvllers", "disgstng", "burdn"): not for slurs, which block alone. */
    private readonly vowelless = false,
  ) {}

  add(word: string, value: T): void {
    const forms = new Set([word, `${word}s`]);
    for (const f of forms) {
      const sk = skeleton(f);
      if (!this.map.has(sk)) this.map.set(sk, value);
      if (sk.length < this.minLength) continue;
      if (this.vowelless) {
        const v = consonants(sk);
        if (v.length >= 5 && !this.map.has(v)) this.map.set(v, value);
      }
      // "1" read as "i" where it stood for "l" ("Mus1ims")
      if (sk.includes("l")) {
        const v = skeleton(sk.replace(/l/g, "i"));
        if (!this.map.has(v)) this.map.set(v, value);
      }
      for (let i = 1; i < sk.length; i++) {
        const c = sk[i];
        if ("aeiou".includes(c)) {
          const v = sk.slice(0, i) + sk.slice(i + 1);
          if (!this.map.has(v)) this.map.set(v, value);
        }
        if (this.vowelSwaps && "aeiou".includes(c) && sk.length >= 6) {
          // one vowel swapped for another ("Immigrunts")
          const v = `${sk.slice(0, i)}*${sk.slice(i + 1)}`;
          if (!this.map.has(v)) this.map.set(v, value);
        }
        if (i < sk.length - 1 && sk[i] !== sk[i + 1]) {
          const t = sk.slice(0, i) + sk[i + 1] + sk[i] + sk.slice(i + 2);
          if (!this.map.has(t)) this.map.set(t, value);
        }
      }
    }
  }

  private readonly memo = new Map<string, T | null>();

  get(norm: string): T | undefined {
    if (norm.length < 4) return undefined;
    const hit = this.memo.get(norm);
    if (hit !== undefined) return hit ?? undefined;
    const sk = skeleton(norm);
    let found = this.map.get(sk) ?? null;
    // A word with at most one vowel after its first letter may be written without them
    if (found === null && this.vowelless && (sk.slice(1).match(/[aeiou]/g)?.length ?? 0) <= 1) {
      const v = consonants(sk);
      if (v.length >= 5) found = this.map.get(v) ?? null;
    }
    for (let i = 1; this.vowelSwaps && found === null && sk.length >= 6 && i < sk.length; i++)
      if ("aeiou".includes(sk[i])) found = this.map.get(`${sk.slice(0, i)}*${sk.slice(i + 1)}`) ?? null;
    if (this.memo.size > 20_000) this.memo.clear();
    this.memo.set(norm, found);
    return found ?? undefined;
  }
}

export interface GroupTerm {
  term: string;
  characteristic: string;
  /** A place of worship, standing for those who worship there: only a threat to it is judged. */
  place?: boolean;
  /** An ordinary adjective too: a group only before a person noun, as a plural, or after "the". */
  ambiguous: boolean;
}

export type PredicateKind =
  | "derogatory"
  | "dehumanising"
  | "threat"
  | "exclusion"
  | "emotion"
  | "emotionAfter"
  | "positive"
  | "insult"
  | "mildInsult"
  | "profanity"
  | "strongProfanity";

export interface CompiledLanguage {
  source: Language;
  groups: PhraseIndex<GroupTerm>;
  groupsFuzzy: FuzzyIndex<GroupTerm>;
  /** Group names with the spaces taken out, for words run together ("disabledpeople", "womenare"). */
  groupsJoined: Map<string, GroupTerm>;
  /** The first four letters of every run-together group name: a quick test before splitting a long word. */
  groupsJoinedPrefixes: Set<string>;
  personNouns: Set<string>;
  slurs: Map<string, string>;
  slurPhrases: PhraseIndex<string>;
  slursFuzzy: FuzzyIndex<string>;
  slurCleared: Map<string, Set<string>>;
  predicates: PhraseIndex<PredicateKind[]>;
  negation: Set<string>;
  counter: PhraseIndex<string>;
  harm: PhraseIndex<string>;
  reportVerbs: Set<string>;
  hostile: Set<string>;
  support: Set<string>;
  /** Misspelt one-word predicates of six letters or more ("vremin", "disugsting"), read only next to a group. */
  predicatesFuzzy: FuzzyIndex<PredicateKind[]>;
  /** The adjective of a group named as "X people" ("black", "polish"), misspelt: read only before a person noun. */
  groupAdjectivesFuzzy: FuzzyIndex<GroupTerm>;
  /** One-word predicates by lemma, for a predicate run together with a group ("immigrantsarescum"). */
  predicateWords: Map<string, PredicateKind[]>;
  /** Every one-word term above (groups, predicates, slurs, hostile words), for masked words ("sc*m"). */
  vocabulary: Set<string>;
  vocabularyByInitial: Map<string, string[]>;
}

export interface CompiledLexicon {
  source: Lexicon;
  partyNames: PhraseIndex<Party>;
  /** Names read as the party only when written with capitals (Party.capitalisedOnly). */
  partyNamesCapitalised: PhraseIndex<Party>;
  people: PhraseIndex<Party>;
  surnames: Map<string, Party>;
  slogans: PhraseIndex<Party | null>;
  colours: Map<string, Party[]>;
  ambiguousParty: Map<string, Party>;
  partyHashtags: Map<string, Party>;
  partyHandles: Map<string, Party>;
  /** Party names and aliases as one lower-case word ("labour", "reformuk", "libdems"), for hashtags. */
  partyWords: Map<string, Party>;
  cues: Set<string>;
  collocations: Set<string>;
  politicalPhrases: PhraseIndex<string>;
  politicalActors: PhraseIndex<string>;
  praise: PhraseIndex<string>;
  attack: PhraseIndex<string>;
  voteCalls: PhraseIndex<string>;
  statutory: PhraseIndex<string>;
  personalCampaign: PhraseIndex<string>;
  abusive: PhraseIndex<string>;
  confidential: PhraseIndex<string>;
  controversial: PhraseIndex<string>;
  campaign: PhraseIndex<string>;
  essential: PhraseIndex<string>;
  thirdParties: PhraseIndex<string>;
  language: CompiledLanguage;
  masks: PhraseMasks;
}

const squash = (s: string) => phraseTokens(s).join("");

function index(phrases: readonly string[] | undefined): PhraseIndex<string> {
  const idx = new PhraseIndex<string>();
  for (const p of phrases ?? []) idx.add(p, p);
  return idx;
}

/** `partyWords`: party names run together ("tories", "reformuk"), which a masked word may also hide. */
const phraseWords = (term: string) =>
  term
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);

function compileLanguage(lang: Language, partyWords: string[] = []): CompiledLanguage {
  const ambiguous = new Set(lang.ambiguousGroupWords.map((w) => w.toLowerCase().trim()));
  const groups = new PhraseIndex<GroupTerm>();
  const groupsFuzzy = new FuzzyIndex<GroupTerm>(true, 5, true);
  const groupsJoined = new Map<string, GroupTerm>();
  for (const g of lang.groups)
    for (const term of g.terms) {
      const lemmas = phraseTokens(term);
      const entry = { term, characteristic: g.characteristic, ambiguous: ambiguous.has(term.toLowerCase().trim()) };
      groups.add(term, entry);
      if (lemmas.length === 1) groupsFuzzy.add(term.toLowerCase(), entry);
      // Written without the space ("disabledpeople"), not ambiguous words: only whole group names
      const joined = tokenize(term)
        .map((t) => t.norm)
        .join("");
      if (!entry.ambiguous && joined.length >= 4) {
        groupsJoined.set(joined, entry);
        if (!joined.endsWith("s")) groupsJoined.set(`${joined}s`, entry);
      }
    }
  // Places of worship, read as those who worship there where a threat is made ("burn down that mosque")
  for (const place of lang.placesOfWorship ?? BUNDLED_LANGUAGE.placesOfWorship ?? [])
    groups.add(place, { term: place, characteristic: "religion or belief", ambiguous: false, place: true });
  const slurs = new Map<string, string>();
  const slurPhrases = new PhraseIndex<string>();
  // Misspellings only of slurs of six letters or more: a short one's fall on ordinary words ("packs")
  const slursFuzzy = new FuzzyIndex<string>(false, 6);
  for (const s of lang.slurs) {
    const words = s.toLowerCase().split(/\s+/);
    if (words.length > 1) {
      slurPhrases.add(s, s);
      continue;
    }
    // Slurs are matched on the written word and its plural, not the lemma ("knackered" is tired).
    const forms = [s, `${s}s`, `${s}es`, `${s}${s.at(-1)}es`, `${s}${s.at(-1)}ies`];
    if (s.endsWith("y")) forms.push(`${s.slice(0, -1)}ies`);
    for (const form of forms) slurs.set(form, s);
    slursFuzzy.add(s, s);
  }
  const slurCleared = new Map(
    lang.slurHomonyms.map((h) => [
      h.term,
      new Set(h.clearedBy.flatMap((w) => tokenize(w).map((t) => t.norm)).filter((w) => !w.startsWith(h.term))),
    ]),
  );
  const predicates = new PhraseIndex<PredicateKind[]>();
  const kinds = new Map<string, { phrase: string; kinds: Set<PredicateKind> }>();
  const addKind = (list: string[], kind: PredicateKind) => {
    for (const p of list) {
      const key = phraseTokens(p).join(" ");
      if (!key) continue;
      const entry = kinds.get(key) ?? { phrase: p, kinds: new Set() };
      entry.kinds.add(kind);
      kinds.set(key, entry);
    }
  };
  addKind(lang.derogatory, "derogatory");
  addKind(lang.dehumanising, "dehumanising");
  addKind(lang.threat, "threat");
  addKind(lang.exclusion, "exclusion");
  addKind(lang.emotion, "emotion");
  addKind(lang.emotionAfter, "emotionAfter");
  addKind(lang.positive, "positive");
  addKind(lang.insults, "insult");
  addKind(lang.mildInsults, "mildInsult");
  addKind(lang.profanity, "profanity");
  addKind(lang.strongProfanity, "strongProfanity");
  const vocabulary = new Set<string>();
  // Each word with its plural, as a masked word may be written ("p*rasites")
  const addWord = (w: string) => {
    if (!/^[a-z]{3,}$/.test(w)) return;
    vocabulary.add(w);
    vocabulary.add(/(?:s|x|z|ch|sh)$/.test(w) ? `${w}es` : `${w}s`);
  };
  const predicateWords = new Map<string, PredicateKind[]>();
  const predicatesFuzzy = new FuzzyIndex<PredicateKind[]>(false, 5, true);
  const FUZZY_KINDS: PredicateKind[] = ["derogatory", "dehumanising", "threat", "insult", "mildInsult"];
  for (const [key, { phrase, kinds: set }] of kinds) {
    predicates.add(phrase, [...set]);
    if (key.includes(" ")) continue;
    predicateWords.set(key, [...set]);
    addWord(phrase.toLowerCase());
    // and its past form, as a masked word may be written ("k*lled", "sh*t")
    if (/^[a-z]{3,}[^aeiouy]$/.test(phrase)) vocabulary.add(`${phrase.toLowerCase()}ed`);
    const judged = [...set].filter((k) => FUZZY_KINDS.includes(k));
    if (!judged.length || set.has("positive")) continue;
    // the word as listed ("disgusting") and its lemma ("disgust")
    for (const w of new Set([phrase.toLowerCase(), key])) if (/^[a-z]{6,}$/.test(w)) predicatesFuzzy.add(w, judged);
  }
  const groupAdjectivesFuzzy = new FuzzyIndex<GroupTerm>(false, 4, true);
  const personNouns = new Set(lang.personNouns.map((w) => lemma(w)));
  for (const g of lang.groups)
    for (const term of g.terms) {
      const words = phraseTokens(term);
      if (words.length === 2 && personNouns.has(words[1]) && words[0].length >= 4)
        groupAdjectivesFuzzy.add(words[0], { term, characteristic: g.characteristic, ambiguous: false });
    }
  const hostile = new Set((lang.hostileWords ?? BUNDLED_LANGUAGE.hostileWords ?? []).map((w) => lemma(w)));
  // Every word of a group's names ("Tr*ns people", "Bl*ck women")
  for (const g of lang.groups) for (const term of g.terms) for (const w of phraseWords(term)) addWord(w);
  for (const k of groupsJoined.keys()) addWord(k);
  for (const k of slurs.keys()) addWord(k);
  for (const k of lang.hostileWords ?? BUNDLED_LANGUAGE.hostileWords ?? []) addWord(k.toLowerCase());
  // Party names as written, without a plural ("T*ries", "Reform U.K.")
  for (const w of partyWords) if (/^[a-z]{3,}$/.test(w)) vocabulary.add(w);
  const vocabularyByInitial = new Map<string, string[]>();
  for (const w of [...vocabulary].sort((a, b) => a.length - b.length || a.localeCompare(b)))
    vocabularyByInitial.set(w[0], [...(vocabularyByInitial.get(w[0]) ?? []), w]);
  // "U.K." joined up, but never a guess for a masked word
  vocabulary.add("uk");
  return {
    source: lang,
    groups,
    groupsFuzzy,
    groupsJoined,
    groupsJoinedPrefixes: new Set([...groupsJoined.keys()].map((k) => k.slice(0, 4))),
    personNouns,
    slurs,
    slurPhrases,
    slursFuzzy,
    slurCleared,
    predicates,
    negation: new Set(lang.negation.map((w) => lemma(w))),
    counter: index(lang.counterSpeech),
    harm: index(lang.harmNouns),
    reportVerbs: new Set(lang.reportVerbs.map((w) => lemma(w))),
    hostile,
    support: new Set((lang.supportFrames ?? BUNDLED_LANGUAGE.supportFrames ?? []).map((w) => lemma(w))),
    predicateWords,
    predicatesFuzzy,
    groupAdjectivesFuzzy,
    vocabulary,
    vocabularyByInitial,
  };
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const or = <K extends keyof Lexicon>(k: K): NonNullable<Lexicon[K]> =>
    (lexicon[k] ?? BUNDLED_LEXICON[k]) as NonNullable<Lexicon[K]>;
  const partyNames = new PhraseIndex<Party>("norm");
  const partyNamesCapitalised = new PhraseIndex<Party>("norm");
  const people = new PhraseIndex<Party>("norm");
  const surnames = new Map<string, Party>();
  const slogans = new PhraseIndex<Party | null>();
  const colours = new Map<string, Party[]>();
  const ambiguousParty = new Map<string, Party>();
  const partyHashtags = new Map<string, Party>();
  const partyHandles = new Map<string, Party>();
  const partyWords = new Map<string, Party>();
  for (const party of lexicon.parties) {
    for (const alias of [party.name, ...party.aliases]) {
      const w = alias.toLowerCase().replace(/[^a-z0-9]/g, "");
      if (w.length >= 3 && !partyWords.has(w)) partyWords.set(w, party);
    }
    // a name that is also an ordinary word ("Aspire") is read only in context, as an ambiguous name
    // (as written, not by lemma: "Conservatives" is a name although "Conservative" is ambiguous)
    const plain = (x: string) => x.toLowerCase().trim();
    const ordinary = new Set(party.ambiguous.map(plain));
    const cased = new Set((party.capitalisedOnly ?? []).map(plain));
    for (const alias of [party.name, ...party.aliases]) {
      if (cased.has(plain(alias))) partyNamesCapitalised.add(alias, party);
      else if (!ordinary.has(plain(alias))) partyNames.add(alias, party);
    }
    for (const a of party.ambiguous) ambiguousParty.set(squash(a), party);
    for (const h of party.hashtags) partyHashtags.set(h.toLowerCase(), party);
    for (const h of party.handles) partyHandles.set(h.replace(/^@/, "").toLowerCase(), party);
    for (const p of [...(party.leaders ?? []), ...(party.figures ?? [])]) people.add(p, party);
    for (const s of party.surnames ?? []) surnames.set(s.toLowerCase(), party);
    for (const s of party.slogans ?? []) slogans.add(s, party);
    for (const c of party.colours ?? []) colours.set(c, [...(colours.get(c) ?? []), party]);
  }
  for (const s of or("politicalSlogans")) slogans.add(s, null);
  const compiled: CompiledLexicon = {
    source: lexicon,
    partyNames,
    partyNamesCapitalised,
    people,
    surnames,
    slogans,
    colours,
    ambiguousParty,
    partyHashtags,
    partyHandles,
    partyWords,
    cues: new Set(lexicon.politicalCues.map(squash)),
    collocations: new Set([...lexicon.commonCollocations, ...or("venueWords")].map(squash)),
    politicalPhrases: index(lexicon.politicalPhrases),
    politicalActors: index(or("politicalActors")),
    praise: index(or("praise")),
    attack: index(or("attack")),
    voteCalls: index(or("voteCalls")),
    statutory: index(or("statutoryNoticeCues")),
    personalCampaign: index(lexicon.personalCampaign),
    abusive: index(lexicon.abusive),
    confidential: index(lexicon.confidential),
    controversial: index(lexicon.controversialTopics),
    campaign: index(lexicon.campaignTerms),
    essential: index(lexicon.essentialTerms),
    thirdParties: index(lexicon.thirdParties),
    language: compileLanguage(lexicon.language ?? BUNDLED_LANGUAGE, [...partyWords.keys()]),
    masks: new PhraseMasks(),
  };
  const l = compiled.language;
  for (const idx of [
    compiled.partyNames,
    compiled.people,
    compiled.slogans,
    compiled.politicalPhrases,
    compiled.politicalActors,
    compiled.praise,
    compiled.attack,
    compiled.voteCalls,
    compiled.statutory,
    compiled.personalCampaign,
    compiled.abusive,
    compiled.confidential,
    compiled.controversial,
    compiled.campaign,
    compiled.essential,
    compiled.thirdParties,
    l.groups,
    l.slurPhrases,
    l.predicates,
    l.counter,
    l.harm,
  ] as PhraseIndex<unknown>[])
    compiled.masks.register(idx);
  return compiled;
}
