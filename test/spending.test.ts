import { clock } from "../src/lib/clock";
import { londonDate } from "../src/domain/london-time";
import { addDays } from "../src/domain/dates";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./helpers";

type U = Awaited<ReturnType<typeof userWith>>;
let candidate: U, rival: U, agent: U, otherAgent: U, ds: U, officer: U;
let electionId: string;
let ward: string;
const uid = () => crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  candidate = await userWith(["candidate"], "Daniel Morgan");
  rival = await userWith(["candidate"], "Rita Rival");
  agent = await userWith(["election_agent"], "Ruth Evans");
  otherAgent = await userWith(["election_agent"], "Oscar Other");
  ds = await userWith(["democratic_services"]);
  officer = await userWith(["comms_officer"]);
  ward = `spend-${uid()}`;
  await call("POST", "/v1/areas", { token: ds.token, body: { id: ward, name: "Spend ward", kind: "ward" } });
  const e = await call("POST", "/v1/elections", {
    token: ds.token,
    body: { kind: "local", pollDate: "2026-11-19", areaIds: [ward], byElection: true },
  });
  electionId = e.json.id;
});

const stand = (u: U, over: Record<string, unknown> = {}) =>
  call("POST", "/v1/candidacies", {
    token: u.token,
    body: { electionId, areaId: ward, electorate: 8000, jointCandidates: 1, announcedOn: "2026-09-01", ...over },
  });
const item = (over: Record<string, unknown> = {}) => ({
  incurredOn: "2026-11-01",
  paidOn: "2026-11-02",
  supplier: "Meta Platforms Ireland",
  description: "Boosted post",
  subType: "paid_social_ads",
  platform: "facebook",
  amountPence: 15_000,
  vatPence: 2_500,
  invoiceRef: "INV-1",
  invoiceHeld: true,
  ...over,
});

describe("a candidate's spending, from candidacy to return", () => {
  it("the whole journey: limit, items, notional and apportioned values, warnings, imprints, deadlines, submission, correction, exports, receipt", async () => {
    const created = await stand(candidate, { agentId: agent.user.id });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id;
    expect(created.json).toMatchObject({
      spendingLimitPence: 96_000 + 8 * 8000,
      regulatedPeriod: { becameCandidateOn: expect.any(String) },
    });
    expect(created.json.limit.explanation).toContain("SI 2023/1235");
    const from = created.json.regulatedPeriod.from;

    // The agent keeps the ledger for the candidate who appointed them.
    expect((await call("POST", `/v1/candidacies/${id}/expenses`, { token: agent.token, body: item() })).status).toBe(
      201,
    );
    await call("POST", `/v1/candidacies/${id}/expenses`, {
      token: candidate.token,
      body: item({
        supplier: "Print & Web Ltd",
        description: "Campaign website",
        subType: "website",
        amountPence: 2_500,
        vatPence: 0,
        invoiceRef: null,
        invoiceHeld: false,
      }),
    });
    await call("POST", `/v1/candidacies/${id}/expenses`, {
      token: candidate.token,
      body: item({
        supplier: "A Friend Design",
        description: "Logo and leaflet design, discounted",
        subType: "design",
        amountPence: 5_000,
        marketValuePence: 20_000,
      }),
    });
    const early = await call("POST", `/v1/candidacies/${id}/expenses`, {
      token: candidate.token,
      body: item({
        incurredOn: "2026-06-01",
        paidOn: "2026-06-01",
        supplier: "Hosting Co",
        description: "Annual hosting",
        subType: "website",
        amountPence: 12_000,
        apportionedPence: 3_000,
      }),
    });
    expect(early.status, early.text).toBe(201);
    const view = early.json;
    expect(view.totalPence).toBe(15_000 + 2_500 + 20_000 + 3_000);
    expect(
      view.expenses.find((e: { subType: string; supplier: string }) => e.supplier === "A Friend Design"),
    ).toMatchObject({ countedPence: 20_000, notionalPence: 15_000 });
    expect(view.warnings.map((w: { code: string }) => w.code)).toContain("invoice_missing");
    expect(view.warnings.find((w: { code: string }) => w.code === "invoice_missing").source).toBe("RPA 1983 s.73(2)");

    // Over 80% of the limit.
    const big = await call("POST", `/v1/candidacies/${id}/expenses`, {
      token: candidate.token,
      body: item({ amountPence: 100_000, description: "Video advert", subType: "video" }),
    });
    expect(big.json.warnings.map((w: { code: string }) => w.code)).toContain("near_limit");

    const good = await call("POST", `/v1/candidacies/${id}/imprints`, {
      token: agent.token,
      body: {
        material: "Facebook page bio",
        location: "bio",
        text: "Promoted by Ruth Evans on behalf of Daniel Morgan, both of 12 High Street, Demotown DT1 2AB",
      },
    });
    expect(good.json.check.ok).toBe(true);
    const bad = await call("POST", `/v1/candidacies/${id}/imprints`, {
      token: agent.token,
      body: { material: "Video", location: "in_material", text: "Promoted by Ruth Evans on behalf of Daniel Morgan" },
    });
    expect(bad.json.check).toMatchObject({
      ok: false,
      findings: expect.arrayContaining([
        expect.objectContaining({ ok: false, source: expect.stringContaining("Elections Act 2022") }),
      ]),
    });

    // The declaration fixes the deadlines: 35 days lands on Christmas Day 2026, so the next working day after the substitute holiday.
    await call("PATCH", `/v1/elections/${electionId}`, {
      token: ds.token,
      body: { declarationAt: "2026-11-20T02:00:00Z" },
    });
    const withDeadlines = await call("GET", `/v1/candidacies/${id}`, { token: candidate.token });
    expect(withDeadlines.json.deadlines).toMatchObject({
      declaredOn: "2026-11-20",
      invoicesBy: "2026-12-11",
      paymentsBy: "2026-12-18",
      returnDue: "2026-12-29",
    });

    const sub = await call("POST", `/v1/candidacies/${id}/returns`, { token: candidate.token });
    expect(sub.status, sub.text).toBe(201);
    expect(sub.json).toMatchObject({ version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const audit = await env.DB.prepare(
      "SELECT summary FROM audit_log WHERE subject_id = ? AND action = 'spending_return.submitted'",
    )
      .bind(id)
      .first<{ summary: string }>();
    expect(JSON.parse(audit!.summary).after.sha256).toBe(sub.json.sha256);
    expect((await call("POST", `/v1/candidacies/${id}/returns`, { token: agent.token })).status).toBe(409);
    expect(
      (await call("POST", `/v1/candidacies/${id}/expenses`, { token: candidate.token, body: item() })).status,
    ).toBe(409);

    const csv = await call("GET", `/v1/candidacies/${id}/returns/1?format=csv`, { token: candidate.token });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "Date incurred,Date paid,Name of supplier,Description of goods or services,Type of advertising,Platform,Amount paid (£),VAT included (£),Notional value (£),Value declared (£),Invoice or receipt reference,Invoice or receipt held",
    );
    expect(lines).toHaveLength(6);
    expect(csv.text).toContain('"Logo and leaflet design, discounted"');
    const html = await call("GET", `/v1/candidacies/${id}/returns/1?format=html`, { token: ds.token });
    expect(html.text).toContain("Daniel Morgan");
    expect(html.text).toContain(sub.json.sha256);
    const json = await call("GET", `/v1/candidacies/${id}/returns/1`, { token: agent.token });
    expect(json.json.return.totalPence).toBe(140_500);

    // A correction is a new version; the first stays as it was.
    expect(
      (
        await call("POST", `/v1/candidacies/${id}/corrections`, {
          token: candidate.token,
          body: { reason: "Website invoice arrived" },
        })
      ).json.returnState,
    ).toBe("correcting");
    const websiteItem = json.json.return.expenses.find((e: { supplier: string }) => e.supplier === "Print & Web Ltd");
    await call("PATCH", `/v1/candidacies/${id}/expenses/${websiteItem.id}`, {
      token: candidate.token,
      body: { invoiceHeld: true, invoiceRef: "PW-77" },
    });
    const v2 = await call("POST", `/v1/candidacies/${id}/returns`, { token: candidate.token });
    expect(v2.json.version).toBe(2);
    expect(v2.json.sha256).not.toBe(sub.json.sha256);
    const again = await call("GET", `/v1/candidacies/${id}/returns/1`, { token: candidate.token });
    expect(again.json.sha256).toBe(sub.json.sha256);
    expect(
      (await call("GET", `/v1/candidacies/${id}/returns/2`, { token: candidate.token })).json.correctionReason,
    ).toBe("Website invoice arrived");

    // Received today (by the service's clock): never before the submission, never in the future.
    const today = londonDate(clock.now());
    const tomorrow = addDays(today, 1);
    const future = await call("POST", `/v1/candidacies/${id}/returns/2/received`, {
      token: ds.token,
      body: { receivedOn: tomorrow },
    });
    expect(future.status).toBe(422);
    expect(future.json.errors[0].pointer).toBe("/receivedOn");
    const rec = await call("POST", `/v1/candidacies/${id}/returns/2/received`, {
      token: ds.token,
      body: { receivedOn: today },
    });
    expect(rec.json.receivedOn).toBe(today);
    expect(
      (await call("POST", `/v1/candidacies/${id}/returns/2/received`, { token: ds.token, body: { receivedOn: today } }))
        .status,
    ).toBe(409);
    expect(from).toBeTruthy();
  });

  it("refuses bad input by field and writes nothing", async () => {
    const { json: c } = await stand(rival);
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM expense_items").first<{ n: number }>())!.n;
    const check = async (body: unknown, pointer: string) => {
      const res = await call("POST", `/v1/candidacies/${c.id}/expenses`, { token: rival.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    };
    await check(item({ amountPence: -100 }), "/amountPence");
    await check(item({ amountPence: 12.5 }), "/amountPence");
    await check(item({ vatPence: "20" }), "/vatPence");
    await check(item({ incurredOn: "2026-12-01", paidOn: null }), "/incurredOn");
    await check(item({ incurredOn: "2026-06-01", paidOn: "2026-06-01" }), "/apportionedPence");
    await check(item({ paidOn: "2026-10-01" }), "/paidOn");
    await check(item({ marketValuePence: 100 }), "/marketValuePence");
    await check(item({ subType: "billboard" }), "/subType");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM expense_items").first<{ n: number }>())!.n).toBe(before);
    expect(
      (
        await call("POST", "/v1/candidacies", {
          token: rival.token,
          body: { electionId: "local.nowhere.2026-11-19", areaId: ward, electorate: 10 },
        })
      ).json.errors[0].pointer,
    ).toBe("/electionId");
    expect((await stand(rival)).status).toBe(409);
    expect(
      (
        await call("POST", "/v1/candidacies", {
          token: candidate.token,
          body: { electionId, areaId: "elsewhere", electorate: 10 },
        })
      ).json.errors[0].pointer,
    ).toBe("/areaId");
    expect(
      (
        await call("POST", "/v1/candidacies", {
          token: candidate.token,
          body: { electionId, areaId: ward, electorate: 10, agentId: officer.user.id },
        })
      ).json.errors[0].pointer,
    ).toBe("/agentId");
  });
});

describe("races", () => {
  it("the candidate and the agent submitting at once make one return and one audit entry", async () => {
    const c = await userWith(["candidate"], "Sam Swift");
    const { json } = await call("POST", "/v1/candidacies", {
      token: c.token,
      body: { electionId, areaId: ward, electorate: 500, jointCandidates: 2, agentId: agent.user.id },
    });
    expect(json.spendingLimitPence).toBe(Math.floor(((96_000 + 8 * 500) * 3) / 4));
    const [a, b] = await Promise.all([
      call("POST", `/v1/candidacies/${json.id}/returns`, { token: c.token }),
      call("POST", `/v1/candidacies/${json.id}/returns`, { token: agent.token }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const n = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE subject_id = ? AND action = 'spending_return.submitted'",
    )
      .bind(json.id)
      .first<{ n: number }>();
    expect(n!.n).toBe(1);
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM spending_returns WHERE candidacy_id = ?")
        .bind(json.id)
        .first<{ n: number }>())!.n,
    ).toBe(1);
  });
});

describe("privacy", () => {
  it("a candidate sees only their own; an agent only their candidates'; democratic services all", async () => {
    const mine = (await call("GET", "/v1/candidacies", { token: candidate.token })).json.candidacies;
    expect(mine.every((c: { candidateId: string }) => c.candidateId === candidate.user.id)).toBe(true);
    const theirs = mine[0].id;
    expect((await call("GET", `/v1/candidacies/${theirs}`, { token: rival.token })).status).toBe(404);
    expect(
      (await call("POST", `/v1/candidacies/${theirs}/expenses`, { token: rival.token, body: item() })).status,
    ).toBe(404);
    expect((await call("GET", `/v1/candidacies/${theirs}/returns/1?format=csv`, { token: rival.token })).status).toBe(
      404,
    );
    expect((await call("GET", `/v1/candidacies/${theirs}`, { token: otherAgent.token })).status).toBe(404);
    expect((await call("GET", "/v1/candidacies", { token: otherAgent.token })).json.candidacies).toEqual([]);
    expect((await call("GET", `/v1/candidacies/${theirs}`, { token: agent.token })).status).toBe(200);
    expect((await call("GET", "/v1/candidacies", { token: ds.token })).json.candidacies.length).toBeGreaterThanOrEqual(
      2,
    );
    expect((await call("POST", `/v1/candidacies/${theirs}/expenses`, { token: ds.token, body: item() })).status).toBe(
      403,
    );
    expect((await call("GET", "/v1/candidacies", { token: officer.token })).status).toBe(403);
    expect(
      (await call("PATCH", `/v1/candidacies/${theirs}`, { token: agent.token, body: { electorate: 1 } })).status,
    ).toBe(403);
  });

  it("limit rows are public; a new row applies only to polls on or after its date", async () => {
    expect(
      (await call("GET", "/v1/spending-limits")).json.rows.some((r: { id: string }) => r.id === "eng-local-2024"),
    ).toBe(true);
    const added = await call("POST", "/v1/spending-limits", {
      token: ds.token,
      body: {
        id: "eng-local-2027-test",
        kinds: ["local"],
        nations: ["england"],
        fixedPence: 100_000,
        perElectorPence: { default: 9 },
        effectiveFrom: "2027-01-01",
        source: "SI 2026/999 (test)",
      },
    });
    expect(added.status, added.text).toBe(201);
    const { json } = await call("GET", "/v1/candidacies", { token: candidate.token });
    expect(json.candidacies[0].spendingLimitPence).toBe(96_000 + 8 * 8000);
    expect(
      (
        await call("POST", "/v1/spending-limits", {
          token: ds.token,
          body: {
            id: "eng-local-2027-test",
            kinds: ["local"],
            nations: ["england"],
            fixedPence: 1,
            perElectorPence: { default: 1 },
            effectiveFrom: "2027-01-01",
            source: "dup",
          },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call("POST", "/v1/imprint-checks", {
          token: agent.token,
          body: { text: "Promoted by Daniel Morgan, 3 Mill Lane, Demotown", candidateName: "Daniel Morgan" },
        })
      ).json.ok,
    ).toBe(true);
  });
});
