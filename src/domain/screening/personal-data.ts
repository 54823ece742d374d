// Personal data in a post (policy 8.3): e-mail addresses, phone numbers, National Insurance and NHS
// numbers, dates of birth, postal addresses and postcodes, vehicle registrations, and council-tax,
// rent and other account numbers. Each goes to review, except the council's own published contacts
// (kept in the council settings), a service's number (a non-geographic 03 or 0800 number, or one given as
// a team's or a helpline's) and the address of a public venue ("the library, 1 High Street").
export interface DataHit {
  kind: string;
  start: number;
  end: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /(?<![\d£$€.,])(?:(?:\+|00)\s?44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d%])/g;
// HMRC: two prefix letters (not D, F, I, Q, U, V; second not O), six digits, suffix A–D.
const NINO = /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi;
const NHS = /\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g;
const DOB =
  /\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\s*:?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4})/gi;

/** NHS numbers carry a modulus-11 check digit; ten random digits rarely pass. */
export function validNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

const POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b/g;
const ADDRESS =
  /\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][a-z'-]+\s+){1,3}(?:Road|Rd|Street|St|Lane|Avenue|Ave|Close|Drive|Way|Court|Crescent|Gardens|Place|Terrace|Grove|Walk|Row|Hill|Square|Mews|View|Rise|Parade|Green|Park|Vale|Wharf|Fold|Gate|Yard|Croft|Meadows?)\b/g;
const VEHICLE = /\b(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z])\b/g;
const ACCOUNT =
  /\b(?:council[- ]tax|account|acct|customer|tenancy|rent|benefits?|claim|payment|invoice|case|reference|ref)\s*(?:number|no\.?|ref(?:erence)?|#)?\s*(?:is|:)?\s*[A-Z]{0,3}[-/]?\d{6,12}\b/gi;
// A venue nearby makes an address a place to go, not where someone lives.
const VENUE =
  /\b(?:library|libraries|centre|center|hall|offices?|depot|station|school|academy|college|church|chapel|mosque|synagogue|temple|gurdwara|surgery|clinic|hospital|museum|gallery|theatre|cinema|pool|leisure|hub|club|park|market|shop|caf[eé]|pub|hotel|venue|civic|council|reception|tip|recycling|household waste|polling station|community|stadium|arena|ground|pavilion|car park|business park|estate office|job ?centre|one stop shop|contact centre|visit us|find us|drop[- ]in|open (?:from|at|on)|held at|takes place at|venue)\b/i;

// Non-geographic numbers (Ofcom's numbering plan) belong to organisations, not people: 03 for public
// bodies and charities, 080 and 0500 freephone, 084 and 087 business rates.
const NON_GEOGRAPHIC = /^0(?:3|80|500|84|87)/;
// A number given as a service's, not a person's: "call our dog warden on", "the helpline on".
const SERVICE_BEFORE =
  /\b(?:team|service|services|helpline|help ?line|line|hotline|centre|center|office|desk|warden|officers?|department|unit|switchboard|reception|out of hours|24 hours|24\/7|registrars?|council|executive|housing options|front door|contact us|call us|ring us|phone us|text us|tell us|let us know|report it|cysylltwch|ffoniwch)\b[^.!?\n]{0,30}$/i;
// "… with care. Call 01234 567321.": a landline given bare as the number to call, asking for no one
const BARE_CALL = /(?:^|[.!?:]\s*|\n)(?:call|ring|phone|tel(?:ephone)?)\s*:?\s*$/i;
const ASK_FOR = /^[^.!?\n]{0,40}\b(?:ask for|speak to|talk to|ask to speak)\b/i;

export interface OwnContacts {
  phones?: string[];
  emails?: string[];
  addresses?: string[];
}

export function findPersonalData(text: string, own: OwnContacts = {}): DataHit[] {
  const hits: DataHit[] = [];
  /** A number as dialled within the UK: "+44 (0)20 …" → "020…". */
  const national = (m: RegExpExecArray) => m[0].replace(/\D/g, "").replace(/^0?44/, "0");
  const serviceNumber = (m: RegExpExecArray) => {
    const before = text.slice(Math.max(0, m.index! - 60), m.index!);
    return (
      NON_GEOGRAPHIC.test(national(m)) ||
      SERVICE_BEFORE.test(before) ||
      (/^\(?0[12]/.test(m[0]) && BARE_CALL.test(before) && !ASK_FOR.test(text.slice(m.index! + m[0].length)))
    );
  };
  const ownPhones = new Set((own.phones ?? []).map((p) => p.replace(/\D/g, "").replace(/^44/, "0")));
  const ownEmails = (own.emails ?? []).map((e) => e.toLowerCase().trim());
  const ownPostcodes = new Set(
    (own.addresses ?? []).flatMap((a) => [...a.toUpperCase().matchAll(POSTCODE)].map((m) => m[0].replace(/\s/g, ""))),
  );
  const isOwnEmail = (e: string) => {
    const l = e.toLowerCase();
    return ownEmails.some((o) => (o.startsWith("@") ? l.endsWith(o) : l === o));
  };
  // A venue nearby, outside the address itself ("9 Church Close" is not a church).
  const venueNear = (m: RegExpExecArray) =>
    VENUE.test(text.slice(Math.max(0, m.index! - 80), m.index!)) ||
    VENUE.test(text.slice(m.index! + m[0].length, Math.min(text.length, m.index! + m[0].length + 40)));
  const add = (re: RegExp, kind: string, keep: (m: RegExpExecArray) => boolean = () => true) => {
    for (const m of text.matchAll(re))
      if (keep(m as RegExpExecArray)) hits.push({ kind, start: m.index!, end: m.index! + m[0].length });
  };
  // E-mail addresses are looked for only around each "@": a regex scan from every letter is slow on long posts.
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let from = at;
    while (from > 0 && /[A-Za-z0-9._%+-]/.test(text[from - 1])) from--;
    if (from === at) continue;
    EMAIL.lastIndex = 0;
    const m = EMAIL.exec(text.slice(from, Math.min(text.length, at + 256)));
    if (m && m.index === 0 && !isOwnEmail(m[0]))
      hits.push({ kind: "an e-mail address", start: from, end: from + m[0].length });
  }
  add(NINO, "a National Insurance number");
  add(NHS, "an NHS number", (m) => validNhsNumber(m[0].replace(/\D/g, "")));
  add(
    PHONE,
    "a phone number",
    (m) =>
      !hits.some((h) => h.start <= m.index! && m.index! < h.end) &&
      m[0].replace(/\D/g, "").length >= 10 &&
      !ownPhones.has(national(m)) &&
      !serviceNumber(m),
  );
  add(DOB, "a date of birth");
  add(ACCOUNT, "an account or reference number", (m) => !hits.some((h) => h.start <= m.index! && m.index! < h.end));
  add(VEHICLE, "a vehicle registration", (m) => !/^(?:COVID\d|[A-Z]{2}\d{2}\s?(?:AM|PM)\b)/.test(m[0]));
  add(ADDRESS, "a postal address", (m) => !venueNear(m) && !hits.some((h) => h.start <= m.index! && m.index! < h.end));
  add(
    POSTCODE,
    "a postcode",
    (m) =>
      !ownPostcodes.has(m[0].replace(/\s/g, "")) &&
      !venueNear(m) &&
      !hits.some((h) => h.start <= m.index! && m.index! + m[0].length <= h.end + 10 && h.kind === "a postal address"),
  );
  return hits;
}
