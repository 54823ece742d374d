import { describe, expect, it } from "vitest";
import bundled from "../../calendars/bank-holidays.json";
import { DIVISIONS, type BankHolidayFile } from "../../src/domain/calendar";
import { projectedBankHolidays } from "../../src/domain/projected-holidays";

const file = bundled as unknown as BankHolidayFile;

// Days appointed or moved by one-off proclamation: the rules cannot know them (calendars/README.md).
const ONE_OFF = new Set([
  "2020-05-04", // Early May moved to 8 May for VE Day
  "2020-05-08",
  "2022-05-30", // Spring moved to 2 June; 3 June Platinum Jubilee
  "2022-06-02",
  "2022-06-03",
  "2022-09-19", // State Funeral of Queen Elizabeth II
  "2023-05-08", // Coronation of King Charles III
  "2026-06-15", // Scotland: one-off holiday
]);

describe("bank holidays projected past the published data", () => {
  for (const division of DIVISIONS) {
    it(`match gov.uk's published days for ${division} in every year the data covers, but for one-off proclamations`, () => {
      const published = file[division].events.map((e) => e.date);
      const years = [...new Set(published.map((d) => Number(d.slice(0, 4))))];
      expect(years.length).toBeGreaterThanOrEqual(8);
      for (const year of years) {
        const projected = projectedBankHolidays(division, year)
          .map((h) => h.date)
          .filter((d) => !ONE_OFF.has(d));
        const actual = published.filter((d) => d.startsWith(`${year}-`) && !ONE_OFF.has(d)).sort();
        expect(projected, `${division} ${year}`).toEqual(actual);
      }
    });
  }

  it("moves weekend days to the next free weekday: Christmas on a Saturday, Scotland's New Year on a Sunday", () => {
    // 2027: 25 Dec is a Saturday, 26 Dec a Sunday: Mon 27 and Tue 28 December.
    const ew2027 = projectedBankHolidays("england-and-wales", 2027).map((h) => h.date);
    expect(ew2027).toContain("2027-12-27");
    expect(ew2027).toContain("2027-12-28");
    // 2034: 1 Jan is a Sunday, 2 Jan a Monday: Scotland keeps Mon 2 and moves New Year's Day to Tue 3.
    const sc2034 = projectedBankHolidays("scotland", 2034).map((h) => h.date);
    expect(sc2034.slice(0, 2)).toEqual(["2034-01-02", "2034-01-03"]);
    // St Patrick's Day 2029 is a Saturday: Monday 19 March in Northern Ireland.
    expect(projectedBankHolidays("northern-ireland", 2029).map((h) => h.date)).toContain("2029-03-19");
  });
});
