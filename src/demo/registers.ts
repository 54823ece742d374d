import type { Actor } from "../repo/audit";
import { createCorporateAccount } from "../repo/corporate-accounts";
import { registerCouncillorAccount } from "../repo/councillor-accounts";

/** Two corporate accounts and the demo councillor's own page. Idempotent. */
export async function seedDemoRegisters(db: D1Database, actor: Actor): Promise<number> {
  let created = 0;
  const corporate = await db.prepare("SELECT count(*) AS n FROM corporate_accounts").first<{ n: number }>();
  if (!corporate?.n) {
    const common = {
      owningService: "Communications",
      ownerId: "demo-comms-manager",
      administratorIds: ["demo-comms-officer"],
      areaIds: ["demo-council"],
      status: "active" as const,
    };
    await createCorporateAccount(db, actor, {
      ...common,
      platform: "x",
      handle: "@DemoBorough",
      url: "https://x.com/DemoBorough",
      purpose: "News, service updates and emergencies",
      lastReviewedOn: "2026-01-12",
      nextReviewOn: "2027-01-12",
      purdahBehaviour: "gate",
    });
    await createCorporateAccount(db, actor, {
      ...common,
      platform: "facebook",
      handle: "DemoBoroughCouncil",
      url: "https://facebook.com/DemoBoroughCouncil",
      purpose: "Community news and events",
      lastReviewedOn: "2025-03-01",
      nextReviewOn: "2026-03-01",
      purdahBehaviour: "pause",
    });
    created += 2;
  }
  const councillor = await db.prepare("SELECT count(*) AS n FROM councillor_accounts").first<{ n: number }>();
  if (!councillor?.n) {
    await registerCouncillorAccount(db, { ...actor, id: "demo-councillor" }, "demo-councillor", {
      platform: "x",
      handle: "@CllrAminaPatel",
      url: "https://x.com/CllrAminaPatel",
      kind: "page",
      displayName: "Cllr Amina Patel",
      bio: "Councillor for Riverside ward, Demo Borough Council.",
      usesLogo: true,
    });
    created++;
  }
  return created;
}
