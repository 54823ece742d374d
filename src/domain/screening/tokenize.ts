// Text → tokens that survive the tricks people use to get words past a filter, each token keeping its
// place in the original text so findings can point at it:
// - case, compatibility forms and look-alike letters (Cyrillic "а", fullwidth "Ｌ") fold to plain a–z;
// - zero-width characters and soft hyphens vanish; accents are dropped ("Féin" → "fein");
// - letters spread out ("V.O.T.E", "L a b o u r") join into one word;
// - digits and symbols standing in for letters inside a word ("Lab0ur", "L@bour") read as letters;
// - hashtags split at their camel case ("#VoteLabour" → "vote", "labour");
// - emoji are tokens of their own, read as the word they stand for (🐀 → "rat", 💙 → "heart_blue");
// - contractions open up ("shouldn't" → "should", "not"; "they're" → "they", "are"), and text messaging
//   shorthand reads as the word ("u" → "you", "r" → "are", "vote 4" → "vote for");
// - each token carries its lemma ("bitches" → "bitch"), its sentence and clause, and whether it stands
//   inside quotation marks.
import language from "../../../calendars/screening/language.json";
import { lemma } from "./lemma";

export interface Token {
  norm: string;
  /** The lemma of `norm` ("bitches" → "bitch"); lexicons are matched on it. */
  lemma: string;
  start: number;
  end: number;
  kind: "word" | "hashtag" | "mention" | "emoji";
  /** Sentence and clause (split also at commas, colons and semicolons), counted from 0. */
  sentence: number;
  clause: number;
  /** Inside quotation marks. */
  quoted: boolean;
  /** Which lexicon phrase lists may start here (set by the lexicon before rules run; see PhraseIndex). */
  mask?: number;
  /** For a hashtag's parts: the whole hashtag (body lower-cased, and where it stands). */
  tag?: { body: string; start: number; end: number };
  capitalised: boolean;
  /** Written all in capitals (at least two letters): "LABOUR". */
  shouted?: boolean;
  sentenceStart: boolean;
}

const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;

// Letters from other scripts that look like Latin ones (the common confusables).
const CONFUSABLES: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ɡ: "g",
  ӏ: "l",
  ь: "b",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ß: "ss",
  æ: "ae",
  œ: "oe",
};
const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "@": "a",
  $: "s",
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isAlnum(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER_OR_DIGIT.test(s);
}
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch; // ASCII: the common case
  if (INVISIBLE.test(ch)) return "";
  const basic = ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  let out = "";
  for (const c of basic) out += CONFUSABLES[c] ?? c;
  return out;
}

interface Raw {
  text: string;
  start: number;
  end: number;
  kind: Token["kind"];
  original: string;
  upper: number;
  lower: number;
  firstUpper: boolean;
  sentenceStart: boolean;
  sentence: number;
  clause: number;
  quoted: boolean;
}

const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_WORDS = new Map<string, string>(Object.entries(language.emoji));
const QUOTES = new Set(['"', "\u201C", "\u201D", "\u00AB", "\u00BB", "\u201E"]);
const SINGLE_QUOTES = new Set(["'", "\u2018", "\u2019"]);

const isUpperAscii = (c: number) => c >= 65 && c <= 90;
const isLowerAscii = (c: number) => c >= 97 && c <= 122;

function scan(text: string): Raw[] {
  const raws: Raw[] = [];
  let cur: Raw | null = null;
  let offset = 0;
  // Whether the next token starts a sentence: true at the start, after . ! ? : or a line break
  // (quotes and brackets in between do not matter).
  let atSentenceStart = true;
  let sentence = 0;
  let clause = 0;
  let quoted = false;
  let prevChar = "";
  const flush = () => {
    if (cur?.text) raws.push(cur);
    cur = null;
  };
  const open = (at: number, kind: Token["kind"]): Raw => ({
    text: "",
    start: at,
    end: at,
    kind,
    original: "",
    upper: 0,
    lower: 0,
    firstUpper: false,
    sentenceStart: atSentenceStart,
    sentence,
    clause,
    quoted,
  });
  const length = text.length;
  for (let pos = 0; pos < length; ) {
    const at = pos;
    const unit = text.charCodeAt(pos);
    pos += unit >= 0xd800 && unit <= 0xdbff && pos + 1 < length ? 2 : 1;
    offset = pos;
    // The common case, an ASCII letter or digit, first and fast.
    if (unit < 128) {
      const up = unit >= 65 && unit <= 90;
      const low = unit >= 97 && unit <= 122;
      if (up || low || (unit >= 48 && unit <= 57)) {
        if (!cur) cur = open(at, "word");
        if (cur.text === "") cur.firstUpper = up;
        if (up) cur.upper++;
        else if (low) cur.lower++;
        const raw = text[at];
        cur.text += up ? String.fromCharCode(unit + 32) : raw;
        if (cur.kind !== "word") cur.original += raw;
        cur.end = pos;
        atSentenceStart = false;
        prevChar = raw;
        continue;
      }
    }
    const ch = pos - at === 2 ? text.slice(at, pos) : text[at];
    const f = fold(ch);
    if (f === "") continue; // invisible: neither a letter nor a break
    const next = text[pos] ?? "";
    const code0 = ch.charCodeAt(0);
    if (code0 >= 0x2190 && EMOJI.test(ch)) {
      flush();
      const e = open(at, "emoji");
      e.text = EMOJI_WORDS.get(ch) ?? "emoji";
      e.original = ch;
      e.end = offset;
      raws.push(e);
      prevChar = ch;
      continue;
    }
    if (QUOTES.has(ch) || (SINGLE_QUOTES.has(ch) && !(/\p{L}/u.test(prevChar) && /\p{L}/u.test(next)))) {
      flush();
      quoted =
        ch === "\u201C" || ch === "\u00AB" || ch === "\u201E" || ch === "\u2018"
          ? true
          : ch === "\u201D" || ch === "\u00BB"
            ? false
            : !quoted;
      prevChar = ch;
      continue;
    }
    prevChar = ch;
    if ((ch === "#" || ch === "@") && !cur && next && isAlnum(fold(next))) {
      cur = open(at, ch === "#" ? "hashtag" : "mention");
      cur.end = at + 1;
      continue;
    }
    const c: Raw | null = cur;
    if (c && c.kind === "word" && c.text && (ch === "@" || ch === "$") && next && /\p{L}/u.test(next)) {
      c.text += LEET[ch];
      c.original += ch;
      c.end = offset;
      continue;
    }
    if (isAlnum(f) || (c && c.kind !== "word" && ch === "_")) {
      if (!cur) cur = open(at, "word");
      const code = ch.charCodeAt(0);
      const up = code < 128 ? isUpperAscii(code) : UPPER.test(ch);
      const low = code < 128 ? isLowerAscii(code) : LOWER.test(ch);
      if (cur.text === "") cur.firstUpper = up;
      if (up) cur.upper++;
      if (low) cur.lower++;
      cur.text += ch === "_" ? "_" : f;
      cur.original += ch;
      cur.end = offset;
      atSentenceStart = false;
      continue;
    }
    flush();
    if ((ch === "." && !(next && isAlnum(fold(next)))) || ch === "!" || ch === "?" || ch === ":" || ch === "\n") {
      if (!atSentenceStart) {
        sentence++;
        clause++;
      }
      atSentenceStart = true;
      if (ch === "\n" && quoted && next === "\n") quoted = false;
    } else if (ch === "," || ch === ";" || ch === "(" || ch === ")" || ch === "\u2014" || ch === "\u2013") clause++;
  }
  flush();
  return raws;
}

/** Splits a hashtag body at camel case and letter/digit changes, keeping offsets. */
function camelParts(raw: Raw): { text: string; start: number; end: number }[] {
  const parts: { text: string; start: number; end: number }[] = [];
  const chars = Array.from(raw.original);
  let pos = raw.start + 1; // after '#'
  let cur = { text: "", start: pos, end: pos };
  let prev = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const next = chars[i + 1] ?? "";
    const boundary =
      ch === "_" ||
      (prev && UPPER.test(ch) && /\p{Ll}/u.test(prev)) ||
      (prev && UPPER.test(ch) && UPPER.test(prev) && /\p{Ll}/u.test(next)) ||
      (prev && /\p{N}/u.test(ch) !== /\p{N}/u.test(prev));
    if (boundary && cur.text) {
      parts.push(cur);
      cur = { text: "", start: pos, end: pos };
    }
    if (ch !== "_") {
      cur.text += fold(ch);
      cur.end = pos + ch.length;
    } else cur.start = pos + 1;
    pos += ch.length;
    prev = ch;
  }
  if (cur.text) parts.push(cur);
  return parts;
}

function deLeet(word: string): string {
  let digit = false;
  for (let i = 0; i < word.length && !digit; i++) {
    const c = word.charCodeAt(i);
    digit = c >= 48 && c <= 57;
  }
  if (!digit || !/\p{L}/u.test(word)) return word;
  return word.replace(/[0134578]/g, (d) => LEET[d]);
}

// "shouldn't" arrives as "shouldn" + "t"; "dont" as one word.
// Lookups as Maps, so a word like "constructor" is just a word.
const asMap = (o: Record<string, string>) => new Map(Object.entries(o));
const NEGATED = asMap({
  don: "do",
  doesn: "does",
  didn: "did",
  isn: "is",
  aren: "are",
  wasn: "was",
  weren: "were",
  haven: "have",
  hasn: "has",
  hadn: "had",
  won: "will",
  wouldn: "would",
  shouldn: "should",
  couldn: "could",
  can: "can",
  ca: "can",
  mustn: "must",
  needn: "need",
  ain: "is",
  mightn: "might",
});
const JOINED = asMap({
  dont: "do",
  doesnt: "does",
  didnt: "did",
  isnt: "is",
  arent: "are",
  wasnt: "was",
  werent: "were",
  havent: "have",
  hasnt: "has",
  cant: "can",
  cannot: "can",
  wouldnt: "would",
  shouldnt: "should",
  couldnt: "could",
  mustnt: "must",
  aint: "is",
});
const CLITIC = asMap({ re: "are", ve: "have", ll: "will", m: "am", d: "would" });
const SHORTHAND = asMap({
  h8: "hate",
  shud: "should",
  shld: "should",
  cud: "could",
  wud: "would",
  h8te: "hate",
  "2day": "today",
  gr8: "great",
  u: "you",
  ur: "your",
  r: "are",
  ppl: "people",
  pls: "please",
  plz: "please",
  coz: "because",
  cuz: "because",
  thru: "through",
  wiv: "with",
  da: "the",
  dem: "them",
  dey: "they",
});
const APOSTROPHE = /^['\u2019]$/;

function make(r: Raw, norm: string, start = r.start, end = r.end, kind: Token["kind"] = r.kind): Token {
  return {
    norm,
    lemma: kind === "mention" ? norm : lemma(norm),
    start,
    end,
    kind,
    sentence: r.sentence,
    clause: r.clause,
    quoted: r.quoted,
    capitalised: r.firstUpper,
    shouted: r.upper >= 2 && r.lower === 0,
    sentenceStart: r.sentenceStart,
    // Present from the start (not added later) so that every token has one shape: V8 then compiles the
    // rules' token reads for one shape, rather than falling back to slow lookups in some isolates.
    mask: undefined,
    tag: undefined,
  };
}

export function tokenize(text: string): Token[] {
  const raws = scan(text);
  const out: Token[] = [];
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    // Join runs of three or more single letters separated by a little punctuation or space.
    if (r.kind === "word" && r.text.length === 1 && /\p{L}/u.test(r.text)) {
      let j = i;
      const sep = raws[i + 1] ? text.slice(r.end, raws[i + 1].start) : "";
      while (
        j + 1 < raws.length &&
        raws[j + 1].kind === "word" &&
        raws[j + 1].text.length === 1 &&
        /^[\s.\-_*·•,|/]{1,3}$/.test(text.slice(raws[j].end, raws[j + 1].start)) &&
        (text.slice(raws[j].end, raws[j + 1].start) === sep || !/\s/.test(text.slice(raws[j].end, raws[j + 1].start)))
      )
        j++;
      if (j - i >= 2) {
        const joined = raws
          .slice(i, j + 1)
          .map((x) => x.text)
          .join("");
        out.push({ ...make(r, deLeet(joined), r.start, raws[j].end), shouted: false });
        i = j;
        continue;
      }
    }
    if (r.kind === "hashtag") {
      const whole = r.text.replace(/_/g, "");
      const tag = { body: whole, start: r.start, end: r.end };
      for (const p of camelParts(r))
        out.push({ ...make(r, deLeet(p.text), p.start, p.end), tag, capitalised: true, sentenceStart: false });
      continue;
    }
    if (r.kind === "emoji" || r.kind === "mention") {
      out.push(make(r, r.text));
      continue;
    }
    const next = raws[i + 1];
    // Contractions: "shouldn't", "they're", "I'll"
    if (next && next.kind === "word" && next.start - r.end === 1 && APOSTROPHE.test(text[r.end])) {
      if (next.text === "t" && r.text.endsWith("n")) {
        out.push(make(r, NEGATED.get(r.text) ?? r.text.slice(0, -1)));
        out.push(make(r, "not", next.start - 2, next.end));
        i++;
        continue;
      }
      const clitic = CLITIC.get(next.text);
      if (clitic) {
        out.push(make(r, r.text));
        out.push(make(next, clitic));
        i++;
        continue;
      }
    }
    // "re-elect", "re-open": the prefix joins its word, so it is not read as "re" for "are" ("was elected")
    if (r.text === "re" && next?.kind === "word" && next.start - r.end === 1 && text[r.end] === "-") {
      out.push(make(r, deLeet(`re${next.text}`), r.start, next.end));
      i++;
      continue;
    }
    const joined = JOINED.get(r.text);
    if (joined) {
      out.push(make(r, joined));
      out.push(make(r, "not"));
      continue;
    }
    let norm = SHORTHAND.has(r.text) && /\d/.test(r.text) ? SHORTHAND.get(r.text)! : deLeet(r.text);
    const short = SHORTHAND.get(norm);
    if (short && r.text === norm) norm = short;
    // "vote 4 X", "go 2 …": a lone digit between words stands for a word
    if (
      (norm === "4" || norm === "2") &&
      out.length &&
      next?.kind === "word" &&
      /[a-z]$/.test(out[out.length - 1].norm)
    )
      norm = norm === "4" ? "for" : "to";
    out.push(make(r, norm));
  }
  return out;
}

/** Lexicon entries are tokenized the same way, so "Women's Equality Party" matches as typed. */
export function phraseTokens(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.lemma);
}
