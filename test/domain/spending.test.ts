import { describe, expect, it } from "vitest";
import limitsFile from "../../calendars/spending-limits.json";
import {
  candidacyDate,
  checkImprint,
  claimDeadlines,
  countedValue,
  spendingLimit,
  spendingWarnings,
  type LimitRow,
} from "../../src/domain/spending";
import { DomainError } from "../../src/domain/errors";
import { buildHolidayData } from "../../src/domain/calendar";
import { computeTimetable } from "../../src/domain/timetable";
import { BUNDLED_BANK_HOLIDAYS } from "../../src/repo/calendar-data";

const rows = limitsFile.rows as unknown as LimitRow[];
const limit = (q: Partial<Parameters<typeof spendingLimit>[1]>) =>
  spendingLimit(rows, {
    kind: "local",
    nation: "england",
    poll: "2026-05-07",
    electorate: 8000,
    jointCandidates: 1,
    ...q,
  });

describe("spending limits", () => {
  it("England local: £960 + 8p per elector", () => {
    expect(limit({}).limitPence).toBe(96_000 + 8 * 8000);
    expect(limit({}).explanation).toContain("SI 2023/1235");
  });
  it("uses the limit in force at the poll: the 2021 order for a 2023 poll", () => {
    expect(limit({ poll: "2023-05-04" })).toMatchObject({
      limitPence: 80_600 + 7 * 8000,
      row: { id: "eng-local-2021" },
    });
  });
  it("Wales local: £806 + 7p", () => {
    expect(limit({ nation: "wales" }).limitPence).toBe(80_600 + 7 * 8000);
  });
  it("Scotland local: £806 + 7p from 2022, £740 + 6p before", () => {
    expect(limit({ nation: "scotland", poll: "2022-05-05" }).limitPence).toBe(80_600 + 7 * 8000);
    expect(limit({ nation: "scotland", poll: "2017-05-04" }).limitPence).toBe(74_000 + 6 * 8000);
  });
  it("mayoral: £3,040 + 8p", () => {
    expect(limit({ kind: "mayoral", electorate: 500_000 }).limitPence).toBe(304_000 + 8 * 500_000);
  });
  it("UK Parliament short campaign: £11,390 + 8p (borough) or 12p (county)", () => {
    expect(limit({ kind: "parliamentary", electorate: 70_000, constituencyType: "borough" }).limitPence).toBe(
      1_139_000 + 8 * 70_000,
    );
    expect(limit({ kind: "parliamentary", electorate: 70_000, constituencyType: "county" }).limitPence).toBe(
      1_139_000 + 12 * 70_000,
    );
    expect(() => limit({ kind: "parliamentary", electorate: 70_000 })).toThrow(/borough and county/);
  });
  it("joint candidates: reduced by a quarter for two, a third for three or more", () => {
    expect(limit({ jointCandidates: 2 }).limitPence).toBe(120_000);
    expect(limit({ jointCandidates: 3 }).limitPence).toBe(106_666);
    expect(limit({ jointCandidates: 4 }).jointReduction).toBe("a third");
  });
  it("a row added later applies only to elections after its effective date", () => {
    const newer: LimitRow = {
      ...rows.find((r) => r.id === "eng-local-2024")!,
      id: "eng-local-2028",
      fixedPence: 100_000,
      perElectorPence: { default: 9 },
      effectiveFrom: "2028-01-01",
      source: "SI 2027/999",
    };
    expect(
      spendingLimit([...rows, newer], {
        kind: "local",
        nation: "england",
        poll: "2027-05-06",
        electorate: 1000,
        jointCandidates: 1,
      }).row.id,
    ).toBe("eng-local-2024");
    expect(
      spendingLimit([...rows, newer], {
        kind: "local",
        nation: "england",
        poll: "2028-05-04",
        electorate: 1000,
        jointCandidates: 1,
      }).limitPence,
    ).toBe(109_000);
  });
  it("says plainly when no limit is recorded, and refuses nonsense", () => {
    expect(() => limit({ kind: "referendum" })).toThrow(DomainError);
    expect(() => limit({ electorate: -1 })).toThrow(/whole number/);
    expect(() => limit({ electorate: 10.5 })).toThrow(/whole number/);
    expect(() => limit({ jointCandidates: 0 })).toThrow(/Joint/);
  });
});

describe("the regulated period", () => {
  it("starts on the last day for the notice if already announced, otherwise when announced or nominated", () => {
    expect(candidacyDate("2026-03-30", "2026-01-10", null)).toBe("2026-03-30");
    expect(candidacyDate("2026-03-30", "2026-04-02", "2026-04-05")).toBe("2026-04-02");
    expect(candidacyDate("2026-03-30", null, "2026-04-08")).toBe("2026-04-08");
    expect(candidacyDate("2026-03-30", null, null)).toBeNull();
  });
  it("GE 4 Jul 2024: an announced candidate becomes one at dissolution, 30 May, so 1 June counts (Electoral Commission, 'When do candidate spending laws apply')", () => {
    const data = buildHolidayData(BUNDLED_BANK_HOLIDAYS, [], []);
    const t = computeTimetable({ kind: "parliamentary", nation: "england", poll: "2024-07-04" }, data);
    expect(t.candidateFrom).toBe("2024-05-30");
    const became = candidacyDate(t.candidateFrom!, "2024-01-15", null)!;
    expect(became).toBe("2024-05-30");
    expect("2024-06-01" > became).toBe(true);
    // Elsewhere the last day for the notice of election.
    expect(computeTimetable({ kind: "local", nation: "england", poll: "2026-05-07" }, data).candidateFrom).toBe(
      "2026-03-30",
    );
  });
});

describe("the devolved parliaments, Northern Ireland and London (dated rows, each naming its source)", () => {
  it("Scottish Parliament constituency: £8,700 + 9p county or 6p burgh (SSI 2015/425 art.42)", () => {
    const q = { kind: "scottish-parliament" as const, nation: "scotland" as const, electorate: 60_000 };
    expect(limit({ ...q, constituencyType: "county" }).limitPence).toBe(870_000 + 9 * 60_000);
    expect(limit({ ...q, constituencyType: "borough" }).limitPence).toBe(870_000 + 6 * 60_000);
  });
  it("Northern Ireland: Assembly £7,150 + 5p/7p; councils £600 + 5p (Electoral Law Act (NI) 1962 s.42)", () => {
    const ni = { nation: "northern-ireland" as const, poll: "2023-05-18", electorate: 10_000 };
    expect(limit({ ...ni, kind: "local" }).limitPence).toBe(60_000 + 5 * 10_000);
    expect(limit({ ...ni, kind: "ni-assembly", poll: "2022-05-05", constituencyType: "county" }).limitPence).toBe(
      715_000 + 7 * 10_000,
    );
  });
  it("London: the Mayor of London £760,410 in 2024 and £420,000 before; a constituency Assembly member £63,360", () => {
    expect(limit({ kind: "london-mayor", poll: "2024-05-02" }).limitPence).toBe(76_041_000);
    expect(limit({ kind: "london-mayor", poll: "2021-05-06" }).limitPence).toBe(42_000_000);
    expect(limit({ kind: "london-assembly", poll: "2024-05-02" }).limitPence).toBe(6_336_000);
  });
});

describe("parish and community council elections (RPA 1983 s.76 and s.78; RULES.md §3)", () => {
  it("have the principal-area limit: £960 + 8p in England, £806 + 7p in Wales", () => {
    expect(limit({ kind: "parish" }).limitPence).toBe(96_000 + 8 * 8000);
    expect(limit({ kind: "parish", nation: "wales" }).limitPence).toBe(80_600 + 7 * 8000);
  });
  it("invoices within 14 days and payment within 21 days of the poll, not the declaration", () => {
    expect(claimDeadlines("parish", "2026-05-07", "2026-05-08")).toMatchObject({
      invoicesBy: "2026-05-21",
      paymentsBy: "2026-05-28",
    });
    expect(claimDeadlines("local", "2026-05-07", "2026-05-08")).toMatchObject({
      invoicesBy: "2026-05-29",
      paymentsBy: "2026-06-05",
    });
    const late = spendingWarnings({
      kind: "parish",
      limitPence: null,
      items: [{ id: "i1", countedPence: 500, amountPence: 500, invoiceHeld: false, paidOn: null }],
      declaredOn: "2026-05-08",
      pollDate: "2026-05-07",
      today: "2026-05-29",
    });
    expect(late.map((w) => w.code)).toEqual(["invoice_late", "unpaid_late"]);
  });
});

describe("notional spending and apportionment", () => {
  it.each([
    [{ amountPence: 10_000, notional: { marketValuePence: 20_000 } }, 20_000, 10_000],
    [{ amountPence: 0, notional: { marketValuePence: 6_000 } }, 6_000, 6_000],
    [{ amountPence: 0, notional: { marketValuePence: 4_000 } }, 0, 0],
    [{ amountPence: 95_000, notional: { marketValuePence: 100_000 } }, 95_000, 0],
    [{ amountPence: 94_000, notional: { marketValuePence: 100_000 } }, 94_000, 0],
    [{ amountPence: 80_000, notional: { marketValuePence: 100_000 } }, 100_000, 20_000],
  ])("%j counts %i (notional %i)", (item, counted, notional) => {
    expect(countedValue(item)).toMatchObject({ countedPence: counted, notionalPence: notional });
  });
  it("an item bought before the period and used in it counts at its apportioned value", () => {
    expect(countedValue({ amountPence: 50_000, apportionedPence: 12_500 }).countedPence).toBe(12_500);
  });
});

describe("warnings", () => {
  const item = (
    over: Partial<{
      id: string;
      countedPence: number;
      amountPence: number;
      invoiceHeld: boolean;
      paidOn: string | null;
    }>,
  ) => ({ id: "i", countedPence: 1000, amountPence: 1000, invoiceHeld: true, paidOn: "2026-04-01", ...over });
  it("at 80% and over 100% of the limit", () => {
    expect(
      spendingWarnings({
        kind: "local",
        limitPence: 10_000,
        items: [item({ countedPence: 8_000 })],
        declaredOn: null,
        today: "2026-04-01",
      }).map((w) => w.code),
    ).toEqual(["near_limit"]);
    expect(
      spendingWarnings({
        kind: "local",
        limitPence: 10_000,
        items: [item({ countedPence: 10_001 })],
        declaredOn: null,
        today: "2026-04-01",
      }).map((w) => w.code),
    ).toEqual(["over_limit"]);
    expect(
      spendingWarnings({
        kind: "local",
        limitPence: 10_000,
        items: [item({ countedPence: 7_999 })],
        declaredOn: null,
        today: "2026-04-01",
      }),
    ).toEqual([]);
  });
  it("£20 or more without an invoice (parish: £10)", () => {
    expect(
      spendingWarnings({
        kind: "local",
        limitPence: null,
        items: [item({ amountPence: 2000, invoiceHeld: false })],
        declaredOn: null,
        today: "2026-04-01",
      })[0],
    ).toMatchObject({ code: "invoice_missing", source: "RPA 1983 s.73(2)" });
    expect(
      spendingWarnings({
        kind: "local",
        limitPence: null,
        items: [item({ amountPence: 1999, invoiceHeld: false })],
        declaredOn: null,
        today: "2026-04-01",
      }),
    ).toEqual([]);
    expect(
      spendingWarnings({
        kind: "parish",
        limitPence: null,
        items: [item({ amountPence: 1000, invoiceHeld: false })],
        declaredOn: null,
        today: "2026-04-01",
      }),
    ).toHaveLength(1);
  });
  it("invoices outstanding past 21 days and claims unpaid past 28 days after the declaration", () => {
    const w = spendingWarnings({
      kind: "local",
      limitPence: null,
      items: [item({ amountPence: 500, invoiceHeld: false, paidOn: null })],
      declaredOn: "2026-05-08",
      today: "2026-06-06",
    });
    expect(w.map((x) => x.code)).toEqual(["invoice_late", "unpaid_late"]);
    expect(
      spendingWarnings({
        kind: "local",
        limitPence: null,
        items: [item({ amountPence: 500, invoiceHeld: false, paidOn: null })],
        declaredOn: "2026-05-08",
        today: "2026-05-29",
      }),
    ).toEqual([]);
  });
});

describe("digital imprints (Elections Act 2022)", () => {
  it.each([
    "Promoted by Ruth Evans on behalf of Daniel Morgan, both of 12 High Street, Demotown DT1 2AB",
    "Promoted by Daniel Morgan, 3 Mill Lane, Demotown",
    "Promoted by Daniel Morgan of 3 Mill Lane, Demotown DT2 4CD",
  ])("good: %s", (text) => {
    expect(checkImprint(text, "Daniel Morgan").ok).toBe(true);
  });
  it("refuses 'Promoted by' without the address", () => {
    const r = checkImprint("Promoted by Ruth Evans on behalf of Daniel Morgan", "Daniel Morgan");
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => !f.ok)!.message).toMatch(/address/);
  });
  it("refuses an agent's imprint that does not say on whose behalf", () => {
    const r = checkImprint("Promoted by Ruth Evans, 12 High Street, Demotown DT1 2AB", "Daniel Morgan");
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => !f.ok)!.message).toMatch(/on behalf of Daniel Morgan/);
  });
  it("refuses material with no imprint at all, citing the Act", () => {
    const r = checkImprint("Vote Morgan on 7 May!", "Daniel Morgan");
    expect(r).toMatchObject({ ok: false, findings: [{ source: expect.stringContaining("Elections Act 2022") }] });
  });
});
