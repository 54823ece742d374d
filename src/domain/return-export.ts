// The advertising section of a candidate's spending return, as CSV, JSON and a printable page, with
// the Electoral Commission return's headings for each item.
export interface ExportItem {
  incurredOn: string;
  paidOn: string | null;
  supplier: string;
  description: string;
  subType: string;
  platform: string | null;
  amountPence: number;
  vatPence: number;
  notionalPence: number;
  countedPence: number;
  invoiceRef: string | null;
  invoiceHeld: boolean;
}

export const HEADINGS = [
  "Date incurred",
  "Date paid",
  "Name of supplier",
  "Description of goods or services",
  "Type of advertising",
  "Platform",
  "Amount paid (£)",
  "VAT included (£)",
  "Notional value (£)",
  "Value declared (£)",
  "Invoice or receipt reference",
  "Invoice or receipt held",
];

const pounds = (p: number) => (p / 100).toFixed(2);
const SUBTYPES: Record<string, string> = {
  paid_social_ads: "Paid social media advertising",
  website: "Website",
  video: "Video",
  design: "Design",
  other: "Other",
};

export function rows(items: ExportItem[]): string[][] {
  return items.map((i) => [
    i.incurredOn,
    i.paidOn ?? "",
    i.supplier,
    i.description,
    SUBTYPES[i.subType] ?? i.subType,
    i.platform ?? "",
    pounds(i.amountPence),
    pounds(i.vatPence),
    pounds(i.notionalPence),
    pounds(i.countedPence),
    i.invoiceRef ?? "",
    i.invoiceHeld ? "Yes" : "No",
  ]);
}

/** Columns whose every value this service wrote itself (dates, fixed labels, amounts): never formulas. */
const OWN_COLUMNS = new Set([0, 1, 4, 6, 7, 8, 9, 11]);

/**
 * A cell of text that someone typed, made inert for spreadsheets (OWASP CSV injection): a value whose
 * first non-blank character could start a formula or command (= + - @, tab, carriage return) is
 * written as text with a leading apostrophe, numbers and all ("-1+1+cmd|' /C calc'!A0" included).
 */
export function inertCell(v: string): string {
  return /^[\s\u00a0]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(v) || /^[\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * RFC 4180: fields with commas, quotes or line breaks quoted, quotes doubled; CRLF. Typed text is made
 * inert; a UTF-8 byte order mark first, so Excel reads "£" as UTF-8.
 */
export function toCsv(items: ExportItem[]): string {
  const cell = (v: string, column: number) => {
    const safe = OWN_COLUMNS.has(column) ? v : inertCell(v);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[HEADINGS, ...rows(items)].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function toHtml(r: {
  candidateName: string;
  electionTitle: string;
  pollDate: string;
  version: number;
  submittedAt: string;
  sha256: string;
  totalPence: number;
  limitPence: number | null;
  items: ExportItem[];
}): string {
  const body = rows(r.items)
    .map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Spending return: ${esc(r.candidateName)}</title>
<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #0b0c0c;padding:4px 6px;text-align:left;font-size:14px}@media print{body{margin:0}}</style></head>
<body><h1>Candidate's spending return: advertising</h1>
<p><strong>${esc(r.candidateName)}</strong>, ${esc(r.electionTitle)} (poll ${esc(r.pollDate)})</p>
<p>Version ${r.version}, submitted ${esc(r.submittedAt)}. Total declared £${pounds(r.totalPence)}${r.limitPence === null ? "" : ` against a limit of £${pounds(r.limitPence)}`}.</p>
<table><thead><tr>${HEADINGS.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>
${body}
</tbody></table>
<p>Record fingerprint (SHA-256): <code>${esc(r.sha256)}</code>. Representation of the People Act 1983 s.81; policy 9.1.</p>
</body></html>`;
}
