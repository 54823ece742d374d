import givenNames from "../../../calendars/screening/given-names.json";
import { PhraseIndex } from "./lexicon";
import { finding, phraseFindings, spanOf, type Scan } from "./rules";
import type { Finding, Person, ScreeningContext, ScreeningInput } from "./types";
import { phraseTokens } from "./tokenize";

const NAME = "(?:[A-Z][a-z'-]+|[A-Z]\\.)(?:\\s+(?:[A-Z][a-z'-]+|[A-Z]\\.)){0,2}";
const OFFICE_NAMED = new RegExp(
  `\\b(?:Cllr\\.?|Councillor|Councilor|Cllrs\\.?|Councillors)\\s+${NAME}|\\b(?:[Ww]ard|[Cc]ounty|[Bb]orough|[Tt]own|[Pp]arish|[Dd]istrict|[Ll]ocal|[Cc]ity)\\s+[Cc]ouncill?ors?\\s+${NAME}|\\b[A-Z][a-z'-]+\\s+[A-Z][a-z'-]+\\s+(?:MP|MSP|MS|MLA|AM)\\b|\\b(?:[Cc]andidate|[Mm]ayor)\\s+(?!of\\b)${NAME}`,
  "g",
);
const OFFICE =
  /\b(?:(?:the\s+)?(?:council|deputy)\s+leader|leader of (?:the|[A-Z]\w+) (?:council|borough|county)|(?:the\s+)?leader'?s? (?:speech|statement|address|announcement|budget|vision|message)|cabinet members?(?:\s+for\s+[\w ]{3,30})?|portfolio holders?|(?:the\s+)?(?:elected\s+)?mayor'?s? (?:speech|statement|announcement|vision|pledge|plan|budget|message)|ward councill?ors?|local councill?ors?|your councill?ors?|our councill?ors?|(?:the\s+)?candidates? for\b)/gi;
const CONTROVERSIAL_DECISION =
  /\b(?:cabinet|council|committee|the leader|leader|administration|members|councillors)\s+(?:has\s+|have\s+)?(?:decided|agreed|approved|voted|resolved|confirmed|signed off|backed)\s+(?:plans?\s+|proposals?\s+)?to\s+(?:close|cut|shut|sell|scrap|withdraw|end|reduce|increase|raise|axe|merge|demolish|outsource|privatise|charge|introduce)\b[^.!?\n]{0,60}|\b(?:plans?|proposals?|decision)\s+to\s+(?:close|shut|scrap|axe|demolish|sell off|privatise|outsource)\b[^.!?\n]{0,60}|\b(?:contested|controversial|divisive)\s+(?:plans?|proposals?|scheme|decision|policy|sale|closure|cuts?|changes?|development|redevelopment|move)\b/gi;

// People's names and accounts, indexed once per register (the register changes rarely).
// A candidate named by title and surname ("Mr Morgan"); a councillor's "Cllr" already names them
const PERSONAL_TITLES = ["mr", "mrs", "ms", "miss", "mx", "dr"];
// A handle that says it is a councillor's or a candidate's ("@CllrJaneDoe", "@JoSmith4Hillside")
const POLITICAL_HANDLE = /^(?:cllr|councill?or|vote)\w+|\w+(?:4|for)(?:cllr|councill?or|mayor|ward|[a-z]+ward)$/;
// A profile address written in the post itself ("twitter.com/CllrAminaPatel", "x.com/…")
const PROFILE_URL =
  /\b(?:https?:\/\/)?(?:www\.)?(?:twitter\.com|x\.com|instagram\.com|facebook\.com|threads\.net|tiktok\.com)\/@?(\w{2,})/gi;
// Short and full forms of given names, both ways (calendars/screening/given-names.json)
const GIVEN_FORMS = new Map<string, Set<string>>();
for (const [full, shorts] of Object.entries(givenNames.forms as Record<string, string[]>))
  for (const name of [full, ...shorts]) {
    const others = GIVEN_FORMS.get(name) ?? new Set<string>();
    for (const x of [full, ...shorts]) if (x !== name) others.add(x);
    GIVEN_FORMS.set(name, others);
  }
const givenNameForms = (given: string) => GIVEN_FORMS.get(given.toLowerCase()) ?? new Set<string>();

const peopleIndexes = new WeakMap<
  Person[],
  { names: PhraseIndex<Person>; handles: Map<string, Person>; urls: { url: string; person: Person }[] }
>();

function peopleIndex(people: Person[]) {
  let idx = peopleIndexes.get(people);
  if (!idx) {
    const names = new PhraseIndex<Person>();
    const handles = new Map<string, Person>();
    const urls: { url: string; person: Person }[] = [];
    for (const p of people) {
      const bare = p.name.replace(/^(cllr|councill?or)\.?\s+/i, "");
      names.add(bare, p);
      // The same person with a short or full form of the given name ("Dan Morgan" for Daniel Morgan)
      const words = bare.trim().split(/\s+/);
      if (words.length >= 2)
        for (const form of givenNameForms(words[0])) names.add([form, ...words.slice(1)].join(" "), p);
      const surname = phraseTokens(p.name).at(-1);
      if (surname)
        for (const title of [
          "cllr",
          "councillor",
          "councilor",
          "candidate",
          ...(p.role === "candidate" ? PERSONAL_TITLES : []),
        ])
          names.add(`${title} ${surname}`, p);
      for (const h of p.handles) handles.set(h.replace(/^@/, "").toLowerCase(), p);
      for (const u of p.urls) urls.push({ url: u.toLowerCase().replace(/\/+$/, ""), person: p });
    }
    idx = { names, handles, urls };
    peopleIndexes.set(people, idx);
  }
  return idx;
}

const URGED =
  /\b(?:[Vv]ote|[Vv]oting|[Ee]lect|[Rr]e-?elect|[Ss]upport|[Bb]ack|[Cc]hoose)\s+(?:for\s+)?(?:[Cc]llr|[Cc]ouncillor|[Cc]andidate|[A-Z])/;
/** The returning officer's statutory notices, by their titles. */
const STATUTORY_NOTICE =
  /\b(?:notice of (?:election|poll)|statement of persons nominated|declaration of (?:the )?results?|result of (?:the )?poll|situation of polling stations)\b/i;

const VOTING_SAY =
  /\b(?:polls? (?:are )?(?:open|close)|polling (?:station|day)|every vote|cast your vote|your vote counts|register(?:ed)? to vote|postal vote|proxy vote|in (?:the|this|next) (?:\w+ )?elections?)\b/i;
const CLOSURE = /\bclos(?:e|ed|es|ing|ure|ures)\b/i;
const FOR_THE_DAY =
  /\b(?:snow\w*|weather|storms?|flood\w*|ic[ey]|gales?|heatwave|staff training|training day|bank holiday|christmas|new year|easter|today|tonight|tomorrow|this (?:morning|afternoon|evening)|temporar\w*|early|for the day|half[- ]day|\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)|\d{1,2}[.:]\d{2})\b/i;
const CONSULTING = /\b(?:consult\w*|survey|questionnaire|proposals?|plans? for|draft)\b/i;

/**
 * Rules that apply only while a pre-election window covers the account's areas (2011 Code; LGA
 * guidance; policy 9.1, 9.2). Essential public information marked by the submitter goes to review
 * instead of being blocked, except naming or showing candidates and councillors, which it never needs.
 */
export function preElection(scan: Scan, input: ScreeningInput, ctx: ScreeningContext): Finding[] {
  if (ctx.purdah.length === 0) return [];
  const window = ctx.purdah[0];
  const during = `during the pre-election period for ${window.title} (from ${window.startDate})`;
  const essential = input.essential?.reason;
  const soft = essential ? ("review" as const) : ("block" as const);
  const suffix = essential ? ` Marked as essential public information: "${essential}" — a reviewer decides.` : "";
  const out: Finding[] = [];
  const whole = (message: string, severity: "block" | "review") =>
    finding(scan, "pre_election_period", severity, message, 0, Math.min(scan.text.length, 80), true);

  if (ctx.account.purdahBehaviour === "close")
    out.push(whole(`This account is closed ${during} (policy 9.1).`, "block"));
  else if (ctx.account.purdahBehaviour === "pause")
    out.push(whole(`This account posts only essential public information ${during} (policy 9.1).${suffix}`, soft));

  // A statutory election notice names the vacancy and the candidates: the council must publish it
  // (titled as one at the start, and urging no vote for anyone)
  const title = STATUTORY_NOTICE.exec(scan.text);
  const statutoryNotice = !!title && title.index < 80 && !URGED.test(scan.text);
  const naming = statutoryNotice ? ("info" as const) : ("block" as const);
  const noticeNote = statutoryNotice
    ? " It reads as a statutory election notice (Representation of the People Act 1983; the returning officer's notices), which the council publishes, so it is noted, not stopped."
    : "";
  const people = peopleIndex(ctx.people);
  for (const m of people.names.find(scan.tokens)) {
    out.push(
      finding(
        scan,
        "pre_election_period",
        naming,
        `Names ${m.value.role === "candidate" ? "a candidate" : "a councillor"} (${m.value.name}) ${during}: publicity must not identify views or proposals with councillors or candidates (2011 Code; policy 9.2).${noticeNote}`,
        ...spanOf(scan, m),
        true,
      ),
    );
  }
  for (const t of scan.tokens) {
    const p = t.kind === "mention" ? people.handles.get(t.norm) : undefined;
    if (!p && t.kind === "mention" && POLITICAL_HANDLE.test(t.norm))
      out.push(
        finding(
          scan,
          "pre_election_period",
          "block",
          `Promotes a councillor's or candidate's account ("${scan.text.slice(t.start, t.end)}") ${during}: the council does not promote councillors' accounts in this period (policy 9.2).`,
          t.start,
          t.end,
          true,
        ),
      );
    if (p)
      out.push(
        finding(
          scan,
          "pre_election_period",
          "block",
          `Promotes ${p.name}'s account ${during}: the council does not promote councillors' accounts in this period (policy 9.2).`,
          t.start,
          t.end,
          true,
        ),
      );
  }
  for (const m of scan.text.matchAll(PROFILE_URL)) {
    const handle = m[1].toLowerCase();
    const p = people.handles.get(handle);
    if (!p && !POLITICAL_HANDLE.test(handle)) continue;
    out.push(
      finding(
        scan,
        "pre_election_period",
        "block",
        `Links to ${p ? `${p.name}'s` : "a councillor's or candidate's"} account ("${m[0]}") ${during} (policy 9.2).`,
        m.index!,
        m.index! + m[0].length,
        true,
      ),
    );
  }
  for (const link of input.links ?? []) {
    const l = link.toLowerCase().replace(/\/+$/, "");
    const hit = people.urls.find((u) => l === u.url || l.startsWith(`${u.url}/`));
    if (hit)
      out.push(
        finding(
          scan,
          "pre_election_period",
          "block",
          `Links to ${hit.person.name}'s account or site ${during} (policy 9.2): ${link}`,
          0,
          0,
          true,
        ),
      );
  }
  for (const item of input.media ?? []) {
    for (const name of item.people ?? []) {
      const p = ctx.people.find(
        (x) =>
          phraseTokens(x.name).join(" ").includes(phraseTokens(name).join(" ")) ||
          phraseTokens(name).join(" ").includes(phraseTokens(x.name).slice(-2).join(" ")),
      );
      if (p)
        out.push(
          finding(
            scan,
            "pre_election_period",
            "block",
            `Pictures ${p.name} ${during}: no photographs of candidates or councillors (LGA guidance).`,
            0,
            0,
            true,
          ),
        );
    }
  }
  // Any councillor or candidate, whether or not a user of the service: titles, offices and roles.
  const text = scan.text;
  for (const re of [OFFICE_NAMED, OFFICE]) {
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].trimEnd().length;
      if (out.some((f) => f.start < end && start < f.end)) continue;
      out.push(
        finding(
          scan,
          "pre_election_period",
          naming,
          `Names or features a councillor, candidate or political office-holder ("${m[0].trim()}") ${during}: publicity must not identify views or proposals with councillors or candidates (2011 Code; policy 9.2).${noticeNote}`,
          start,
          end,
          true,
        ),
      );
    }
  }
  for (const m of text.matchAll(CONTROVERSIAL_DECISION)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((f) => f.start < end && start < f.end)) continue;
    out.push(
      finding(
        scan,
        "pre_election_period",
        essential ? "review" : "block",
        `Publicises a contested decision or proposal ("${m[0]}") ${during}: the Code asks for no publicity on controversial issues.${suffix}`,
        start,
        end,
        true,
      ),
    );
  }
  out.push(
    ...phraseFindings(
      scan,
      ctx.lexicon.controversial,
      "pre_election_period",
      "review",
      (p) =>
        `A controversial issue ("${p}") ${during}: the Code asks for no publicity on controversial issues.${suffix}`,
    )
      // "School closures because of snow", "the centre will close at 1pm for staff training": a closure
      // for the day, not a decision to close
      .filter(
        (f) => !(CLOSURE.test(f.excerpt) && FOR_THE_DAY.test(scan.text.slice(Math.max(0, f.start - 120), f.end + 120))),
      )
      .map((f) => ({ ...f, overridable: true })),
  );
  const planned = input.campaignPlannedOn && input.campaignPlannedOn < window.startDate;
  // "Polls close at 10pm, so there's still time to have your say": the say is the vote, not a consultation
  const aboutVoting = VOTING_SAY.test(scan.text) && !CONSULTING.test(scan.text);
  for (const f of phraseFindings(
    scan,
    ctx.lexicon.campaign,
    "pre_election_period",
    soft,
    (p) =>
      `A new campaign or consultation ("${p}") ${during} that is not recorded as planned before the election was called (LGA guidance).${suffix}`,
  )) {
    if (aboutVoting && /^have your say$/i.test(scan.text.slice(f.start, f.end))) continue;
    out.push(
      planned
        ? {
            ...f,
            severity: "info",
            message: `Campaign or consultation planned on ${input.campaignPlannedOn}, before the election was called.`,
            overridable: true,
          }
        : { ...f, overridable: true },
    );
  }
  return out;
}
