import type { Actor } from "../repo/audit";
import { addExpense, createCandidacy } from "../repo/candidacies";

/** The demo candidate stands in the Castle by-election, with the demo agent and two expenses. Idempotent. */
export async function seedDemoSpending(db: D1Database, actor: Actor): Promise<number> {
  const existing = await db.prepare("SELECT count(*) AS n FROM candidacies").first<{ n: number }>();
  if (existing?.n) return 0;
  const candidate = {
    id: "demo-candidate",
    name: "Daniel Morgan",
    email: "daniel.morgan@demo.example",
    roles: ["candidate" as const],
    authenticatedBy: "token" as const,
    tokenId: null,
  };
  const as = { ...actor, id: candidate.id, label: candidate.name };
  const c = await createCandidacy(db, as, candidate, {
    electionId: "local.demo.castle.2027-01-21",
    areaId: "castle",
    electorate: 7412,
    jointCandidates: 1,
    agentId: "demo-election-agent",
    announcedOn: "2026-11-20",
  });
  const base = {
    paidOn: null,
    platform: null,
    vatPence: 0,
    invoiceRef: null,
    marketValuePence: null,
    apportionedPence: null,
  };
  await addExpense(db, as, candidate, c.id, {
    ...base,
    incurredOn: "2026-11-21",
    supplier: "Meta Platforms Ireland",
    description: "Boosted Facebook post: surgery dates (runs into the period)",
    subType: "paid_social_ads",
    platform: "facebook",
    amountPence: 4500,
    vatPence: 750,
    invoiceRef: "FB-1029",
    invoiceHeld: true,
    apportionedPence: 3000,
  });
  await addExpense(db, as, candidate, c.id, {
    ...base,
    incurredOn: "2026-11-22",
    supplier: "Castle Print & Web",
    description: "Campaign website (used through the period)",
    subType: "website",
    amountPence: 12000,
    invoiceHeld: false,
    apportionedPence: 9000,
  });
  return 3;
}
