// Personal data in a post (policy 8.3): e-mail addresses, phone numbers, National Insurance and NHS
// numbers, and dates of birth. Each goes to review: the council's own published contact details are
// fine, and a person decides.
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

export function findPersonalData(text: string): DataHit[] {
  const hits: DataHit[] = [];
  const add = (re: RegExp, kind: string, keep: (m: RegExpExecArray) => boolean = () => true) => {
    for (const m of text.matchAll(re))
      if (keep(m as RegExpExecArray)) hits.push({ kind, start: m.index!, end: m.index! + m[0].length });
  };
  add(EMAIL, "an e-mail address");
  add(NINO, "a National Insurance number");
  add(NHS, "an NHS number", (m) => validNhsNumber(m[0].replace(/\D/g, "")));
  add(
    PHONE,
    "a phone number",
    (m) => !hits.some((h) => h.start <= m.index! && m.index! < h.end) && m[0].replace(/\D/g, "").length >= 10,
  );
  add(DOB, "a date of birth");
  return hits;
}
