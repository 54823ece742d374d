// The screening engine: a post against the policy and the law, as plain data in and out (no I/O).
import { findPersonalData } from "./personal-data";
import { PhraseIndex } from "./lexicon";
import { finding, partyPolitical, phraseFindings, spanOf, type Scan } from "./rules";
import { preElection } from "./purdah-rules";
import { tokenize } from "./tokenize";
import type { Finding, ScreeningContext, ScreeningInput, ScreeningResult, Verdict } from "./types";

export * from "./types";
export { compileLexicon, type Lexicon, type CompiledLexicon } from "./lexicon";

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
  const scan: Scan = { text: input.text, tokens: tokenize(input.text) };
  const lex = ctx.lexicon;
  const findings: Finding[] = [
    ...(ctx.account.kind === "corporate" ? partyPolitical(scan, lex) : []),
    ...(ctx.account.kind === "corporate"
      ? phraseFindings(
          scan,
          lex.personalCampaign,
          "personal_campaign",
          "block",
          (p) =>
            `Promotes a personal interest, business, petition or fundraising ("${p}") on a council account (10.4).`,
        )
      : []),
    ...preElection(scan, input, ctx),
    ...phraseFindings(
      scan,
      lex.abusive,
      "abusive",
      "block",
      () => "Abusive, offensive or discriminatory language (5.7, 5.8, 10.1, 10.5).",
    ),
    ...phraseFindings(
      scan,
      lex.confidential,
      "confidential",
      "block",
      (p) =>
        `Refers to confidential material ("${p}"): exempt reports, private meetings and Member Briefings are not published (8.1, 8.5).`,
    ),
    ...findPersonalData(input.text).map((h) =>
      finding(
        scan,
        "personal_data",
        "review",
        `Contains ${h.kind}: handle personal data under the council's data protection policies (8.3). If it is the council's own published contact, say so and approve.`,
        h.start,
        h.end,
      ),
    ),
    ...namedThirdParties(scan, input, ctx),
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
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  return { verdict: verdictOf(findings), findings, lexiconVersion: lex.source.version };
}
