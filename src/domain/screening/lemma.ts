// A small English lemmatiser: inflections back to one form, the same function for the post and for the
// lexicon, so "bitches", "deported" and "hating" meet "bitch", "deport" and "hate". It follows the
// first step of Porter's stemmer (plural -s/-es/-ies, -ed/-ing with the silent e restored, doubled
// consonants undone, final y → i) plus the irregular plurals the lexicons need.

const IRREGULAR: Record<string, string> = {
  women: "woman",
  men: "man",
  children: "child",
  wives: "wife",
  thieves: "thief",
  knives: "knife",
  lives: "life",
  mice: "mouse",
  feet: "foot",
  teeth: "tooth",
  geese: "goose",
  leaves: "leaf",
  halves: "half",
  selves: "self",
  was: "be",
  were: "be",
  is: "be",
  are: "be",
  am: "be",
  been: "be",
  being: "be",
  "'re": "be",
  re: "be",
  r: "be",
  has: "have",
  had: "have",
  does: "do",
  did: "do",
  done: "do",
  went: "go",
  gone: "go",
  sent: "send",
  thrown: "throw",
  threw: "throw",
  shot: "shoot",
  hung: "hang",
  burnt: "burn",
  beaten: "beat",
  kept: "keep",
  got: "get",
  gotten: "get",
  made: "make",
  brought: "bring",
  said: "say",
  told: "tell",
  wrote: "write",
  written: "write",
  stole: "steal",
  stolen: "steal",
  bred: "breed",
  fed: "feed",
  ran: "run",
  dies: "die",
  died: "die",
  lies: "lie",
  lied: "lie",
  news: "news",
  gassed: "gas",
  gassing: "gas",
  always: "always",
  this: "this",
  his: "his",
  its: "its",
  us: "us",
  gas: "gas",
  bus: "bus",
  plus: "plus",
  yes: "yes",
  less: "less",
  class: "class",
};

const VOWEL = /[aeiouy]/;
const isVowel = (c: string) => c === "a" || c === "e" || c === "i" || c === "o" || c === "u";

function hasVowel(s: string): boolean {
  return VOWEL.test(s);
}

/** Consonant–vowel–consonant at the end, the last not w, x or y ("hop", "ban"): the e was silent. */
function cvc(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  const a = s[n - 3];
  const b = s[n - 2];
  const c = s[n - 1];
  return !isVowel(a) && isVowel(b) && !isVowel(c) && c !== "w" && c !== "x" && c !== "y";
}

// Words repeat: each is worked out once per isolate (bounded, so a flood of unique strings cannot grow it).
const cache = new Map<string, string>();

export function lemma(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const out = lemmaOf(word);
  if (cache.size > 50_000) cache.clear();
  cache.set(word, out);
  return out;
}

function lemmaOf(word: string): string {
  const w = word;
  if (w.length <= 2) return IRREGULAR[w] ?? w;
  const irr = IRREGULAR[w];
  if (irr) return irr;
  // a plural written with z ("seekerz", "pensionerz")
  let s = w.length > 4 && /[rnlmdk]z$/.test(w) ? `${w.slice(0, -1)}s` : w;
  // 1a: plurals and third person
  if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith("ies")) s = s.slice(0, -1);
  else if (/(ch|sh|x|zz)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is") && s.length > 3)
    s = s.slice(0, -1);
  // 1b: past and continuous
  let stripped = "";
  if (s.endsWith("eed")) {
    if (s.length > 4) s = s.slice(0, -1);
  } else if (s.endsWith("ed") && s.length > 4 && hasVowel(s.slice(0, -2))) stripped = s.slice(0, -2);
  else if (s.endsWith("ing") && s.length > 5 && hasVowel(s.slice(0, -3))) stripped = s.slice(0, -3);
  if (stripped) {
    s = stripped;
    if (/(at|bl|iz|ag|ar|as|os|ov|uc|ok)$/.test(s) && s.length <= 5) s += "e";
    else if (/([^aeiouslz])\1$/.test(s)) s = s.slice(0, -1);
    else if (s.length === 3 && cvc(s)) s += "e";
  }
  // 1c: final y → i after a consonant, so "gypsy" and "gypsies" meet
  if (s.length > 3 && s.endsWith("y") && !isVowel(s[s.length - 2])) s = `${s.slice(0, -1)}i`;
  // a silent final e, so "despise" and "despised" meet
  if (s.length > 4 && s.endsWith("e") && !s.endsWith("ee")) s = s.slice(0, -1);
  return s;
}
