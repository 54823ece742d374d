import { describe, expect, it } from "vitest";
import { electionsNamingCandidatesAt, nominationsOutsideElection } from "../../src/domain/nominations";
import type { PurdahWindow } from "../../src/domain/purdah";

const window = (electionId: string, start: string, end: string) => ({ electionId, start, end }) as PurdahWindow;

describe("nominationsOutsideElection", () => {
  it("names each line whose area the election does not cover, by position", () => {
    expect(
      nominationsOutsideElection(
        ["castle", "river"],
        [{ areaId: "castle" }, { areaId: "abbey" }, { areaId: "river" }, { areaId: "abbey" }],
      ),
    ).toEqual([
      { index: 1, areaId: "abbey" },
      { index: 3, areaId: "abbey" },
    ]);
    expect(nominationsOutsideElection(["castle"], [])).toEqual([]);
  });
});

describe("electionsNamingCandidatesAt", () => {
  const windows = [
    window("past", "2027-01-01T00:00:00.000Z", "2027-02-04T22:00:00.000Z"),
    window("current", "2027-03-01T00:00:00.000Z", "2027-04-15T21:00:00.000Z"),
    window("upcoming", "2027-09-01T00:00:00.000Z", "2027-10-07T21:00:00.000Z"),
    window("current", "2027-03-01T00:00:00.000Z", "2027-04-15T21:00:00.000Z"),
  ];

  it("keeps elections whose window is in force or still to come, once each", () => {
    expect(electionsNamingCandidatesAt(windows, new Date("2027-04-01T12:00:00Z"))).toEqual(["current", "upcoming"]);
  });

  it("drops a window at its end (the end is exclusive)", () => {
    expect(electionsNamingCandidatesAt(windows, new Date("2027-04-15T21:00:00Z"))).toEqual(["upcoming"]);
    expect(electionsNamingCandidatesAt(windows, new Date("2027-04-15T20:59:59Z"))).toEqual(["current", "upcoming"]);
    expect(electionsNamingCandidatesAt(windows, new Date("2028-01-01T00:00:00Z"))).toEqual([]);
  });
});
