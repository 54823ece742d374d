import type { Actor } from "../repo/audit";
import { createArea } from "../repo/areas";
import { putSettings } from "../repo/council";
import { createCycle } from "../repo/cycles";
import { createElection } from "../repo/elections";
import { purdahIndex } from "../repo/purdah-index";
import cycles from "../../calendars/election-cycles.json";

const WARDS = [
  { id: "riverside", name: "Riverside" },
  { id: "castle", name: "Castle" },
  { id: "northfields", name: "Northfields" },
];

/** A demo council with wards, its ordinary-election cycle and a ward by-election. Idempotent. */
export async function seedDemoElections(db: D1Database, actor: Actor): Promise<number> {
  let created = 0;
  const index = await purdahIndex(db, { fresh: true });
  if (!index.areas.has("demo-council")) {
    await createArea(db, actor, { id: "demo-council", name: "Demo Borough Council", kind: "council" });
    created++;
  }
  for (const w of WARDS) {
    if (!index.areas.has(w.id)) {
      await createArea(db, actor, { ...w, kind: "ward", parentId: "demo-council" });
      created++;
    }
  }
  if (!index.settings.updatedAt) {
    await putSettings(db, actor, {
      name: "Demo Borough Council",
      slug: "demo",
      nation: "england",
      areaId: "demo-council",
      purdahEnds: "close_of_poll",
      generalElectionPurdahStarts: "notice",
    });
    created++;
  }
  const existingCycles = await db.prepare("SELECT count(*) AS n FROM election_cycles").first<{ n: number }>();
  if (!existingCycles?.n) {
    for (const cycle of cycles.cycles) {
      await createCycle(db, actor, {
        name: cycle.name,
        kind: "local",
        rrule: cycle.rrule,
        dtstart: cycle.dtstart,
        exdates: cycle.exdates,
        areaIds: cycle.areaIds,
      });
      created++;
    }
  }
  const byElection = "local.demo.castle.2027-01-21";
  if (!(await purdahIndex(db, { fresh: true })).elections.some((e) => e.election.id === byElection)) {
    await createElection(db, actor, {
      kind: "local",
      pollDate: "2027-01-21",
      areaIds: ["castle"],
      byElection: true,
      title: "Castle ward by-election",
    });
    created++;
  }
  return created;
}
