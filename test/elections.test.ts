import { clock } from "../src/lib/clock";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./helpers";

let ds: string; // democratic services
let reader: string; // any signed-in user
const uid = () => crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  ds = (await userWith(["democratic_services"])).token;
  reader = (await userWith(["councillor"])).token;
  const council = await call("POST", "/v1/areas", {
    token: ds,
    body: { id: "demo-council", name: "Demo Borough Council", kind: "council" },
  });
  expect([201, 409]).toContain(council.status);
  await call("PUT", "/v1/council", {
    token: ds,
    body: {
      name: "Demo Borough Council",
      slug: "demo",
      nation: "england",
      areaId: "demo-council",
      purdahEnds: "close_of_poll",
      generalElectionPurdahStarts: "notice",
    },
  });
});

async function ward(name = "Ward") {
  const id = `ward-${uid()}`;
  const res = await call("POST", "/v1/areas", {
    token: ds,
    body: { id, name: `${name} ${id}`, kind: "ward", parentId: "demo-council", gssCode: "E05000001" },
  });
  expect(res.status, res.text).toBe(201);
  return id;
}

const auditFor = async (subjectId: string) =>
  (
    await env.DB.prepare("SELECT action FROM audit_log WHERE subject_id = ? ORDER BY seq")
      .bind(subjectId)
      .all<{ action: string }>()
  ).results.map((r) => r.action);

describe("council settings and areas", () => {
  it("records settings and refuses bad ones by field", async () => {
    const res = await call("GET", "/v1/council", { token: reader });
    expect(res.json).toMatchObject({ slug: "demo", purdahEnds: "close_of_poll" });
    const bad = await call("PUT", "/v1/council", {
      token: ds,
      body: {
        name: "X",
        slug: "Not A Slug",
        nation: "mars",
        areaId: null,
        purdahEnds: "whenever",
        generalElectionPurdahStarts: "notice",
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      "/nation",
      "/purdahEnds",
      "/slug",
    ]);
    const unknownArea = await call("PUT", "/v1/council", {
      token: ds,
      body: {
        name: "X",
        slug: "x",
        nation: "england",
        areaId: "nowhere",
        purdahEnds: "close_of_poll",
        generalElectionPurdahStarts: "notice",
      },
    });
    expect(unknownArea.status).toBe(404);
  });

  it("nests areas, refuses duplicates, unknown parents and cycles, and audits changes", async () => {
    const w = await ward();
    expect((await call("POST", "/v1/areas", { token: ds, body: { id: w, name: "Again", kind: "ward" } })).status).toBe(
      409,
    );
    const orphan = await call("POST", "/v1/areas", {
      token: ds,
      body: { id: `x-${uid()}`, name: "Orphan", kind: "ward", parentId: "no-such-area" },
    });
    expect(orphan.json.errors[0].pointer).toBe("/parentId");
    const loop = await call("PATCH", "/v1/areas/demo-council", { token: ds, body: { parentId: w } });
    expect(loop.status).toBe(422);
    expect(loop.json.detail).toMatch(/inside itself/);
    expect(
      (
        await call("POST", "/v1/areas", {
          token: ds,
          body: { id: `x-${uid()}`, name: "Bad code", kind: "ward", gssCode: "123" },
        })
      ).json.errors[0].pointer,
    ).toBe("/gssCode");
    const renamed = await call("PATCH", `/v1/areas/${w}`, { token: ds, body: { name: "Riverside" } });
    expect(renamed.json.name).toBe("Riverside");
    expect(await auditFor(w)).toEqual(["area.created", "area.updated"]);
    expect((await call("GET", "/v1/areas", { token: reader })).json.areas.some((a: { id: string }) => a.id === w)).toBe(
      true,
    );
  });
});

describe("elections", () => {
  it("records a ward by-election with a Democracy Club id, its timetable and its pre-election period", async () => {
    const w = await ward();
    const res = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: "2027-01-21", areaIds: [w], byElection: true },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      id: `local.demo.${w}.2027-01-21`,
      nation: "england",
      timetable: { noticeOfElectionBy: "2026-12-11", nominationsCloseBy: "2026-12-21" },
      preElectionPeriod: {
        start: "2026-12-11T00:00:00.000Z",
        end: "2027-01-21T22:00:00.000Z",
        startBasis: "latest_legal_notice",
      },
    });
    expect(res.json.timetable.sources.noticeOfElectionBy).toMatch(/Rules 2006/);
    expect(await auditFor(res.json.id)).toEqual(["election.created"]);
    const dup = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: "2027-01-21", areaIds: [w], byElection: true },
    });
    expect(dup.status).toBe(409);
    expect((await call("GET", `/v1/elections/${res.json.id}`, { token: reader })).json.id).toBe(res.json.id);
    expect((await call("GET", "/v1/elections/local.nowhere.2027-01-21", { token: reader })).status).toBe(404);
  });

  it("names the field for each bad election and writes nothing", async () => {
    const w = await ward();
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM elections").first<{ n: number }>())!.n;
    const cases: [unknown, string][] = [
      [{ kind: "local", pollDate: "2027-05-05", areaIds: [w] }, "/pollDate"], // a Wednesday, ordinary
      [{ kind: "local", pollDate: "2027-02-30", areaIds: [w], byElection: true }, "/pollDate"],
      [{ kind: "local", pollDate: "2027-01-21", areaIds: ["no-such-ward"], byElection: true }, "/areaIds/0"],
      [
        { kind: "local", pollDate: "2027-01-21", areaIds: [w], byElection: true, noticePublishedOn: "2027-01-05" },
        "/noticePublishedOn",
      ], // after the latest legal day
      [{ kind: "parliamentary", pollDate: "2027-01-21", areaIds: [w], byElection: true }, "/noticePublishedOn"], // no computable timetable
      [{ kind: "local", pollDate: "2027-01-21", areaIds: [w, w], byElection: true }, "/areaIds"],
      [{ kind: "mayor", pollDate: "2027-01-21", areaIds: [w] }, "/kind"],
    ];
    for (const [body, pointer] of cases) {
      const res = await call("POST", "/v1/elections", { token: ds, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(
        res.json.errors.map((e: { pointer: string }) => e.pointer),
        JSON.stringify(body),
      ).toContain(pointer);
    }
    expect((await env.DB.prepare("SELECT count(*) AS n FROM elections").first<{ n: number }>())!.n).toBe(before);
  });

  it("a parliamentary by-election is recorded with its actual notice date", async () => {
    const w = await ward();
    const res = await call("POST", "/v1/elections", {
      token: ds,
      body: {
        kind: "parliamentary",
        pollDate: "2027-03-04",
        areaIds: [w],
        byElection: true,
        noticePublishedOn: "2027-02-01",
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.timetable).toBeNull();
    expect(res.json.timetableProblem).toMatch(/writ/);
    expect(res.json.preElectionPeriod).toMatchObject({ startDate: "2027-02-01", startBasis: "notice_published" });
  });

  it("recording the actual notice date and the declaration moves the window; cancelling removes it", async () => {
    const w = await ward();
    const { json: e } = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: "2027-01-21", areaIds: [w], byElection: true },
    });
    const inBetween = "2026-12-08T12:00:00Z";
    expect((await call("GET", `/v1/purdah?at=${inBetween}&area=${w}`)).json.inPurdah).toBe(false);
    const noticed = await call("PATCH", `/v1/elections/${e.id}`, {
      token: ds,
      body: { noticePublishedOn: "2026-12-07" },
    });
    expect(noticed.json.preElectionPeriod).toMatchObject({
      start: "2026-12-07T00:00:00.000Z",
      startBasis: "notice_published",
    });
    expect((await call("GET", `/v1/purdah?at=${inBetween}&area=${w}`)).json.inPurdah).toBe(true);
    const late = await call("PATCH", `/v1/elections/${e.id}`, {
      token: ds,
      body: { declarationAt: "2027-03-01T00:00:00Z" },
    });
    expect(late.json.errors[0].pointer).toBe("/declarationAt");
    await call("PATCH", `/v1/elections/${e.id}`, { token: ds, body: { declarationAt: "2027-01-22T01:30:00Z" } });
    const cancelled = await call("PATCH", `/v1/elections/${e.id}`, { token: ds, body: { status: "cancelled" } });
    expect(cancelled.json.preElectionPeriod).toBeNull();
    expect((await call("GET", `/v1/purdah?at=${inBetween}&area=${w}`)).json.inPurdah).toBe(false);
    expect(await auditFor(e.id)).toEqual([
      "election.created",
      "election.updated",
      "election.updated",
      "election.updated",
    ]);
  });

  it("concurrent edits never both land on a stale read: one audit entry per change that happened", async () => {
    const w = await ward();
    const { json: e } = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: "2027-01-21", areaIds: [w], byElection: true },
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call("PATCH", `/v1/elections/${e.id}`, { token: ds, body: { title: `Title ${i}` } }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect((await auditFor(e.id)).filter((a) => a === "election.updated")).toHaveLength(ok.length);
  });

  it("lists elections by date, kind and area (enclosing and inside)", async () => {
    const w = await ward();
    await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: "2027-02-04", areaIds: [w], byElection: true },
    });
    const forWard = await call("GET", `/v1/elections?area=${w}&from=2027-02-01&to=2027-02-28`, { token: reader });
    expect(forWard.json.elections.map((x: { id: string }) => x.id)).toContain(`local.demo.${w}.2027-02-04`);
    const forCouncil = await call("GET", `/v1/elections?area=demo-council&kind=local&from=2027-02-04&to=2027-02-04`, {
      token: reader,
    });
    expect(forCouncil.json.elections.map((x: { id: string }) => x.id)).toContain(`local.demo.${w}.2027-02-04`);
    expect((await call("GET", "/v1/elections?area=nowhere", { token: reader })).status).toBe(404);
    expect((await call("GET", "/v1/elections?from=yesterday", { token: reader })).json.errors[0].pointer).toBe("/from");
  });
});

describe("election cycles", () => {
  const firstThursdayOfMay = (d: string) =>
    d.slice(5, 7) === "05" && Number(d.slice(8)) <= 7 && new Date(`${d}T00:00:00Z`).getUTCDay() === 4;

  it("generates upcoming ordinary elections, skips the exception year, and regenerates on change without touching past or noticed ones", async () => {
    const w = await ward("Thirds");
    // The year skipped (a county election year, say): two years on from the service's today.
    const skippedYear = clock.now().getUTCFullYear() + 2;
    const skipped = Array.from({ length: 7 }, (_, i) => `${skippedYear}-05-0${i + 1}`).find((d) =>
      firstThursdayOfMay(d),
    )!;
    const created = await call("POST", "/v1/cycles", {
      token: ds,
      body: {
        name: "Thirds",
        kind: "local",
        rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=1TH",
        dtstart: "2022-05-05",
        exdates: [skipped],
        areaIds: [w],
      },
    });
    expect(created.status, created.text).toBe(201);
    const polls: string[] = created.json.generated.map((e: { pollDate: string }) => e.pollDate);
    const today = clock.iso().slice(0, 10);
    expect(polls.length).toBeGreaterThan(0);
    for (const p of polls) {
      expect(p > today).toBe(true);
      expect(firstThursdayOfMay(p)).toBe(true);
    }
    expect(polls).not.toContain(skipped);
    expect(polls.some((p) => p.startsWith(String(skippedYear + 1)))).toBe(true);
    const cycleId = created.json.cycle.id;

    // A past election of this cycle, and a future one whose notice is published, must survive a change.
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO elections (id, title, kind, nation, by_election, business_referendum, poll_date, status, cycle_id, created_at, updated_at) VALUES (?, 'Past', 'local', 'england', 0, 0, '2024-05-02', 'scheduled', ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')",
      ).bind(`local.demo.${w}.2024-05-02`, cycleId),
      env.DB.prepare("INSERT INTO election_areas (election_id, area_id) VALUES (?, ?)").bind(
        `local.demo.${w}.2024-05-02`,
        w,
      ),
    ]);
    const noticed = created.json.generated.at(-1).id;
    const latest = created.json.generated.at(-1).timetable.noticeOfElectionBy;
    expect(
      (await call("PATCH", `/v1/elections/${noticed}`, { token: ds, body: { noticePublishedOn: latest } })).status,
    ).toBe(200);

    const changed = await call("PUT", `/v1/cycles/${cycleId}`, {
      token: ds,
      body: {
        name: "All-out",
        kind: "local",
        rrule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=5;BYDAY=1TH",
        dtstart: "2024-05-02",
        areaIds: [w],
      },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.withdrawn).not.toContain(noticed);
    expect(changed.json.withdrawn).not.toContain(`local.demo.${w}.2024-05-02`);
    const remaining = (await call("GET", `/v1/elections?area=${w}`, { token: reader })).json.elections.map(
      (e: { id: string }) => e.id,
    );
    expect(remaining).toContain(`local.demo.${w}.2024-05-02`);
    expect(remaining).toContain(noticed);
    // Withdrawn elections are gone unless the new rule generates the same poll again.
    const regenerated = new Set(changed.json.generated.map((e: { id: string }) => e.id));
    for (const id of changed.json.withdrawn) if (!regenerated.has(id)) expect(remaining).not.toContain(id);
    for (const id of regenerated) expect(remaining).toContain(id);
    expect(await auditFor(cycleId)).toEqual(["cycle.created", "cycle.updated"]);

    const retired = await call("POST", `/v1/cycles/${cycleId}/retire`, { token: ds });
    expect(retired.json.cycle.retiredAt).toBeTruthy();
    expect(
      (
        await call("PUT", `/v1/cycles/${cycleId}`, {
          token: ds,
          body: { name: "x", kind: "local", rrule: "FREQ=YEARLY", dtstart: "2024-05-02", areaIds: [w] },
        })
      ).status,
    ).toBe(409);
  });

  it("refuses a rule that is not yearly, or that generates polls that are not Thursdays", async () => {
    const w = await ward();
    const daily = await call("POST", "/v1/cycles", {
      token: ds,
      body: { name: "x", kind: "local", rrule: "FREQ=DAILY", dtstart: "2026-05-07", areaIds: [w] },
    });
    expect(daily.json.errors[0].pointer).toBe("/rrule");
    const wednesdays = await call("POST", "/v1/cycles", {
      token: ds,
      body: { name: "x", kind: "local", rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=1WE", dtstart: "2026-05-06", areaIds: [w] },
    });
    expect(wednesdays.status).toBe(422);
    expect(wednesdays.json.errors[0].pointer).toBe("/rrule");
    expect((await call("GET", "/v1/cycles", { token: reader })).status).toBe(200);
    expect((await call("GET", "/v1/cycles/nope", { token: reader })).status).toBe(404);
  });
});
