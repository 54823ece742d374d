import type { Match, PhraseIndex } from "./lexicon";
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
