import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { clock } from "../src/lib/clock";
import { call, userWith, thursdayAhead } from "./helpers";

type U = Awaited<ReturnType<typeof userWith>>;
let ds: U, officer: U, manager: U, auditor: U, councillor: U;
let wardA: string, wardB: string, wardS: string;
let electionA: string;
const uid = () => crypto.randomUUID().slice(0, 8);

async function byElection(ward: string, poll: string) {
  const res = await call("POST", "/v1/elections", {
    token: ds.token,
    body: { kind: "local", pollDate: poll, areaIds: [ward], byElection: true },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; preElectionPeriod: { start: string; end: string } };
}

const put = (electionId: string, nominations: unknown, token = ds.token) =>
  call("PUT", `/v1/elections/${electionId}/nominations`, { token, body: { nominations } });
const get = (electionId: string, token = ds.token) => call("GET", `/v1/elections/${electionId}/nominations`, { token });
const pointers = (res: { json: { errors?: { pointer: string }[] } }) => res.json.errors?.map((e) => e.pointer);

beforeAll(async () => {
  ds = await userWith(["democratic_services"]);
  officer = await userWith(["comms_officer"]);
  manager = await userWith(["comms_manager"]);
  auditor = await userWith(["auditor"]);
  councillor = await userWith(["councillor"]);
  const council = `nom-council-${uid()}`;
  wardA = `nom-a-${uid()}`;
  wardB = `nom-b-${uid()}`;
  wardS = `nom-s-${uid()}`;
  for (const [id, kind, parentId] of [
    [council, "council", null],
    [wardA, "ward", council],
    [wardB, "ward", council],
    [wardS, "ward", council],
  ] as const) {
    const res = await call("POST", "/v1/areas", { token: ds.token, body: { id, name: `Area ${id}`, kind, parentId } });
    expect(res.status, res.text).toBe(201);
  }
  electionA = (await byElection(wardA, thursdayAhead(30))).id;
});

describe("PUT and GET /v1/elections/{electionId}/nominations", () => {
  it("records the statement, replaces it whole, and audits each replacement with before and after", async () => {
    expect((await get(electionA)).json).toEqual({ electionId: electionA, nominations: [] });
    const first = await put(electionA, [
      { areaId: wardA, name: "  Zara Young ", description: "Green Party" },
      { areaId: wardA, name: "Amir Khan", description: null },
      { areaId: wardA, name: "Pat Gone", description: "Independent", withdrawnAt: "2026-04-01T15:00:00+01:00" },
    ]);
    expect(first.status, first.text).toBe(200);
    expect(first.json.nominations.map((n: { name: string }) => n.name)).toEqual([
      "Amir Khan",
      "Pat Gone",
      "Zara Young",
    ]);
    expect(first.json.nominations[1]).toMatchObject({
      areaId: wardA,
      description: "Independent",
      withdrawnAt: "2026-04-01T14:00:00.000Z",
      createdBy: ds.user.id,
    });
    expect((await get(electionA, auditor.token)).json).toEqual(first.json);

    const second = await put(electionA, [{ areaId: wardA, name: "Dee Marsh", description: "Independent" }]);
    expect(second.status, second.text).toBe(200);
    const listed = await get(electionA, officer.token);
    expect(listed.json.nominations).toHaveLength(1);
    expect(listed.json.nominations[0]).toMatchObject({ name: "Dee Marsh", withdrawnAt: null });
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM nominations WHERE election_id = ?")
      .bind(electionA)
      .first<{ n: number }>();
    expect(stored?.n).toBe(1);

    const entries = (
      await env.DB.prepare(
        "SELECT actor_id, summary FROM audit_log WHERE action = 'election.nominations_replaced' AND subject_id = ? ORDER BY seq",
      )
        .bind(electionA)
        .all<{ actor_id: string; summary: string }>()
    ).results;
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.actor_id === ds.user.id)).toBe(true);
    const last = JSON.parse(entries[1].summary);
    expect(last.before.map((n: { name: string }) => n.name).sort()).toEqual(["Amir Khan", "Pat Gone", "Zara Young"]);
    expect(last.after).toEqual([{ areaId: wardA, name: "Dee Marsh", description: "Independent", withdrawnAt: null }]);
  });

  it("takes 2000 candidates in one replacement", async () => {
    const election = (await byElection(wardB, thursdayAhead(31))).id;
    const many = Array.from({ length: 2000 }, (_, i) => ({ areaId: wardB, name: `Candidate ${i}`, description: null }));
    const res = await put(election, many);
    expect(res.status, res.text).toBe(200);
    expect(res.json.nominations).toHaveLength(2000);
    expect(new Set(res.json.nominations.map((n: { name: string }) => n.name)).size).toBe(2000);
  });

  it("refuses bad lines by field, as problem+json, and changes nothing", async () => {
    const before = (await get(electionA)).json;
    const cases: [unknown, string[]][] = [
      [[{ areaId: wardA, name: "" }], ["/nominations/0/name"]],
      [[{ areaId: wardA, name: "   " }], ["/nominations/0/name"]],
      [[{ areaId: wardA, name: "x".repeat(201) }], ["/nominations/0/name"]],
      [[{ areaId: wardA, name: "Jo", party: "Labour" }], ["/nominations/0/party"]],
      [[{ areaId: wardA, name: "Jo", withdrawnAt: "yesterday" }], ["/nominations/0/withdrawnAt"]],
      [Array.from({ length: 2001 }, () => ({ areaId: wardA, name: "Jo" })), ["/nominations"]],
      [
        [
          { areaId: wardA, name: "Dee Marsh" },
          { areaId: wardB, name: "Elsewhere" },
          { areaId: "atlantis", name: "Nowhere" },
        ],
        ["/nominations/1/areaId", "/nominations/2/areaId"],
      ],
    ];
    for (const [nominations, expected] of cases) {
      const res = await put(electionA, nominations);
      expect(res.status, res.text).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.json.code).toBe("validation_failed");
      expect(pointers(res)).toEqual(expected);
    }
    expect((await call("PUT", `/v1/elections/${electionA}/nominations`, { token: ds.token, body: {} })).status).toBe(
      422,
    );
    expect((await get(electionA)).json).toEqual(before);
  });

  it("answers 404 for an unknown election", async () => {
    for (const res of [await get("no-such-election"), await put("no-such-election", [])]) {
      expect(res.status).toBe(404);
      expect(res.json.code).toBe("not_found");
    }
  });

  it("lets only democratic services record, and only staff read", async () => {
    for (const u of [officer, manager, auditor, councillor]) {
      const res = await put(electionA, [], u.token);
      expect(res.status).toBe(403);
      expect(res.json.code).toBe("forbidden");
    }
    expect((await get(electionA, councillor.token)).status).toBe(403);
    expect((await call("GET", `/v1/elections/${electionA}/nominations`)).status).toBe(401);
    expect((await get(electionA)).json.nominations).toHaveLength(1);
  });

  it("the database itself refuses a candidate in an area the election does not cover", async () => {
    const insert = env.DB.prepare(
      "INSERT INTO nominations (id, election_id, area_id, name, created_at, created_by) VALUES (?, ?, ?, 'X', ?, 'test')",
    );
    await expect(insert.bind(crypto.randomUUID(), electionA, wardB, clock.iso()).run()).rejects.toThrow(/FOREIGN KEY/);
  });
});

describe("screening recognises nominated candidates who are not users", () => {
  let accountId: string;
  let window: { start: string; end: string };
  let electionS: string;
  const screenText = (text: string, publishAt?: string) =>
    call("POST", "/v1/screenings", { token: officer.token, body: { text, accountId, publishAt } });
  const namesCandidate = (res: { json: { findings: { rule: string; message: string }[] } }, name: string) =>
    res.json.findings.some(
      (f) => f.rule === "pre_election_period" && f.message.includes(`Names a candidate (${name})`),
    );

  beforeAll(async () => {
    // A by-election polling in two or three weeks: its pre-election period is in force now.
    const election = await byElection(wardS, thursdayAhead(2));
    electionS = election.id;
    window = election.preElectionPeriod;
    const now = clock.iso();
    expect(window.start <= now && now < window.end, JSON.stringify(window)).toBe(true);
    const acc = await call("POST", "/v1/corporate-accounts", {
      token: manager.token,
      body: {
        platform: "x",
        handle: `@Nom${uid()}`,
        url: "https://x.com/nominations",
        owningService: "Libraries",
        ownerId: manager.user.id,
        administratorIds: [],
        purpose: "News",
        areaIds: [wardS],
        status: "active",
        lastReviewedOn: null,
        nextReviewOn: "2030-06-01",
        purdahBehaviour: "gate",
      },
    });
    expect(acc.status, acc.text).toBe(201);
    accountId = acc.json.id;
  });

  it("holds a post naming a nominated candidate, without any title, during the period; not after it; not once withdrawn", async () => {
    const text = "Jo Bloggs opened the new library";
    // Before the statement is recorded the name means nothing (and the cached registers are warm).
    const unknown = await screenText(text);
    expect(unknown.status, unknown.text).toBe(200);
    expect(namesCandidate(unknown, "Jo Bloggs")).toBe(false);

    const recorded = await put(electionS, [
      { areaId: wardS, name: "Jo Bloggs", description: "Independent" },
      { areaId: wardS, name: "Sam Rivers", description: "Green Party", withdrawnAt: window.start },
    ]);
    expect(recorded.status, recorded.text).toBe(200);

    const during = await screenText(text);
    expect(during.json.verdict).toBe("block");
    expect(namesCandidate(during, "Jo Bloggs")).toBe(true);
    const finding = during.json.findings.find((f: { rule: string }) => f.rule === "pre_election_period");
    expect(finding).toMatchObject({ severity: "block", start: 0, end: "Jo Bloggs".length });
    expect(finding.clause).toBeTruthy();

    const submitted = await call("POST", "/v1/posts", {
      token: officer.token,
      body: { accountId, publishAt: new Date(clock.ms() + 48 * 3_600_000).toISOString(), text },
    });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.json.status).toBe("blocked");

    const afterPeriod = new Date(Date.parse(window.end) + 86_400_000).toISOString();
    const later = await screenText(text, afterPeriod);
    expect(later.json.preElectionPeriods).toEqual([]);
    expect(namesCandidate(later, "Jo Bloggs")).toBe(false);

    const withdrawn = await screenText("Sam Rivers opened the new library");
    expect(namesCandidate(withdrawn, "Sam Rivers")).toBe(false);
    expect(withdrawn.json.findings.some((f: { rule: string }) => f.rule === "pre_election_period")).toBe(false);
  });

  it("names a sitting councillor who stands again once, as the councillor", async () => {
    await userWith(["councillor"], "Cllr Ruth Ellis");
    expect((await put(electionS, [{ areaId: wardS, name: "Ruth  Ellis", description: "Labour Party" }])).status).toBe(
      200,
    );
    const res = await screenText("Ruth Ellis opened the new library");
    const named = res.json.findings.filter(
      (f: { rule: string; message: string }) => f.rule === "pre_election_period" && f.message.includes("Ellis"),
    );
    expect(named).toHaveLength(1);
    expect(named[0].message).toContain("Names a councillor (Cllr Ruth Ellis)");
    expect((await put(electionS, [{ areaId: wardS, name: "Jo Bloggs", description: "Independent" }])).status).toBe(200);
  });

  it("forgets a candidate at once when the statement no longer lists them", async () => {
    expect(namesCandidate(await screenText("Jo Bloggs opened the new library"), "Jo Bloggs")).toBe(true);
    expect((await put(electionS, [{ areaId: wardS, name: "Jo Bloggs", withdrawnAt: clock.iso() }])).status).toBe(200);
    expect(namesCandidate(await screenText("Jo Bloggs opened the new library"), "Jo Bloggs")).toBe(false);
  });
});

describe("candidates in the audit chain", () => {
  const verify = async () => (await call("GET", "/v1/audit/verify", { token: auditor.token })).json;
  const run = (sql: string, ...binds: unknown[]) =>
    env.DB.prepare(sql)
      .bind(...binds)
      .run();
  const nominationRows = (report: { rowsDiffering: { table: string }[] }) =>
    report.rowsDiffering.filter((d) => d.table === "nominations");
  const entryRows = async (action: string, subjectId: string) => {
    const row = await env.DB.prepare(
      "SELECT rows FROM audit_log WHERE action = ? AND subject_id = ? ORDER BY seq DESC LIMIT 1",
    )
      .bind(action, subjectId)
      .first<{ rows: string }>();
    return JSON.parse(row!.rows) as { table: string; key: { id: string }; state: Record<string, unknown> | null }[];
  };

  it("verify finds a candidate renamed or removed in the database itself, and a replacement records the old rows as gone", async () => {
    const election = (await byElection(wardB, thursdayAhead(33))).id;
    const first = await put(election, [
      { areaId: wardB, name: "Kit Moss", description: "Independent" },
      { areaId: wardB, name: "Lee Park", description: null },
    ]);
    expect(first.status, first.text).toBe(200);
    const [kit, lee] = first.json.nominations as { id: string; name: string }[];
    const recorded = await entryRows("election.nominations_replaced", election);
    expect(recorded.map((r) => [r.table, r.key.id, r.state?.name])).toEqual([
      ["nominations", kit.id, "Kit Moss"],
      ["nominations", lee.id, "Lee Park"],
    ]);
    expect(nominationRows(await verify())).toEqual([]);

    await run("UPDATE nominations SET name = 'Someone Else' WHERE id = ?", kit.id);
    expect(nominationRows(await verify())).toEqual([
      expect.objectContaining({ table: "nominations", key: { id: kit.id }, reason: "changed" }),
    ]);
    await run("UPDATE nominations SET name = 'Kit Moss' WHERE id = ?", kit.id);
    const saved = await env.DB.prepare("SELECT * FROM nominations WHERE id = ?").bind(lee.id).first();
    await run("DELETE FROM nominations WHERE id = ?", lee.id);
    expect(nominationRows(await verify())).toEqual([
      expect.objectContaining({ table: "nominations", key: { id: lee.id }, reason: "deleted" }),
    ]);
    // Put back as it was, the chain agrees again.
    const cols = Object.keys(saved!);
    await run(
      `INSERT INTO nominations (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
      ...cols.map((c) => saved![c]),
    );
    expect(nominationRows(await verify())).toEqual([]);

    // Replaced through the service: the deleted rows are recorded as gone, the new one as written.
    const second = await put(election, [{ areaId: wardB, name: "Max Hill", description: "Green Party" }]);
    expect(second.status, second.text).toBe(200);
    const replaced = await entryRows("election.nominations_replaced", election);
    expect(replaced.map((r) => [r.key.id, r.state?.name ?? null])).toEqual([
      [kit.id, null],
      [lee.id, null],
      [second.json.nominations[0].id, "Max Hill"],
    ]);
    const report = await verify();
    expect(nominationRows(report)).toEqual([]);
    expect(report.rowsChecked).toBeGreaterThanOrEqual(3);
  });

  it("records 2000 candidates in one entry (one bound value, not one per row)", async () => {
    const election = (await byElection(wardB, thursdayAhead(34))).id;
    const many = Array.from({ length: 2000 }, (_, i) => ({ areaId: wardB, name: `Runner ${i}`, description: null }));
    expect((await put(election, many)).status).toBe(200);
    const recorded = await entryRows("election.nominations_replaced", election);
    expect(recorded).toHaveLength(2000);
    expect(recorded.every((r) => r.table === "nominations" && r.state !== null)).toBe(true);
    expect(nominationRows(await verify())).toEqual([]);
  });

  it("an election a cycle withdraws takes its candidates with it, on the record, not as tampering", async () => {
    const area = `nom-cycle-${uid()}`;
    const made = await call("POST", "/v1/areas", {
      token: ds.token,
      body: { id: area, name: "Cycle ward", kind: "council", parentId: null },
    });
    expect(made.status, made.text).toBe(201);
    const cycle = await call("POST", "/v1/cycles", {
      token: ds.token,
      body: {
        name: "Annual",
        kind: "local",
        rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=1TH",
        dtstart: "2022-05-05",
        areaIds: [area],
      },
    });
    expect(cycle.status, cycle.text).toBe(201);
    const election = cycle.json.generated[0].id as string;
    const nominated = await put(election, [{ areaId: area, name: "Nat Vale", description: "Independent" }]);
    expect(nominated.status, nominated.text).toBe(200);
    const retired = await call("POST", `/v1/cycles/${cycle.json.cycle.id}/retire`, { token: ds.token });
    expect(retired.status, retired.text).toBe(200);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM nominations WHERE election_id = ?")
      .bind(election)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
    const withdrawal = await entryRows("election.withdrawn_by_cycle", election);
    expect(withdrawal).toEqual([{ table: "nominations", key: { id: nominated.json.nominations[0].id }, state: null }]);
    expect(nominationRows(await verify())).toEqual([]);
  });
});
