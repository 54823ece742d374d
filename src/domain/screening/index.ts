// The screening engine: a post against the policy and the law, as plain data in and out (no I/O).
import { abuseFindings } from "./abuse";
import { confidential, copyrightCredits, logoUse, namedPeople, personalCampaign } from "./content";
import { findPersonalData } from "./personal-data";
import { PhraseIndex } from "./lexicon";
import { politicsFindings } from "./politics";
import { finding, phraseFindings, spanOf, type Scan } from "./rules";
import { preElection } from "./purdah-rules";
import { tokenize } from "./tokenize";
import { unmask } from "./unmask";
import type { Finding, ScreeningContext, ScreeningInput, ScreeningResult, Verdict } from "./types";

export * from "./types";
export { compileLexicon, type Lexicon, type CompiledLexicon, type Language, type Party } from "./lexicon";
export { BUNDLED_LEXICON } from "./bundled";
export type { OwnContacts } from "./personal-data";
export { type AiBinding, withSecondOpinion } from "./second-opinion";

const officerIndexes = new WeakMap<string[], PhraseIndex<string>>();

function namedThirdParties(scan: Scan, input: ScreeningInput, ctx: ScreeningContext): Finding[] {
  let officers = officerIndexes.get(ctx.officers);
  if (!officers) {
    officers = new PhraseIndex<string>();
    for (const name of ctx.officers) officers.add(name, name);
    officerIndexes.set(ctx.officers, officers);
  }
  const consented = new Set((input.consents ?? []).map((c) => c.toLowerCase().trim()));
  return [
    ...ctx.lexicon.thirdParties.find(scan.tokens).map((m) => ({ m, who: "a partner or supplier" })),
    ...officers.find(scan.tokens).map((m) => ({ m, who: "a council officer" })),
  ]
    .filter(({ m }) => !consented.has(m.value.toLowerCase()))
    .map(({ m, who }) =>
      finding(
        scan,
        "named_third_party",
        "review",
        `Names ${who} (${m.value}) with no written consent on record (8.2).`,
        ...spanOf(scan, m),
      ),
    );
}

function media(scan: Scan, input: ScreeningInput, ctx: ScreeningContext): Finding[] {
  const out: Finding[] = [];
  (input.media ?? []).forEach((item, i) => {
    const label = item.description ? `Media ${i + 1} (${item.description})` : `Media ${i + 1}`;
    if (!item.rights)
      out.push(
        finding(
          scan,
          "copyright",
          "block",
          `${label} has no rights declaration: say who holds the copyright (8.6).`,
          0,
          0,
          true,
        ),
      );
    else if (
      (item.rights === "third_party_with_permission" || item.rights === "creative_commons") &&
      !item.attributionUrl
    ) {
      out.push(
        finding(
          scan,
          "copyright",
          "review",
          `${label} is third-party content without an attribution link to its source (8.6).`,
          0,
          0,
        ),
      );
    }
    if (item.containsCouncilLogo && ctx.account.kind !== "corporate" && !ctx.logoApproved) {
      out.push(
        finding(
          scan,
          "logo",
          "block",
          `${label} shows the council logo on an account without an approved logo-use request (5.3).`,
          0,
          0,
          true,
        ),
      );
    }
  });
  return out;
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === "block")) return "block";
  if (findings.some((f) => f.severity === "review")) return "review";
  return "pass";
}

export function screen(input: ScreeningInput, ctx: ScreeningContext): ScreeningResult {
  const text = input.text;
  const lex = ctx.lexicon;
  const scan: Scan = { text, tokens: unmask(tokenize(text), text, lex.language) };
  lex.masks?.mark(scan.tokens);
  const corporate = ctx.account.kind === "corporate";
  const consented = new Set((input.consents ?? []).map((c) => c.toLowerCase().trim()));
  const councillorSurnames = new Set(ctx.people.map((p) => p.name.trim().split(/\s+/).pop()!.toLowerCase()));
  const findings: Finding[] = [
    ...(corporate ? politicsFindings(scan.tokens, text, lex) : []),
    ...(corporate ? personalCampaign(scan.tokens, text, lex) : []),
    ...preElection(scan, input, ctx),
    ...abuseFindings(scan.tokens, text, lex.language),
    ...phraseFindings(
      scan,
      lex.abusive,
      "abusive",
      "block",
      (p) => `Abusive, offensive or discriminatory language ("${p}") (policy 5.7, 5.8, 10.1, 10.5).`,
    ).map((f) => {
      // In quotation marks ("'Go back to where you came from' is racist abuse"): repeated, perhaps to condemn it
      const quoted = scan.tokens.some((t) => t.start >= f.start && t.end <= f.end && t.quoted);
      return quoted
        ? {
            ...f,
            severity: "review" as const,
            message: `${f.message} It is in quotation marks, perhaps repeated to condemn it: a person decides.`,
            overridable: true,
          }
        : { ...f, overridable: true };
    }),
    ...confidential(scan.tokens, text, lex),
    ...findPersonalData(text, ctx.ownContacts).map((h) =>
      finding(
        scan,
        "personal_data",
        "review",
        `Contains ${h.kind}: handle personal data under the council's data protection policies (8.3). If it is the council's own published contact, record it in the council settings.`,
        h.start,
        h.end,
        true,
      ),
    ),
    ...namedThirdParties(scan, input, ctx),
    ...namedPeople(text, consented, councillorSurnames),
    ...copyrightCredits(text, ctx.councilName ?? null),
    ...logoUse(text, ctx.account.kind),
    ...media(scan, input, ctx),
  ];
  if (input.essential?.reason) {
    findings.push(
      finding(
        scan,
        "pre_election_period",
        "info",
        `Marked by the submitter as essential public information: ${input.essential.reason}`,
        0,
        0,
        false,
      ),
    );
  }
  const deduped = dedupe(findings);
  deduped.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return { verdict: verdictOf(deduped), findings: deduped, lexiconVersion: lex.source.version };
}

/** One finding per rule and span: the most severe. */
function dedupe(findings: Finding[]): Finding[] {
  const rank = { block: 2, review: 1, info: 0 } as const;
  const out: Finding[] = [];
  const at = new Map<string, number>();
  for (const f of findings) {
    const key = f.end > f.start ? `${f.rule}:${f.start}:${f.end}` : `${f.rule}:${f.message}`;
    const same = at.get(key);
    if (same === undefined) {
      at.set(key, out.length);
      out.push(f);
    } else if (rank[f.severity] > rank[out[same].severity]) out[same] = f;
  }
  return out;
}
