import { phraseTokens, type Token } from "./tokenize";

export interface Party {
  name: string;
  aliases: string[];
  /** Names that are also ordinary words ("Labour", "Green", "Reform"): counted only in political context. */
  ambiguous: string[];
  hashtags: string[];
  handles: string[];
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
}

export interface Match<T> {
  from: number; // token index
  to: number; // inclusive
  value: T;
}

/** Phrases as token sequences, indexed by first token: one pass over the post finds them all. */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, { tokens: string[]; value: T }[]>();

  add(phrase: string, value: T): void {
    const tokens = phraseTokens(phrase);
    if (tokens.length === 0) return;
    const list = this.byFirst.get(tokens[0]) ?? [];
    list.push({ tokens, value });
    list.sort((a, b) => b.tokens.length - a.tokens.length); // longest first
    this.byFirst.set(tokens[0], list);
  }

  find(tokens: readonly Token[], usable: (t: Token) => boolean = () => true): Match<T>[] {
    const out: Match<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i].norm);
      if (!candidates || !usable(tokens[i])) continue;
      for (const c of candidates) {
        let ok = i + c.tokens.length <= tokens.length;
        for (let k = 1; ok && k < c.tokens.length; k++)
          ok = tokens[i + k].norm === c.tokens[k] && usable(tokens[i + k]);
        if (ok) {
          out.push({ from: i, to: i + c.tokens.length - 1, value: c.value });
          break;
        }
      }
    }
    return out;
  }
}

export interface CompiledLexicon {
  source: Lexicon;
  partyNames: PhraseIndex<Party>;
  ambiguousParty: Map<string, Party>;
  partyHashtags: Map<string, Party>;
  partyHandles: Map<string, Party>;
  cues: Set<string>;
  collocations: Set<string>;
  politicalPhrases: PhraseIndex<string>;
  personalCampaign: PhraseIndex<string>;
  abusive: PhraseIndex<string>;
  confidential: PhraseIndex<string>;
  controversial: PhraseIndex<string>;
  campaign: PhraseIndex<string>;
  essential: PhraseIndex<string>;
  thirdParties: PhraseIndex<string>;
}

const squash = (s: string) => phraseTokens(s).join("");

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const index = (phrases: string[]) => {
    const idx = new PhraseIndex<string>();
    for (const p of phrases) idx.add(p, p);
    return idx;
  };
  const partyNames = new PhraseIndex<Party>();
  const ambiguousParty = new Map<string, Party>();
  const partyHashtags = new Map<string, Party>();
  const partyHandles = new Map<string, Party>();
  for (const party of lexicon.parties) {
    for (const alias of [party.name, ...party.aliases]) partyNames.add(alias, party);
    for (const a of party.ambiguous) ambiguousParty.set(squash(a), party);
    for (const h of party.hashtags) partyHashtags.set(squash(h), party);
    for (const h of party.handles) partyHandles.set(h.replace(/^@/, "").toLowerCase(), party);
  }
  return {
    source: lexicon,
    partyNames,
    ambiguousParty,
    partyHashtags,
    partyHandles,
    cues: new Set(lexicon.politicalCues.map(squash)),
    collocations: new Set(lexicon.commonCollocations.map(squash)),
    politicalPhrases: index(lexicon.politicalPhrases),
    personalCampaign: index(lexicon.personalCampaign),
    abusive: index(lexicon.abusive),
    confidential: index(lexicon.confidential),
    controversial: index(lexicon.controversialTopics),
    campaign: index(lexicon.campaignTerms),
    essential: index(lexicon.essentialTerms),
    thirdParties: index(lexicon.thirdParties),
  };
}
