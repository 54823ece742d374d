// Words masked with a symbol inside them ("sc*m", "Wom*n", "sc.um", "Mus-lims"): the tokenizer splits
// them at the symbol, so the parts are joined back where the result is a word the abuse lexicon knows
// (a group, a predicate, a slur, a hostile word). A joined word keeps the offsets of all its parts, so a
// finding still points at what was written. Ordinary hyphenated and dotted words ("drop-in", "co-op",
// "e.g.") join to nothing the lexicon knows and are left as they are.
import { lemma } from "./lemma";
import type { CompiledLanguage } from "./lexicon";
import type { Token } from "./tokenize";

/**
 * What may stand between the parts: one to three dots, dashes or underscores, or a run of up to six masking
 * symbols, each hiding a letter ("n*****s" hides five).
 */
const GAP_CHARS = new Set([..."*#%.-_~"].map((c) => c.charCodeAt(0)));
const MASK_CHARS = new Set([..."*#%"].map((c) => c.charCodeAt(0)));
function isGap(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 6) return false;
  let masks = true;
  for (let k = from; k < to; k++) {
    if (!GAP_CHARS.has(text.charCodeAt(k))) return false;
    if (!MASK_CHARS.has(text.charCodeAt(k))) masks = false;
  }
  return masks || to - from <= 3;
}
const HIDES = /[*#%]/;

function resolve(parts: string[], gaps: string[], lang: CompiledLanguage): string | undefined {
  let letters = 0;
  for (const p of parts) letters += p.length;
  if (letters > 24) return undefined; // longer than any word it could hide
  if (!gaps.some((g) => HIDES.test(g))) {
    const joined = parts.join("");
    return lang.vocabulary.has(joined) ? joined : undefined;
  }
  // Each run of masking symbols hides one or more letters ("f**k", "sc*m"); a dot or dash hides none.
  let source = "^";
  parts.forEach((p, i) => {
    source += p.replace(/[^a-z0-9]/g, "");
    const gap = gaps[i];
    if (gap !== undefined) source += HIDES.test(gap) ? `[a-z]{1,${gap.length + 1}}` : "";
  });
  const pattern = new RegExp(`${source}$`);
  const found = lang.vocabularyByInitial.get(parts[0][0])?.filter((w) => pattern.test(w));
  if (!found?.length) return undefined;
  // one letter per symbol first: "n*****s" is a seven-letter word, not the first that fits
  let hidden = 0;
  for (const g of gaps) if (HIDES.test(g)) hidden += g.length;
  const sized = found.filter((w) => w.length === letters + hidden);
  const pool = sized.length ? sized : found;
  // a masked word is masked because it is offensive: a slur before another word of the same shape
  return pool.find((w) => lang.slurs.has(w)) ?? pool[0];
}

/** The tokens with masked words joined back; the same array when nothing was masked. */
export function unmask(tokens: Token[], text: string, lang: CompiledLanguage): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let j = i;
    const gaps: string[] = [];
    while (j + 1 < tokens.length && j - i < 3) {
      const a = tokens[j];
      const b = tokens[j + 1];
      if (a.kind !== "word" || b.kind !== "word") break;
      if (!isGap(text, a.end, b.start)) break;
      gaps.push(text.slice(a.end, b.start));
      j++;
    }
    let joined: string | undefined;
    // The longest run that makes a known word
    for (; j > i && !joined; j--) {
      joined = resolve(
        // a single letter as written: "U" in "U.K." is not the shorthand "you"
        tokens.slice(i, j + 1).map((x) => (x.end - x.start === 1 ? text[x.start].toLowerCase() : x.norm)),
        gaps.slice(0, j - i),
        lang,
      );
      if (joined) break;
    }
    if (!joined || j === i) {
      out?.push(t);
      continue;
    }
    out ??= tokens.slice(0, i);
    out.push({ ...t, norm: joined, lemma: lemma(joined), end: tokens[j].end, shouted: false });
    i = j;
  }
  return out ?? tokens;
}
