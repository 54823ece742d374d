import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { handleKey } from "../src/domain/handles";
import { clock } from "../src/lib/clock";
import { call, userWith } from "./helpers";

type U = Awaited<ReturnType<typeof userWith>>;
let manager: U;
const uid = () => crypto.randomUUID().slice(0, 8);
beforeAll(async () => {
  manager = await userWith(["comms_manager"]);
});

const account = (handle: string) => ({
  platform: "instagram",
  handle,
  url: "https://instagram.com/council",
  owningService: "Communications",
  ownerId: manager.user.id,
  administratorIds: [],
  purpose: "News",
  areaIds: [],
  status: "active",
  lastReviewedOn: null,
  nextReviewOn: new Date(clock.ms() + 200 * 86_400_000).toISOString().slice(0, 10),
  purdahBehaviour: "gate",
});

describe("handles that look the same are the same handle", () => {
  it("folds invisible characters, bidi controls, compatibility forms and look-alike letters", () => {
    const base = handleKey("@TownCouncil");
    for (const lookalike of [
      "towncouncil",
      "@@TOWNCOUNCIL",
      "Town\u200BCouncil", // zero-width space
      "\u202ETownCouncil", // right-to-left override
      "Town\u2066Council\u2069", // bidi isolate
      "T\u00ADownCouncil", // soft hyphen
      "TownCounc\uFE0Fil", // variation selector
      "ＴｏｗｎＣｏｕｎｃｉｌ", // fullwidth
      "𝐓𝐨𝐰𝐧𝐂𝐨𝐮𝐧𝐜𝐢𝐥", // mathematical bold
      "Tоwn Council".replace(" ", ""), // Cyrillic о
      "TownСouncil", // Cyrillic С
      "Τοwnϲouncil", // Greek Τ, ο and lunate sigma
      " TownCouncil\u00A0",
    ]) {
      expect(handleKey(lookalike), JSON.stringify(lookalike)).toBe(base);
    }
  });

  it("keeps handles that differ visibly apart", () => {
    for (const other of ["TownCouncils", "Town_Council", "TownCounci1", "Towncouncíl", "GownCouncil"]) {
      expect(handleKey(other)).not.toBe(handleKey("TownCouncil"));
    }
  });

  it("the register refuses a look-alike of an open account's handle", async () => {
    const handle = `Parks${uid()}`;
    expect((await call("POST", "/v1/corporate-accounts", { token: manager.token, body: account(handle) })).status).toBe(
      201,
    );
    for (const lookalike of [`\u200B${handle}`, handle.replace("a", "а"), `@${handle.toUpperCase()}`]) {
      const dup = await call("POST", "/v1/corporate-accounts", { token: manager.token, body: account(lookalike) });
      expect(dup.status, lookalike).toBe(409);
      expect(dup.json.errors[0].pointer).toBe("/handle");
    }
  });
});

describe("one open security exemption per councillor (policy 5.5)", () => {
  it("30 parallel requests make one exemption and one audit entry", async () => {
    const councillor = await userWith(["councillor"]);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        call("POST", "/v1/security-exemptions", {
          token: councillor.token,
          body: { reason: "Threats received at my home address" },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.json.code).toBe("conflict");
    }
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM security_exemptions WHERE councillor_id = ?")
      .bind(councillor.user.id)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'security_exemption.requested' AND actor_id = ?",
    )
      .bind(councillor.user.id)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });
});
