// Combined polls: a PCC election and a ward election on the same day put the council in one
// pre-election period from the earlier notice; both starts are shown (issue 12).
import { describe, expect, it } from "vitest";
import { buildHolidayData } from "../../src/domain/calendar";
import { purdahWindow, type ElectionFacts } from "../../src/domain/purdah";
import { computeTimetable } from "../../src/domain/timetable";
import { withCombinedPolls } from "../../src/repo/purdah-index";
import type { ElectionRecord, IndexedElection } from "../../src/repo/purdah-index";
import { BUNDLED_BANK_HOLIDAYS } from "../../src/repo/calendar-data";

const data = buildHolidayData(BUNDLED_BANK_HOLIDAYS, [], []);
const settings = { purdahEnds: "close_of_poll", generalElectionPurdahStarts: "notice" } as const;
const areas = new Map([
  ["council", { id: "council", parentId: null }],
  ["ward-a", { id: "ward-a", parentId: "council" }],
  ["ward-b", { id: "ward-b", parentId: "council" }],
  ["elsewhere", { id: "elsewhere", parentId: null }],
]);

function indexed(facts: Partial<ElectionFacts> & Pick<ElectionFacts, "id" | "kind" | "pollDate" | "areaIds">) {
  const election = {
    title: facts.id,
    nation: "england",
    byElection: false,
    noticePublishedOn: null,
    declarationAt: null,
    ...facts,
  } as ElectionRecord;
  const timetable = computeTimetable(
    { kind: election.kind, nation: election.nation, poll: election.pollDate, byElection: election.byElection },
    data,
  );
  return { election, timetable, timetableProblem: null, window: purdahWindow(election, timetable, settings) };
}

describe("combined polls", () => {
  it("a council's period runs from the earlier notice when two polls share a day in overlapping areas", () => {
    // Ward by-election with its notice recorded late, PCC across the council on the same day.
    const ward = indexed({
      id: "local.ward-a",
      kind: "local",
      byElection: true,
      pollDate: "2028-05-04",
      areaIds: ["ward-a"],
      noticePublishedOn: "2028-04-03",
    });
    const pcc = indexed({ id: "pcc.council", kind: "pcc", pollDate: "2028-05-04", areaIds: ["council"] });
    const [w, p] = withCombinedPolls([ward, pcc] as IndexedElection[], areas);
    expect(p.window!.startDate).toBe(pcc.window!.startDate);
    expect(w.window).toMatchObject({
      startDate: pcc.window!.startDate,
      startBasis: "combined_poll",
      ownStartDate: "2028-04-03",
      combinedWith: [{ electionId: "pcc.council", startDate: pcc.window!.startDate }],
    });
    expect(p.window!.combinedWith).toEqual([
      { electionId: "local.ward-a", title: "local.ward-a", kind: "local", startDate: "2028-04-03" },
    ]);
  });
  it("leaves apart polls on different days or in unrelated areas", () => {
    const a = indexed({ id: "a", kind: "local", pollDate: "2028-05-04", areaIds: ["ward-a"] });
    const b = indexed({ id: "b", kind: "local", pollDate: "2028-05-04", areaIds: ["elsewhere"] });
    const c = indexed({ id: "c", kind: "local", byElection: true, pollDate: "2028-05-11", areaIds: ["council"] });
    for (const e of withCombinedPolls([a, b, c] as IndexedElection[], areas))
      expect(e.window!.combinedWith).toBeUndefined();
  });
});
