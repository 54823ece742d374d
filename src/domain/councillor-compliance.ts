// The policy's requirements for a councillor's own account (checked when registered and on each
// change). Each finding names its clause. Wordings are matched as councillors actually write them.
import { foldText } from "./text";

export type FindingStatus = "pass" | "fail" | "waived" | "advice" | "not_applicable";

export interface ComplianceFinding {
  rule: "identifies_as_councillor" | "views_own" | "not_anonymous" | "logo_use" | "account_kind";
  clause: string;
  status: FindingStatus;
  message: string;
}

export interface ComplianceResult {
  compliant: boolean;
  findings: ComplianceFinding[];
}

export interface ComplianceInput {
  councillorName: string;
  platform: string;
  kind: string;
  handle: string;
  displayName: string | null;
  bio: string;
  usesLogo: boolean;
  /** An approved logo-use request covering this account today (policy 5.3). */
  logoApproved: boolean;
  /** An approved security exemption (policy 5.5). */
  securityExemption: boolean;
}

const IDENTIFIES = [
  /\bcllrs?\b\.?/,
  /\bcouncill?or\b/,
  /\b(borough|county|district|city|town|parish|ward|division|unitary)\s+councill?or\b/,
  /\b(elected\s+)?(ward|division|local)\s+member\s+for\b/,
  /\belected\s+(member|representative)\b/,
  /\brepresent(s|ing)?\s+[\w' -]{1,40}\s+(ward|division)\b/,
];

const VIEWS_OWN = [
  /\bviews?\s+(are\s+|expressed\s+(here\s+)?(are\s+)?)?(my|mine|all\s+my|entirely\s+my)\s*own\b/,
  /\b(my\s+)?own\s+views\b/,
  /\bviews?\s+(expressed\s+)?(are\s+)?mine\b/,
  /\bpersonal\s+(views?|opinions?|account|capacity)\b/,
  /\bopinions?\s+(are\s+|expressed\s+are\s+)?(my|mine)\s*(own)?\b/,
  /\b(rts?|retweets?|reposts?|shares?|likes?)\s*(≠|!=|=\/=|are\s+not|aren't|do\s+not\s+(equal|mean)|don't\s+(equal|mean)|not)\s*(=\s*)?endorse(ments?|ment)?\b/,
  /\bnot\s+(necessarily\s+)?(the\s+)?(views?|opinions?|position)\s+of\s+(the\s+|[\w' -]{1,40}\s+)?council\b/,
  /\bdo(es)?\s+not\s+(necessarily\s+)?(represent|reflect)\s+(the\s+)?(views?\s+of\s+)?(the\s+|[\w' -]{1,40}\s+)?council\b/,
  /\bspeaking\s+personally\b/,
];

function anyMatch(patterns: RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

/** The councillor's surname (ignoring titles), the least a profile must carry to not be anonymous. */
function surname(name: string): string | null {
  const words = foldText(name)
    .replace(/\b(cllr|councill?or|mr|mrs|ms|miss|mx|dr|prof)\b\.?/g, " ")
    .split(/[^\p{L}'-]+/u)
    .filter((w) => w.length > 1);
  return words.at(-1) ?? null;
}

export function checkCouncillorAccount(input: ComplianceInput): ComplianceResult {
  const profile = foldText([input.displayName ?? "", input.bio].join("\n"));
  const findings: ComplianceFinding[] = [];
  const identifies = anyMatch(IDENTIFIES, profile);

  if (input.securityExemption) {
    findings.push({
      rule: "identifies_as_councillor",
      clause: "policy 5.5, 6.1",
      status: "waived",
      message:
        "Not identifying as a councillor is agreed for personal security, after consulting the ICT Manager (5.5).",
    });
  } else {
    findings.push(
      identifies
        ? {
            rule: "identifies_as_councillor",
            clause: "policy 6.1",
            status: "pass",
            message: "The profile identifies the holder as a councillor.",
          }
        : {
            rule: "identifies_as_councillor",
            clause: "policy 6.1",
            status: "fail",
            message:
              "Say in the profile that you are a councillor (e.g. 'Cllr' or 'Councillor for Riverside ward') (6.1).",
          },
    );
  }

  if (!identifies) {
    findings.push({
      rule: "views_own",
      clause: "policy 5.2",
      status: "not_applicable",
      message: "Applies once the profile identifies the holder as a councillor (5.2).",
    });
  } else {
    findings.push(
      anyMatch(VIEWS_OWN, profile)
        ? {
            rule: "views_own",
            clause: "policy 5.2",
            status: "pass",
            message: "The profile says the views are the councillor's own.",
          }
        : {
            rule: "views_own",
            clause: "policy 5.2",
            status: "fail",
            message:
              "Add that the views are your own and may not represent the council's, e.g. 'Views my own, not the council's' (5.2).",
          },
    );
  }

  const name = surname(input.councillorName);
  const named = name !== null && (profile.includes(name) || foldText(input.handle).includes(name));
  if (input.securityExemption) {
    findings.push({
      rule: "not_anonymous",
      clause: "policy 5.5, 6.1",
      status: "waived",
      message: "Covered by the agreed security exemption (5.5).",
    });
  } else {
    findings.push(
      named
        ? {
            rule: "not_anonymous",
            clause: "policy 6.1",
            status: "pass",
            message: "The account carries the councillor's name.",
          }
        : {
            rule: "not_anonymous",
            clause: "policy 6.1",
            status: "fail",
            message:
              "Use your own name on the account: councillors must not comment anonymously or under a pseudonym (6.1).",
          },
    );
  }

  if (input.usesLogo) {
    findings.push(
      input.logoApproved
        ? {
            rule: "logo_use",
            clause: "policy 5.3",
            status: "pass",
            message: "The council logo is used under an approved logo-use request.",
          }
        : {
            rule: "logo_use",
            clause: "policy 5.3, 5.4",
            status: "fail",
            message:
              "The council logo may be used only after the Chief Executive approves a logo-use request for this account (5.3).",
          },
    );
  }

  if (input.platform === "facebook" && input.kind === "personal_profile") {
    findings.push({
      rule: "account_kind",
      clause: "policy 4.1",
      status: "advice",
      message: "For official use, a Facebook Page keeps personal life and the councillor role apart (4.1).",
    });
  }

  return { compliant: findings.every((f) => f.status !== "fail"), findings };
}
