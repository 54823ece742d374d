import { createArea } from "../src/repo/areas";
import { createElection } from "../src/repo/elections";
import { putSettings } from "../src/repo/council";
import type { Actor } from "../src/repo/audit";
import { createCorporateAccount } from "../src/repo/corporate-accounts";

/** A council of 30 wards with ordinary elections and a by-election, so lookups have work to do. */
export async function seedElections(db: D1Database, actor: Actor): Promise<void> {
  await createArea(db, actor, { id: "bench-council", name: "Bench Borough Council", kind: "council" });
  await putSettings(db, actor, {
    name: "Bench Borough Council",
    slug: "bench",
    nation: "england",
    areaId: "bench-council",
    purdahEnds: "close_of_poll",
    generalElectionPurdahStarts: "notice",
  });
  for (let i = 1; i <= 30; i++)
    await createArea(db, actor, { id: `bench-ward-${i}`, name: `Ward ${i}`, kind: "ward", parentId: "bench-council" });
  for (const poll of ["2027-05-06", "2028-05-04"])
    await createElection(db, actor, { kind: "local", pollDate: poll, areaIds: ["bench-council"] });
  await createElection(db, actor, {
    kind: "local",
    pollDate: "2027-01-21",
    areaIds: ["bench-ward-3"],
    byElection: true,
  });
}

/** A corporate account the bench user can post to. */
export async function seedAccount(db: D1Database, actor: Actor, ownerId: string): Promise<string> {
  const account = await createCorporateAccount(db, actor, {
    platform: "x",
    handle: "@BenchBorough",
    url: "https://x.com/BenchBorough",
    owningService: "Communications",
    ownerId,
    administratorIds: [],
    purpose: "Benchmark",
    areaIds: ["bench-council"],
    status: "active",
    lastReviewedOn: null,
    nextReviewOn: "2027-12-31",
    purdahBehaviour: "gate",
  });
  return account.id;
}
