import { clock } from "../src/lib/clock";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./helpers";
import { BUNDLED_BANK_HOLIDAYS } from "../src/repo/calendar-data";

let ds: string;
let admin: string;
const uid = () => crypto.randomUUID().slice(0, 8);
let county: string;
let wardA: string;
let wardB: string;

beforeAll(async () => {
  ds = (await userWith(["democratic_services"])).token;
  admin = (await userWith(["admin"])).token;
  county = `county-${uid()}`;
  wardA = `a-${uid()}`;
  wardB = `b-${uid()}`;
  for (const [id, kind, parentId] of [
    [county, "council", null],
    [wardA, "ward", county],
    [wardB, "ward", county],
  ] as const) {
    expect(
      (await call("POST", "/v1/areas", { token: ds, body: { id, name: `Area ${id}`, kind, parentId } })).status,
    ).toBe(201);
  }
  // A by-election in ward A across the spring clock change, and a county-wide election.
  expect(
    (
      await call("POST", "/v1/elections", {
        token: ds,
        body: { kind: "local", pollDate: "2027-04-15", areaIds: [wardA], byElection: true },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call("POST", "/v1/elections", {
        token: ds,
        body: { kind: "local", pollDate: "2028-05-04", areaIds: [county] },
      })
    ).status,
  ).toBe(201);
});

describe("GET /v1/purdah", () => {
  it("answers a repeated question from memory only until an election changes: the same query string sees the new election", async () => {
    const ward = `m-${uid()}`;
    expect(
      (
        await call("POST", "/v1/areas", {
          token: ds,
          body: { id: ward, name: `Area ${ward}`, kind: "ward", parentId: county },
        })
      ).status,
    ).toBe(201);
    const q = `/v1/purdah?at=2029-04-20T12:00:00Z&area=${ward}`;
    for (let i = 0; i < 3; i++) expect((await call("GET", q)).json.inPurdah).toBe(false);
    const created = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: "2029-05-03", areaIds: [ward], byElection: true },
    });
    expect(created.status).toBe(201);
    const again = await call("GET", q);
    expect(again.json.inPurdah).toBe(true);
    expect(again.json.windows[0].pollDate).toBe("2029-05-03");
    // Bad input is never answered from memory
    expect((await call("GET", "/v1/purdah?at=not-a-date")).status).toBe(422);
    expect((await call("GET", "/v1/purdah?at=not-a-date")).status).toBe(422);
  });

  it("finds the window in force for the ward, with its election and source; none for the sibling ward", async () => {
    const a = await call("GET", `/v1/purdah?at=2027-04-01T12:00:00Z&area=${wardA}`);
    expect(a.status).toBe(200);
    expect(a.json.inPurdah).toBe(true);
    expect(a.json.windows).toHaveLength(1);
    expect(a.json.windows[0]).toMatchObject({
      electionId: expect.stringContaining(wardA),
      pollDate: "2027-04-15",
      endBasis: "close_of_poll",
    });
    expect(a.json.source).toMatch(/Local Government Act 1986/);
    expect((await call("GET", `/v1/purdah?at=2027-04-01T12:00:00Z&area=${wardB}`)).json.inPurdah).toBe(false);
  });

  it("starts at 00:00 London on the notice day, in UTC across the spring clock change", async () => {
    const { json } = await call("GET", `/v1/purdah?at=2027-04-14T12:00:00Z&area=${wardA}`);
    const w = json.windows[0];
    // 25 working days before Thu 15 Apr 2027, skipping Easter (26 and 29 Mar 2027): Tue 9 Mar 2027, in GMT.
    expect(w.startDate).toBe("2027-03-09");
    expect(w.start).toBe("2027-03-09T00:00:00.000Z");
    // Close of poll 22:00 BST is 21:00 UTC.
    expect(w.end).toBe("2027-04-15T21:00:00.000Z");
    expect((await call("GET", `/v1/purdah?at=2027-04-15T21:00:00Z&area=${wardA}`)).json.inPurdah).toBe(false);
    expect((await call("GET", `/v1/purdah?at=2027-04-15T20:59:59Z&area=${wardA}`)).json.inPurdah).toBe(true);
  });

  it("a ward is covered by its county's election (enclosing); the county sees its wards' by-elections only when intersecting", async () => {
    expect((await call("GET", `/v1/purdah?at=2028-04-20T12:00:00Z&area=${wardB}`)).json.inPurdah).toBe(true);
    expect((await call("GET", `/v1/purdah?at=2027-04-01T12:00:00Z&area=${county}`)).json.inPurdah).toBe(false);
    expect(
      (await call("GET", `/v1/purdah?at=2027-04-01T12:00:00Z&area=${county}&scope=intersecting`)).json.inPurdah,
    ).toBe(true);
  });

  it("lists windows intersecting a range", async () => {
    const { json } = await call("GET", `/v1/purdah?from=2027-01-01T00:00:00Z&to=2029-01-01T00:00:00Z&area=${wardA}`);
    expect(json.windows.map((w: { pollDate: string }) => w.pollDate)).toEqual(["2027-04-15", "2028-05-04"]);
  });

  it("a setting to end at the declaration changes the windows at once", async () => {
    const before = await call("GET", "/v1/council", { token: ds });
    const settings = {
      name: before.json.name,
      slug: before.json.slug,
      nation: before.json.nation,
      areaId: before.json.areaId,
      purdahEnds: "declaration",
      generalElectionPurdahStarts: "notice",
    };
    await call("PUT", "/v1/council", { token: ds, body: settings });
    try {
      const { json } = await call("GET", `/v1/purdah?at=2027-04-16T08:00:00Z&area=${wardA}`);
      expect(json.windows[0]).toMatchObject({ endBasis: "expected_declaration", end: "2027-04-16T23:00:00.000Z" });
    } finally {
      await call("PUT", "/v1/council", { token: ds, body: { ...settings, purdahEnds: before.json.purdahEnds } });
    }
  });

  it("refuses bad questions by field", async () => {
    const pointers = async (qs: string) =>
      (await call("GET", `/v1/purdah?${qs}`)).json.errors.map((e: { pointer: string }) => e.pointer);
    expect(await pointers("at=tomorrow")).toEqual(["/at"]);
    expect(await pointers("at=2027-01-01T00:00:00Z&from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z")).toContain(
      "/at",
    );
    expect(await pointers("from=2027-01-01T00:00:00Z")).toEqual(["/to"]);
    expect(await pointers("from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z")).toEqual(["/to"]);
    expect(await pointers("area=atlantis")).toEqual(["/area"]);
    expect(await pointers("scope=everywhere")).toEqual(["/scope"]);
  });
});

describe("the ICS feed", () => {
  it("serves windows and polls with stable UIDs, for everyone and per area", async () => {
    const all = await call("GET", "/v1/calendars/purdah.ics");
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(all.text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    const unfolded = all.text.replace(/\r\n /g, "");
    expect(unfolded).toMatch(new RegExp(`UID:purdah-local\\.[a-z0-9-]+\\.${wardA}\\.2027-04-15@`));
    expect(unfolded).toContain("DTSTART:20270309T000000Z");
    const again = await call("GET", "/v1/calendars/purdah.ics");
    expect(again.text).toBe(all.text);
    const forB = (await call("GET", `/v1/calendars/areas/${wardB}/purdah.ics`)).text.replace(/\r\n /g, "");
    expect(forB).not.toContain(wardA);
    expect(forB).toContain("2028-05-04");
    expect((await call("GET", "/v1/calendars/areas/atlantis/purdah.ics")).status).toBe(404);
  });

  it("UIDs do not depend on the hostname the feed is read through", async () => {
    const uids = async (host: string) =>
      (await call("GET", `https://${host}/v1/calendars/purdah.ics`)).text
        .replace(/\r\n /g, "")
        .split("\r\n")
        .filter((l) => l.startsWith("UID:"));
    const a = await uids("governance.council.example");
    expect(a.length).toBeGreaterThan(0);
    expect(await uids("evil.example")).toEqual(a);
    expect(a.join("\n")).not.toContain("example");
  });

  it("carries an ETag and answers a repeated poll with 304 and no body until the calendar changes", async () => {
    const first = await call("GET", "/v1/calendars/purdah.ics");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const same = await call("GET", "/v1/calendars/purdah.ics", { headers: { "if-none-match": etag } });
    expect(same.status).toBe(304);
    expect(same.text).toBe("");
    expect(same.headers.get("etag")).toBe(etag);
    const listed = await call("GET", "/v1/calendars/purdah.ics", {
      headers: { "if-none-match": `"other", W/${etag}` },
    });
    expect(listed.status).toBe(304);
    const stale = await call("GET", "/v1/calendars/purdah.ics", { headers: { "if-none-match": '"stale"' } });
    expect(stale.status).toBe(200);
    // A change to the calendar changes the ETag.
    const ward = `etag-${crypto.randomUUID().slice(0, 6)}`;
    await call("POST", "/v1/areas", { token: ds, body: { id: ward, name: "ETag ward", kind: "ward" } });
    const poll = new Date(clock.ms() + 200 * 86_400_000);
    while (poll.getUTCDay() !== 4) poll.setUTCDate(poll.getUTCDate() + 1);
    const made = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: poll.toISOString().slice(0, 10), areaIds: [ward], byElection: true },
    });
    expect(made.status, made.text).toBe(201);
    const changed = await call("GET", "/v1/calendars/purdah.ics", { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });
});

describe("GET /v1/timetable", () => {
  it("answers without auth with every date and its source", async () => {
    const res = await call("GET", "/v1/timetable?kind=local&nation=england&poll=2026-05-07");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      kind: "local",
      nation: "england",
      pollDate: "2026-05-07",
      noticeOfElectionBy: "2026-03-30",
      nominationsCloseBy: "2026-04-09",
      preElectionPeriod: { start: "2026-03-30", end: "2026-05-07" },
    });
    expect(res.json.sources.nominationsCloseBy).toMatch(/19th working day/);
    const ge = await call("GET", "/v1/timetable?kind=parliamentary&nation=england&poll=2024-07-04&declared=2024-07-05");
    expect(ge.json).toMatchObject({ dissolution: "2024-05-30", spendingReturnDue: "2024-08-09" });
  });

  it("answers for every UK election: a UK general election counts every part of the UK's bank holidays, with both SoPN deadlines", async () => {
    // House of Commons Library CBP-8728; RULES.md §1: GE 12 Dec 2019, notice by 11 Nov, nominations 14 Nov.
    const ge = await call("GET", "/v1/timetable?kind=parliamentary&nation=england&poll=2019-12-12");
    expect(ge.status).toBe(200);
    expect(ge.json).toMatchObject({
      bankHolidaysOf: "united-kingdom",
      noticeOfElectionBy: "2019-11-11",
      nominationsCloseBy: "2019-11-14",
      statementOfPersonsNominatedBy: "2019-11-14",
      statementOfPersonsNominatedIfObjectionsBy: "2019-11-15",
    });
    // London Elects, 2 May 2024: notice by Tue 19 Mar.
    const gla = await call("GET", "/v1/timetable?kind=london-mayor&nation=england&poll=2024-05-02");
    expect(gla.json.noticeOfElectionBy).toBe("2024-03-19");
    const byElection = await call(
      "GET",
      "/v1/timetable?kind=parliamentary&nation=scotland&poll=2027-01-07&byElection=true&writ=2026-11-26",
    );
    expect(byElection.json).toMatchObject({ writReceived: "2026-11-26", noticeOfElectionBy: "2026-12-01" });
  });

  it("is a 422 naming the problem for impossible, unknown or unsupported questions", async () => {
    const check = async (qs: string, pointer: string, code = "validation_failed") => {
      const res = await call("GET", `/v1/timetable?${qs}`);
      expect(res.status, qs).toBe(422);
      expect(res.json.code, qs).toBe(code);
      expect(
        res.json.errors.map((e: { pointer: string }) => e.pointer),
        qs,
      ).toContain(pointer);
    };
    await check("kind=local&nation=england&poll=2026-02-30", "/poll");
    await check("kind=local&nation=england&poll=2026-05-06", "/poll");
    await check("kind=council&nation=england&poll=2026-05-07", "/kind");
    await check("kind=local&nation=atlantis&poll=2026-05-07", "/nation");
    await check("kind=local&nation=england&poll=2045-05-04", "/poll");
    await check("kind=pcc&nation=scotland&poll=2026-05-07", "/kind", "unsupported");
    await check("kind=parish&nation=northern-ireland&poll=2026-05-07", "/kind", "unsupported");
    await check("kind=senedd&nation=england&poll=2026-05-07", "/kind", "unsupported");
    await check("kind=parliamentary&nation=england&poll=2026-05-07&byElection=true", "/writ", "unsupported");
    await check("kind=parliamentary&nation=england&poll=2026-03-12&byElection=true&writ=2026-03-02", "/poll");
    await check("kind=senedd&nation=wales&poll=2027-03-16&byElection=true", "/byElection");
    await check("kind=local&nation=england&poll=2026-05-07&byElection=maybe", "/byElection");
  });
});

describe("a UK Parliament by-election recorded with its writ", () => {
  it("runs its timetable and pre-election period forward from the writ; a correction moves them; a writ on any other election is refused", async () => {
    const ward = `w-${uid()}`;
    expect(
      (
        await call("POST", "/v1/areas", {
          token: ds,
          body: { id: ward, name: `Area ${ward}`, kind: "ward", parentId: county },
        })
      ).status,
    ).toBe(201);
    // Without the writ and without a recorded notice there is no timetable: the council is told what to record.
    const bare = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "parliamentary", nation: "scotland", pollDate: "2027-01-07", areaIds: [ward], byElection: true },
    });
    expect(bare.status).toBe(422);
    expect(bare.json.errors[0].pointer).toBe("/noticePublishedOn");
    // With it (the same case as the calculator above: writ Thu 26 Nov 2026, notice by Tue 1 Dec, St Andrew's Day disregarded)
    const created = await call("POST", "/v1/elections", {
      token: ds,
      body: {
        kind: "parliamentary",
        nation: "scotland",
        pollDate: "2027-01-07",
        areaIds: [ward],
        byElection: true,
        writReceived: "2026-11-26",
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      writReceived: "2026-11-26",
      timetable: { writReceived: "2026-11-26", noticeOfElectionBy: "2026-12-01" },
      preElectionPeriod: { startDate: "2026-12-01" },
    });
    const id = created.json.id;
    // The writ arrived a day later: the notice deadline moves with it
    const moved = await call("PATCH", `/v1/elections/${id}`, { token: ds, body: { writReceived: "2026-11-27" } });
    expect(moved.status).toBe(200);
    expect(moved.json.timetable.noticeOfElectionBy).toBe("2026-12-02");
    expect((await call("GET", `/v1/elections/${id}`, { token: ds })).json.writReceived).toBe("2026-11-27");
    // A writ after the poll, or on a local election, names the field
    const late = await call("PATCH", `/v1/elections/${id}`, { token: ds, body: { writReceived: "2027-01-08" } });
    expect(late.status).toBe(422);
    expect(late.json.errors[0].pointer).toBe("/writReceived");
    const local = await call("POST", "/v1/elections", {
      token: ds,
      body: { kind: "local", pollDate: "2029-05-03", areaIds: [ward], writReceived: "2029-03-01" },
    });
    expect(local.status).toBe(422);
    expect(local.json.errors[0].pointer).toBe("/writReceived");
  });
});

describe("bank holidays and appointed days", () => {
  it("an admin's newer gov.uk file extends the calendar; a malformed one changes nothing", async () => {
    // Before the newer file, 2029 is computed on bank holidays projected by rule, and says so.
    const projected = await call("GET", "/v1/timetable?kind=local&nation=england&poll=2029-05-03");
    expect(projected.status).toBe(200);
    expect(projected.json.notes.join(" ")).toMatch(/projected/);
    const file = structuredClone(BUNDLED_BANK_HOLIDAYS);
    for (const division of Object.keys(file) as (keyof typeof file)[]) {
      file[division].events.push(
        { title: "New Year’s Day", date: "2029-01-01", notes: "", bunting: true },
        { title: "Good Friday", date: "2029-03-30", notes: "", bunting: false },
        { title: "Early May bank holiday", date: "2029-05-07", notes: "", bunting: true },
        { title: "Christmas Day", date: "2029-12-25", notes: "", bunting: true },
      );
    }
    const malformed = structuredClone(file) as Record<string, any>;
    malformed.scotland.events[3].date = "2029-13-01";
    delete malformed["northern-ireland"];
    const bad = await call("PUT", "/v1/calendars/bank-holidays", { token: admin, body: malformed });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(["/scotland/events/3/date", "/northern-ireland"]),
    );
    expect((await env.DB.prepare("SELECT count(*) AS n FROM bank_holiday_uploads").first<{ n: number }>())!.n).toBe(0);

    const ok = await call("PUT", "/v1/calendars/bank-holidays", { token: admin, body: file });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.divisions.scotland.years).toContain(2029);
    const t = await call("GET", "/v1/timetable?kind=local&nation=england&poll=2029-05-03");
    expect(t.status).toBe(200);
    expect(t.json.notes.join(" ")).not.toMatch(/projected/);
    expect((await call("GET", "/v1/calendars/bank-holidays")).json.coverage["england-and-wales"]).toEqual({
      first: 2018,
      last: 2029,
    });
    expect(
      (await env.DB.prepare(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'calendar.bank_holidays_uploaded'",
      ).first<{ n: number }>())!.n,
    ).toBe(1);
  });

  it("a day of mourning recorded by democratic services is disregarded at once", async () => {
    const q = "/v1/timetable?kind=local&nation=england&poll=2026-06-18&byElection=true";
    expect((await call("GET", q)).json.proxyDeadline).toBe("2026-06-10");
    const add = await call("POST", "/v1/calendars/appointed-days", {
      token: ds,
      body: {
        date: "2026-06-10",
        title: "National day of mourning",
        divisions: ["england-and-wales"],
        source: "Proclamation (test)",
      },
    });
    expect(add.status, add.text).toBe(201);
    try {
      expect((await call("GET", q)).json.proxyDeadline).toBe("2026-06-09");
      expect(
        (
          await call("POST", "/v1/calendars/appointed-days", {
            token: ds,
            body: { date: "2026-06-10", title: "Again", divisions: ["scotland"], source: "x" },
          })
        ).status,
      ).toBe(409);
      expect(
        (await call("GET", "/v1/calendars/appointed-days")).json.appointedDays.map((d: { date: string }) => d.date),
      ).toContain("2026-06-10");
    } finally {
      expect((await call("DELETE", "/v1/calendars/appointed-days/2026-06-10", { token: ds })).status).toBe(204);
    }
    expect((await call("GET", q)).json.proxyDeadline).toBe("2026-06-10");
    expect((await call("DELETE", "/v1/calendars/appointed-days/2026-06-10", { token: ds })).status).toBe(404);
  });
});
