import { describe, expect, it } from "vitest";
import { inertCell, toCsv, type ExportItem } from "../../src/domain/return-export";

const item = (over: Partial<ExportItem>): ExportItem => ({
  incurredOn: "2027-04-01",
  paidOn: "2027-04-02",
  supplier: "Print Co",
  description: "Leaflet design",
  subType: "design",
  platform: "facebook",
  amountPence: 12_345,
  vatPence: 2_057,
  notionalPence: 0,
  countedPence: 12_345,
  invoiceRef: "INV-1",
  invoiceHeld: true,
  ...over,
});

// Spreadsheet formula and command injection (OWASP "CSV Injection"): payloads as people type them.
const PAYLOADS = [
  "-1+1+cmd|' /C calc'!A0",
  "=1+1",
  '=HYPERLINK("http://evil.example","x")',
  "+1+1",
  "-2+3",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  " =1+1",
  "\u00a0=1+1",
  "＝1+1",
  "-10",
  "+44 20 7946 0000",
];

describe("the spending return as CSV", () => {
  it("makes every typed cell that could start a formula inert, numbers and all", () => {
    for (const p of PAYLOADS) {
      expect(inertCell(p)).toBe(`'${p}`);
      const csv = toCsv([item({ supplier: p, description: p, platform: p, invoiceRef: p })]);
      const dataRow = csv.replace(/^\uFEFF/, "").split("\r\n")[1];
      // No field of the data row begins (after an optional opening quote) with a trigger character.
      for (const field of dataRow.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!) {
        expect(field.replace(/^"/, "")).not.toMatch(/^[\s\u00a0]*[=+\-@\uFF1D]/);
      }
    }
  });

  it("leaves ordinary text and the amounts it wrote itself alone", () => {
    for (const ok of ["Print Co", "10% discount", "Boosted post, 3 days", "£20 voucher", "O'Brien & Sons"]) {
      expect(inertCell(ok)).toBe(ok);
    }
    const csv = toCsv([item({})]);
    expect(csv.split("\r\n")[1]).toBe(
      "2027-04-01,2027-04-02,Print Co,Leaflet design,Design,facebook,123.45,20.57,0.00,123.45,INV-1,Yes",
    );
  });

  it("starts with a UTF-8 byte order mark so Excel shows £, and ends lines with CRLF", () => {
    const csv = toCsv([item({})]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Array.from(new TextEncoder().encode(csv).slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain("Amount paid (£)");
  });
});
