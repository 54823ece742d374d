import type { PurdahWindow } from "../purdah";
import type { CompiledLexicon } from "./lexicon";
import type { OwnContacts } from "./personal-data";

export type Verdict = "pass" | "review" | "block";
export type Severity = "block" | "review" | "info";

export type Rule =
  | "party_political"
  | "personal_campaign"
  | "pre_election_period"
  | "abusive"
  | "confidential"
  | "personal_data"
  | "named_third_party"
  | "copyright"
  | "logo"
  | "second_opinion";

export interface Finding {
  rule: Rule;
  clause: string;
  severity: Severity;
  message: string;
  excerpt: string;
  start: number;
  end: number;
  /**
   * Whether the monitoring officer may send this block to review with a recorded reason. Every block
   * may be, except explicit party support or attack (policy 10.3; LGA 1986 s.2).
   */
  overridable: boolean;
}

export interface MediaItem {
  description?: string;
  /** Who holds the rights: none declared blocks (policy 8.6). */
  rights?: "council_owned" | "licensed" | "third_party_with_permission" | "creative_commons" | null;
  attributionUrl?: string | null;
  /** People pictured, by name. */
  people?: string[];
  containsCouncilLogo?: boolean;
}

export interface ScreeningInput {
  text: string;
  links?: string[];
  media?: MediaItem[];
  /** Marked by the submitter: essential public information (emergency, disruption, statutory notice). */
  essential?: { reason: string } | null;
  /** A campaign or consultation recorded as planned on this date (before the election was called). */
  campaignPlannedOn?: string | null;
  /** Names whose written consent to be named is on record (policy 8.2). */
  consents?: string[];
}

export interface Person {
  name: string;
  role: "councillor" | "candidate";
  handles: string[];
  urls: string[];
}

export interface ScreeningContext {
  lexicon: CompiledLexicon;
  account: { kind: "corporate" | "councillor"; purdahBehaviour: "gate" | "pause" | "close" };
  /** Pre-election windows in force at the publication instant for the account's areas. */
  purdah: PurdahWindow[];
  people: Person[];
  /** Council officers, named only with consent (policy 8.2). */
  officers: string[];
  logoApproved: boolean;
  /** The council's own published phone numbers, e-mail addresses (or "@domain") and addresses (8.3). */
  ownContacts?: OwnContacts;
  councilName?: string;
}

export interface ScreeningResult {
  verdict: Verdict;
  findings: Finding[];
  lexiconVersion: number;
}

export const CLAUSES: Record<Rule, string> = {
  party_political: "policy 10.3; Local Government Act 1986 s.2",
  personal_campaign: "policy 10.4",
  pre_election_period:
    "Code of Recommended Practice on Local Authority Publicity 2011 (Local Government Act 1986 s.4); LGA pre-election guidance; policy 9.1, 9.2",
  abusive: "policy 5.7, 5.8, 10.1, 10.5; Equality Act 2010",
  confidential: "policy 8.1, 8.5",
  personal_data: "policy 8.3; UK GDPR",
  named_third_party: "policy 8.2",
  copyright: "policy 8.6",
  logo: "policy 5.3, 5.4",
  second_opinion: "policy 5.7, 5.8, 8, 10.1–10.5 (automated second opinion; a person decides)",
};
