import type { CompiledLexicon, Match, PhraseIndex } from "./lexicon";
import type { Token } from "./tokenize";
import { CLAUSES, type Finding, type Rule, type Severity } from "./types";

export interface Scan {
  text: string;
  tokens: Token[];
}

export function finding(
  scan: Scan,
  rule: Rule,
  severity: Severity,
  message: string,
  start: number,
  end: number,
  overridable = false,
): Finding {
  return {
    rule,
    clause: CLAUSES[rule],
    severity,
    message,
    excerpt: scan.text.slice(start, end),
    start,
    end,
    overridable,
  };
}

export function spanOf(scan: Scan, m: Match<unknown>): [number, number] {
  return [scan.tokens[m.from].start, scan.tokens[m.to].end];
}

export function phraseFindings(
  scan: Scan,
  index: PhraseIndex<string>,
  rule: Rule,
  severity: Severity,
  message: (p: string) => string,
): Finding[] {
  return index.find(scan.tokens).map((m) => finding(scan, rule, severity, message(m.value), ...spanOf(scan, m)));
}

const STRONG_BEFORE = new Set(["vote", "voting", "voted", "elect", "reelect", "back", "backing"]);
const PARTY_AFTER = new Set([
  "party",
  "group",
  "councillor",
  "councillors",
  "candidate",
  "candidates",
  "mp",
  "mps",
  "government",
  "administration",
  "leader",
  "manifesto",
  "campaign",
  "campaigners",
  "activists",
  "members",
  "s",
]);

/**
 * Whether an ambiguous party name ("Labour", "Green", "Reform") is used as a party here rather than as
 * an ordinary word ("labour market", "green spaces", "reform of bin collections").
 */
function politicalUse(scan: Scan, i: number, lex: CompiledLexicon): boolean {
  const t = scan.tokens[i];
  const prev = scan.tokens[i - 1];
  const next = scan.tokens[i + 1];
  const adjacent = (x: Token | undefined) =>
    x && x.start - (t.start > x.start ? x.end : t.end) <= 3 && Math.abs(x.start - t.start) < 40;
  if (next && adjacent(next) && lex.collocations.has(next.norm)) return false;
  if (prev && adjacent(prev) && STRONG_BEFORE.has(prev.norm)) return true;
  if (next && adjacent(next) && PARTY_AFTER.has(next.norm)) return true;
  if (!t.capitalised) return false;
  if ((!t.sentenceStart || t.shouted) && t.kind === "word") return true;
  for (let k = Math.max(0, i - 4); k <= Math.min(scan.tokens.length - 1, i + 4); k++)
    if (k !== i && lex.cues.has(scan.tokens[k].norm)) return true;
  return false;
}

export function partyPolitical(scan: Scan, lex: CompiledLexicon): Finding[] {
  const out: Finding[] = [];
  const msg = (what: string) =>
    `${what}: a council account must not publish material that appears designed to affect support for a political party (10.3; LGA 1986 s.2).`;
  const covered = new Set<number>();
  for (const m of lex.partyNames.find(scan.tokens)) {
    for (let k = m.from; k <= m.to; k++) covered.add(k);
    out.push(finding(scan, "party_political", "block", msg(`Names the ${m.value.name}`), ...spanOf(scan, m)));
  }
  scan.tokens.forEach((t, i) => {
    if (covered.has(i)) return;
    const party = lex.ambiguousParty.get(t.norm);
    if (party && politicalUse(scan, i, lex))
      out.push(finding(scan, "party_political", "block", msg(`Refers to the ${party.name}`), t.start, t.end));
    if (t.kind === "mention" && lex.partyHandles.has(t.norm))
      out.push(
        finding(
          scan,
          "party_political",
          "block",
          msg(`Mentions the ${lex.partyHandles.get(t.norm)!.name}'s account`),
          t.start,
          t.end,
        ),
      );
  });
  const tags = new Map(scan.tokens.filter((t) => t.tag).map((t) => [t.tag!.start, t.tag!]));
  for (const tag of tags.values()) {
    const party =
      lex.partyHashtags.get(tag.body) ??
      (tag.body.startsWith("vote") ? lex.ambiguousParty.get(tag.body.slice(4)) : undefined);
    if (party && !out.some((f) => f.start < tag.end && tag.start < f.end))
      out.push(
        finding(scan, "party_political", "block", msg(`Uses a ${party.name} campaign hashtag`), tag.start, tag.end),
      );
  }
  out.push(
    ...phraseFindings(scan, lex.politicalPhrases, "party_political", "block", (p) => msg(`Campaign language ("${p}")`)),
  );
  return out;
}
