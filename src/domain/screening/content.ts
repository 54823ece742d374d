// Personal campaigns and commerce (10.4), confidential material (8.1, 8.5), copyright credits (8.6),
// the council's logo on other sites (5.3, 5.4) and named private individuals and suppliers (8.2): each
// a pattern over the words, pointing at them.
import type { CompiledLexicon } from "./lexicon";
import type { Token } from "./tokenize";
import { CLAUSES, type Finding, type Rule, type Severity } from "./types";

function f(
  rule: Rule,
  severity: Severity,
  message: string,
  text: string,
  start: number,
  end: number,
  overridable = true,
): Finding {
  return { rule, clause: CLAUSES[rule], severity, message, excerpt: text.slice(start, end), start, end, overridable };
}

const SELLING =
  /(\d{1,2}\s?(?:%|per ?cent)\s?off\b|\b(?:discount|promo|voucher|coupon)\s+code\b|\buse\s+code\s+[A-Z0-9]{3,}|\b(?:free|competitive|no[- ]obligation)\s+quotes?\b|\bcall\s+(?:me|us)\s+for\s+a\s+quote\b|\b(?:for sale|buy now|order now|shop now)\b|\b(?:dm|pm|message|inbox)\s+(?:me|us)\s+(?:for|to)\s+(?:prices|a quote|details|orders)\b)/gi;
const OWN = /\b(?:my|our|me)\b/i;
// A reduction in what the council itself charges ("25% off your council tax", "50% off allotment rent for
// over-65s", "20% off leisure membership"), not a deal for a business.
const COUNCIL_CHARGE =
  /\b(?:council tax|business rates|rates bills?|your bill|rent|fees?|charges?|licen[cs]es?|permits?|plots?|allotments?|membership|season tickets?|leisure|concessions?|over[- ]?\d\ds|pensioners|on benefits|students|carers|single person|live alone|council tax support|reduction|school meals|parking)\b/i;
const OWN_FIRM =
  /\b(?:my|his|her|the councillor'?s?|cllr \w+'s)\s+(?:own\s+)?(?:firm|company|business|shop|salon|agency|practice|consultancy|builders|garage|restaurant|caf[eé]|pub|store|website|book)\b/gi;

const OWN_FIRM_ANY = new RegExp(OWN_FIRM.source, "i"); // no lastIndex: a test, not a scan

export function personalCampaign(tokens: readonly Token[], text: string, lex: CompiledLexicon): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = lex.personalCampaign.at(tokens, i);
    if (!m) continue;
    const start = tokens[i].start;
    const end = tokens[m.to].end;
    out.push(
      f(
        "personal_campaign",
        "block",
        `Promotes a personal interest, business, book, petition, fundraiser or campaign ("${text.slice(start, end)}") on a council account (10.4).`,
        text,
        start,
        end,
      ),
    );
    i = m.to;
  }
  for (const m of text.matchAll(SELLING)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((x) => x.start <= start && end <= x.end)) continue;
    const around = text.slice(Math.max(0, start - 120), Math.min(text.length, end + 120));
    if (/off\b/i.test(m[0]) && COUNCIL_CHARGE.test(around) && !OWN_FIRM_ANY.test(around)) continue;
    const own = OWN.test(around);
    out.push(
      f(
        "personal_campaign",
        own ? "block" : "review",
        own
          ? `Sells or offers a deal ("${m[0]}") for a personal business on a council account (10.4).`
          : `Offers a commercial deal ("${m[0]}"): a person checks it is council business, not a personal or commercial venture (10.4).`,
        text,
        start,
        end,
      ),
    );
  }
  for (const m of text.matchAll(OWN_FIRM)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((x) => x.start <= start && end <= x.end)) continue;
    out.push(
      f(
        "personal_campaign",
        "block",
        `Promotes a councillor's own business or venture ("${m[0]}") on a council account (10.4).`,
        text,
        start,
        end,
      ),
    );
  }
  return out;
}

// Confidential and draft material
const DRAFT =
  /(^|\n)\s*(?:\*|\[)?\s*DRAFT\b|\bDRAFT\s*[-–—:]\s*(?:NOT|DO NOT|FOR)|\bdraft\b[^.\n]{0,40}\b(?:not for (?:publication|circulation|sharing)|do not (?:share|circulate|publish|forward))/g;
const EMBARGO = /\b(?:embargoed|under embargo|embargo(?:ed)? until)\b/gi;
const PRIVATE_CONF = /\bprivate\s*(?:&|and)\s*confidential\b|(?:^|\n)\s*in confidence\b|\bin confidence\s*[:\-–—]/gi;

export function confidential(tokens: readonly Token[], text: string, lex: CompiledLexicon): Finding[] {
  const out: Finding[] = [];
  const add = (start: number, end: number, what: string) => {
    if (out.some((x) => x.start < end && start < x.end)) return;
    out.push(
      f(
        "confidential",
        "block",
        `Refers to confidential material ("${what}"): exempt reports, private meetings, drafts, embargoed papers and Member Briefings are not published (8.1, 8.5).`,
        text,
        start,
        end,
      ),
    );
  };
  for (const re of [PRIVATE_CONF, EMBARGO, DRAFT])
    for (const m of text.matchAll(re)) add(m.index!, m.index! + m[0].length, m[0].trim());
  for (let i = 0; i < tokens.length; i++) {
    const m = lex.confidential.at(tokens, i);
    if (!m) continue;
    add(tokens[i].start, tokens[m.to].end, text.slice(tokens[i].start, tokens[m.to].end));
    i = m.to;
  }
  return out;
}

// Credits that show the council may not hold the rights (8.6)
const AGENCIES =
  "Getty Images|Getty|Shutterstock|Alamy|PA Media|PA Images|PA Wire|Press Association|Reuters|AP Photo|Associated Press|AFP|iStock|iStockphoto|Adobe Stock|Dreamstime|123RF|Depositphotos|BBC|Sky News|ITV|Daily Mail|The Sun|Mirror|Guardian|Telegraph|SWNS|Mercury Press|Cascade News|Ross Parry|Solent News|Rex Features|Wikimedia|Pixabay|Unsplash|Pexels|Instagram|Facebook|Twitter";
const CREDIT = new RegExp(
  `(?:©|\\(c\\)|\\bcopyright\\b|\\b(?:photo|picture|pic|image|video|footage|credit|source)s?\\s*(?:credit|by|courtesy of|from)?\\s*:?)\\s*(?:${AGENCIES})\\b|\\b(?:${AGENCIES})\\s*(?:photo|image|picture|/)`,
  "gi",
);
const SCRAPED =
  /\b(?:found|saw|spotted)\s+(?:this|the|a|these)\s+(?:photo|picture|image|pic|video)s?\s+(?:online|on (?:the internet|google|facebook|twitter|instagram))\b|\b(?:from|off|via|found on|taken from|grabbed from|nicked from|lifted from)\s+(?:google(?:\s+images)?|the internet|the web|online|pinterest|someone'?s (?:facebook|instagram|page)|a news site|the papers?)\b|\bgoogle images\b/gi;
const GENERIC_CREDIT =
  /(?:©|\(c\)\s|\b(?:[Pp]hoto|[Pp]icture|[Pp]ic|[Ii]mage|PHOTO|PICTURE)(?:\s*(?:[Cc]redit|by)\s*:?|\s*:)\s*)([A-Z][\w&.' -]{1,40})/g;

export function copyrightCredits(text: string, councilName: string | null): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(SCRAPED))
    out.push(
      f(
        "copyright",
        "block",
        `Uses material taken from elsewhere ("${m[0]}"): councillors must not use images they do not hold the copyright to (8.6).`,
        text,
        m.index!,
        m.index! + m[0].length,
      ),
    );
  for (const m of text.matchAll(CREDIT)) {
    if (out.some((x) => x.start <= m.index! && m.index! < x.end)) continue;
    out.push(
      f(
        "copyright",
        "review",
        `Credits an agency or publisher ("${m[0].trim()}"): a person checks the council holds a licence, and attributes the source with a link (8.6).`,
        text,
        m.index!,
        m.index! + m[0].length,
      ),
    );
  }
  for (const m of text.matchAll(GENERIC_CREDIT)) {
    if (out.some((x) => x.start <= m.index! && m.index! < x.end)) continue;
    const who = m[1].trim();
    if (
      /council|borough|city of|county/i.test(who) ||
      (councilName && who.toLowerCase().startsWith(councilName.toLowerCase().slice(0, 8)))
    )
      continue;
    out.push(
      f(
        "copyright",
        "review",
        `Credits someone else's picture ("${m[0].trim()}"): a person checks the council holds the rights (8.6).`,
        text,
        m.index!,
        m.index! + m[0].length,
      ),
    );
  }
  return out;
}

const LOGO = /\b(?:council(?:'s)?|borough|our|the)\s+(?:logo|crest|coat of arms|branding)\b/gi;
const LOGO_BAD =
  /\b(?:business|company|firm|shop|party|campaign|leaflet|election|candidate|personal|private|own|my|his|her|website|site|page|blog|facebook|merch|t-shirts?|van|vans|letterhead)\b/i;
const LOGO_COMMERCIAL =
  /\b(?:business|company|firm|shop|party|campaign|leaflet|election|candidate|merch|t-shirts?|van|vans)\b/i;

export function logoUse(text: string, accountKind: "corporate" | "councillor"): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(LOGO)) {
    const around = text.slice(Math.max(0, m.index! - 100), Math.min(text.length, m.index! + m[0].length + 100));
    if (!LOGO_BAD.test(around)) continue;
    const commercial = LOGO_COMMERCIAL.test(around);
    out.push(
      f(
        "logo",
        commercial ? "block" : "review",
        commercial
          ? `Mentions using the council's logo on a business, party or campaign site or material ("${m[0]}"): the logo is not used where it does not represent the council's official position (5.4).`
          : `Mentions using the council's logo on a personal account or site ("${m[0]}"): only after consultation with the Chief Executive (5.3).`,
        text,
        m.index!,
        m.index! + m[0].length,
      ),
    );
  }
  void accountKind;
  return out;
}

// Named private individuals and suppliers without consent (8.2)
const TITLED = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z'-]+(?:-[A-Z][a-z]+)?/g;
const RESIDENT_NAMED =
  /\b(?:[Rr]esidents?|[Nn]eighbour|[Tt]enant|[Ll]ocal (?:man|woman)|[Pp]ensioner|[Hh]omeowner|[Ll]andlord|[Ss]hopkeeper|[Cc]ustomer|[Dd]river|[Pp]arent|[Mm]um|[Dd]ad|[Gg]randmother|[Gg]randfather|[Cc]aretaker|[Cc]ontractor|[Cc]ampaigner|[Vv]olunteer|[Ss]upplier|[Bb]usiness owner)\s+([A-Z][a-z]+\s+[A-Z][a-z'-]+)/g;
const COMPANY =
  /\b(?:[A-Z][\w&'-]*\s+){1,4}(?:Ltd|Limited|plc|PLC|LLP|& Sons|and Sons|Contractors|Builders|Construction|Developments|Holdings|Group Ltd)\b\.?/g;

export function namedPeople(text: string, consented: Set<string>, councillorNames: Set<string>): Finding[] {
  const out: Finding[] = [];
  const add = (start: number, end: number, message: string) => {
    const name = text.slice(start, end);
    const lower = name.toLowerCase();
    for (const c of consented) if (lower.includes(c)) return;
    if (out.some((x) => x.start < end && start < x.end)) return;
    out.push(f("named_third_party", "review", message, text, start, end));
  };
  for (const m of text.matchAll(TITLED)) {
    const surname = m[0].split(/\s+/).pop()!.toLowerCase();
    if (councillorNames.has(surname)) continue;
    add(
      m.index!,
      m.index! + m[0].length,
      `Names a private individual ("${m[0]}") with no written consent on record (8.2).`,
    );
  }
  for (const m of text.matchAll(RESIDENT_NAMED)) {
    const s = m.index! + m[0].length - m[1].length;
    add(
      s,
      s + m[1].length,
      `Names a resident or other private individual ("${m[1]}") with no written consent on record (8.2).`,
    );
  }
  for (const m of text.matchAll(COMPANY)) {
    if (/council/i.test(m[0])) continue;
    add(
      m.index!,
      m.index! + m[0].length,
      `Names a supplier or company ("${m[0].trim()}") with no written consent on record (8.2).`,
    );
  }
  return out;
}
